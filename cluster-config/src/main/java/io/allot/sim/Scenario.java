/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.sim;

import io.allot.resources.ResourceNames;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeSet;

/**
 * A parsed scenario: the cluster at time 0, the timed actions in the order they apply, and how long to run.
 * Built by {@link ScenarioParser}; immutable once built.
 */
public final class Scenario
{
    private final String source;
    private final long seed;
    private final ScenarioConfig config;
    private final ResourceNames names;
    private final List<AgentSpec> agents;
    private final List<RoleSpec> roles;
    private final List<FrameworkSpec> frameworks;
    private final List<ScenarioEvent> events;
    private final long runMs;
    private final List<String> frameworkIds;
    private final int agentCount;

    Scenario(
        final String source,
        final long seed,
        final ScenarioConfig config,
        final ResourceNames names,
        final List<AgentSpec> agents,
        final List<RoleSpec> roles,
        final List<FrameworkSpec> frameworks,
        final List<ScenarioEvent> events,
        final long runMs)
    {
        this.source = source;
        this.seed = seed;
        this.config = config;
        this.names = names;
        this.agents = Collections.unmodifiableList(new ArrayList<>(agents));
        this.roles = Collections.unmodifiableList(new ArrayList<>(roles));
        this.frameworks = Collections.unmodifiableList(new ArrayList<>(frameworks));
        this.events = Collections.unmodifiableList(new ArrayList<>(events));
        this.runMs = runMs;

        final TreeSet<String> ids = new TreeSet<>();
        int agentCount = agents.size();
        for (final FrameworkSpec framework : frameworks)
        {
            ids.add(framework.id());
        }
        for (final ScenarioEvent event : events)
        {
            if (null != event.framework())
            {
                ids.add(event.framework().id());
            }
            if (null != event.agent())
            {
                agentCount++;
            }
        }
        this.frameworkIds = Collections.unmodifiableList(new ArrayList<>(ids));
        this.agentCount = agentCount;
    }

    /**
     * @return name of the scenario, usually its path.
     */
    public String source()
    {
        return source;
    }

    /**
     * @return the {@code seed} of the scenario, 0 if it has none.
     */
    public long seed()
    {
        return seed;
    }

    /**
     * @return the engine settings.
     */
    public ScenarioConfig config()
    {
        return config;
    }

    /**
     * @return registry of the scalar resource names the scenario uses.
     */
    public ResourceNames names()
    {
        return names;
    }

    /**
     * @return agents that register at time 0, in file order.
     */
    public List<AgentSpec> agents()
    {
        return agents;
    }

    /**
     * @return the {@code role} lines, applied at time 0 after the agents register and before the frameworks subscribe,
     *         in file order.
     */
    public List<RoleSpec> roles()
    {
        return roles;
    }

    /**
     * @return frameworks that subscribe at time 0, in file order.
     */
    public List<FrameworkSpec> frameworks()
    {
        return frameworks;
    }

    /**
     * @return the {@code at} actions, by time and then in file order.
     */
    public List<ScenarioEvent> events()
    {
        return events;
    }

    /**
     * @return virtual time at which the run ends.
     */
    public long runMs()
    {
        return runMs;
    }

    /**
     * @return id of every framework of the scenario, sorted.
     */
    public List<String> frameworkIds()
    {
        return frameworkIds;
    }

    /**
     * @return number of agents of the scenario, those added later included.
     */
    public int agentCount()
    {
        return agentCount;
    }
}

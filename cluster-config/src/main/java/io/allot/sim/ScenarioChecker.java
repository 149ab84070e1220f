/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.sim;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks, in the order the actions apply, that every {@code at} line names a framework or agent that exists and is
 * in a state the action makes sense for, and that no action falls after the end of the run; that every role a
 * {@code set-weight} or {@code set-quota} names is declared by a {@code role} line or used by a framework; and that
 * every agent id a framework prefers is an agent of the scenario.
 */
final class ScenarioChecker
{
    private final String source;
    private final Map<String, Integer> agentLines;
    private final Map<String, Integer> frameworkLines;
    private final Map<String, String> agentRemoved = new HashMap<>();
    private final Map<String, String> frameworkRemoved = new HashMap<>();
    private final Map<String, String> frameworkDisconnected = new HashMap<>();
    private final Map<String, Boolean> agentsPresent = new HashMap<>();
    private final Map<String, Boolean> frameworksPresent = new HashMap<>();
    private final Set<String> knownRoles = new HashSet<>();

    ScenarioChecker(final String source, final Map<String, Integer> agentLines, final Map<String, Integer> frameworkLines)
    {
        this.source = source;
        this.agentLines = agentLines;
        this.frameworkLines = frameworkLines;
    }

    void check(
        final List<AgentSpec> agents,
        final List<RoleSpec> roles,
        final List<FrameworkSpec> frameworks,
        final List<ScenarioEvent> events,
        final long runMs)
    {
        for (final AgentSpec agent : agents)
        {
            agentsPresent.put(agent.id(), Boolean.TRUE);
        }
        for (final RoleSpec role : roles)
        {
            knownRoles.add(role.name());
        }
        for (final FrameworkSpec framework : frameworks)
        {
            frameworksPresent.put(framework.id(), Boolean.TRUE);
            checkFrameworkSpec(framework);
        }
        for (final ScenarioEvent event : events)
        {
            if (null != event.framework())
            {
                checkFrameworkSpec(event.framework());
            }
        }

        for (final ScenarioEvent event : events)
        {
            if (event.timeMs() > runMs)
            {
                throw error(event, "at " + Durations.format(event.timeMs()) + " is after the end of the run (run " +
                    Durations.format(runMs) + ")");
            }

            if (ScenarioAction.Target.AGENT == event.action().target())
            {
                checkAgent(event);
            }
            else if (ScenarioAction.Target.ROLE == event.action().target())
            {
                if (!knownRoles.contains(event.id()))
                {
                    throw error(event, "unknown role '" + event.id() + "' (declare it with a 'role' line or give it to a framework)");
                }
            }
            else
            {
                checkFramework(event);
            }
        }
    }

    private void checkFrameworkSpec(final FrameworkSpec framework)
    {
        knownRoles.add(framework.role());
        final String prefer = framework.prefer();
        if (prefer.isEmpty() || prefer.indexOf(':') >= 0)
        {
            return;
        }
        for (final String agent : prefer.split(","))
        {
            if (!agentLines.containsKey(agent))
            {
                throw new ScenarioException(source, framework.line(), "framework '" + framework.id() + "' prefers unknown agent '" +
                    agent + "'");
            }
        }
    }

    private void checkAgent(final ScenarioEvent event)
    {
        final String id = event.id();
        if (ScenarioAction.ADD_AGENT == event.action())
        {
            agentsPresent.put(id, Boolean.TRUE);
            return;
        }

        if (!agentsPresent.containsKey(id))
        {
            throw error(event, agentLines.containsKey(id) ?
                "agent '" + id + "' is not added yet (it is added at line " + agentLines.get(id) + ")" :
                "unknown agent '" + id + "'");
        }
        if (agentRemoved.containsKey(id))
        {
            throw error(event, "agent '" + id + "' was removed " + agentRemoved.get(id));
        }
        if (ScenarioAction.REMOVE_AGENT == event.action())
        {
            agentRemoved.put(id, where(event));
        }
    }

    private void checkFramework(final ScenarioEvent event)
    {
        final String id = event.id();
        if (ScenarioAction.ADD_FRAMEWORK == event.action())
        {
            frameworksPresent.put(id, Boolean.TRUE);
            return;
        }

        if (!frameworksPresent.containsKey(id))
        {
            throw error(event, frameworkLines.containsKey(id) ?
                "framework '" + id + "' is not added yet (it is added at line " + frameworkLines.get(id) + ")" :
                "unknown framework '" + id + "'");
        }
        if (frameworkRemoved.containsKey(id))
        {
            throw error(event, "framework '" + id + "' was removed " + frameworkRemoved.get(id));
        }

        final String disconnected = frameworkDisconnected.get(id);
        if (ScenarioAction.RECONNECT_FRAMEWORK == event.action())
        {
            if (null == disconnected)
            {
                throw error(event, "framework '" + id + "' is not disconnected");
            }
            frameworkDisconnected.remove(id);
            return;
        }
        if (null != disconnected)
        {
            throw error(event, "framework '" + id + "' is disconnected " + disconnected + "; reconnect it first");
        }

        if (ScenarioAction.REMOVE_FRAMEWORK == event.action())
        {
            frameworkRemoved.put(id, where(event));
        }
        else if (ScenarioAction.DISCONNECT_FRAMEWORK == event.action())
        {
            frameworkDisconnected.put(id, where(event));
        }
    }

    private static String where(final ScenarioEvent event)
    {
        return "at " + Durations.format(event.timeMs()) + " (line " + event.line() + ")";
    }

    private ScenarioException error(final ScenarioEvent event, final String reason)
    {
        return new ScenarioException(source, event.line(), reason);
    }
}

/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.engine;

import io.allot.resources.MinAllocatable;
import io.allot.resources.ResourceNames;

/**
 * Configuration of an {@link Engine}, with Mesos's defaults. Durations are in milliseconds of cluster time.
 * {@link #conclude()} validates and may be called once.
 */
public final class EngineContext
{
    /** Mesos {@code --allocation_interval}: the periodic pass that catches expiring filters and timeouts. */
    public static final long DEFAULT_ALLOCATION_INTERVAL_MS = 1_000;
    /** Mesos {@code Filters.refuse_seconds}. */
    public static final long DEFAULT_REFUSE_MS = 5_000;
    /** Mesos {@code --agent_ping_timeout}. */
    public static final long DEFAULT_AGENT_PING_TIMEOUT_MS = 15_000;
    /** Mesos {@code --max_agent_ping_timeouts}. */
    public static final int DEFAULT_MAX_AGENT_PING_TIMEOUTS = 5;
    /** Mesos scheduler API heartbeat. */
    public static final long DEFAULT_HEARTBEAT_INTERVAL_MS = 15_000;
    /** Mesos {@code --min_allocatable_resources}. */
    public static final String DEFAULT_MIN_ALLOCATABLE = "cpus:0.01|mem:32";
    /** Grace between a revocation and the kill of the revoked tasks (the paper's grace period). */
    public static final long DEFAULT_REVOCATION_GRACE_MS = 5_000;
    /** No offer timeout, as in Mesos. */
    public static final long NO_TIMEOUT = -1;

    private boolean isConcluded;
    private long allocationIntervalMs = DEFAULT_ALLOCATION_INTERVAL_MS;
    private long offerTimeoutMs = NO_TIMEOUT;
    private long defaultRefuseMs = DEFAULT_REFUSE_MS;
    private long agentPingTimeoutMs = DEFAULT_AGENT_PING_TIMEOUT_MS;
    private int maxAgentPingTimeouts = DEFAULT_MAX_AGENT_PING_TIMEOUTS;
    private long heartbeatIntervalMs = DEFAULT_HEARTBEAT_INTERVAL_MS;
    private String minAllocatableText = DEFAULT_MIN_ALLOCATABLE;
    private long revocationGraceMs = DEFAULT_REVOCATION_GRACE_MS;
    private long seed = 0;
    private String roleSorter = Sorter.DRF;
    private String frameworkSorter = Sorter.DRF;
    private int initialAgentCapacity = 1024;
    private int initialFrameworkCapacity = 64;
    private int initialTaskCapacity = 4096;
    private ResourceNames resourceNames;
    private MinAllocatable minAllocatable;

    /**
     * Validate and fill in defaults.
     *
     * @return this for a fluent API.
     * @throws IllegalStateException    if called twice.
     * @throws IllegalArgumentException naming the bad setting.
     */
    public EngineContext conclude()
    {
        if (isConcluded)
        {
            throw new IllegalStateException("EngineContext already concluded");
        }
        isConcluded = true;

        requirePositive("allocation_interval", allocationIntervalMs);
        requirePositive("agent_ping_timeout", agentPingTimeoutMs);
        requirePositive("max_agent_ping_timeouts", maxAgentPingTimeouts);
        requirePositive("heartbeat_interval", heartbeatIntervalMs);
        if (offerTimeoutMs != NO_TIMEOUT)
        {
            requirePositive("offer_timeout", offerTimeoutMs);
        }
        if (defaultRefuseMs < 0)
        {
            throw new IllegalArgumentException("refuse_seconds must be >= 0: " + defaultRefuseMs + " ms");
        }
        if (revocationGraceMs < 0)
        {
            throw new IllegalArgumentException("revocation_grace must be >= 0: " + revocationGraceMs + " ms");
        }
        requireSorter("role_sorter", roleSorter);
        requireSorter("framework_sorter", frameworkSorter);
        requirePositive("initial agent capacity", initialAgentCapacity);
        requirePositive("initial framework capacity", initialFrameworkCapacity);
        requirePositive("initial task capacity", initialTaskCapacity);

        if (null == resourceNames)
        {
            resourceNames = new ResourceNames();
        }
        minAllocatable = MinAllocatable.parse(null == minAllocatableText ? "" : minAllocatableText, resourceNames);

        return this;
    }

    private static void requireSorter(final String name, final String value)
    {
        if (!Sorter.DRF.equals(value) && !Sorter.RANDOM.equals(value))
        {
            throw new IllegalArgumentException(name + " must be 'drf' or 'random': '" + value + "'");
        }
    }

    private static void requirePositive(final String name, final long value)
    {
        if (value <= 0)
        {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }

    /**
     * @param ms interval of the periodic allocation pass.
     * @return this for a fluent API.
     */
    public EngineContext allocationIntervalMs(final long ms)
    {
        this.allocationIntervalMs = ms;
        return this;
    }

    /**
     * @return interval of the periodic allocation pass.
     */
    public long allocationIntervalMs()
    {
        return allocationIntervalMs;
    }

    /**
     * @param ms time after which an unanswered offer is rescinded, or {@link #NO_TIMEOUT}.
     * @return this for a fluent API.
     */
    public EngineContext offerTimeoutMs(final long ms)
    {
        this.offerTimeoutMs = ms;
        return this;
    }

    /**
     * @return offer timeout or {@link #NO_TIMEOUT}.
     */
    public long offerTimeoutMs()
    {
        return offerTimeoutMs;
    }

    /**
     * @param ms filter duration used when a call gives a negative refuse time.
     * @return this for a fluent API.
     */
    public EngineContext defaultRefuseMs(final long ms)
    {
        this.defaultRefuseMs = ms;
        return this;
    }

    /**
     * @return default filter duration.
     */
    public long defaultRefuseMs()
    {
        return defaultRefuseMs;
    }

    /**
     * @param ms time an agent has to answer a ping.
     * @return this for a fluent API.
     */
    public EngineContext agentPingTimeoutMs(final long ms)
    {
        this.agentPingTimeoutMs = ms;
        return this;
    }

    /**
     * @return time an agent has to answer a ping.
     */
    public long agentPingTimeoutMs()
    {
        return agentPingTimeoutMs;
    }

    /**
     * @param count consecutive unanswered pings after which an agent is lost.
     * @return this for a fluent API.
     */
    public EngineContext maxAgentPingTimeouts(final int count)
    {
        this.maxAgentPingTimeouts = count;
        return this;
    }

    /**
     * @return consecutive unanswered pings after which an agent is lost.
     */
    public int maxAgentPingTimeouts()
    {
        return maxAgentPingTimeouts;
    }

    /**
     * @param ms interval of heartbeats to frameworks.
     * @return this for a fluent API.
     */
    public EngineContext heartbeatIntervalMs(final long ms)
    {
        this.heartbeatIntervalMs = ms;
        return this;
    }

    /**
     * @return interval of heartbeats to frameworks.
     */
    public long heartbeatIntervalMs()
    {
        return heartbeatIntervalMs;
    }

    /**
     * @param text minimum offer size in Mesos syntax, e.g. {@code cpus:0.01|mem:32}; empty for none.
     * @return this for a fluent API.
     */
    public EngineContext minAllocatable(final String text)
    {
        this.minAllocatableText = text;
        return this;
    }

    /**
     * @return the parsed minimum offer size, after {@link #conclude()}.
     */
    public MinAllocatable minAllocatable()
    {
        return minAllocatable;
    }

    /**
     * @return the minimum offer size as given.
     */
    public String minAllocatableText()
    {
        return minAllocatableText;
    }

    /**
     * @param ms grace between a revocation and the kill of the revoked tasks that are still running.
     * @return this for a fluent API.
     */
    public EngineContext revocationGraceMs(final long ms)
    {
        this.revocationGraceMs = ms;
        return this;
    }

    /**
     * @return grace between a revocation and the kill of the revoked tasks.
     */
    public long revocationGraceMs()
    {
        return revocationGraceMs;
    }

    /**
     * @param seed seed of the engine's PRNG (agent order, uuids).
     * @return this for a fluent API.
     */
    public EngineContext seed(final long seed)
    {
        this.seed = seed;
        return this;
    }

    /**
     * @return seed of the engine's PRNG.
     */
    public long seed()
    {
        return seed;
    }

    /**
     * @param kind Mesos's {@code --role_sorter}: {@code drf} (default) or {@code random}.
     * @return this for a fluent API.
     */
    public EngineContext roleSorter(final String kind)
    {
        this.roleSorter = kind;
        return this;
    }

    /**
     * @return how roles are ordered: {@code drf} or {@code random}.
     */
    public String roleSorter()
    {
        return roleSorter;
    }

    /**
     * @param kind Mesos's {@code --framework_sorter}: {@code drf} (default) or {@code random}.
     * @return this for a fluent API.
     */
    public EngineContext frameworkSorter(final String kind)
    {
        this.frameworkSorter = kind;
        return this;
    }

    /**
     * @return how frameworks within a role are ordered: {@code drf} or {@code random}.
     */
    public String frameworkSorter()
    {
        return frameworkSorter;
    }

    /**
     * @param names registry of scalar resource names shared with the caller.
     * @return this for a fluent API.
     */
    public EngineContext resourceNames(final ResourceNames names)
    {
        this.resourceNames = names;
        return this;
    }

    /**
     * @return registry of scalar resource names.
     */
    public ResourceNames resourceNames()
    {
        return resourceNames;
    }

    /**
     * @param agents    initial capacity of the agent table.
     * @param frameworks initial capacity of the framework table.
     * @param tasks     initial capacity of the task table.
     * @return this for a fluent API.
     */
    public EngineContext initialCapacity(final int agents, final int frameworks, final int tasks)
    {
        this.initialAgentCapacity = agents;
        this.initialFrameworkCapacity = frameworks;
        this.initialTaskCapacity = tasks;
        return this;
    }

    /**
     * @return initial capacity of the agent table.
     */
    public int initialAgentCapacity()
    {
        return initialAgentCapacity;
    }

    /**
     * @return initial capacity of the framework table.
     */
    public int initialFrameworkCapacity()
    {
        return initialFrameworkCapacity;
    }

    /**
     * @return initial capacity of the task table.
     */
    public int initialTaskCapacity()
    {
        return initialTaskCapacity;
    }

    /**
     * The configuration as {@code key=value} lines in a fixed order, for snapshots and digests.
     *
     * @return the canonical text.
     */
    public String toCanonicalString()
    {
        return "allocation_interval_ms=" + allocationIntervalMs + '\n' +
            "offer_timeout_ms=" + offerTimeoutMs + '\n' +
            "default_refuse_ms=" + defaultRefuseMs + '\n' +
            "agent_ping_timeout_ms=" + agentPingTimeoutMs + '\n' +
            "max_agent_ping_timeouts=" + maxAgentPingTimeouts + '\n' +
            "heartbeat_interval_ms=" + heartbeatIntervalMs + '\n' +
            "min_allocatable=" + minAllocatableText + '\n' +
            "revocation_grace_ms=" + revocationGraceMs + '\n' +
            "seed=" + seed + '\n' +
            "role_sorter=" + roleSorter + '\n' +
            "framework_sorter=" + frameworkSorter + '\n';
    }
}

/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.sim;

import io.allot.engine.EngineContext;

/**
 * The {@code config} settings of a scenario, starting from the engine's (Mesos's) defaults.
 */
public final class ScenarioConfig
{
    private long allocationIntervalMs = EngineContext.DEFAULT_ALLOCATION_INTERVAL_MS;
    private String minAllocatable = EngineContext.DEFAULT_MIN_ALLOCATABLE;
    private long offerTimeoutMs = EngineContext.NO_TIMEOUT;
    private long refuseMs = EngineContext.DEFAULT_REFUSE_MS;
    private long agentPingTimeoutMs = EngineContext.DEFAULT_AGENT_PING_TIMEOUT_MS;
    private int maxAgentPingTimeouts = EngineContext.DEFAULT_MAX_AGENT_PING_TIMEOUTS;
    private long heartbeatIntervalMs = EngineContext.DEFAULT_HEARTBEAT_INTERVAL_MS;
    private long revocationGraceMs = EngineContext.DEFAULT_REVOCATION_GRACE_MS;

    /**
     * Copy the settings into an engine's context.
     *
     * @param ctx to configure.
     * @return the context.
     */
    public EngineContext applyTo(final EngineContext ctx)
    {
        return ctx
            .allocationIntervalMs(allocationIntervalMs)
            .minAllocatable(minAllocatable)
            .offerTimeoutMs(offerTimeoutMs)
            .defaultRefuseMs(refuseMs)
            .agentPingTimeoutMs(agentPingTimeoutMs)
            .maxAgentPingTimeouts(maxAgentPingTimeouts)
            .heartbeatIntervalMs(heartbeatIntervalMs)
            .revocationGraceMs(revocationGraceMs);
    }

    /**
     * @param ms interval of the engine's periodic allocation pass, also the sampling interval of shares.
     * @return this for a fluent API.
     */
    public ScenarioConfig allocationIntervalMs(final long ms)
    {
        allocationIntervalMs = ms;
        return this;
    }

    /**
     * @return interval of the engine's periodic allocation pass, also the sampling interval of shares.
     */
    public long allocationIntervalMs()
    {
        return allocationIntervalMs;
    }

    /**
     * @param spec minimum offer size in Mesos syntax, empty for none.
     * @return this for a fluent API.
     */
    public ScenarioConfig minAllocatable(final String spec)
    {
        minAllocatable = spec;
        return this;
    }

    /**
     * @return minimum offer size in Mesos syntax, empty for none.
     */
    public String minAllocatable()
    {
        return minAllocatable;
    }

    /**
     * @param ms offer timeout, or {@link EngineContext#NO_TIMEOUT}.
     * @return this for a fluent API.
     */
    public ScenarioConfig offerTimeoutMs(final long ms)
    {
        offerTimeoutMs = ms;
        return this;
    }

    /**
     * @return offer timeout, or {@link EngineContext#NO_TIMEOUT}.
     */
    public long offerTimeoutMs()
    {
        return offerTimeoutMs;
    }

    /**
     * @param ms default filter of declines ({@code refuse_seconds}).
     * @return this for a fluent API.
     */
    public ScenarioConfig refuseMs(final long ms)
    {
        refuseMs = ms;
        return this;
    }

    /**
     * @return default filter of declines ({@code refuse_seconds}).
     */
    public long refuseMs()
    {
        return refuseMs;
    }

    /**
     * @param ms time an agent has to answer a ping.
     * @return this for a fluent API.
     */
    public ScenarioConfig agentPingTimeoutMs(final long ms)
    {
        agentPingTimeoutMs = ms;
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
     * @param count unanswered pings after which an agent is lost.
     * @return this for a fluent API.
     */
    public ScenarioConfig maxAgentPingTimeouts(final int count)
    {
        maxAgentPingTimeouts = count;
        return this;
    }

    /**
     * @return unanswered pings after which an agent is lost.
     */
    public int maxAgentPingTimeouts()
    {
        return maxAgentPingTimeouts;
    }

    /**
     * @param ms interval of heartbeats to frameworks.
     * @return this for a fluent API.
     */
    public ScenarioConfig heartbeatIntervalMs(final long ms)
    {
        heartbeatIntervalMs = ms;
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
     * @param ms grace between a revocation and the kill of the revoked tasks still running.
     * @return this for a fluent API.
     */
    public ScenarioConfig revocationGraceMs(final long ms)
    {
        revocationGraceMs = ms;
        return this;
    }

    /**
     * @return grace between a revocation and the kill of the revoked tasks still running.
     */
    public long revocationGraceMs()
    {
        return revocationGraceMs;
    }
}

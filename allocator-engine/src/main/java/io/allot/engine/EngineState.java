/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.engine;

import io.allot.codecs.sbe.ErrorCode;
import io.allot.resources.ResourceNames;
import io.allot.resources.Resources;

/**
 * The engine's state and what every part of it shares: the tables, the configuration, the output, the current
 * cluster time and the id counters. Only the engine's one thread touches it.
 */
final class EngineState
{
    final EngineContext ctx;
    final EngineOutput output;
    final ResourceNames names;
    final AgentTable agents;
    final FrameworkTable frameworks;
    final TaskTable tasks;
    final OfferTable offers;
    final FilterTable filters;
    final long[] clusterTotal = new long[ResourceNames.MAX_SCALARS];
    /** Resources of revoked tasks that still run: they will be free soon. */
    final long[] revokedPending = new long[ResourceNames.MAX_SCALARS];
    final Resources scratch;
    final Resources scratch2;
    final StringBuilder text = new StringBuilder(256);

    long nowMs;
    long nextFrameworkId = 1;
    long nextAgentId = 1;
    long nextOfferId = 1;
    long nextTaskSequence = 1;
    long nextAllocationPassMs;
    long nextHeartbeatMs;
    long prngState;

    long errorCount;
    long offersSent;
    long offersRescinded;
    long tasksLaunched;
    long runTasksResent;
    long allocationPasses;

    EngineState(final EngineContext ctx, final EngineOutput output)
    {
        this.ctx = ctx;
        this.output = output;
        this.names = ctx.resourceNames();
        this.agents = new AgentTable(ctx.initialAgentCapacity());
        this.frameworks = new FrameworkTable(ctx.initialFrameworkCapacity());
        this.tasks = new TaskTable(ctx.initialTaskCapacity());
        this.offers = new OfferTable(ctx.initialAgentCapacity());
        this.filters = new FilterTable(ctx.initialAgentCapacity());
        this.scratch = new Resources(names);
        this.scratch2 = new Resources(names);
        this.prngState = ctx.seed();
        this.nextAllocationPassMs = ctx.allocationIntervalMs();
        this.nextHeartbeatMs = ctx.heartbeatIntervalMs();
    }

    /**
     * Refuse an input: tell the sender and count it. The caller leaves the state unchanged.
     */
    void error(
        final long sessionId,
        final long correlationId,
        final long frameworkId,
        final long agentId,
        final ErrorCode code,
        final int templateId,
        final CharSequence message)
    {
        errorCount++;
        output.error(sessionId, correlationId, frameworkId, agentId, code, templateId, message);
    }

    /**
     * @return a reused builder, cleared, for an error message.
     */
    StringBuilder text()
    {
        text.setLength(0);
        return text;
    }

    /**
     * A 64-bit mix (Stafford's variant 13 of the MurmurHash3 finaliser), used for digests and uuids.
     */
    static long mix(final long value)
    {
        long z = value;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * Next value of the seeded SplitMix64 generator; its state is part of the snapshot.
     */
    long nextRandom()
    {
        prngState += 0x9E3779B97F4A7C15L;
        return mix(prngState);
    }

    /**
     * Uuid half for an update the master generates. It depends only on the task and how many updates the master
     * generated for it, so the order in which tasks are visited never changes a uuid.
     */
    long masterUuid(final long frameworkId, final long taskId, final long count, final long salt)
    {
        return mix(ctx.seed() ^ mix(frameworkId * 0x9E3779B97F4A7C15L ^ mix(taskId + salt)) ^ (count << 1 | 1));
    }
}

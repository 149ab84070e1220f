/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.engine;

import io.allot.codecs.sbe.ErrorCode;
import org.agrona.DirectBuffer;

/**
 * The master's brain: a deterministic state machine over agents, frameworks, offers and tasks that decides
 * allocations by hierarchical Dominant Resource Fairness. It is driven through one entry point, an SBE message
 * plus the cluster time ({@link #onMessage}), and the passage of time ({@link #onTimer}); everything it says
 * goes out through one {@link EngineOutput}. It imports nothing from Aeron Cluster: the replicated master, the
 * simulator and the benchmarks all run this same class.
 * <p>
 * Determinism: time is only what the caller passes, randomness comes from the seed, iteration never depends on
 * hash or slot order where the result could change state, and an exception never escapes an entry point: the
 * input gets an error reply and the error counter counts it. Not thread safe: one thread owns an engine.
 */
public final class Engine
{
    /** Version of the engine's snapshot format; a snapshot of another version is refused. */
    public static final int SNAPSHOT_VERSION = 1;

    private final EngineState s;
    private final Allocator allocator;
    private final Frameworks frameworks;
    private final Tasks tasks;
    private final Agents agents;
    private final Quotas quotas;
    private final EngineAdapter adapter;
    private final EngineSnapshot snapshot;

    /**
     * @param ctx    configuration, concluded here when it was not already.
     * @param output where everything the engine says goes.
     */
    public Engine(final EngineContext ctx, final EngineOutput output)
    {
        if (null == ctx.minAllocatable())
        {
            ctx.conclude();
        }
        s = new EngineState(ctx, output);
        allocator = new Allocator(s);
        frameworks = new Frameworks(s, allocator);
        tasks = new Tasks(s, allocator, frameworks);
        frameworks.tasks(tasks);
        agents = new Agents(s, allocator, tasks);
        quotas = new Quotas(s, allocator);
        adapter = new EngineAdapter(s, frameworks, tasks, new OfferAnswers(s, allocator, frameworks, tasks), agents, quotas);
        snapshot = new EngineSnapshot(s, allocator, tasks, quotas);
    }

    /**
     * Apply one input. Allocation of every agent it changed happens before this returns.
     *
     * @param sessionId session the message arrived on (a framework, agents or an operator).
     * @param buffer    holding the message.
     * @param offset    of the message header.
     * @param length    of the message.
     * @param nowMs     cluster time of the message; never less than the last time given.
     */
    public void onMessage(final long sessionId, final DirectBuffer buffer, final int offset, final int length, final long nowMs)
    {
        try
        {
            advance(nowMs);
            adapter.onMessage(sessionId, buffer, offset, length);
            allocator.allocateDirty();
        }
        catch (final RuntimeException ex)
        {
            s.error(sessionId, 0, 0, 0, ErrorCode.INTERNAL_ERROR, adapter.templateId(), "internal error: " + ex);
        }
    }

    /**
     * Let time pass: run the periodic allocation pass (filter expiry, offer timeouts, framework failover timeouts,
     * agent health checks, heartbeats) when it is due.
     *
     * @param nowMs cluster time.
     */
    public void onTimer(final long nowMs)
    {
        try
        {
            advance(nowMs);
            allocator.allocateDirty();
        }
        catch (final RuntimeException ex)
        {
            s.errorCount++;
        }
    }

    /**
     * A session closed: its frameworks are disconnected (their failover timeout starts) and its agents stop being
     * offered until they register again.
     *
     * @param sessionId the closed session.
     * @param nowMs     cluster time.
     */
    public void onSessionClosed(final long sessionId, final long nowMs)
    {
        try
        {
            advance(nowMs);
            frameworks.onSessionClosed(sessionId);
            agents.onSessionClosed(sessionId);
            allocator.allocateDirty();
        }
        catch (final RuntimeException ex)
        {
            s.errorCount++;
        }
    }

    /**
     * @return when {@link #onTimer} should next be called.
     */
    public long nextDeadlineMs()
    {
        return s.nextAllocationPassMs;
    }

    private void advance(final long nowMs)
    {
        if (nowMs > s.nowMs)
        {
            s.nowMs = nowMs;
        }
        if (s.nowMs >= s.nextAllocationPassMs)
        {
            periodicPass();
        }
    }

    private void periodicPass()
    {
        final long interval = s.ctx.allocationIntervalMs();
        final long behind = s.nowMs - s.nextAllocationPassMs;
        s.nextAllocationPassMs += (behind / interval + 1) * interval;
        s.allocationPasses++;
        expireFilters();
        expireOffers();
        frameworks.onPeriodicPass();
        agents.onPeriodicPass();
        tasks.resendStagingLaunches();
        quotas.onPeriodicPass();
    }

    private void expireFilters()
    {
        final FilterTable filters = s.filters;
        final IdSlots slots = filters.slots;
        for (int i = 0; i < slots.orderCount(); i++)
        {
            final int filter = slots.orderSlot(i);
            if (IdSlots.NONE != filter && s.nowMs >= filters.expiresAtMs[filter])
            {
                allocator.markDirty(filters.agentSlot[filter]);
                filters.remove(filter);
            }
        }
    }

    private void expireOffers()
    {
        final long timeout = s.ctx.offerTimeoutMs();
        if (EngineContext.NO_TIMEOUT == timeout)
        {
            return;
        }
        final OfferTable offers = s.offers;
        final IdSlots slots = offers.slots;
        for (int i = 0; i < slots.orderCount(); i++)
        {
            final int offer = slots.orderSlot(i);
            if (IdSlots.NONE != offer)
            {
                if (s.nowMs - offers.createdAtMs[offer] < timeout)
                {
                    break;
                }
                allocator.removeOffer(offer, true);
            }
        }
    }

    /**
     * A 64-bit digest of the canonical state: equal on every replica that applied the same inputs, and after a
     * snapshot is written and loaded.
     *
     * @return the digest.
     */
    public long digest()
    {
        return snapshot.digest();
    }

    /**
     * Write the whole state as SBE records, in a canonical order, framed by SnapshotBegin and SnapshotEnd.
     *
     * @param sink receives each record.
     */
    public void takeSnapshot(final SnapshotSink sink)
    {
        snapshot.write(sink);
    }

    /**
     * Load one record of a snapshot into this engine, which must be new. Records must come in the order written.
     *
     * @param buffer holding the record.
     * @param offset of its header.
     * @param length of the record.
     * @return true when the record was the SnapshotEnd and the loaded state's digest matched it.
     * @throws IllegalStateException on a version mismatch, a record out of order, or a digest mismatch.
     */
    public boolean loadSnapshotRecord(final DirectBuffer buffer, final int offset, final int length)
    {
        return snapshot.load(buffer, offset, length);
    }

    /**
     * @param frameworkId a framework.
     * @return its dominant share (allocated and offered over the cluster total, divided by its weight), or NaN
     *         when the framework is unknown.
     */
    public double dominantShare(final long frameworkId)
    {
        final int framework = s.frameworks.slot(frameworkId);
        return IdSlots.NONE == framework ? Double.NaN : allocator.dominantShare(framework);
    }

    /**
     * @param role a role.
     * @return its weighted dominant share, or NaN when the role is unknown.
     */
    public double roleShare(final String role)
    {
        final int slot = allocator.roles().slot(role);
        return RoleTable.NONE == slot ? Double.NaN : allocator.roles().roleSorter.share(slot);
    }

    /**
     * @return the cluster time the engine last saw.
     */
    public long nowMs()
    {
        return s.nowMs;
    }

    /**
     * @return inputs refused since start.
     */
    public long errorCount()
    {
        return s.errorCount;
    }

    /**
     * @return offers made since start.
     */
    public long offersSent()
    {
        return s.offersSent;
    }

    /**
     * @return tasks launched since start.
     */
    public long tasksLaunched()
    {
        return s.tasksLaunched;
    }

    /**
     * @return launches sent again because their task was still {@code TASK_STAGING} a pass interval later.
     */
    public long runTasksResent()
    {
        return s.runTasksResent;
    }

    /**
     * @return periodic allocation passes since start.
     */
    public long allocationPasses()
    {
        return s.allocationPasses;
    }

    /**
     * @return registered agents.
     */
    public int agentCount()
    {
        return s.agents.slots.size();
    }

    /**
     * @return known frameworks, connected or within their failover timeout.
     */
    public int frameworkCount()
    {
        return s.frameworks.slots.size();
    }

    /**
     * @return tasks the master tracks.
     */
    public int taskCount()
    {
        return s.tasks.slots.size();
    }

    /**
     * @return outstanding offers.
     */
    public int offerCount()
    {
        return s.offers.slots.size();
    }

    /**
     * @return the engine's configuration.
     */
    public EngineContext context()
    {
        return s.ctx;
    }
}

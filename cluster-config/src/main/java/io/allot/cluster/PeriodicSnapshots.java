/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.cluster;

import io.aeron.cluster.ClusterControl;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.status.AtomicCounter;

import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Asks the cluster for a snapshot every interval while this member is the leader, by toggling the consensus module's
 * control toggle to {@link ClusterControl.ToggleState#SNAPSHOT} (as {@code allot snapshot} does from another
 * process). The interval counts from the moment the member became leader, so a new leader does not snapshot at once.
 * A toggle that is busy (a snapshot or another action under way) is left alone and tried again on the next duty
 * cycle. Runs on its own thread with a sleeping idle strategy: it does almost nothing.
 */
final class PeriodicSnapshots implements Agent
{
    private final long intervalNs;
    private final NanoClock nanoClock;
    private final BooleanSupplier isLeader;
    private final Supplier<AtomicCounter> toggleFinder;
    private final String roleName;
    private AtomicCounter toggle;
    private boolean wasLeader;
    private long deadlineNs;
    private volatile long requests;

    PeriodicSnapshots(
        final long intervalNs,
        final NanoClock nanoClock,
        final BooleanSupplier isLeader,
        final Supplier<AtomicCounter> toggleFinder,
        final int memberId)
    {
        this.intervalNs = intervalNs;
        this.nanoClock = nanoClock;
        this.isLeader = isLeader;
        this.toggleFinder = toggleFinder;
        this.roleName = "allot-snapshots-" + memberId;
    }

    public int doWork()
    {
        final long nowNs = nanoClock.nanoTime();
        final boolean isLeaderNow = isLeader.getAsBoolean();
        if (isLeaderNow != wasLeader)
        {
            wasLeader = isLeaderNow;
            deadlineNs = nowNs + intervalNs;
            return 1;
        }
        if (!isLeaderNow || nowNs - deadlineNs < 0)
        {
            return 0;
        }

        if (null == toggle)
        {
            toggle = toggleFinder.get();
            if (null == toggle)
            {
                return 0;
            }
        }
        if (ClusterControl.ToggleState.SNAPSHOT.toggle(toggle))
        {
            deadlineNs = nowNs + intervalNs;
            requests++;
            return 1;
        }

        return 0;
    }

    /**
     * @return snapshots this member asked for.
     */
    long requests()
    {
        return requests;
    }

    public String roleName()
    {
        return roleName;
    }
}

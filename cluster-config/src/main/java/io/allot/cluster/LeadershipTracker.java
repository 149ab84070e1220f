/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.cluster;

import io.aeron.ExclusivePublication;
import io.aeron.Image;
import io.aeron.cluster.codecs.CloseReason;
import io.aeron.cluster.service.ClientSession;
import io.aeron.cluster.service.Cluster;
import io.aeron.cluster.service.ClusteredService;
import io.aeron.logbuffer.Header;
import org.agrona.DirectBuffer;

import java.util.concurrent.TimeUnit;

/**
 * Passes every callback to the master's service unchanged and remembers the leader and term of the last
 * new-leadership-term event in the log, so a member can tell who leads (Aeron exposes the role of a member as a
 * counter, but not the leader's id). The fields are written by the service thread and read by any thread.
 */
final class LeadershipTracker implements ClusteredService
{
    private final ClusteredService delegate;
    private volatile int leaderMemberId = -1;
    private volatile long leadershipTermId = -1;

    LeadershipTracker(final ClusteredService delegate)
    {
        this.delegate = delegate;
    }

    int leaderMemberId()
    {
        return leaderMemberId;
    }

    long leadershipTermId()
    {
        return leadershipTermId;
    }

    public void onStart(final Cluster cluster, final Image snapshotImage)
    {
        delegate.onStart(cluster, snapshotImage);
    }

    public void onSessionOpen(final ClientSession session, final long timestamp)
    {
        delegate.onSessionOpen(session, timestamp);
    }

    public void onSessionClose(final ClientSession session, final long timestamp, final CloseReason closeReason)
    {
        delegate.onSessionClose(session, timestamp, closeReason);
    }

    public void onSessionMessage(
        final ClientSession session,
        final long timestamp,
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final Header header)
    {
        delegate.onSessionMessage(session, timestamp, buffer, offset, length, header);
    }

    public void onTimerEvent(final long correlationId, final long timestamp)
    {
        delegate.onTimerEvent(correlationId, timestamp);
    }

    public void onTakeSnapshot(final ExclusivePublication snapshotPublication)
    {
        delegate.onTakeSnapshot(snapshotPublication);
    }

    public void onRoleChange(final Cluster.Role newRole)
    {
        delegate.onRoleChange(newRole);
    }

    public void onTerminate(final Cluster cluster)
    {
        delegate.onTerminate(cluster);
    }

    public void onNewLeadershipTermEvent(
        final long leadershipTermId,
        final long logPosition,
        final long timestamp,
        final long termBaseLogPosition,
        final int leaderMemberId,
        final int logSessionId,
        final TimeUnit timeUnit,
        final int appVersion)
    {
        this.leaderMemberId = leaderMemberId;
        this.leadershipTermId = leadershipTermId;
        delegate.onNewLeadershipTermEvent(
            leadershipTermId, logPosition, timestamp, termBaseLogPosition, leaderMemberId, logSessionId, timeUnit, appVersion);
    }

    public int doBackgroundWork(final long nowNs)
    {
        return delegate.doBackgroundWork(nowNs);
    }
}

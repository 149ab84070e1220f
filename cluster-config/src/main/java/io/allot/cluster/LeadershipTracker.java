/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.cluster;

import io.allot.master.MasterService;
import io.aeron.Counter;
import io.aeron.ExclusivePublication;
import io.aeron.Image;
import io.aeron.cluster.codecs.CloseReason;
import io.aeron.cluster.service.ClientSession;
import io.aeron.cluster.service.Cluster;
import io.aeron.cluster.service.ClusteredService;
import io.aeron.logbuffer.Header;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;

import java.util.concurrent.TimeUnit;

/**
 * Passes every callback to the master's service unchanged and remembers the leader and term of the last
 * new-leadership-term event in the log, so a member can tell who leads (Aeron exposes the role of a member as a
 * counter, but not the leader's id). The fields are written by the service thread and read by any thread. The leader
 * and the digest of the last GetState are also published as {@link NodeCounters} for {@code allot stat}.
 */
final class LeadershipTracker implements ClusteredService
{
    private final MasterService delegate;
    private volatile int leaderMemberId = -1;
    private volatile long leadershipTermId = -1;
    private Counter leaderCounter;
    private Counter digestCounter;
    private long publishedDigest;

    LeadershipTracker(final MasterService delegate)
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
        leaderCounter = cluster.aeron().addCounter(NodeCounters.LEADER_MEMBER_ID_TYPE_ID, NodeCounters.LEADER_MEMBER_ID_LABEL);
        leaderCounter.setRelease(leaderMemberId);
        digestCounter = cluster.aeron().addCounter(NodeCounters.STATE_DIGEST_TYPE_ID, NodeCounters.STATE_DIGEST_LABEL);
        publishedDigest = delegate.lastStateDigest();
        digestCounter.setRelease(publishedDigest);
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
        final long digest = delegate.lastStateDigest();
        if (digest != publishedDigest)
        {
            publishedDigest = digest;
            digestCounter.setRelease(digest);
        }
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
        CloseHelper.closeAll(leaderCounter, digestCounter);
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
        leaderCounter.setRelease(leaderMemberId);
        delegate.onNewLeadershipTermEvent(
            leadershipTermId, logPosition, timestamp, termBaseLogPosition, leaderMemberId, logSessionId, timeUnit, appVersion);
    }

    public int doBackgroundWork(final long nowNs)
    {
        return delegate.doBackgroundWork(nowNs);
    }
}

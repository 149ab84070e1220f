/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.master;

import io.allot.codecs.sbe.GetStateDecoder;
import io.allot.codecs.sbe.MessageHeaderDecoder;
import io.allot.engine.Engine;
import io.allot.engine.EngineContext;
import io.aeron.ExclusivePublication;
import io.aeron.FragmentAssembler;
import io.aeron.Image;
import io.aeron.cluster.codecs.CloseReason;
import io.aeron.cluster.service.ClientSession;
import io.aeron.cluster.service.Cluster;
import io.aeron.cluster.service.ClusteredService;
import io.aeron.logbuffer.Header;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemNanoClock;

/**
 * The master as an Aeron Cluster service: every input is an entry of the replicated log, applied to the
 * deterministic {@link Engine} with the cluster's time, and everything the engine says goes out on the sessions'
 * egress. The engine's deadline is kept as a cluster timer whose correlation id is the deadline itself, so every
 * member schedules the same timers. Snapshots are the engine's own SBE records after Aeron's.
 * <p>
 * Frameworks, agents and operators share the ingress: the engine knows a session by what it sends. An exception
 * never escapes a callback: the engine answers bad input with an Error and counts it.
 */
public final class MasterService implements ClusteredService
{
    private final EngineContext engineContext;
    private final EgressPublisher egress = new EgressPublisher();
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final GetStateDecoder getState = new GetStateDecoder();
    private final NanoClock nanoClock;
    private Engine engine;
    private Cluster cluster;
    private MasterCounters counters;
    private long scheduledDeadline = Long.MIN_VALUE;
    private boolean isSnapshotLoaded;
    private volatile Cluster.Role role = Cluster.Role.FOLLOWER;
    private volatile long lastStateDigest;
    private volatile long snapshotsTaken;
    private volatile long timerFailures;

    /**
     * @param engineContext configuration of the engine; every member must be given the same.
     */
    public MasterService(final EngineContext engineContext)
    {
        this(engineContext, SystemNanoClock.INSTANCE);
    }

    /**
     * @param engineContext configuration of the engine; every member must be given the same.
     * @param nanoClock     measures how long inputs take, for the counters only: never the engine's time.
     */
    public MasterService(final EngineContext engineContext, final NanoClock nanoClock)
    {
        this.engineContext = engineContext;
        this.nanoClock = nanoClock;
    }

    public void onStart(final Cluster cluster, final Image snapshotImage)
    {
        this.cluster = cluster;
        egress.cluster(cluster);
        engine = new Engine(engineContext, egress);
        counters = new MasterCounters(cluster.aeron());
        if (null != snapshotImage)
        {
            loadSnapshot(snapshotImage);
        }
        counters.update(engine, 0, 0);
    }

    private void loadSnapshot(final Image snapshotImage)
    {
        final FragmentAssembler assembler = new FragmentAssembler(
            (buffer, offset, length, header) -> isSnapshotLoaded = engine.loadSnapshotRecord(buffer, offset, length));
        final IdleStrategy idle = cluster.idleStrategy();
        while (!isSnapshotLoaded)
        {
            final int fragments = snapshotImage.poll(assembler, 16);
            if (0 == fragments && snapshotImage.isEndOfStream())
            {
                throw new IllegalStateException("the snapshot ended before its SnapshotEnd record");
            }
            idle.idle(fragments);
        }
    }

    public void onSessionOpen(final ClientSession session, final long timestamp)
    {
    }

    public void onSessionClose(final ClientSession session, final long timestamp, final CloseReason closeReason)
    {
        final long startNs = nanoClock.nanoTime();
        engine.onSessionClosed(session.id(), timestamp);
        afterInput(startNs);
    }

    public void onSessionMessage(
        final ClientSession session,
        final long timestamp,
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final Header header)
    {
        final long startNs = nanoClock.nanoTime();
        if (isGetState(buffer, offset, length))
        {
            replyWithState(session, timestamp);
        }
        else
        {
            engine.onMessage(session.id(), buffer, offset, length, timestamp);
        }
        afterInput(startNs);
    }

    private boolean isGetState(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < MessageHeaderDecoder.ENCODED_LENGTH + GetStateDecoder.BLOCK_LENGTH)
        {
            return false;
        }
        header.wrap(buffer, offset);
        return GetStateDecoder.TEMPLATE_ID == header.templateId() && GetStateDecoder.SCHEMA_ID == header.schemaId();
    }

    private void replyWithState(final ClientSession session, final long timestamp)
    {
        engine.onTimer(timestamp);
        final long sessionId = session.id();
        lastStateDigest = engine.digest();
        engine.takeSnapshot((buffer, offset, length) -> egress.sendPatiently(sessionId, buffer, offset, length));
    }

    public void onTimerEvent(final long correlationId, final long timestamp)
    {
        final long startNs = nanoClock.nanoTime();
        engine.onTimer(timestamp);
        afterInput(startNs);
    }

    private void afterInput(final long startNs)
    {
        scheduleDeadline();
        counters.update(engine, nanoClock.nanoTime() - startNs, egress.dropped());
    }

    /**
     * Keep one cluster timer at the engine's next deadline. Called only from log callbacks, so every member
     * asks for the same timers at the same log positions.
     */
    private void scheduleDeadline()
    {
        final long deadline = engine.nextDeadlineMs();
        if (deadline != scheduledDeadline && deadline != Long.MAX_VALUE)
        {
            if (cluster.scheduleTimer(deadline, deadline))
            {
                scheduledDeadline = deadline;
            }
            else
            {
                timerFailures++;
            }
        }
    }

    public void onTakeSnapshot(final ExclusivePublication snapshotPublication)
    {
        final IdleStrategy idle = cluster.idleStrategy();
        engine.takeSnapshot((buffer, offset, length) ->
        {
            idle.reset();
            while (snapshotPublication.offer(buffer, offset, length) < 0)
            {
                if (snapshotPublication.isClosed())
                {
                    throw new IllegalStateException("snapshot publication closed while writing the engine's state");
                }
                idle.idle();
            }
        });
        snapshotsTaken++;
    }

    public void onRoleChange(final Cluster.Role newRole)
    {
        role = newRole;
    }

    public void onTerminate(final Cluster cluster)
    {
        CloseHelper.close(counters);
    }

    /**
     * @return this member's role, as the cluster last told the service.
     */
    public Cluster.Role role()
    {
        return role;
    }

    /**
     * @return the digest of the engine's state when it last answered a GetState: every member computes it at the
     *         same log position, so equal digests across members prove equal state.
     */
    public long lastStateDigest()
    {
        return lastStateDigest;
    }

    /**
     * @return snapshots this member wrote since it started.
     */
    public long snapshotsTaken()
    {
        return snapshotsTaken;
    }

    /**
     * @return messages the egress could not deliver (closed sessions, back pressure beyond the retries).
     */
    public long egressDropped()
    {
        return egress.dropped();
    }

    /**
     * @return times the cluster refused to schedule the engine's deadline (retried on the next input).
     */
    public long timerFailures()
    {
        return timerFailures;
    }

    /**
     * @return the engine, for reading counters on the service thread only.
     */
    Engine engine()
    {
        return engine;
    }
}

/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.master;

import io.allot.codecs.EgressEncoder;
import io.allot.codecs.sbe.ErrorCode;
import io.allot.codecs.sbe.TaskReason;
import io.allot.codecs.sbe.TaskState;
import io.allot.codecs.sbe.UpdateSource;
import io.allot.engine.EngineOutput;
import io.allot.resources.Resources;
import io.aeron.Publication;
import io.aeron.cluster.service.ClientSession;
import io.aeron.cluster.service.Cluster;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableDirectByteBuffer;
import org.agrona.concurrent.IdleStrategy;

/**
 * The engine's output as SBE egress to the cluster's client sessions. On followers {@link ClientSession#offer}
 * is mocked and returns a positive value; on the leader back pressure and admin actions are retried a bounded
 * number of times with the cluster's idle strategy, and a message that still cannot go is dropped and counted:
 * the protocol recovers from a lost message (agents resend updates, frameworks reconcile, offers are re-made).
 */
final class EgressPublisher implements EngineOutput
{
    static final int MAX_ATTEMPTS = 3;
    static final int PATIENT_ATTEMPTS = 2_000;

    private final ExpandableDirectByteBuffer buffer = new ExpandableDirectByteBuffer(4096);
    private final EgressEncoder encoder = new EgressEncoder(buffer);
    private Cluster cluster;
    private long dropped;
    private long sent;

    void cluster(final Cluster cluster)
    {
        this.cluster = cluster;
    }

    long dropped()
    {
        return dropped;
    }

    long sent()
    {
        return sent;
    }

    /**
     * Send the first {@code length} bytes of the buffer to a session.
     */
    void send(final long sessionId, final DirectBuffer source, final int offset, final int length)
    {
        send(sessionId, source, offset, length, MAX_ATTEMPTS);
    }

    /**
     * Send with many more attempts than {@link #send}: for a reply of many records (the state), where the client
     * drains its egress while the master writes and a dropped record would spoil the whole reply.
     */
    void sendPatiently(final long sessionId, final DirectBuffer source, final int offset, final int length)
    {
        send(sessionId, source, offset, length, PATIENT_ATTEMPTS);
    }

    private void send(final long sessionId, final DirectBuffer source, final int offset, final int length, final int maxAttempts)
    {
        final ClientSession session = null == cluster ? null : cluster.getClientSession(sessionId);
        if (null == session || session.isClosing())
        {
            dropped++;
            return;
        }
        final IdleStrategy idle = cluster.idleStrategy();
        idle.reset();
        for (int attempt = 0; attempt < maxAttempts; attempt++)
        {
            final long result = session.offer(source, offset, length);
            if (result > 0)
            {
                sent++;
                return;
            }
            if (Publication.BACK_PRESSURED != result && Publication.ADMIN_ACTION != result)
            {
                break;
            }
            idle.idle();
        }
        dropped++;
    }

    private void send(final long sessionId, final int length)
    {
        send(sessionId, buffer, 0, length);
    }

    public void subscribed(final long sessionId, final long correlationId, final long frameworkId, final long heartbeatIntervalMs)
    {
        send(sessionId, encoder.subscribed(correlationId, frameworkId, heartbeatIntervalMs));
    }

    public void offer(
        final long sessionId,
        final long frameworkId,
        final long offerId,
        final long agentId,
        final Resources resources,
        final CharSequence hostname,
        final CharSequence attributes)
    {
        send(sessionId, encoder.offer(frameworkId, offerId, agentId, resources, hostname, attributes));
    }

    public void rescind(final long sessionId, final long frameworkId, final long offerId)
    {
        send(sessionId, encoder.rescind(frameworkId, offerId));
    }

    public void update(
        final long sessionId,
        final long frameworkId,
        final long agentId,
        final long taskId,
        final TaskState state,
        final TaskReason reason,
        final UpdateSource source,
        final long uuidMsb,
        final long uuidLsb,
        final long timestampMs,
        final DirectBuffer message)
    {
        send(sessionId, encoder.update(frameworkId, agentId, taskId, state, reason, source, uuidMsb, uuidLsb, timestampMs, message));
    }

    public void failure(final long sessionId, final long frameworkId, final long agentId, final long taskId, final int status)
    {
        send(sessionId, encoder.failure(frameworkId, agentId, taskId, status));
    }

    public void error(
        final long sessionId,
        final long correlationId,
        final long frameworkId,
        final long agentId,
        final ErrorCode code,
        final int templateId,
        final CharSequence message)
    {
        send(sessionId, encoder.error(correlationId, frameworkId, agentId, code, templateId, message));
    }

    public void heartbeat(final long sessionId, final long frameworkId, final long timestampMs)
    {
        send(sessionId, encoder.heartbeat(frameworkId, timestampMs));
    }

    public void frameworkMessage(
        final long sessionId, final long frameworkId, final long agentId, final long taskId, final DirectBuffer payload,
        final int offset, final int length)
    {
        send(sessionId, encoder.frameworkMessage(frameworkId, agentId, taskId, payload, offset, length));
    }

    public void agentRegistered(final long sessionId, final long correlationId, final long agentId, final long pingIntervalMs)
    {
        send(sessionId, encoder.agentRegistered(correlationId, agentId, pingIntervalMs));
    }

    public void agentReregistered(final long sessionId, final long correlationId, final long agentId)
    {
        send(sessionId, encoder.agentReregistered(correlationId, agentId));
    }

    public void runTask(
        final long sessionId,
        final long agentId,
        final long frameworkId,
        final long taskId,
        final long killGracePeriodMs,
        final Resources resources,
        final DirectBuffer name,
        final DirectBuffer command,
        final CharSequence role)
    {
        send(sessionId, encoder.runTask(agentId, frameworkId, taskId, killGracePeriodMs, resources, name, command, role));
    }

    public void killTask(final long sessionId, final long agentId, final long frameworkId, final long taskId, final long gracePeriodMs)
    {
        send(sessionId, encoder.killTask(agentId, frameworkId, taskId, gracePeriodMs));
    }

    public void statusUpdateAck(
        final long sessionId, final long agentId, final long frameworkId, final long taskId, final long uuidMsb, final long uuidLsb)
    {
        send(sessionId, encoder.statusUpdateAck(agentId, frameworkId, taskId, uuidMsb, uuidLsb));
    }

    public void shutdownFramework(final long sessionId, final long agentId, final long frameworkId)
    {
        send(sessionId, encoder.shutdownFramework(agentId, frameworkId));
    }

    public void agentPing(final long sessionId, final long agentId, final long sequence)
    {
        send(sessionId, encoder.agentPing(agentId, sequence));
    }

    public void executorMessage(
        final long sessionId, final long agentId, final long frameworkId, final long taskId, final DirectBuffer payload,
        final int offset, final int length)
    {
        send(sessionId, encoder.executorMessage(agentId, frameworkId, taskId, payload, offset, length));
    }

    public void shutdownAgent(final long sessionId, final long agentId, final TaskReason reason)
    {
        send(sessionId, encoder.shutdownAgent(agentId, reason));
    }

    public void operatorAck(final long sessionId, final long correlationId, final int templateId)
    {
        send(sessionId, encoder.operatorAck(correlationId, templateId));
    }

    public void revocation(
        final long sessionId, final long frameworkId, final long deadlineMs, final long[] taskIds, final long[] agentIds, final int count)
    {
        send(sessionId, encoder.revocation(frameworkId, deadlineMs, taskIds, agentIds, count));
    }
}

/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.agent;

import java.util.List;

import io.allot.codecs.IngressEncoder;
import io.allot.codecs.sbe.TaskReason;
import io.allot.codecs.sbe.TaskState;
import io.allot.resources.Resources;
import org.agrona.ExpandableArrayBuffer;

/**
 * Encodes the agent's messages to the master and offers them on the transport, retrying a few times when
 * back-pressured. A message that still cannot be sent returns false: registrations and status updates are resent
 * by their own backoff, a pong is simply lost (the master pings again).
 */
final class MasterProxy
{
    private static final int SEND_ATTEMPTS = 3;

    private final AgentTransport transport;
    private final IngressEncoder encoder = new IngressEncoder(new ExpandableArrayBuffer(1024));
    private long[] frameworkIds = new long[0];
    private long[] taskIds = new long[0];
    private Resources[] taskResources = new Resources[0];

    MasterProxy(final AgentTransport transport)
    {
        this.transport = transport;
    }

    boolean registerAgent(final long correlationId, final Resources total, final String hostname, final String attributes)
    {
        return send(encoder.registerAgent(correlationId, total, hostname, attributes));
    }

    boolean reregisterAgent(
        final long agentId,
        final long correlationId,
        final Resources total,
        final List<Task> tasks,
        final String hostname,
        final String attributes)
    {
        final int count = tasks.size();
        if (frameworkIds.length < count)
        {
            frameworkIds = new long[count];
            taskIds = new long[count];
            taskResources = new Resources[count];
        }
        for (int i = 0; i < count; i++)
        {
            final Task task = tasks.get(i);
            frameworkIds[i] = task.frameworkId;
            taskIds[i] = task.taskId;
            taskResources[i] = task.resources;
        }
        return send(encoder.reregisterAgent(
            agentId, correlationId, total, frameworkIds, taskIds, taskResources, count, hostname, attributes));
    }

    boolean statusUpdate(
        final long agentId,
        final long frameworkId,
        final long taskId,
        final TaskState state,
        final TaskReason reason,
        final long uuidMsb,
        final long uuidLsb,
        final long timestampMs,
        final String message)
    {
        return send(encoder.statusUpdate(agentId, frameworkId, taskId, state, reason, uuidMsb, uuidLsb, timestampMs, message));
    }

    boolean agentPong(final long agentId, final long sequence)
    {
        return send(encoder.agentPong(agentId, sequence));
    }

    private boolean send(final int length)
    {
        for (int i = 0; i < SEND_ATTEMPTS; i++)
        {
            if (transport.offer(encoder.buffer(), 0, length))
            {
                return true;
            }
            Thread.onSpinWait();
        }
        return false;
    }
}

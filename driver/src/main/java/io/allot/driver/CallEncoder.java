/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.driver;

import io.allot.codecs.IngressEncoder;
import io.allot.codecs.sbe.AcceptEncoder;
import io.allot.codecs.sbe.MessageEncoder;
import io.allot.codecs.sbe.MessageHeaderEncoder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;
import java.util.List;

/**
 * Encodes the framework's calls with {@link IngressEncoder} into a buffer of its own: the SBE message begins at
 * {@link #CALL_OFFSET}, after a slot for the time it is queued, so that the same bytes can be offered to the cluster or
 * written to the conductor's ring buffer without moving them. One per thread (the conductor's, or a thread-local one
 * for other threads); nothing is allocated once its scratch arrays are large enough.
 */
final class CallEncoder
{
    /**
     * Where the SBE message begins in {@link #buffer()}: the 8 bytes before hold the time the call was queued.
     */
    static final int CALL_OFFSET = Long.BYTES;

    /**
     * Offset of the framework id within a call's SBE message: the first field of every call but Subscribe.
     */
    static final int FRAMEWORK_ID_OFFSET = MessageHeaderEncoder.ENCODED_LENGTH;

    private static final int TEMPLATE_ID_OFFSET = 2;

    private final UnsafeBuffer buffer;
    private final UnsafeBuffer body;
    private final IngressEncoder ingress;
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final MessageEncoder message = new MessageEncoder();
    private final long[] oneOfferId = new long[1];
    private long[] taskIds = new long[16];
    private long[] agentIds = new long[16];

    /**
     * @param capacity bytes of the buffer, the queue time slot included: the largest call is 8 bytes smaller.
     */
    CallEncoder(final int capacity)
    {
        final byte[] bytes = new byte[capacity];
        buffer = new UnsafeBuffer(bytes);
        body = new UnsafeBuffer(bytes, CALL_OFFSET, capacity - CALL_OFFSET);
        ingress = new IngressEncoder(body);
    }

    /**
     * @return the whole buffer: the queue time slot, then the call.
     */
    UnsafeBuffer buffer()
    {
        return buffer;
    }

    /**
     * @return the call's bytes alone, from offset 0.
     */
    UnsafeBuffer body()
    {
        return body;
    }

    /**
     * @return the template id of the call last encoded.
     */
    int templateId()
    {
        return body.getShort(TEMPLATE_ID_OFFSET, ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
    }

    int subscribe(final long correlationId, final long frameworkId, final FrameworkInfo framework)
    {
        return ingress.subscribe(correlationId, frameworkId, framework.failoverTimeoutMs(), framework.partitionAware(),
            framework.name(), framework.role(), framework.prefer());
    }

    int teardown(final long frameworkId)
    {
        return ingress.teardown(frameworkId);
    }

    int accept(final long frameworkId, final long[] offerIds, final int offerCount, final List<TaskInfo> tasks, final long refuseMs)
    {
        final int count = null == tasks ? 0 : tasks.size();
        final AcceptEncoder.TasksEncoder entries = ingress.acceptBegin(frameworkId, refuseMs, offerIds, offerCount, count);
        for (int i = 0; i < count; i++)
        {
            tasks.get(i).encode(entries);
        }
        return ingress.acceptLength();
    }

    int launch(final long frameworkId, final long offerId, final List<TaskInfo> tasks, final long refuseMs)
    {
        oneOfferId[0] = offerId;
        return accept(frameworkId, oneOfferId, 1, tasks, refuseMs);
    }

    int launch(final long frameworkId, final long offerId, final TaskInfo task, final long refuseMs)
    {
        oneOfferId[0] = offerId;
        final AcceptEncoder.TasksEncoder entries = ingress.acceptBegin(frameworkId, refuseMs, oneOfferId, 1, 1);
        task.encode(entries);
        return ingress.acceptLength();
    }

    int decline(final long frameworkId, final long offerId, final long refuseMs)
    {
        oneOfferId[0] = offerId;
        return ingress.decline(frameworkId, refuseMs, oneOfferId, 1);
    }

    int revive(final long frameworkId)
    {
        return ingress.revive(frameworkId);
    }

    int suppress(final long frameworkId)
    {
        return ingress.suppress(frameworkId);
    }

    int kill(final long frameworkId, final long taskId)
    {
        return ingress.kill(frameworkId, taskId, 0);
    }

    int acknowledge(final long frameworkId, final TaskStatus status)
    {
        return ingress.acknowledge(frameworkId, status.agentId(), status.taskId(), status.uuidMsb(), status.uuidLsb());
    }

    int reconcile(final long frameworkId, final List<TaskStatus> statuses)
    {
        final int count = null == statuses ? 0 : statuses.size();
        if (taskIds.length < count)
        {
            taskIds = new long[count];
            agentIds = new long[count];
        }
        for (int i = 0; i < count; i++)
        {
            final TaskStatus status = statuses.get(i);
            taskIds[i] = status.taskId();
            agentIds[i] = status.agentId();
        }
        return ingress.reconcile(frameworkId, taskIds, agentIds, count);
    }

    /**
     * A framework-to-executor Message: {@link IngressEncoder} has no method for it, so the generated encoder is used.
     */
    int message(
        final long frameworkId, final long agentId, final long taskId, final DirectBuffer payload, final int offset, final int length)
    {
        message.wrapAndApplyHeader(body, 0, header).frameworkId(frameworkId).agentId(agentId).taskId(taskId)
            .putPayload(payload, offset, length);
        return MessageHeaderEncoder.ENCODED_LENGTH + message.encodedLength();
    }
}

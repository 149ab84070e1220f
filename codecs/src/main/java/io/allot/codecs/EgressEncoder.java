/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.codecs;

import io.allot.codecs.sbe.AgentPingEncoder;
import io.allot.codecs.sbe.AgentRegisteredEncoder;
import io.allot.codecs.sbe.AgentReregisteredEncoder;
import io.allot.codecs.sbe.ErrorCode;
import io.allot.codecs.sbe.ErrorEncoder;
import io.allot.codecs.sbe.FailureEncoder;
import io.allot.codecs.sbe.FrameworkToExecutorEncoder;
import io.allot.codecs.sbe.HeartbeatEncoder;
import io.allot.codecs.sbe.KillTaskEncoder;
import io.allot.codecs.sbe.MessageEventEncoder;
import io.allot.codecs.sbe.MessageHeaderEncoder;
import io.allot.codecs.sbe.OffersEncoder;
import io.allot.codecs.sbe.OperatorAckEncoder;
import io.allot.codecs.sbe.RescindEncoder;
import io.allot.codecs.sbe.RevocationEncoder;
import io.allot.codecs.sbe.RunTaskEncoder;
import io.allot.codecs.sbe.ShutdownAgentEncoder;
import io.allot.codecs.sbe.ShutdownFrameworkEncoder;
import io.allot.codecs.sbe.StatusUpdateAckEncoder;
import io.allot.codecs.sbe.SubscribedEncoder;
import io.allot.codecs.sbe.TaskReason;
import io.allot.codecs.sbe.TaskState;
import io.allot.codecs.sbe.UpdateEncoder;
import io.allot.codecs.sbe.UpdateSource;
import io.allot.resources.Resources;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Encodes what the master says (framework events, agent commands, operator replies) into one buffer at offset 0,
 * with the message header; every method returns the length to send. Text arrives as {@link CharSequence} (ASCII,
 * kept by the master from registration: hostnames, attributes, roles) or as UTF-8 bytes in a buffer whose
 * capacity is the length (task names, commands, messages); neither allocates.
 */
public final class EgressEncoder
{
    private final MutableDirectBuffer buffer;
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final SubscribedEncoder subscribed = new SubscribedEncoder();
    private final OffersEncoder offers = new OffersEncoder();
    private final RescindEncoder rescind = new RescindEncoder();
    private final UpdateEncoder update = new UpdateEncoder();
    private final MessageEventEncoder messageEvent = new MessageEventEncoder();
    private final FailureEncoder failure = new FailureEncoder();
    private final ErrorEncoder error = new ErrorEncoder();
    private final HeartbeatEncoder heartbeat = new HeartbeatEncoder();
    private final RevocationEncoder revocation = new RevocationEncoder();
    private final AgentRegisteredEncoder agentRegistered = new AgentRegisteredEncoder();
    private final AgentReregisteredEncoder agentReregistered = new AgentReregisteredEncoder();
    private final RunTaskEncoder runTask = new RunTaskEncoder();
    private final KillTaskEncoder killTask = new KillTaskEncoder();
    private final StatusUpdateAckEncoder statusUpdateAck = new StatusUpdateAckEncoder();
    private final ShutdownFrameworkEncoder shutdownFramework = new ShutdownFrameworkEncoder();
    private final AgentPingEncoder agentPing = new AgentPingEncoder();
    private final FrameworkToExecutorEncoder frameworkToExecutor = new FrameworkToExecutorEncoder();
    private final ShutdownAgentEncoder shutdownAgent = new ShutdownAgentEncoder();
    private final OperatorAckEncoder operatorAck = new OperatorAckEncoder();

    /**
     * @param buffer where messages are encoded, at offset 0.
     */
    public EgressEncoder(final MutableDirectBuffer buffer)
    {
        this.buffer = buffer;
    }

    /**
     * @return the buffer messages are encoded into.
     */
    public MutableDirectBuffer buffer()
    {
        return buffer;
    }

    private static int length(final int bodyLength)
    {
        return MessageHeaderEncoder.ENCODED_LENGTH + bodyLength;
    }

    private static int ascii(final MutableDirectBuffer target, final int offset, final CharSequence text)
    {
        final int length = null == text ? 0 : text.length();
        for (int i = 0; i < length; i++)
        {
            final char c = text.charAt(i);
            target.putByte(offset + i, (byte)(c < 128 ? c : '?'));
        }
        return length;
    }

    public int subscribed(final long correlationId, final long frameworkId, final long heartbeatIntervalMs)
    {
        return length(subscribed.wrapAndApplyHeader(buffer, 0, header)
            .correlationId(correlationId).frameworkId(frameworkId).heartbeatIntervalMs(heartbeatIntervalMs).encodedLength());
    }

    /**
     * An Offers event with one offer. Hostname and attributes are ASCII (agents register them as such).
     */
    public int offer(
        final long frameworkId,
        final long offerId,
        final long agentId,
        final Resources resources,
        final CharSequence hostname,
        final CharSequence attributes)
    {
        offers.wrapAndApplyHeader(buffer, 0, header).frameworkId(frameworkId);
        final OffersEncoder.OfferEncoder entry = offers.offerCount(1).next().offerId(offerId).agentId(agentId);
        ResourceCodec.encode(resources, entry);
        putAscii(offers.limit(), hostname);
        putAscii(offers.limit(), attributes);
        return length(offers.encodedLength());
    }

    private void putAscii(final int limit, final CharSequence text)
    {
        final int length = ascii(buffer, limit + 2, text);
        buffer.putShort(limit, (short)length, java.nio.ByteOrder.LITTLE_ENDIAN);
        offers.limit(limit + 2 + length);
    }

    public int rescind(final long frameworkId, final long offerId)
    {
        return length(rescind.wrapAndApplyHeader(buffer, 0, header).frameworkId(frameworkId).offerId(offerId).encodedLength());
    }

    public int update(
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
        update.wrapAndApplyHeader(buffer, 0, header)
            .frameworkId(frameworkId).agentId(agentId).taskId(taskId).state(state).reason(reason).source(source);
        update.uuid().msb(uuidMsb).lsb(uuidLsb);
        update.timestampMs(timestampMs).putMessage(message, 0, message.capacity());
        return length(update.encodedLength());
    }

    public int frameworkMessage(
        final long frameworkId, final long agentId, final long taskId, final DirectBuffer payload, final int offset, final int length)
    {
        messageEvent.wrapAndApplyHeader(buffer, 0, header).frameworkId(frameworkId).agentId(agentId).taskId(taskId)
            .putPayload(payload, offset, length);
        return length(messageEvent.encodedLength());
    }

    public int failure(final long frameworkId, final long agentId, final long taskId, final int status)
    {
        return length(failure.wrapAndApplyHeader(buffer, 0, header)
            .frameworkId(frameworkId).agentId(agentId).taskId(taskId).status(status).encodedLength());
    }

    public int error(
        final long correlationId,
        final long frameworkId,
        final long agentId,
        final ErrorCode code,
        final int templateId,
        final CharSequence message)
    {
        error.wrapAndApplyHeader(buffer, 0, header)
            .correlationId(correlationId).frameworkId(frameworkId).agentId(agentId).code(code).templateId(templateId);
        final int limit = error.limit();
        final int textLength = Math.min(ascii(buffer, limit + 2, message), 4096);
        buffer.putShort(limit, (short)textLength, java.nio.ByteOrder.LITTLE_ENDIAN);
        error.limit(limit + 2 + textLength);
        return length(error.encodedLength());
    }

    public int heartbeat(final long frameworkId, final long timestampMs)
    {
        return length(heartbeat.wrapAndApplyHeader(buffer, 0, header).frameworkId(frameworkId).timestampMs(timestampMs).encodedLength());
    }

    public int revocation(final long frameworkId, final long deadlineMs, final long[] taskIds, final long[] agentIds, final int count)
    {
        revocation.wrapAndApplyHeader(buffer, 0, header).frameworkId(frameworkId).deadlineMs(deadlineMs);
        final RevocationEncoder.TasksEncoder tasks = revocation.tasksCount(count);
        for (int i = 0; i < count; i++)
        {
            tasks.next().taskId(taskIds[i]).agentId(agentIds[i]);
        }
        return length(revocation.encodedLength());
    }

    public int agentRegistered(final long correlationId, final long agentId, final long pingIntervalMs)
    {
        return length(agentRegistered.wrapAndApplyHeader(buffer, 0, header)
            .correlationId(correlationId).agentId(agentId).pingIntervalMs(pingIntervalMs).encodedLength());
    }

    public int agentReregistered(final long correlationId, final long agentId)
    {
        return length(agentReregistered.wrapAndApplyHeader(buffer, 0, header)
            .correlationId(correlationId).agentId(agentId).encodedLength());
    }

    public int runTask(
        final long agentId,
        final long frameworkId,
        final long taskId,
        final long killGracePeriodMs,
        final Resources resources,
        final DirectBuffer name,
        final DirectBuffer command,
        final CharSequence role)
    {
        runTask.wrapAndApplyHeader(buffer, 0, header)
            .agentId(agentId).frameworkId(frameworkId).taskId(taskId).killGracePeriodMs(killGracePeriodMs);
        ResourceCodec.encode(resources, runTask);
        runTask.putName(name, 0, name.capacity()).putCommand(command, 0, command.capacity());
        final int limit = runTask.limit();
        final int roleLength = ascii(buffer, limit + 2, role);
        buffer.putShort(limit, (short)roleLength, java.nio.ByteOrder.LITTLE_ENDIAN);
        runTask.limit(limit + 2 + roleLength);
        return length(runTask.encodedLength());
    }

    public int killTask(final long agentId, final long frameworkId, final long taskId, final long gracePeriodMs)
    {
        return length(killTask.wrapAndApplyHeader(buffer, 0, header)
            .agentId(agentId).frameworkId(frameworkId).taskId(taskId).gracePeriodMs(gracePeriodMs).encodedLength());
    }

    public int statusUpdateAck(final long agentId, final long frameworkId, final long taskId, final long uuidMsb, final long uuidLsb)
    {
        statusUpdateAck.wrapAndApplyHeader(buffer, 0, header).agentId(agentId).frameworkId(frameworkId).taskId(taskId);
        statusUpdateAck.uuid().msb(uuidMsb).lsb(uuidLsb);
        return length(statusUpdateAck.encodedLength());
    }

    public int shutdownFramework(final long agentId, final long frameworkId)
    {
        return length(shutdownFramework.wrapAndApplyHeader(buffer, 0, header).agentId(agentId).frameworkId(frameworkId).encodedLength());
    }

    public int agentPing(final long agentId, final long sequence)
    {
        return length(agentPing.wrapAndApplyHeader(buffer, 0, header).agentId(agentId).sequence(sequence).encodedLength());
    }

    public int executorMessage(
        final long agentId, final long frameworkId, final long taskId, final DirectBuffer payload, final int offset, final int length)
    {
        frameworkToExecutor.wrapAndApplyHeader(buffer, 0, header).agentId(agentId).frameworkId(frameworkId).taskId(taskId)
            .putPayload(payload, offset, length);
        return length(frameworkToExecutor.encodedLength());
    }

    public int shutdownAgent(final long agentId, final TaskReason reason)
    {
        return length(shutdownAgent.wrapAndApplyHeader(buffer, 0, header).agentId(agentId).reason(reason).encodedLength());
    }

    public int operatorAck(final long correlationId, final int templateId)
    {
        return length(operatorAck.wrapAndApplyHeader(buffer, 0, header)
            .correlationId(correlationId).templateId(templateId).encodedLength());
    }
}

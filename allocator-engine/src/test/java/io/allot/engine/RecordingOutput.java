/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.engine;

import io.allot.codecs.sbe.ErrorCode;
import io.allot.codecs.sbe.TaskReason;
import io.allot.codecs.sbe.TaskState;
import io.allot.codecs.sbe.UpdateSource;
import io.allot.resources.Resources;
import org.agrona.DirectBuffer;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Captures what an engine says as readable events, for assertions.
 */
final class RecordingOutput implements EngineOutput
{
    record Offer(long session, long frameworkId, long offerId, long agentId, String resources)
    {
    }

    record Rescind(long session, long frameworkId, long offerId)
    {
    }

    record Update(long session, long frameworkId, long agentId, long taskId, TaskState state, TaskReason reason,
        UpdateSource source, long uuidMsb, long uuidLsb, String message)
    {
    }

    record Failure(long session, long frameworkId, long agentId, long taskId, int status)
    {
    }

    record Error(long session, long frameworkId, long agentId, ErrorCode code, int templateId, String message)
    {
    }

    record RunTask(long session, long agentId, long frameworkId, long taskId, String resources, String command)
    {
    }

    record KillTask(long session, long agentId, long frameworkId, long taskId)
    {
    }

    record StatusUpdateAck(long session, long agentId, long frameworkId, long taskId, long uuidMsb, long uuidLsb)
    {
    }

    record ShutdownFramework(long session, long agentId, long frameworkId)
    {
    }

    record ShutdownAgent(long session, long agentId, TaskReason reason)
    {
    }

    record Ping(long session, long agentId, long sequence)
    {
    }

    record Subscribed(long session, long correlationId, long frameworkId)
    {
    }

    record AgentRegistered(long session, long correlationId, long agentId)
    {
    }

    record Other(String what)
    {
    }

    final List<Object> events = new ArrayList<>();

    <T> List<T> all(final Class<T> type)
    {
        return events.stream().filter(type::isInstance).map(type::cast).collect(Collectors.toList());
    }

    <T> List<T> all(final Class<T> type, final Predicate<T> filter)
    {
        return all(type).stream().filter(filter).collect(Collectors.toList());
    }

    <T> T last(final Class<T> type)
    {
        final List<T> list = all(type);
        return list.isEmpty() ? null : list.get(list.size() - 1);
    }

    void clear()
    {
        events.clear();
    }

    public void subscribed(final long sessionId, final long correlationId, final long frameworkId, final long heartbeatIntervalMs)
    {
        events.add(new Subscribed(sessionId, correlationId, frameworkId));
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
        events.add(new Offer(sessionId, frameworkId, offerId, agentId, resources.toString()));
    }

    public void rescind(final long sessionId, final long frameworkId, final long offerId)
    {
        events.add(new Rescind(sessionId, frameworkId, offerId));
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
        final String text = message.getStringWithoutLengthUtf8(0, message.capacity());
        events.add(new Update(sessionId, frameworkId, agentId, taskId, state, reason, source, uuidMsb, uuidLsb, text));
    }

    public void failure(final long sessionId, final long frameworkId, final long agentId, final long taskId, final int status)
    {
        events.add(new Failure(sessionId, frameworkId, agentId, taskId, status));
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
        events.add(new Error(sessionId, frameworkId, agentId, code, templateId, message.toString()));
    }

    public void heartbeat(final long sessionId, final long frameworkId, final long timestampMs)
    {
        events.add(new Other("heartbeat " + frameworkId));
    }

    public void frameworkMessage(
        final long sessionId, final long frameworkId, final long agentId, final long taskId, final DirectBuffer payload,
        final int offset, final int length)
    {
        events.add(new Other("frameworkMessage " + frameworkId + " " + taskId + " " + payload.getStringWithoutLengthAscii(offset, length)));
    }

    public void agentRegistered(final long sessionId, final long correlationId, final long agentId, final long pingIntervalMs)
    {
        events.add(new AgentRegistered(sessionId, correlationId, agentId));
    }

    public void agentReregistered(final long sessionId, final long correlationId, final long agentId)
    {
        events.add(new Other("agentReregistered " + agentId));
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
        final String text = command.getStringWithoutLengthUtf8(0, command.capacity());
        events.add(new RunTask(sessionId, agentId, frameworkId, taskId, resources.toString(), text));
    }

    public void killTask(final long sessionId, final long agentId, final long frameworkId, final long taskId, final long gracePeriodMs)
    {
        events.add(new KillTask(sessionId, agentId, frameworkId, taskId));
    }

    public void statusUpdateAck(
        final long sessionId, final long agentId, final long frameworkId, final long taskId, final long uuidMsb, final long uuidLsb)
    {
        events.add(new StatusUpdateAck(sessionId, agentId, frameworkId, taskId, uuidMsb, uuidLsb));
    }

    public void shutdownFramework(final long sessionId, final long agentId, final long frameworkId)
    {
        events.add(new ShutdownFramework(sessionId, agentId, frameworkId));
    }

    public void agentPing(final long sessionId, final long agentId, final long sequence)
    {
        events.add(new Ping(sessionId, agentId, sequence));
    }

    public void executorMessage(
        final long sessionId, final long agentId, final long frameworkId, final long taskId, final DirectBuffer payload,
        final int offset, final int length)
    {
        events.add(new Other("executorMessage " + agentId + " " + taskId + " " + payload.getStringWithoutLengthAscii(offset, length)));
    }

    public void shutdownAgent(final long sessionId, final long agentId, final TaskReason reason)
    {
        events.add(new ShutdownAgent(sessionId, agentId, reason));
    }

    public void operatorAck(final long sessionId, final long correlationId, final int templateId)
    {
        events.add(new Other("operatorAck " + correlationId + " " + templateId));
    }

    record Revocation(long session, long frameworkId, long deadlineMs, java.util.List<Long> taskIds)
    {
    }

    public void revocation(
        final long sessionId, final long frameworkId, final long deadlineMs, final long[] taskIds, final long[] agentIds, final int count)
    {
        final List<Long> ids = new ArrayList<>();
        for (int i = 0; i < count; i++)
        {
            ids.add(taskIds[i]);
        }
        events.add(new Revocation(sessionId, frameworkId, deadlineMs, ids));
    }
}

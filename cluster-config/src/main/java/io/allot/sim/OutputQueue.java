/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.sim;

import io.allot.codecs.sbe.ErrorCode;
import io.allot.codecs.sbe.TaskReason;
import io.allot.codecs.sbe.TaskState;
import io.allot.codecs.sbe.UpdateSource;
import io.allot.engine.EngineOutput;
import io.allot.resources.ResourceNames;
import io.allot.resources.Resources;
import org.agrona.DirectBuffer;

import java.util.Arrays;

/**
 * Queues what the engine says, so that the simulator acts on it after the engine call returns and never calls the
 * engine re-entrantly. Entries are reused: an entry taken by {@link #poll()} is valid until the next {@link #poll()}
 * that finds the queue empty. What no scripted actor acts on (heartbeats, messages, acknowledgements of operator
 * calls) is not queued.
 */
final class OutputQueue implements EngineOutput
{
    static final int SUBSCRIBED = 1;
    static final int OFFER = 2;
    static final int RESCIND = 3;
    static final int UPDATE = 4;
    static final int FAILURE = 5;
    static final int ERROR = 6;
    static final int AGENT_REGISTERED = 7;
    static final int RUN_TASK = 8;
    static final int KILL_TASK = 9;
    static final int STATUS_UPDATE_ACK = 10;
    static final int SHUTDOWN_FRAMEWORK = 11;
    static final int AGENT_PING = 12;
    static final int SHUTDOWN_AGENT = 13;
    static final int REVOCATION = 14;

    /**
     * One thing the engine said; which fields are set depends on the kind.
     */
    static final class Entry
    {
        int kind;
        long sessionId;
        long correlationId;
        long frameworkId;
        long agentId;
        long id;
        TaskState state;
        TaskReason reason;
        long uuidMsb;
        long uuidLsb;
        int templateId;
        ErrorCode code;
        String message;
        Resources resources;
    }

    private final ResourceNames names;
    private Entry[] entries = new Entry[256];
    private int head;
    private int tail;

    OutputQueue(final ResourceNames names)
    {
        this.names = names;
    }

    /**
     * @return the next entry, or null when the queue is empty.
     */
    Entry poll()
    {
        if (head == tail)
        {
            head = 0;
            tail = 0;
            return null;
        }

        return entries[head++];
    }

    /**
     * @return a mark to pass to {@link #hasErrorSince(int, long, int)}.
     */
    int mark()
    {
        return tail;
    }

    /**
     * Whether the engine refused a message of a session since a mark.
     *
     * @param mark       from {@link #mark()} before the call.
     * @param sessionId  sender of the message.
     * @param templateId template id of the message.
     * @return true if an error for that message was queued.
     */
    boolean hasErrorSince(final int mark, final long sessionId, final int templateId)
    {
        for (int i = mark; i < tail; i++)
        {
            final Entry entry = entries[i];
            if (ERROR == entry.kind && entry.sessionId == sessionId && entry.templateId == templateId)
            {
                return true;
            }
        }

        return false;
    }

    public void subscribed(final long sessionId, final long correlationId, final long frameworkId, final long heartbeatIntervalMs)
    {
        final Entry entry = add(SUBSCRIBED, sessionId);
        entry.correlationId = correlationId;
        entry.frameworkId = frameworkId;
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
        final Entry entry = add(OFFER, sessionId);
        entry.frameworkId = frameworkId;
        entry.id = offerId;
        entry.agentId = agentId;
        if (null == entry.resources)
        {
            entry.resources = new Resources(names);
        }
        entry.resources.copyFrom(resources);
    }

    public void rescind(final long sessionId, final long frameworkId, final long offerId)
    {
        final Entry entry = add(RESCIND, sessionId);
        entry.frameworkId = frameworkId;
        entry.id = offerId;
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
        final Entry entry = add(UPDATE, sessionId);
        entry.frameworkId = frameworkId;
        entry.agentId = agentId;
        entry.id = taskId;
        entry.state = state;
        entry.reason = reason;
        entry.uuidMsb = uuidMsb;
        entry.uuidLsb = uuidLsb;
    }

    public void failure(final long sessionId, final long frameworkId, final long agentId, final long taskId, final int status)
    {
        final Entry entry = add(FAILURE, sessionId);
        entry.frameworkId = frameworkId;
        entry.agentId = agentId;
        entry.id = taskId;
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
        final Entry entry = add(ERROR, sessionId);
        entry.correlationId = correlationId;
        entry.frameworkId = frameworkId;
        entry.agentId = agentId;
        entry.code = code;
        entry.templateId = templateId;
        entry.message = String.valueOf(message);
    }

    public void heartbeat(final long sessionId, final long frameworkId, final long timestampMs)
    {
        // no scripted actor acts on it
    }

    public void frameworkMessage(
        final long sessionId,
        final long frameworkId,
        final long agentId,
        final long taskId,
        final DirectBuffer payload,
        final int offset,
        final int length)
    {
        // no scripted actor acts on it
    }

    public void agentRegistered(final long sessionId, final long correlationId, final long agentId, final long pingIntervalMs)
    {
        final Entry entry = add(AGENT_REGISTERED, sessionId);
        entry.correlationId = correlationId;
        entry.agentId = agentId;
    }

    public void agentReregistered(final long sessionId, final long correlationId, final long agentId)
    {
        // no scripted actor acts on it
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
        final Entry entry = add(RUN_TASK, sessionId);
        entry.agentId = agentId;
        entry.frameworkId = frameworkId;
        entry.id = taskId;
    }

    public void killTask(final long sessionId, final long agentId, final long frameworkId, final long taskId, final long gracePeriodMs)
    {
        final Entry entry = add(KILL_TASK, sessionId);
        entry.agentId = agentId;
        entry.frameworkId = frameworkId;
        entry.id = taskId;
    }

    public void statusUpdateAck(
        final long sessionId,
        final long agentId,
        final long frameworkId,
        final long taskId,
        final long uuidMsb,
        final long uuidLsb)
    {
        final Entry entry = add(STATUS_UPDATE_ACK, sessionId);
        entry.agentId = agentId;
        entry.frameworkId = frameworkId;
        entry.id = taskId;
        entry.uuidMsb = uuidMsb;
        entry.uuidLsb = uuidLsb;
    }

    public void shutdownFramework(final long sessionId, final long agentId, final long frameworkId)
    {
        final Entry entry = add(SHUTDOWN_FRAMEWORK, sessionId);
        entry.agentId = agentId;
        entry.frameworkId = frameworkId;
    }

    public void agentPing(final long sessionId, final long agentId, final long sequence)
    {
        final Entry entry = add(AGENT_PING, sessionId);
        entry.agentId = agentId;
        entry.id = sequence;
    }

    public void executorMessage(
        final long sessionId,
        final long agentId,
        final long frameworkId,
        final long taskId,
        final DirectBuffer payload,
        final int offset,
        final int length)
    {
        // no scripted actor acts on it
    }

    public void shutdownAgent(final long sessionId, final long agentId, final TaskReason reason)
    {
        final Entry entry = add(SHUTDOWN_AGENT, sessionId);
        entry.agentId = agentId;
        entry.reason = reason;
    }

    public void operatorAck(final long sessionId, final long correlationId, final int templateId)
    {
        // no scripted actor acts on it
    }

    public void revocation(
        final long sessionId, final long frameworkId, final long deadlineMs, final long[] taskIds, final long[] agentIds, final int count)
    {
        // the scripted framework only counts the tasks named: it lets them run until the engine kills them at the deadline
        final Entry entry = add(REVOCATION, sessionId);
        entry.frameworkId = frameworkId;
        entry.id = count;
    }

    private Entry add(final int kind, final long sessionId)
    {
        if (tail == entries.length)
        {
            entries = Arrays.copyOf(entries, entries.length * 2);
        }

        Entry entry = entries[tail];
        if (null == entry)
        {
            entry = new Entry();
            entries[tail] = entry;
        }
        tail++;

        entry.kind = kind;
        entry.sessionId = sessionId;
        entry.correlationId = 0;
        entry.frameworkId = 0;
        entry.agentId = 0;
        entry.id = 0;
        entry.uuidMsb = 0;
        entry.uuidLsb = 0;
        entry.templateId = 0;
        entry.message = null;

        return entry;
    }
}

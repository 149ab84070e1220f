/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.driver;

import java.nio.charset.StandardCharsets;

import io.allot.codecs.TaskStates;
import io.allot.codecs.sbe.TaskReason;
import io.allot.codecs.sbe.TaskState;
import io.allot.codecs.sbe.UpdateDecoder;
import io.allot.codecs.sbe.UpdateSource;

/**
 * Mesos's {@code TaskStatus}: a task's state, why, from whom, when, and the uuid to acknowledge it by. States, reasons
 * and their numbers are Mesos's ({@link TaskState}, {@link TaskReason}).
 * <p>
 * <b>The status passed to {@link Scheduler#statusUpdate} is valid only during the call</b>: the driver reuses it, so
 * that receiving updates allocates nothing (the message text is decoded only when {@link #message()} is called).
 * {@link #copy()} it to keep it, e.g. to acknowledge it later from another thread. A framework also builds statuses to
 * name the tasks of an explicit {@link SchedulerDriver#reconcileTasks reconciliation} (task id, and agent id if known).
 * <p>
 * Updates from reconciliation and other updates that need no acknowledgement have no uuid ({@link #hasUuid()} false).
 */
public final class TaskStatus
{
    private static final byte[] NO_BYTES = new byte[0];

    private long frameworkId;
    private long taskId;
    private long agentId;
    private TaskState state = TaskState.TASK_STAGING;
    private TaskReason reason = TaskReason.NONE;
    private UpdateSource source = UpdateSource.MASTER;
    private long uuidMsb;
    private long uuidLsb;
    private long timestampMs;
    private byte[] messageBytes = NO_BYTES;
    private int messageLength;
    private String message = "";

    /**
     * An empty status, to name a task for reconciliation.
     */
    public TaskStatus()
    {
    }

    /**
     * A status naming a task for reconciliation.
     *
     * @param taskId  the task.
     * @param agentId its agent, 0 when not known.
     */
    public TaskStatus(final long taskId, final long agentId)
    {
        this.taskId = taskId;
        this.agentId = agentId;
    }

    /**
     * Fill from an {@code Update} event: no allocation once the message buffer is large enough.
     */
    void wrap(final UpdateDecoder update)
    {
        frameworkId = update.frameworkId();
        agentId = update.agentId();
        taskId = update.taskId();
        state = update.state();
        reason = update.reason();
        source = update.source();
        uuidMsb = update.uuid().msb();
        uuidLsb = update.uuid().lsb();
        timestampMs = update.timestampMs();
        final int length = update.messageLength();
        if (messageBytes.length < length)
        {
            messageBytes = new byte[Math.max(length, 256)];
        }
        messageLength = update.getMessage(messageBytes, 0, length);
        message = null;
    }

    /**
     * @return the framework the task belongs to.
     */
    public long frameworkId()
    {
        return frameworkId;
    }

    /**
     * @param taskId the task this status is about.
     * @return this for a fluent API.
     */
    public TaskStatus taskId(final long taskId)
    {
        this.taskId = taskId;
        return this;
    }

    /**
     * @return the task this status is about.
     */
    public long taskId()
    {
        return taskId;
    }

    /**
     * @param agentId the task's agent, 0 when not known.
     * @return this for a fluent API.
     */
    public TaskStatus agentId(final long agentId)
    {
        this.agentId = agentId;
        return this;
    }

    /**
     * @return the task's agent, 0 when not known.
     */
    public long agentId()
    {
        return agentId;
    }

    /**
     * @return the task's state.
     */
    public TaskState state()
    {
        return state;
    }

    /**
     * @return why it changed state ({@link TaskReason#RECONCILIATION} for an answer to a reconciliation).
     */
    public TaskReason reason()
    {
        return reason;
    }

    /**
     * @return who decided the state: the agent, or the master (agent lost, reconciliation).
     */
    public UpdateSource source()
    {
        return source;
    }

    /**
     * @return the high half of the update's uuid.
     */
    public long uuidMsb()
    {
        return uuidMsb;
    }

    /**
     * @return the low half of the update's uuid.
     */
    public long uuidLsb()
    {
        return uuidLsb;
    }

    /**
     * @return true when the update has a uuid and so must be acknowledged (by the driver, with implicit
     *         acknowledgements, or by {@link SchedulerDriver#acknowledgeStatusUpdate}).
     */
    public boolean hasUuid()
    {
        return 0 != uuidMsb || 0 != uuidLsb;
    }

    /**
     * @return when the state changed, epoch milliseconds.
     */
    public long timestampMs()
    {
        return timestampMs;
    }

    /**
     * @return the human-readable message, empty for none; decoded (allocating) on the first call for this update.
     */
    public String message()
    {
        if (null == message)
        {
            message = 0 == messageLength ? "" : new String(messageBytes, 0, messageLength, StandardCharsets.UTF_8);
        }
        return message;
    }

    /**
     * @return true for the terminal states, after which the task is gone: {@code FINISHED, FAILED, KILLED, ERROR, LOST,
     *         DROPPED, GONE, GONE_BY_OPERATOR}.
     */
    public boolean isTerminal()
    {
        return TaskStates.isTerminal(state);
    }

    /**
     * @return a copy that stays valid after the callback (allocates).
     */
    public TaskStatus copy()
    {
        final TaskStatus copy = new TaskStatus();
        copy.frameworkId = frameworkId;
        copy.taskId = taskId;
        copy.agentId = agentId;
        copy.state = state;
        copy.reason = reason;
        copy.source = source;
        copy.uuidMsb = uuidMsb;
        copy.uuidLsb = uuidLsb;
        copy.timestampMs = timestampMs;
        copy.message = message();
        return copy;
    }

    /**
     * {@inheritDoc}
     */
    public String toString()
    {
        final String text = message();
        return "TaskStatus{taskId=" + taskId + ", agentId=" + agentId + ", state=" + state + ", reason=" + reason +
            ", source=" + source + (hasUuid() ? ", uuid=" + Long.toHexString(uuidMsb) + ':' + Long.toHexString(uuidLsb) : "") +
            (text.isEmpty() ? "" : ", message='" + text + '\'') + '}';
    }
}

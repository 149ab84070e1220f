/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.agent;

import java.util.List;
import java.util.UUID;

import io.allot.agent.checkpoint.AgentCheckpoint;
import io.allot.agent.checkpoint.CheckpointException;
import io.allot.agent.checkpoint.UpdateRecord;
import io.allot.codecs.sbe.TaskReason;
import io.allot.codecs.sbe.TaskState;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.EpochClock;

/**
 * The agent's status-update manager, as Mesos's: each update of a task gets a uuid, is written to the checkpoint
 * before it is sent, and is resent with exponential backoff until the master passes on the framework's
 * acknowledgement; a task's updates go one at a time, in order. Used only by the agent's duty-cycle thread.
 */
final class StatusUpdateManager
{
    private final MasterProxy master;
    private final AgentCheckpoint checkpoint;
    private final EpochClock clock;
    private final ErrorHandler errorHandler;
    private final long initialBackoffMs;
    private final long maxBackoffMs;

    StatusUpdateManager(
        final MasterProxy master,
        final AgentCheckpoint checkpoint,
        final EpochClock clock,
        final ErrorHandler errorHandler,
        final long initialBackoffMs,
        final long maxBackoffMs)
    {
        this.master = master;
        this.checkpoint = checkpoint;
        this.clock = clock;
        this.errorHandler = errorHandler;
        this.initialBackoffMs = initialBackoffMs;
        this.maxBackoffMs = maxBackoffMs;
    }

    /**
     * A new state of the task: checkpoint the task and the update, then send it if it is the first one waiting.
     *
     * @param agentId 0 while unregistered: the update waits for the registration.
     * @return the update.
     */
    UpdateRecord enqueue(
        final Task task, final TaskState state, final TaskReason reason, final String message, final long agentId, final long nowMs)
    {
        final UUID uuid = UUID.randomUUID();
        final UpdateRecord update = new UpdateRecord(task.frameworkId, task.taskId, task.nextUpdateSequence++, state, reason,
            uuid.getMostSignificantBits(), uuid.getLeastSignificantBits(), clock.time(), message);
        task.state = state;
        saveTask(task);
        try
        {
            checkpoint.addUpdate(update);
        }
        catch (final CheckpointException ex)
        {
            errorHandler.onError(ex);
        }
        task.updates.addLast(update);
        if (1 == task.updates.size())
        {
            task.backoffMs = initialBackoffMs;
            task.nextSendMs = nowMs;
            sendHead(task, agentId, nowMs);
        }
        return update;
    }

    /**
     * The framework acknowledged an update of the task: forget it and send the next one.
     *
     * @return true when it was the task's head update (others are stale repeats and ignored).
     */
    boolean onAcknowledged(final Task task, final long uuidMsb, final long uuidLsb, final long agentId, final long nowMs)
    {
        final UpdateRecord head = task.updates.peekFirst();
        if (null == head || head.uuidMsb() != uuidMsb || head.uuidLsb() != uuidLsb)
        {
            return false;
        }
        task.updates.pollFirst();
        try
        {
            checkpoint.removeUpdate(task.frameworkId, task.taskId, head.sequence());
        }
        catch (final CheckpointException ex)
        {
            errorHandler.onError(ex);
        }
        if (task.updates.isEmpty())
        {
            task.nextSendMs = Task.NO_DEADLINE;
        }
        else
        {
            task.backoffMs = initialBackoffMs;
            task.nextSendMs = nowMs;
            sendHead(task, agentId, nowMs);
        }
        return true;
    }

    /**
     * Resend the head update of every task whose backoff ran out.
     *
     * @return updates sent.
     */
    int resendDue(final List<Task> tasks, final long agentId, final long nowMs)
    {
        int sent = 0;
        for (int i = 0, size = tasks.size(); i < size; i++)
        {
            final Task task = tasks.get(i);
            if (nowMs >= task.nextSendMs)
            {
                sendHead(task, agentId, nowMs);
                sent++;
            }
        }
        return sent;
    }

    /**
     * After a (re-)registration: every pending update goes out now, with a fresh backoff.
     */
    void resendAllNow(final List<Task> tasks)
    {
        for (int i = 0, size = tasks.size(); i < size; i++)
        {
            final Task task = tasks.get(i);
            if (!task.updates.isEmpty())
            {
                task.backoffMs = initialBackoffMs;
                task.nextSendMs = 0;
            }
        }
    }

    /**
     * Write the task's current record (state, process, kill request) to the checkpoint.
     */
    void saveTask(final Task task)
    {
        try
        {
            checkpoint.putTask(task.record());
        }
        catch (final CheckpointException ex)
        {
            errorHandler.onError(ex);
        }
    }

    /**
     * The task is over and every update was acknowledged: the checkpoint forgets it.
     */
    void forget(final Task task)
    {
        try
        {
            checkpoint.removeTask(task.frameworkId, task.taskId);
        }
        catch (final CheckpointException ex)
        {
            errorHandler.onError(ex);
        }
    }

    private void sendHead(final Task task, final long agentId, final long nowMs)
    {
        final UpdateRecord update = task.updates.peekFirst();
        if (null == update)
        {
            task.nextSendMs = Task.NO_DEADLINE;
            return;
        }
        if (0 == agentId)
        {
            task.nextSendMs = Task.NO_DEADLINE;
            return;
        }
        master.statusUpdate(agentId, task.frameworkId, task.taskId, update.state(), update.reason(),
            update.uuidMsb(), update.uuidLsb(), update.timestampMs(), update.message());
        // the clock again: a checkpoint write just before may have taken a while
        task.nextSendMs = Math.max(nowMs, clock.time()) + task.backoffMs;
        task.backoffMs = Math.min(task.backoffMs * 2, maxBackoffMs);
    }
}

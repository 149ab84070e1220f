/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.agent;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.UUID;

import io.allot.codecs.sbe.TaskReason;
import io.allot.codecs.sbe.TaskState;
import io.allot.resources.Resources;
import org.agrona.ErrorHandler;
import org.agrona.MutableDirectBuffer;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.status.AtomicCounter;

/**
 * The agent's duty cycle: the one thread that owns its registration, task table and status updates. It polls the
 * master's messages from the {@link AgentTransport}, takes process exits from a {@link ManyToOneRingBuffer} (written
 * by the JDK's process reaper threads), and at most every {@link #TIMER_CHECK_MS} resends registrations and
 * unacknowledged status updates and SIGKILLs tasks whose kill grace ran out.
 */
final class TaskAgent implements Agent
{
    static final long TIMER_CHECK_MS = 5;

    private static final int EXIT_MSG_TYPE = 1;
    private static final int EXIT_MSG_LENGTH = 3 * Long.BYTES + Integer.BYTES;
    private static final int EXIT_LIMIT = 64;

    private final AgentContext ctx;
    private final AgentTransport transport;
    private final MasterProxy master;
    private final MasterAdapter adapter;
    private final ManyToOneRingBuffer exits;
    private final MessageHandler exitHandler = this::onExitMessage;
    private final EpochClock clock;
    private final ErrorHandler errorHandler;
    private final AtomicCounter refused;
    private final AtomicCounter launched;
    private final Resources total;
    private final Resources free;
    private final Long2ObjectHashMap<Long2ObjectHashMap<Task>> tasksByFramework = new Long2ObjectHashMap<>();
    private final ArrayList<Task> tasks = new ArrayList<>();
    private final ArrayList<Task> scratch = new ArrayList<>();

    private long nowMs;
    private long nextTimerCheckMs;
    private long agentId;
    private long correlationId;
    private long nextRegistrationMs;
    private long registrationBackoffMs;
    private long launchSequence;

    TaskAgent(final AgentContext ctx, final ManyToOneRingBuffer exits)
    {
        this.ctx = ctx;
        this.transport = ctx.transport();
        this.master = new MasterProxy(transport);
        this.exits = exits;
        this.clock = ctx.epochClock();
        this.errorHandler = ctx.errorHandler();
        this.refused = ctx.refusedCounter();
        this.launched = ctx.tasksLaunchedCounter();
        this.total = ctx.totalResources();
        this.free = new Resources(ctx.resourceNames());
        this.free.copyFrom(total);
        this.adapter = new MasterAdapter(this, new Resources(ctx.resourceNames()));
        this.correlationId = ctx.registrationCorrelationId();
    }

    /**
     * {@inheritDoc}
     */
    public String roleName()
    {
        return "allot-agent";
    }

    /**
     * {@inheritDoc}
     */
    public void onStart()
    {
        nowMs = clock.time();
        registrationBackoffMs = ctx.initialBackoffMs();
        nextRegistrationMs = nowMs;
    }

    /**
     * {@inheritDoc}
     */
    public int doWork()
    {
        nowMs = clock.time();
        int work = transport.poll(adapter);
        work += exits.read(exitHandler, EXIT_LIMIT);
        if (nowMs >= nextTimerCheckMs)
        {
            nextTimerCheckMs = nowMs + TIMER_CHECK_MS;
            work += checkRegistration();
            work += checkTasks();
        }
        return work;
    }

    /**
     * Until recovery from a checkpoint exists, the agent's tasks do not outlive it: they are killed.
     */
    public void onClose()
    {
        for (int i = 0, size = tasks.size(); i < size; i++)
        {
            final Task task = tasks.get(i);
            if (task.isRunning())
            {
                TaskProcesses.kill(task.process, task.killTargets);
            }
        }
    }

    long agentId()
    {
        return agentId;
    }

    /**
     * Called by a process reaper thread: hands the exit over to the duty cycle.
     */
    void publishExit(final long frameworkId, final long taskId, final long sequence, final int exitValue)
    {
        int index;
        while ((index = exits.tryClaim(EXIT_MSG_TYPE, EXIT_MSG_LENGTH)) <= 0)
        {
            Thread.yield();
        }
        final MutableDirectBuffer buffer = exits.buffer();
        buffer.putLong(index, frameworkId);
        buffer.putLong(index + Long.BYTES, taskId);
        buffer.putLong(index + 2 * Long.BYTES, sequence);
        buffer.putInt(index + 3 * Long.BYTES, exitValue);
        exits.commit(index);
    }

    // ---------------------------------------------------------------- master messages

    void onAgentRegistered(final long correlationId, final long agentId)
    {
        if (correlationId == this.correlationId && 0 == this.agentId)
        {
            this.agentId = agentId;
            for (int i = 0, size = tasks.size(); i < size; i++)
            {
                tasks.get(i).nextSendMs = nowMs;
            }
        }
    }

    void onRunTask(
        final long agentId,
        final long frameworkId,
        final long taskId,
        final long killGracePeriodMs,
        final Resources resources,
        final String name,
        final String command,
        final String resourceError)
    {
        if (!isForMe(agentId, "RunTask", frameworkId, taskId))
        {
            return;
        }
        final Task existing = find(frameworkId, taskId);
        if (null != existing)
        {
            // The master sends a launch again while the task is TASK_STAGING to it (its first answer may have been
            // lost in a failover): the task is already here, so the answer is its pending update, sent now.
            if (!existing.updates.isEmpty())
            {
                existing.nextSendMs = nowMs;
            }
            return;
        }
        final Resources taskResources = new Resources(ctx.resourceNames());
        taskResources.copyFrom(resources);
        final Task task = new Task(frameworkId, taskId, ++launchSequence, killGracePeriodMs, taskResources);
        add(task);
        if (null != resourceError || !free.contains(taskResources))
        {
            final String reason = null != resourceError ? "invalid resources: " + resourceError :
                "task needs " + taskResources + " but the agent has only " + free + " free";
            refuse("RunTask of task " + taskId + " of framework " + frameworkId + " refused: " + reason);
            task.isTerminal = true;
            enqueue(task, TaskState.TASK_ERROR, TaskReason.TASK_INVALID, reason);
            return;
        }
        launch(task, command);
    }

    private void launch(final Task task, final String command)
    {
        final File sandbox = TaskProcesses.sandbox(ctx.workDir(), task.frameworkId, task.taskId);
        try
        {
            task.process = TaskProcesses.start(sandbox, command, agentId, task.frameworkId, task.taskId, task.resources);
        }
        catch (final IOException | RuntimeException ex)
        {
            errorHandler.onError(ex);
            task.isTerminal = true;
            enqueue(task, TaskState.TASK_FAILED, TaskReason.CONTAINER_LAUNCH_FAILED, "launch failed: " + ex.getMessage());
            return;
        }
        launched.increment();
        free.subtract(task.resources);
        enqueue(task, TaskState.TASK_RUNNING, TaskReason.NONE, "");
        final long frameworkId = task.frameworkId;
        final long taskId = task.taskId;
        final long sequence = task.launchSequence;
        task.process.onExit().thenAccept((process) -> publishExit(frameworkId, taskId, sequence, process.exitValue()));
    }

    void onKillTask(final long agentId, final long frameworkId, final long taskId, final long gracePeriodMs)
    {
        if (!isForMe(agentId, "KillTask", frameworkId, taskId))
        {
            return;
        }
        final Task task = find(frameworkId, taskId);
        if (null == task)
        {
            // As Mesos: TASK_LOST for a task the agent does not know. Nobody on this agent can wait for its
            // acknowledgement (there is no task to attach it to), so it is sent once.
            refused.increment();
            master.statusUpdate(this.agentId, frameworkId, taskId, TaskState.TASK_LOST, TaskReason.TASK_UNKNOWN,
                newUuidMsb(), newUuidLsb(), clock.time(), "cannot kill task " + taskId + " of framework " + frameworkId +
                ": unknown on this agent");
            return;
        }
        kill(task, gracePeriodMs);
    }

    void onShutdownFramework(final long frameworkId)
    {
        final Long2ObjectHashMap<Task> frameworkTasks = tasksByFramework.get(frameworkId);
        if (null != frameworkTasks)
        {
            scratch.clear();
            scratch.addAll(frameworkTasks.values());
            for (int i = 0, size = scratch.size(); i < size; i++)
            {
                kill(scratch.get(i), -1);
            }
            scratch.clear();
        }
    }

    void onStatusUpdateAck(final long frameworkId, final long taskId, final long uuidMsb, final long uuidLsb)
    {
        final Task task = find(frameworkId, taskId);
        if (null == task || task.updates.isEmpty())
        {
            return;
        }
        final Task.Update head = task.updates.peekFirst();
        if (head.uuidMsb() != uuidMsb || head.uuidLsb() != uuidLsb)
        {
            return;
        }
        task.updates.pollFirst();
        if (task.updates.isEmpty())
        {
            task.nextSendMs = Task.NO_DEADLINE;
            if (task.isTerminal)
            {
                remove(task);
            }
        }
        else
        {
            task.backoffMs = ctx.initialBackoffMs();
            task.nextSendMs = nowMs;
            sendHead(task);
        }
    }

    void onAgentPing(final long agentId, final long sequence)
    {
        if (0 != this.agentId && agentId == this.agentId)
        {
            master.agentPong(agentId, sequence);
        }
    }

    void onShutdownAgent(final long agentId, final String reason)
    {
        if (0 == this.agentId || agentId != this.agentId)
        {
            return;
        }
        errorHandler.onError(new IllegalStateException("the master removed agent " + agentId + " (" + reason +
            "): its tasks are killed and it registers as a new agent"));
        for (int i = 0, size = tasks.size(); i < size; i++)
        {
            final Task task = tasks.get(i);
            if (task.isRunning())
            {
                TaskProcesses.kill(task.process, task.killTargets);
            }
        }
        tasks.clear();
        tasksByFramework.clear();
        free.copyFrom(total);
        this.agentId = 0;
        correlationId++;
        registrationBackoffMs = ctx.initialBackoffMs();
        nextRegistrationMs = nowMs;
    }

    void onMasterError(final String message)
    {
        errorHandler.onError(new IllegalStateException("the master refused a message of this agent: " + message));
    }

    // ---------------------------------------------------------------- process exits and timers

    private void onExitMessage(final int msgTypeId, final MutableDirectBuffer buffer, final int index, final int length)
    {
        final long frameworkId = buffer.getLong(index);
        final long taskId = buffer.getLong(index + Long.BYTES);
        final long sequence = buffer.getLong(index + 2 * Long.BYTES);
        final int exitValue = buffer.getInt(index + 3 * Long.BYTES);
        final Task task = find(frameworkId, taskId);
        if (null == task || task.launchSequence != sequence || task.isTerminal)
        {
            return;
        }
        task.isTerminal = true;
        free.add(task.resources);
        final String description = TaskProcesses.describeExit(exitValue);
        if (task.isKillRequested)
        {
            TaskProcesses.killLeftovers(task.process.pid(), task.killTargets);
            enqueue(task, TaskState.TASK_KILLED, TaskReason.NONE, "killed: " + description);
        }
        else if (0 == exitValue)
        {
            enqueue(task, TaskState.TASK_FINISHED, TaskReason.NONE, description);
        }
        else
        {
            enqueue(task, TaskState.TASK_FAILED, TaskReason.NONE, description);
        }
    }

    private int checkRegistration()
    {
        if (0 != agentId || nowMs < nextRegistrationMs)
        {
            return 0;
        }
        master.registerAgent(correlationId, total, ctx.hostname(), ctx.attributes());
        nextRegistrationMs = nowMs + registrationBackoffMs;
        registrationBackoffMs = Math.min(registrationBackoffMs * 2, ctx.maxBackoffMs());
        return 1;
    }

    private int checkTasks()
    {
        int work = 0;
        for (int i = 0, size = tasks.size(); i < size; i++)
        {
            final Task task = tasks.get(i);
            if (task.isRunning() && !task.isSigkillSent && nowMs >= task.killDeadlineMs)
            {
                task.isSigkillSent = true;
                TaskProcesses.kill(task.process, task.killTargets);
                work++;
            }
            if (0 != agentId && nowMs >= task.nextSendMs)
            {
                sendHead(task);
                work++;
            }
        }
        return work;
    }

    private void kill(final Task task, final long gracePeriodMs)
    {
        if (!task.isRunning() || task.isKillRequested)
        {
            return;
        }
        task.isKillRequested = true;
        final long graceMs = gracePeriodMs >= 0 ? gracePeriodMs :
            task.killGracePeriodMs >= 0 ? task.killGracePeriodMs : ctx.defaultKillGraceMs();
        if (0 == graceMs)
        {
            task.isSigkillSent = true;
            TaskProcesses.kill(task.process, task.killTargets);
        }
        else
        {
            task.killTargets = TaskProcesses.terminate(task.process);
            task.killDeadlineMs = nowMs + graceMs;
        }
    }

    // ---------------------------------------------------------------- status updates

    private void enqueue(final Task task, final TaskState state, final TaskReason reason, final String message)
    {
        final UUID uuid = UUID.randomUUID();
        task.updates.addLast(new Task.Update(
            state, reason, uuid.getMostSignificantBits(), uuid.getLeastSignificantBits(), clock.time(), message));
        if (1 == task.updates.size())
        {
            task.backoffMs = ctx.initialBackoffMs();
            task.nextSendMs = nowMs;
            sendHead(task);
        }
    }

    private void sendHead(final Task task)
    {
        final Task.Update update = task.updates.peekFirst();
        if (null == update || 0 == agentId)
        {
            return;
        }
        master.statusUpdate(agentId, task.frameworkId, task.taskId, update.state(), update.reason(),
            update.uuidMsb(), update.uuidLsb(), update.timestampMs(), update.message());
        task.nextSendMs = nowMs + task.backoffMs;
        task.backoffMs = Math.min(task.backoffMs * 2, ctx.maxBackoffMs());
    }

    private static long newUuidMsb()
    {
        return UUID.randomUUID().getMostSignificantBits();
    }

    private static long newUuidLsb()
    {
        return UUID.randomUUID().getLeastSignificantBits();
    }

    // ---------------------------------------------------------------- task table

    private boolean isForMe(final long agentId, final String what, final long frameworkId, final long taskId)
    {
        if (0 == this.agentId || agentId != this.agentId)
        {
            refuse(what + " of task " + taskId + " of framework " + frameworkId + " ignored: addressed to agent " + agentId +
                ", this is agent " + this.agentId);
            return false;
        }
        return true;
    }

    private void refuse(final String message)
    {
        refused.increment();
        errorHandler.onError(new IllegalArgumentException(message));
    }

    private Task find(final long frameworkId, final long taskId)
    {
        final Long2ObjectHashMap<Task> frameworkTasks = tasksByFramework.get(frameworkId);
        return null == frameworkTasks ? null : frameworkTasks.get(taskId);
    }

    private void add(final Task task)
    {
        tasksByFramework.computeIfAbsent(task.frameworkId, (id) -> new Long2ObjectHashMap<>()).put(task.taskId, task);
        tasks.add(task);
    }

    private void remove(final Task task)
    {
        final Long2ObjectHashMap<Task> frameworkTasks = tasksByFramework.get(task.frameworkId);
        frameworkTasks.remove(task.taskId);
        if (frameworkTasks.isEmpty())
        {
            tasksByFramework.remove(task.frameworkId);
        }
        tasks.remove(task);
    }
}

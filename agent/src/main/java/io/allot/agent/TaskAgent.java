/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.agent;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.allot.agent.checkpoint.AgentCheckpoint;
import io.allot.agent.checkpoint.CheckpointException;
import io.allot.agent.checkpoint.RecoveredTask;
import io.allot.agent.checkpoint.TaskRecord;
import io.allot.agent.checkpoint.UpdateRecord;
import io.allot.codecs.sbe.TaskReason;
import io.allot.codecs.sbe.TaskState;
import io.allot.resources.Resources;
import org.HdrHistogram.Recorder;
import org.agrona.ErrorHandler;
import org.agrona.MutableDirectBuffer;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.status.AtomicCounter;

import static io.allot.codecs.TaskStates.isTerminal;

/**
 * The agent's duty cycle: the one thread that owns its registration, task table, containers and status updates. It
 * polls the master's messages from the {@link AgentTransport}, takes process exits from a
 * {@link ManyToOneRingBuffer} (written by the JDK's process reaper threads), and at most every
 * {@link #TIMER_CHECK_MS} resends registrations and unacknowledged status updates and SIGKILLs tasks whose kill grace
 * ran out. On start it recovers the tasks of its checkpoint: those still running are watched again, those that ended
 * meanwhile are reported, and it re-registers with them.
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
    private final AgentCheckpoint checkpoint;
    private final Containerizer containerizer;
    private final StatusUpdateManager updates;
    private final Recorder launchLatency;
    private final Recorder reportLatency;
    private final Resources total;
    private final Resources free;
    private final Long2ObjectHashMap<Long2ObjectHashMap<Task>> tasksByFramework = new Long2ObjectHashMap<>();
    private final ArrayList<Task> tasks = new ArrayList<>();
    private final ArrayList<Task> scratch = new ArrayList<>();

    private long nowMs;
    private long nextTimerCheckMs;
    private volatile long agentId;
    private volatile int recoveredTaskCount;
    private boolean isRegistered;
    private long connectionGeneration;
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
        this.checkpoint = ctx.checkpoint();
        this.containerizer = new Containerizer(ctx.isolator(), errorHandler);
        this.updates = new StatusUpdateManager(master, checkpoint, clock, errorHandler, ctx.initialBackoffMs(), ctx.maxBackoffMs());
        this.launchLatency = ctx.launchLatency();
        this.reportLatency = ctx.reportLatency();
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
     * Recover the checkpointed tasks, sweep containers left by a crash, then register (or re-register).
     */
    public void onStart()
    {
        nowMs = clock.time();
        for (final String problem : checkpoint.problems())
        {
            errorHandler.onError(new IllegalStateException("checkpoint: " + problem));
        }
        agentId = checkpoint.agentId();
        recover(checkpoint.recover());
        registrationBackoffMs = ctx.initialBackoffMs();
        nextRegistrationMs = nowMs;
        connectionGeneration = transport.connectionGeneration();
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
            work += checkConnection();
            work += checkRegistration();
            work += checkKills();
            if (isRegistered)
            {
                work += updates.resendDue(tasks, agentId, nowMs);
            }
        }
        return work;
    }

    /**
     * Tasks outlive the agent (the next start recovers them) unless the context asks for them to be killed, as
     * in-process agents of tests and {@code allot local} do.
     */
    public void onClose()
    {
        if (ctx.killTasksOnClose())
        {
            for (int i = 0, size = tasks.size(); i < size; i++)
            {
                final Task task = tasks.get(i);
                if (task.isRunning())
                {
                    containerizer.killAndRemove(task);
                }
            }
        }
        containerizer.close(ctx.killTasksOnClose());
    }

    long agentId()
    {
        return agentId;
    }

    int recoveredTaskCount()
    {
        return recoveredTaskCount;
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

    // ---------------------------------------------------------------- recovery

    private void recover(final List<RecoveredTask> recovered)
    {
        final Set<String> keep = new HashSet<>();
        for (final RecoveredTask entry : recovered)
        {
            final TaskRecord record = entry.task();
            final Resources resources = new Resources(ctx.resourceNames());
            resources.copyFrom(record.resources());
            final Task task = new Task(record.frameworkId(), record.taskId(), record.killGracePeriodMs(), resources, record.name(),
                record.command(), record.role(), TaskProcesses.sandbox(ctx.workDir(), record.frameworkId(), record.taskId()));
            task.launchSequence = ++launchSequence;
            task.containerId = record.containerId();
            task.pidStartMs = record.pidStartMs();
            task.isKillRequested = record.killRequested();
            task.state = record.state();
            for (final UpdateRecord update : entry.updates())
            {
                task.updates.addLast(update);
                task.nextUpdateSequence = update.sequence() + 1;
            }
            task.backoffMs = ctx.initialBackoffMs();
            add(task);
            keep.add(task.containerId);
            if (isTerminal(task.state))
            {
                task.isTerminal = true;
                continue;
            }
            if (containerizer.recover(task, record.pid()))
            {
                free.subtract(task.resources);
                watchRecovered(task);
            }
            else
            {
                task.isTerminal = true;
                final Containerizer.Outcome outcome = 0 == record.pid() ?
                    new Containerizer.Outcome(TaskState.TASK_FAILED, TaskReason.AGENT_RESTARTED,
                        "the agent restarted before the task's process started") :
                    containerizer.onExit(task, TaskProcesses.readExitStatus(task.sandbox));
                updates.enqueue(task, outcome.state(), outcome.reason(), outcome.message(), 0, nowMs);
            }
        }
        recoveredTaskCount = recovered.size();
        for (final String swept : containerizer.sweep(keep))
        {
            errorHandler.onError(new IllegalStateException("removed container " + swept + " of no known task (left by a crash)"));
        }
    }

    private void watchRecovered(final Task task)
    {
        final long frameworkId = task.frameworkId;
        final long taskId = task.taskId;
        final long sequence = task.launchSequence;
        task.handle.onExit().thenAccept(
            (handle) -> publishExit(frameworkId, taskId, sequence, TaskProcesses.readExitStatus(task.sandbox)));
    }

    // ---------------------------------------------------------------- master messages

    void onAgentRegistered(final long correlationId, final long agentId)
    {
        if (correlationId != this.correlationId || isRegistered)
        {
            return;
        }
        if (0 != this.agentId && agentId != this.agentId)
        {
            errorHandler.onError(new IllegalStateException("the master answered agent " + this.agentId + " as agent " + agentId));
        }
        isRegistered = true;
        this.agentId = agentId;
        try
        {
            checkpoint.agentId(agentId);
        }
        catch (final CheckpointException ex)
        {
            errorHandler.onError(ex);
        }
        updates.resendAllNow(tasks);
    }

    void onRunTask(
        final long agentId,
        final long frameworkId,
        final long taskId,
        final long killGracePeriodMs,
        final Resources resources,
        final String name,
        final String command,
        final String role,
        final String resourceError)
    {
        final long receivedNs = System.nanoTime();
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
        final Task task = new Task(frameworkId, taskId, killGracePeriodMs, taskResources, name, command, role,
            TaskProcesses.sandbox(ctx.workDir(), frameworkId, taskId));
        task.launchSequence = ++launchSequence;
        task.runTaskReceivedNs = receivedNs;
        add(task);
        if (null != resourceError || !free.contains(taskResources))
        {
            final String reason = null != resourceError ? "invalid resources: " + resourceError :
                "task needs " + taskResources + " but the agent has only " + free + " free";
            refuse("RunTask of task " + taskId + " of framework " + frameworkId + " refused: " + reason);
            task.isTerminal = true;
            updates.enqueue(task, TaskState.TASK_ERROR, TaskReason.TASK_INVALID, reason, this.agentId, nowMs);
            return;
        }
        launch(task);
    }

    private void launch(final Task task)
    {
        updates.saveTask(task); // before the process starts: a crash in between leaves no task unknown to a restart
        final String failure = containerizer.launch(task, agentId, nowMs);
        if (null != failure)
        {
            errorHandler.onError(new IllegalStateException(task + ": " + failure));
            task.isTerminal = true;
            updates.enqueue(task, TaskState.TASK_FAILED, TaskReason.CONTAINER_LAUNCH_FAILED, failure, agentId, nowMs);
            return;
        }
        launchLatency.recordValue(Math.max(0, System.nanoTime() - task.runTaskReceivedNs));
        launched.increment();
        free.subtract(task.resources);
        updates.enqueue(task, TaskState.TASK_RUNNING, TaskReason.NONE, "", agentId, nowMs);
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
            final UUID uuid = UUID.randomUUID();
            master.statusUpdate(this.agentId, frameworkId, taskId, TaskState.TASK_LOST, TaskReason.TASK_UNKNOWN,
                uuid.getMostSignificantBits(), uuid.getLeastSignificantBits(), clock.time(),
                "cannot kill task " + taskId + " of framework " + frameworkId + ": unknown on this agent");
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
        if (null != task && updates.onAcknowledged(task, uuidMsb, uuidLsb, agentId, nowMs) && task.updates.isEmpty() &&
            task.isTerminal)
        {
            updates.forget(task);
            remove(task);
        }
    }

    void onAgentPing(final long agentId, final long sequence)
    {
        if (0 != this.agentId && agentId == this.agentId)
        {
            master.agentPong(agentId, sequence);
        }
    }

    /**
     * The master removed this agent (or does not know it): as Mesos, its tasks are killed and it registers as new.
     */
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
            containerizer.killAndRemove(tasks.get(i));
        }
        tasks.clear();
        tasksByFramework.clear();
        free.copyFrom(total);
        try
        {
            checkpoint.clear();
        }
        catch (final CheckpointException ex)
        {
            errorHandler.onError(ex);
        }
        this.agentId = 0;
        unregistered();
    }

    void onMasterError(final String message)
    {
        errorHandler.onError(new IllegalStateException("the master refused a message of this agent: " + message));
    }

    // ---------------------------------------------------------------- process exits and timers

    private void onExitMessage(final int msgTypeId, final MutableDirectBuffer buffer, final int index, final int length)
    {
        final long exitNs = System.nanoTime();
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
        final Containerizer.Outcome outcome = containerizer.onExit(task, exitValue);
        updates.enqueue(task, outcome.state(), outcome.reason(), outcome.message(), isRegistered ? agentId : 0, nowMs);
        reportLatency.recordValue(Math.max(0, System.nanoTime() - exitNs));
    }

    private int checkConnection()
    {
        final long generation = transport.connectionGeneration();
        if (generation == connectionGeneration)
        {
            return 0;
        }
        // A new session with the master (the old one closed): register again on it, with the running tasks.
        connectionGeneration = generation;
        unregistered();
        return 1;
    }

    private void unregistered()
    {
        isRegistered = false;
        correlationId++;
        registrationBackoffMs = ctx.initialBackoffMs();
        nextRegistrationMs = nowMs;
    }

    private int checkRegistration()
    {
        if (isRegistered || nowMs < nextRegistrationMs)
        {
            return 0;
        }
        if (0 == agentId)
        {
            master.registerAgent(correlationId, total, ctx.hostname(), ctx.attributes());
        }
        else
        {
            master.reregisterAgent(agentId, correlationId, total, tasks, ctx.hostname(), ctx.attributes());
        }
        nextRegistrationMs = nowMs + registrationBackoffMs;
        registrationBackoffMs = Math.min(registrationBackoffMs * 2, ctx.maxBackoffMs());
        return 1;
    }

    private int checkKills()
    {
        int work = 0;
        for (int i = 0, size = tasks.size(); i < size; i++)
        {
            final Task task = tasks.get(i);
            if (task.isRunning() && !task.isSigkillSent && nowMs >= task.killDeadlineMs)
            {
                task.isSigkillSent = true;
                containerizer.killNow(task);
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
        updates.saveTask(task);
        final long graceMs = gracePeriodMs >= 0 ? gracePeriodMs :
            task.killGracePeriodMs >= 0 ? task.killGracePeriodMs : ctx.defaultKillGraceMs();
        if (0 == graceMs)
        {
            task.isSigkillSent = true;
            containerizer.killNow(task);
        }
        else
        {
            containerizer.terminate(task);
            task.killDeadlineMs = nowMs + graceMs;
        }
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

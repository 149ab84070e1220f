/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.agent;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import io.allot.agent.isolation.Container;
import io.allot.agent.isolation.IsolationException;
import io.allot.agent.isolation.Isolator;
import io.allot.codecs.sbe.TaskReason;
import io.allot.codecs.sbe.TaskState;
import io.allot.resources.ResourceNames;
import org.agrona.ErrorHandler;

/**
 * Runs tasks as processes in containers (Mesos's containerizer with its isolators): prepares the task's container
 * from its cpus and mem, starts {@code /bin/sh -c COMMAND} in the sandbox inside it, kills it (SIGTERM to its
 * process group, SIGKILL of everything in its container after the grace), and when it ends tells how (a kernel
 * OOM kill is {@code MEMORY_LIMIT}) and removes the container. Used only by the agent's duty-cycle thread.
 */
final class Containerizer
{
    /**
     * How a task ended: the terminal state, its reason and a message for the framework.
     */
    record Outcome(TaskState state, TaskReason reason, String message)
    {
    }

    private static final long CLOSE_WAIT_MS = 5_000;

    private final Isolator isolator;
    private final ErrorHandler errorHandler;
    private final ExecutorService cleaner = Executors.newSingleThreadExecutor((runnable) ->
    {
        final Thread thread = new Thread(runnable, "allot-agent-cleanup");
        thread.setDaemon(true);
        return thread;
    });

    Containerizer(final Isolator isolator, final ErrorHandler errorHandler)
    {
        this.isolator = isolator;
        this.errorHandler = errorHandler;
    }

    /**
     * Create the task's container and start its process in it.
     *
     * @param task    to start; its container id, container, process and handle are set here.
     * @param agentId for the task's environment.
     * @param nowMs   makes the container id unique among launches of the same task id.
     * @return null when the task runs, else why it could not start.
     */
    String launch(final Task task, final long agentId, final long nowMs)
    {
        task.containerId = "f" + task.frameworkId + "-t" + task.taskId + "-" + nowMs;
        try
        {
            task.container = isolator.prepare(
                task.containerId, task.resources.scalar(ResourceNames.CPUS), task.resources.scalar(ResourceNames.MEM) / 1000);
        }
        catch (final IsolationException ex)
        {
            return "cannot create the task's container: " + ex.getMessage();
        }
        try
        {
            task.process = TaskProcesses.start(task.sandbox, task.command, isolator.enterScript(task.container),
                agentId, task.frameworkId, task.taskId, task.resources);
        }
        catch (final IOException | RuntimeException ex)
        {
            destroy(task);
            return "launch failed: " + ex.getMessage();
        }
        task.handle = task.process.toHandle();
        task.pidStartMs = TaskProcesses.startMs(task.handle);
        return null;
    }

    /**
     * Find again the process and container of a task checkpointed by an earlier run of the agent.
     *
     * @param task to recover; its handle is set when its process still runs.
     * @param pid  checkpointed process id.
     * @return true when the process still runs.
     */
    boolean recover(final Task task, final long pid)
    {
        try
        {
            task.container = task.containerId.isEmpty() ? null : isolator.recover(task.containerId);
        }
        catch (final IsolationException ex)
        {
            errorHandler.onError(ex);
        }
        task.handle = TaskProcesses.findAlive(pid, task.pidStartMs);
        return null != task.handle;
    }

    /**
     * Remove every container of this agent's hierarchy that belongs to no recovered task (left by a crash).
     *
     * @param keep container ids of the recovered tasks.
     * @return the ids removed.
     */
    List<String> sweep(final Set<String> keep)
    {
        try
        {
            return isolator.sweep(keep);
        }
        catch (final IsolationException ex)
        {
            errorHandler.onError(ex);
            return List.of();
        }
    }

    /**
     * SIGTERM to the task's process group; SIGKILL follows at {@link #killNow} after the grace.
     */
    void terminate(final Task task)
    {
        task.killTargets = TaskProcesses.terminate(task.handle);
    }

    /**
     * SIGKILL to the task's process group, its processes and everything in its container.
     */
    void killNow(final Task task)
    {
        TaskProcesses.kill(task.handle, task.killTargets);
        killContainer(task);
    }

    /**
     * The task's process ended: how, from its exit status and its container, which is then removed.
     *
     * @param task       that ended.
     * @param exitStatus of its process, -1 when unknown (it ended while an earlier run of the agent watched it).
     * @return its terminal state, reason and message.
     */
    Outcome onExit(final Task task, final int exitStatus)
    {
        boolean isOom = false;
        if (null != task.container)
        {
            try
            {
                isOom = isolator.oomKilled(task.container);
            }
            catch (final IsolationException ex)
            {
                errorHandler.onError(ex);
            }
        }
        // What is left of the task goes away off the duty cycle: a container's removal kills everything in it (and
        // may wait for the kernel); without one, the process group is signalled, which is a process spawn.
        final ProcessHandle handle = task.handle;
        final List<ProcessHandle> killTargets = task.killTargets;
        final Container container = task.container;
        task.container = null;
        cleaner.execute(() ->
        {
            if (null != container && container.hasCgroups())
            {
                destroy(container);
            }
            else if (null != handle)
            {
                TaskProcesses.killLeftovers(handle.pid(), killTargets);
            }
        });

        final String description = exitStatus < 0 ? "ended while the agent was restarting; its exit status is unknown" :
            TaskProcesses.describeExit(exitStatus);
        if (task.isKillRequested)
        {
            return new Outcome(TaskState.TASK_KILLED, TaskReason.NONE, "killed: " + description);
        }
        if (isOom && 0 != exitStatus)
        {
            return new Outcome(TaskState.TASK_FAILED, TaskReason.MEMORY_LIMIT, "memory limit exceeded: the kernel killed the task " +
                "(mem " + task.resources.scalar(ResourceNames.MEM) / 1000 + " MB); " + description);
        }
        if (0 == exitStatus)
        {
            return new Outcome(TaskState.TASK_FINISHED, TaskReason.NONE, description);
        }
        if (TaskProcesses.ENTER_FAILED_STATUS == exitStatus)
        {
            return new Outcome(TaskState.TASK_FAILED, TaskReason.CONTAINER_LAUNCH_FAILED,
                "the task could not enter its container (see its stderr); " + description);
        }
        return new Outcome(TaskState.TASK_FAILED, exitStatus < 0 ? TaskReason.EXECUTOR_TERMINATED : TaskReason.NONE, description);
    }

    /**
     * Kill everything of the task and remove its container; for tasks the agent forgets (its registration was
     * refused, its framework shut down while it was dying).
     */
    void killAndRemove(final Task task)
    {
        if (null != task.handle)
        {
            TaskProcesses.kill(task.handle, task.killTargets);
        }
        destroy(task);
    }

    private void killContainer(final Task task)
    {
        if (null != task.container)
        {
            try
            {
                isolator.killAll(task.container);
            }
            catch (final IsolationException ex)
            {
                errorHandler.onError(ex);
            }
        }
    }

    private void destroy(final Task task)
    {
        destroy(task.container);
        task.container = null;
    }

    private void destroy(final Container container)
    {
        if (null != container)
        {
            try
            {
                isolator.destroy(container);
            }
            catch (final IsolationException ex)
            {
                errorHandler.onError(ex);
            }
        }
    }

    /**
     * Wait (bounded) for the removals of ended tasks' containers still in progress.
     *
     * @param removeHierarchy true when every task was killed: the hierarchy's directories go too, if empty.
     */
    void close(final boolean removeHierarchy)
    {
        cleaner.shutdown();
        try
        {
            if (!cleaner.awaitTermination(CLOSE_WAIT_MS, TimeUnit.MILLISECONDS))
            {
                errorHandler.onError(new IllegalStateException("container removals still running after " + CLOSE_WAIT_MS + " ms"));
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        if (removeHierarchy)
        {
            isolator.removeHierarchyIfEmpty();
        }
    }
}

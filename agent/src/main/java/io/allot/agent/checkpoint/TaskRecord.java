/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.agent.checkpoint;

import java.util.Objects;

import io.allot.codecs.sbe.TaskState;
import io.allot.resources.Resources;

/**
 * A task as it is checkpointed: what the agent needs to find the task's process again after its own restart and to
 * report the task when it re-registers (the {@code CheckpointTask} SBE record).
 * <p>
 * The resources are a live {@link Resources} object: {@link AgentCheckpoint#putTask(TaskRecord)} encodes them at once
 * and keeps no reference, and {@link AgentCheckpoint#recover()} returns new ones in the registry the checkpoint was
 * opened with. Do not change them while the record is in use elsewhere.
 *
 * @param frameworkId       of the task's framework.
 * @param taskId            of the task, unique within its framework.
 * @param launchSequence    order of launch on this agent; recovery returns tasks in this order.
 * @param killGracePeriodMs time between SIGTERM and SIGKILL when the task is killed.
 * @param state             the latest state the agent reported for the task.
 * @param pid               process id of the task's process; 0 when it has not started.
 * @param pidStartMs        start instant of that process, epoch ms ({@code ProcessHandle.Info.startInstant()}), so that a
 *                          later process that reuses the pid is not taken for the task; 0 when unknown.
 * @param killRequested     whether a kill of the task was requested (it goes on after a restart).
 * @param resources         the task's resources.
 * @param name              of the task, at most 4096 bytes of UTF-8.
 * @param command           the shell command the task runs, at most 4096 bytes of UTF-8.
 * @param role              the role the task's resources were allocated to; empty when unknown.
 * @param containerId       the task's container (its cgroup under the agent's root); empty when not isolated.
 */
public record TaskRecord(
    long frameworkId,
    long taskId,
    long launchSequence,
    long killGracePeriodMs,
    TaskState state,
    long pid,
    long pidStartMs,
    boolean killRequested,
    Resources resources,
    String name,
    String command,
    String role,
    String containerId)
{
    /**
     * Check the components.
     *
     * @param frameworkId       of the task's framework.
     * @param taskId            of the task.
     * @param launchSequence    order of launch on this agent.
     * @param killGracePeriodMs time between SIGTERM and SIGKILL.
     * @param state             the latest state, not {@link TaskState#NULL_VAL}.
     * @param pid               process id, 0 when not started, never negative.
     * @param pidStartMs        start instant of the process.
     * @param killRequested     whether a kill was requested.
     * @param resources         the task's resources.
     * @param name              of the task.
     * @param command           the task's command.
     * @param role              the role of the task's resources.
     * @param containerId       the task's container.
     */
    public TaskRecord
    {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(resources, "resources");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(containerId, "containerId");
        if (TaskState.NULL_VAL == state)
        {
            throw new IllegalArgumentException("a task needs a state");
        }

        if (pid < 0)
        {
            throw new IllegalArgumentException("negative pid " + pid);
        }
    }

    /**
     * The same task in another state.
     *
     * @param newState the task's new state.
     * @return a copy with the state changed.
     */
    public TaskRecord withState(final TaskState newState)
    {
        return new TaskRecord(frameworkId, taskId, launchSequence, killGracePeriodMs, newState, pid, pidStartMs, killRequested,
            resources, name, command, role, containerId);
    }

    /**
     * The same task with its process started.
     *
     * @param newPid        process id of the task's process.
     * @param newPidStartMs start instant of that process, epoch ms.
     * @return a copy with the process changed.
     */
    public TaskRecord withProcess(final long newPid, final long newPidStartMs)
    {
        return new TaskRecord(frameworkId, taskId, launchSequence, killGracePeriodMs, state, newPid, newPidStartMs, killRequested,
            resources, name, command, role, containerId);
    }

    /**
     * The same task with a kill requested.
     *
     * @return a copy with {@link #killRequested()} true.
     */
    public TaskRecord withKillRequested()
    {
        return new TaskRecord(frameworkId, taskId, launchSequence, killGracePeriodMs, state, pid, pidStartMs, true,
            resources, name, command, role, containerId);
    }
}

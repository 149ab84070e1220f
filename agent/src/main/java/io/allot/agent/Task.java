/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.agent;

import java.io.File;
import java.util.ArrayDeque;
import java.util.List;

import io.allot.agent.checkpoint.TaskRecord;
import io.allot.agent.checkpoint.UpdateRecord;
import io.allot.agent.isolation.Container;
import io.allot.codecs.sbe.TaskState;
import io.allot.resources.Resources;

/**
 * One task on the agent, owned by the duty-cycle thread: what it runs, its container and process, its kill
 * progress, and its status updates waiting for acknowledgement (sent one at a time, in order).
 */
final class Task
{
    static final long NO_DEADLINE = Long.MAX_VALUE;

    final long frameworkId;
    final long taskId;
    final long killGracePeriodMs;
    final Resources resources;
    final String name;
    final String command;
    final String role;
    final File sandbox;
    final ArrayDeque<UpdateRecord> updates = new ArrayDeque<>();

    long launchSequence;
    String containerId = "";
    Container container;
    Process process;
    ProcessHandle handle;
    long pidStartMs;
    TaskState state = TaskState.TASK_STAGING;
    boolean isTerminal;
    boolean isKillRequested;
    boolean isSigkillSent;
    long killDeadlineMs = NO_DEADLINE;
    List<ProcessHandle> killTargets = List.of();
    long nextUpdateSequence;
    long nextSendMs = NO_DEADLINE;
    long backoffMs;
    long runTaskReceivedNs;

    Task(
        final long frameworkId,
        final long taskId,
        final long killGracePeriodMs,
        final Resources resources,
        final String name,
        final String command,
        final String role,
        final File sandbox)
    {
        this.frameworkId = frameworkId;
        this.taskId = taskId;
        this.killGracePeriodMs = killGracePeriodMs;
        this.resources = resources;
        this.name = name;
        this.command = command;
        this.role = role;
        this.sandbox = sandbox;
    }

    boolean isRunning()
    {
        return null != handle && !isTerminal;
    }

    /**
     * @return what the checkpoint keeps of the task.
     */
    TaskRecord record()
    {
        return new TaskRecord(frameworkId, taskId, launchSequence, killGracePeriodMs, state, null == handle ? 0 : handle.pid(),
            pidStartMs, isKillRequested, resources, name, command, role, containerId);
    }

    public String toString()
    {
        return "task " + taskId + " of framework " + frameworkId;
    }
}

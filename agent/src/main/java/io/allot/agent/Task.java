/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.agent;

import java.util.ArrayDeque;
import java.util.List;

import io.allot.codecs.sbe.TaskReason;
import io.allot.codecs.sbe.TaskState;
import io.allot.resources.Resources;

/**
 * One task on the agent, owned by the duty-cycle thread: its process, its kill progress and its status updates
 * waiting for acknowledgement (sent one at a time, in order).
 */
final class Task
{
    static final long NO_DEADLINE = Long.MAX_VALUE;

    /**
     * A status update of the task, kept until the master passes on the framework's acknowledgement.
     */
    record Update(TaskState state, TaskReason reason, long uuidMsb, long uuidLsb, long timestampMs, String message)
    {
    }

    final long frameworkId;
    final long taskId;
    final long launchSequence;
    final long killGracePeriodMs;
    final Resources resources;
    final ArrayDeque<Update> updates = new ArrayDeque<>();

    Process process;
    boolean isTerminal;
    boolean isKillRequested;
    boolean isSigkillSent;
    long killDeadlineMs = NO_DEADLINE;
    List<ProcessHandle> killTargets = List.of();
    long nextSendMs = NO_DEADLINE;
    long backoffMs;

    Task(final long frameworkId, final long taskId, final long launchSequence, final long killGracePeriodMs, final Resources resources)
    {
        this.frameworkId = frameworkId;
        this.taskId = taskId;
        this.launchSequence = launchSequence;
        this.killGracePeriodMs = killGracePeriodMs;
        this.resources = resources;
    }

    boolean isRunning()
    {
        return null != process && !isTerminal;
    }
}

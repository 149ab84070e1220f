/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.codecs;

import io.allot.codecs.sbe.TaskState;

/**
 * Facts about Mesos's task states that every party (master, agent, driver) needs the same.
 */
public final class TaskStates
{
    private TaskStates()
    {
    }

    /**
     * @param state a task state.
     * @return true for the terminal states, after which the task is gone: {@code FINISHED, FAILED, KILLED, ERROR, LOST,
     *         DROPPED, GONE, GONE_BY_OPERATOR}.
     */
    public static boolean isTerminal(final TaskState state)
    {
        return switch (state)
        {
            case TASK_FINISHED, TASK_FAILED, TASK_KILLED, TASK_ERROR, TASK_LOST, TASK_DROPPED, TASK_GONE, TASK_GONE_BY_OPERATOR -> true;
            default -> false;
        };
    }
}

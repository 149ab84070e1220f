/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.examples.service;

import io.allot.codecs.sbe.TaskState;

/**
 * One instance of a service as its framework sees it at a moment.
 *
 * @param index     the instance's number, 0 to K-1.
 * @param taskId    its current task, 0 while it waits for an offer.
 * @param agentId   the agent of its current task, 0 while it waits.
 * @param hostname  that agent's hostname, empty while it waits.
 * @param state     its current task's latest state, null while it waits.
 * @param launches  how many tasks it ran so far (the first launch and every relaunch).
 * @param preferred whether its agent is one of the preferred ones.
 */
public record ServiceInstance(
    int index, long taskId, long agentId, String hostname, TaskState state, int launches, boolean preferred)
{
    /**
     * @return true when its task is {@code TASK_RUNNING}.
     */
    public boolean isRunning()
    {
        return TaskState.TASK_RUNNING == state;
    }
}

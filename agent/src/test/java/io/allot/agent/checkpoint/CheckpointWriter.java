/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.agent.checkpoint;

import io.allot.codecs.sbe.TaskState;

import static io.allot.agent.checkpoint.CheckpointSamples.task;
import static io.allot.agent.checkpoint.CheckpointSamples.update;

/**
 * The child process of {@link CheckpointCrashTest}: an agent's checkpoint writes, printing {@code wrote N} once the
 * writes of task N have returned, until the test kills it with {@code SIGKILL}.
 * <p>
 * Arguments: the work dir, the number of tasks to write then wait ({@code 0}: write forever), and how many tasks to
 * keep (older ones are removed, as an agent forgets its finished tasks). For every task N: put it (staging), add
 * update 1 (running), put it (running, with a pid), add update 2 (finished); then, for an even N, remove update 1, as an
 * acknowledgement would.
 */
final class CheckpointWriter
{
    static final long AGENT_ID = 4711;

    private CheckpointWriter()
    {
    }

    /**
     * Write until killed.
     *
     * @param args work dir, task count (0 for ever), tasks kept.
     * @throws Exception if the checkpoint fails, which the test sees as an early exit.
     */
    public static void main(final String[] args) throws Exception
    {
        final java.io.File workDir = new java.io.File(args[0]);
        final long count = Long.parseLong(args[1]);
        final long kept = Long.parseLong(args[2]);
        final AgentCheckpoint checkpoint = AgentCheckpoint.open(workDir, 1024);
        checkpoint.agentId(AGENT_ID);
        for (long taskId = 1; 0 == count || taskId <= count; taskId++)
        {
            write(checkpoint, taskId);
            if (taskId > kept)
            {
                checkpoint.removeTask(1, taskId - kept);
            }
            System.out.println("wrote " + taskId);
            System.out.flush();
        }

        System.out.println("ready");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }

    static void write(final AgentCheckpoint checkpoint, final long taskId) throws CheckpointException
    {
        final TaskRecord running = task(1, taskId);
        checkpoint.putTask(running.withState(TaskState.TASK_STAGING).withProcess(0, 0));
        checkpoint.addUpdate(update(1, taskId, 1, TaskState.TASK_RUNNING));
        checkpoint.putTask(running);
        checkpoint.addUpdate(update(1, taskId, 2, TaskState.TASK_FINISHED));
        if (0 == taskId % 2)
        {
            checkpoint.removeUpdate(1, taskId, 1);
        }
    }
}

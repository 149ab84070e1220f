/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.agent.checkpoint;

import io.allot.codecs.sbe.TaskReason;
import io.allot.codecs.sbe.TaskState;
import io.allot.resources.ResourceNames;
import io.allot.resources.ResourcesParser;

/**
 * Tasks and updates for the checkpoint tests, built from Mesos-style resource strings.
 */
final class CheckpointSamples
{
    static final String TASK_RESOURCES = "cpus:0.5;mem:64;ports:[31000-31001,31005-31005]";

    private CheckpointSamples()
    {
    }

    /**
     * A running task with a process, launched in the order of its task id.
     */
    static TaskRecord task(final long frameworkId, final long taskId)
    {
        return task(frameworkId, taskId, taskId, "sleep 1000 # " + taskId);
    }

    static TaskRecord task(final long frameworkId, final long taskId, final long launchSequence, final String command)
    {
        return new TaskRecord(frameworkId, taskId, launchSequence, 3_000, TaskState.TASK_RUNNING, 40_000 + taskId,
            1_700_000_000_000L + taskId, false, ResourcesParser.parse(TASK_RESOURCES, new ResourceNames()),
            "task-" + taskId, command, "web", "allot-" + frameworkId + "-" + taskId);
    }

    /**
     * An update of a task, its uuid derived from its ids.
     */
    static UpdateRecord update(final long frameworkId, final long taskId, final long sequence, final TaskState state)
    {
        return new UpdateRecord(frameworkId, taskId, sequence, state, TaskReason.NONE, frameworkId * 1_000_003 + taskId,
            sequence * 7 + 1, 1_700_000_000_000L + sequence, "update " + sequence + " of task " + taskId + ": tâche ✓");
    }
}

/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.agent.checkpoint;

import java.util.List;
import java.util.Objects;

/**
 * A task found in the checkpoint with the status updates that were checkpointed for it and not yet acknowledged.
 *
 * @param task    the task as last written by {@link AgentCheckpoint#putTask(TaskRecord)}.
 * @param updates its pending updates in sequence order, the order to send them in; empty when none.
 */
public record RecoveredTask(TaskRecord task, List<UpdateRecord> updates)
{
    /**
     * Check the components and take an unmodifiable copy of the updates.
     *
     * @param task    the task.
     * @param updates its pending updates in sequence order.
     */
    public RecoveredTask
    {
        Objects.requireNonNull(task, "task");
        updates = List.copyOf(updates);
    }
}

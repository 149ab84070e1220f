/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.agent.checkpoint;

import java.util.Objects;

import io.allot.codecs.sbe.TaskReason;
import io.allot.codecs.sbe.TaskState;

/**
 * A status update of a task as it is checkpointed: written before it is first sent, removed when the framework's
 * acknowledgement arrives (the {@code CheckpointUpdate} SBE record).
 *
 * @param frameworkId of the task's framework.
 * @param taskId      of the task, unique within its framework.
 * @param sequence    order among the updates of the task, chosen by the caller; updates are delivered in this order.
 * @param state       the state the update reports.
 * @param reason      why the state changed.
 * @param uuidMsb     most significant bits of the update's uuid, which its acknowledgement carries.
 * @param uuidLsb     least significant bits of the update's uuid.
 * @param timestampMs when the update was generated, epoch ms.
 * @param message     human-readable detail, at most 4096 bytes of UTF-8; empty for none.
 */
public record UpdateRecord(
    long frameworkId,
    long taskId,
    long sequence,
    TaskState state,
    TaskReason reason,
    long uuidMsb,
    long uuidLsb,
    long timestampMs,
    String message)
{
    /**
     * Check the components.
     *
     * @param frameworkId of the task's framework.
     * @param taskId      of the task.
     * @param sequence    order among the updates of the task.
     * @param state       the state the update reports, not {@link TaskState#NULL_VAL}.
     * @param reason      why the state changed, not {@link TaskReason#NULL_VAL}.
     * @param uuidMsb     most significant bits of the uuid.
     * @param uuidLsb     least significant bits of the uuid.
     * @param timestampMs when the update was generated.
     * @param message     human-readable detail.
     */
    public UpdateRecord
    {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(message, "message");
        if (TaskState.NULL_VAL == state || TaskReason.NULL_VAL == reason)
        {
            throw new IllegalArgumentException("an update needs a state and a reason, got " + state + " and " + reason);
        }
    }
}

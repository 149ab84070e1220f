/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.sim;

import io.allot.codecs.sbe.TaskReason;
import io.allot.codecs.sbe.TaskState;

/**
 * A status update a scripted agent keeps until the framework acknowledges it.
 */
final class PendingUpdate
{
    final ScriptedAgent agent;
    final long frameworkId;
    final long taskId;
    final TaskState state;
    final TaskReason reason;
    final long uuidMsb;
    final long uuidLsb;
    final long timestampMs;
    boolean acknowledged;

    PendingUpdate(
        final ScriptedAgent agent,
        final long frameworkId,
        final long taskId,
        final TaskState state,
        final TaskReason reason,
        final long uuidMsb,
        final long uuidLsb,
        final long timestampMs)
    {
        this.agent = agent;
        this.frameworkId = frameworkId;
        this.taskId = taskId;
        this.state = state;
        this.reason = reason;
        this.uuidMsb = uuidMsb;
        this.uuidLsb = uuidLsb;
        this.timestampMs = timestampMs;
    }
}

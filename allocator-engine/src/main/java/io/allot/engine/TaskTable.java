/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.engine;

import io.allot.codecs.sbe.TaskReason;
import io.allot.codecs.sbe.TaskState;
import io.allot.codecs.sbe.UpdateSource;
import io.allot.resources.Resources;

import java.util.Arrays;

/**
 * Tasks as a struct of arrays, keyed internally by a launch sequence number and found by (framework, task id)
 * through the framework's map. Each task keeps its latest unacknowledged status update.
 */
final class TaskTable
{
    final IdSlots slots;
    int capacity;
    long[] sequence = new long[0];
    long[] taskId = new long[0];
    long[] frameworkId = new long[0];
    long[] agentId = new long[0];
    int[] frameworkSlot = new int[0];
    int[] agentSlot = new int[0];
    TaskState[] state = new TaskState[0];
    TaskReason[] reason = new TaskReason[0];
    long[] launchedAtMs = new long[0];
    long[] updatedAtMs = new long[0];
    long[] killGracePeriodMs = new long[0];
    boolean[] holdsResources = new boolean[0];
    long[] pendingUuidMsb = new long[0];
    long[] pendingUuidLsb = new long[0];
    TaskState[] pendingState = new TaskState[0];
    UpdateSource[] pendingSource = new UpdateSource[0];
    final TextSlots pendingMessage = new TextSlots();
    long[] masterUpdates = new long[0];
    long[] revokeDeadlineMs = new long[0];
    final ResourceColumns resources = new ResourceColumns();
    final TextSlots name = new TextSlots();
    final TextSlots command = new TextSlots();
    int[] prevOnAgent = new int[0];
    int[] nextOnAgent = new int[0];
    int[] prevOnFramework = new int[0];
    int[] nextOnFramework = new int[0];

    TaskTable(final int initialCapacity)
    {
        slots = new IdSlots(initialCapacity);
        ensureCapacity(initialCapacity);
    }

    int add(final long seq)
    {
        final int slot = slots.add(seq);
        ensureCapacity(slot + 1);
        sequence[slot] = seq;
        prevOnAgent[slot] = IdSlots.NONE;
        nextOnAgent[slot] = IdSlots.NONE;
        prevOnFramework[slot] = IdSlots.NONE;
        nextOnFramework[slot] = IdSlots.NONE;
        pendingUuidMsb[slot] = 0;
        pendingUuidLsb[slot] = 0;
        pendingState[slot] = null;
        pendingSource[slot] = null;
        pendingMessage.clear(slot);
        masterUpdates[slot] = 0;
        revokeDeadlineMs[slot] = 0;
        return slot;
    }

    void remove(final int slot)
    {
        slots.remove(sequence[slot]);
        name.clear(slot);
        command.clear(slot);
        pendingMessage.clear(slot);
        resources.clear(slot);
    }

    boolean hasPendingUpdate(final int slot)
    {
        return 0 != pendingUuidMsb[slot] || 0 != pendingUuidLsb[slot];
    }

    void setResources(final int slot, final Resources taskResources)
    {
        resources.set(slot, taskResources);
    }

    void read(final int slot, final Resources into)
    {
        resources.read(slot, into);
    }

    private void ensureCapacity(final int required)
    {
        if (required <= capacity)
        {
            return;
        }
        final int n = Math.max(required, Math.max(16, capacity * 2));
        sequence = Arrays.copyOf(sequence, n);
        taskId = Arrays.copyOf(taskId, n);
        frameworkId = Arrays.copyOf(frameworkId, n);
        agentId = Arrays.copyOf(agentId, n);
        frameworkSlot = Arrays.copyOf(frameworkSlot, n);
        agentSlot = Arrays.copyOf(agentSlot, n);
        state = Arrays.copyOf(state, n);
        reason = Arrays.copyOf(reason, n);
        launchedAtMs = Arrays.copyOf(launchedAtMs, n);
        updatedAtMs = Arrays.copyOf(updatedAtMs, n);
        killGracePeriodMs = Arrays.copyOf(killGracePeriodMs, n);
        holdsResources = Arrays.copyOf(holdsResources, n);
        pendingUuidMsb = Arrays.copyOf(pendingUuidMsb, n);
        pendingUuidLsb = Arrays.copyOf(pendingUuidLsb, n);
        pendingState = Arrays.copyOf(pendingState, n);
        pendingSource = Arrays.copyOf(pendingSource, n);
        pendingMessage.ensureCapacity(n);
        masterUpdates = Arrays.copyOf(masterUpdates, n);
        revokeDeadlineMs = Arrays.copyOf(revokeDeadlineMs, n);
        resources.ensureCapacity(n);
        name.ensureCapacity(n);
        command.ensureCapacity(n);
        prevOnAgent = Arrays.copyOf(prevOnAgent, n);
        nextOnAgent = Arrays.copyOf(nextOnAgent, n);
        prevOnFramework = Arrays.copyOf(prevOnFramework, n);
        nextOnFramework = Arrays.copyOf(nextOnFramework, n);
        capacity = n;
    }
}

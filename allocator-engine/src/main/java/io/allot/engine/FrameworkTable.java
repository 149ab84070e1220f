/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.engine;

import io.allot.codecs.sbe.FrameworkState;
import org.agrona.collections.Long2LongHashMap;

import java.util.Arrays;

/**
 * Frameworks as a struct of arrays indexed by slot, with each framework's task index (task id to task slot) and
 * the heads of the intrusive lists of its offers and tasks.
 */
final class FrameworkTable
{
    final IdSlots slots;
    int capacity;
    long[] id = new long[0];
    long[] sessionId = new long[0];
    FrameworkState[] state = new FrameworkState[0];
    String[] name = new String[0];
    String[] role = new String[0];
    Preferences[] prefer = new Preferences[0];
    int[] roleSlot = new int[0];
    long[] failoverTimeoutMs = new long[0];
    long[] failoverDeadlineMs = new long[0];
    boolean[] suppressed = new boolean[0];
    boolean[] partitionAware = new boolean[0];
    long[] subscribedAtMs = new long[0];
    long[] reviveEpoch = new long[0];
    int[] firstOffer = new int[0];
    int[] firstTask = new int[0];
    Long2LongHashMap[] tasks = new Long2LongHashMap[0];

    FrameworkTable(final int initialCapacity)
    {
        slots = new IdSlots(initialCapacity);
        ensureCapacity(initialCapacity);
    }

    int add(final long frameworkId)
    {
        final int slot = slots.add(frameworkId);
        ensureCapacity(slot + 1);
        id[slot] = frameworkId;
        firstOffer[slot] = IdSlots.NONE;
        firstTask[slot] = IdSlots.NONE;
        suppressed[slot] = false;
        reviveEpoch[slot] = 0;
        failoverDeadlineMs[slot] = Long.MAX_VALUE;
        if (null == tasks[slot])
        {
            tasks[slot] = new Long2LongHashMap(IdSlots.NONE);
        }
        tasks[slot].clear();
        return slot;
    }

    void remove(final int slot)
    {
        slots.remove(id[slot]);
        name[slot] = null;
        role[slot] = null;
        prefer[slot] = null;
        tasks[slot].clear();
    }

    int slot(final long frameworkId)
    {
        return slots.slot(frameworkId);
    }

    int taskSlot(final int frameworkSlot, final long taskId)
    {
        return (int)tasks[frameworkSlot].get(taskId);
    }

    private void ensureCapacity(final int required)
    {
        if (required <= capacity)
        {
            return;
        }
        final int n = Math.max(required, Math.max(16, capacity * 2));
        id = Arrays.copyOf(id, n);
        sessionId = Arrays.copyOf(sessionId, n);
        state = Arrays.copyOf(state, n);
        name = Arrays.copyOf(name, n);
        role = Arrays.copyOf(role, n);
        prefer = Arrays.copyOf(prefer, n);
        roleSlot = Arrays.copyOf(roleSlot, n);
        failoverTimeoutMs = Arrays.copyOf(failoverTimeoutMs, n);
        failoverDeadlineMs = Arrays.copyOf(failoverDeadlineMs, n);
        suppressed = Arrays.copyOf(suppressed, n);
        partitionAware = Arrays.copyOf(partitionAware, n);
        subscribedAtMs = Arrays.copyOf(subscribedAtMs, n);
        reviveEpoch = Arrays.copyOf(reviveEpoch, n);
        firstOffer = Arrays.copyOf(firstOffer, n);
        firstTask = Arrays.copyOf(firstTask, n);
        tasks = Arrays.copyOf(tasks, n);
        capacity = n;
    }
}

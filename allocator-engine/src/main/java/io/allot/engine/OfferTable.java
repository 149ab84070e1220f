/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.engine;

import io.allot.resources.Resources;

import java.util.Arrays;

/**
 * Outstanding offers as a struct of arrays, linked into the lists of their agent and framework.
 */
final class OfferTable
{
    final IdSlots slots;
    int capacity;
    long[] id = new long[0];
    int[] frameworkSlot = new int[0];
    int[] agentSlot = new int[0];
    long[] createdAtMs = new long[0];
    final ResourceColumns resources = new ResourceColumns();
    int[] prevOnAgent = new int[0];
    int[] nextOnAgent = new int[0];
    int[] prevOnFramework = new int[0];
    int[] nextOnFramework = new int[0];
    int[] mark = new int[0];

    OfferTable(final int initialCapacity)
    {
        slots = new IdSlots(initialCapacity);
        ensureCapacity(initialCapacity);
    }

    int add(final long offerId, final int framework, final int agent, final long nowMs, final Resources offered)
    {
        final int slot = slots.add(offerId);
        ensureCapacity(slot + 1);
        id[slot] = offerId;
        frameworkSlot[slot] = framework;
        agentSlot[slot] = agent;
        createdAtMs[slot] = nowMs;
        resources.set(slot, offered);
        return slot;
    }

    void read(final int slot, final Resources into)
    {
        resources.read(slot, into);
    }

    int slot(final long offerId)
    {
        return slots.slot(offerId);
    }

    private void ensureCapacity(final int required)
    {
        if (required <= capacity)
        {
            return;
        }
        final int n = Math.max(required, Math.max(16, capacity * 2));
        id = Arrays.copyOf(id, n);
        frameworkSlot = Arrays.copyOf(frameworkSlot, n);
        agentSlot = Arrays.copyOf(agentSlot, n);
        createdAtMs = Arrays.copyOf(createdAtMs, n);
        resources.ensureCapacity(n);
        prevOnAgent = Arrays.copyOf(prevOnAgent, n);
        nextOnAgent = Arrays.copyOf(nextOnAgent, n);
        prevOnFramework = Arrays.copyOf(prevOnFramework, n);
        nextOnFramework = Arrays.copyOf(nextOnFramework, n);
        mark = Arrays.copyOf(mark, n);
        capacity = n;
    }
}

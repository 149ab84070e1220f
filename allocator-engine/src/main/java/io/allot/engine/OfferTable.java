/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.engine;

import io.allot.resources.RangeSet;
import io.allot.resources.ResourceNames;
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
    final long[][] scalars = new long[ResourceNames.MAX_SCALARS][0];
    RangeSet[] ports = new RangeSet[0];
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

    int add(final long offerId, final int framework, final int agent, final long nowMs, final Resources resources)
    {
        final int slot = slots.add(offerId);
        ensureCapacity(slot + 1);
        id[slot] = offerId;
        frameworkSlot[slot] = framework;
        agentSlot[slot] = agent;
        createdAtMs[slot] = nowMs;
        for (int d = 0; d < ResourceNames.MAX_SCALARS; d++)
        {
            scalars[d][slot] = resources.scalar(d);
        }
        ports[slot].copyFrom(resources.ports());
        return slot;
    }

    void read(final int slot, final Resources into)
    {
        into.clear();
        for (int d = 0; d < ResourceNames.MAX_SCALARS; d++)
        {
            into.setScalar(d, scalars[d][slot]);
        }
        into.ports().copyFrom(ports[slot]);
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
        for (int d = 0; d < ResourceNames.MAX_SCALARS; d++)
        {
            scalars[d] = Arrays.copyOf(scalars[d], n);
        }
        ports = Arrays.copyOf(ports, n);
        for (int i = capacity; i < n; i++)
        {
            ports[i] = new RangeSet(2);
        }
        prevOnAgent = Arrays.copyOf(prevOnAgent, n);
        nextOnAgent = Arrays.copyOf(nextOnAgent, n);
        prevOnFramework = Arrays.copyOf(prevOnFramework, n);
        nextOnFramework = Arrays.copyOf(nextOnFramework, n);
        mark = Arrays.copyOf(mark, n);
        capacity = n;
    }
}

/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.engine;

import io.allot.resources.Resources;
import org.agrona.collections.Long2LongHashMap;

import java.util.Arrays;

/**
 * Refusal filters, one per (framework, agent): Mesos's {@code RefusedOfferFilter}. While it lasts, the agent is
 * not offered to the framework unless its free resources exceed what the framework refused.
 */
final class FilterTable
{
    final IdSlots slots;
    private final Long2LongHashMap slotByPair = new Long2LongHashMap(IdSlots.NONE);
    private long nextSequence = 1;
    int capacity;
    long[] sequence = new long[0];
    int[] frameworkSlot = new int[0];
    int[] agentSlot = new int[0];
    long[] frameworkId = new long[0];
    long[] agentId = new long[0];
    long[] expiresAtMs = new long[0];
    final ResourceColumns resources = new ResourceColumns();

    FilterTable(final int initialCapacity)
    {
        slots = new IdSlots(initialCapacity);
        ensureCapacity(initialCapacity);
    }

    static long pair(final int framework, final int agent)
    {
        return ((long)framework << 32) | (agent & 0xFFFF_FFFFL);
    }

    int find(final int framework, final int agent)
    {
        return (int)slotByPair.get(pair(framework, agent));
    }

    /**
     * Install or replace the filter of a framework on an agent.
     */
    void put(
        final int framework,
        final long fwId,
        final int agent,
        final long agId,
        final long expiresAt,
        final Resources refused)
    {
        int slot = find(framework, agent);
        if (IdSlots.NONE == slot)
        {
            final long seq = nextSequence++;
            slot = slots.add(seq);
            ensureCapacity(slot + 1);
            sequence[slot] = seq;
            slotByPair.put(pair(framework, agent), slot);
        }
        frameworkSlot[slot] = framework;
        agentSlot[slot] = agent;
        frameworkId[slot] = fwId;
        agentId[slot] = agId;
        expiresAtMs[slot] = expiresAt;
        resources.set(slot, refused);
    }

    void remove(final int slot)
    {
        slotByPair.remove(pair(frameworkSlot[slot], agentSlot[slot]));
        slots.remove(sequence[slot]);
    }

    /**
     * @return true when an unexpired filter of the framework on the agent covers all of the offerable resources.
     */
    boolean isFiltered(final int framework, final int agent, final Resources offerable, final long nowMs)
    {
        final int slot = find(framework, agent);
        if (IdSlots.NONE == slot || nowMs >= expiresAtMs[slot])
        {
            return false;
        }
        return resources.covers(slot, offerable);
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
        frameworkSlot = Arrays.copyOf(frameworkSlot, n);
        agentSlot = Arrays.copyOf(agentSlot, n);
        frameworkId = Arrays.copyOf(frameworkId, n);
        agentId = Arrays.copyOf(agentId, n);
        expiresAtMs = Arrays.copyOf(expiresAtMs, n);
        resources.ensureCapacity(n);
        capacity = n;
    }
}

/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.engine;

import io.allot.codecs.sbe.AgentState;
import io.allot.resources.ResourceNames;
import io.allot.resources.Resources;

import java.util.Arrays;

/**
 * Agents as a struct of arrays indexed by slot: total and free resources per scalar dimension, port ranges,
 * health-check state and the heads of the intrusive lists of the agent's offers and tasks.
 */
final class AgentTable
{
    final IdSlots slots;
    int capacity;
    long[] id = new long[0];
    long[] sessionId = new long[0];
    AgentState[] state = new AgentState[0];
    long[] registeredAtMs = new long[0];
    long[] pingSequence = new long[0];
    long[] pongSequence = new long[0];
    int[] missedPings = new int[0];
    long[] nextPingMs = new long[0];
    final ResourceColumns total = new ResourceColumns();
    final ResourceColumns free = new ResourceColumns();
    /** Free resources of every agent, per dimension: what guarantees can draw on. */
    final long[] freeTotal = new long[ResourceNames.MAX_SCALARS];
    private final boolean[] knownDimension = new boolean[ResourceNames.MAX_SCALARS];
    String[] hostname = new String[0];
    String[] attributes = new String[0];
    int[] firstOffer = new int[0];
    int[] firstTask = new int[0];
    boolean[] dirty = new boolean[0];

    AgentTable(final int initialCapacity)
    {
        slots = new IdSlots(initialCapacity);
        ensureCapacity(initialCapacity);
    }

    int add(final long agentId)
    {
        final int slot = slots.add(agentId);
        ensureCapacity(slot + 1);
        id[slot] = agentId;
        firstOffer[slot] = IdSlots.NONE;
        firstTask[slot] = IdSlots.NONE;
        dirty[slot] = false;
        missedPings[slot] = 0;
        pingSequence[slot] = 0;
        pongSequence[slot] = 0;
        return slot;
    }

    void remove(final int slot)
    {
        slots.remove(id[slot]);
        hostname[slot] = null;
        attributes[slot] = null;
        for (int d = 0; d < ResourceNames.MAX_SCALARS; d++)
        {
            freeTotal[d] -= free.scalar(slot, d);
        }
        total.clear(slot);
        free.clear(slot);
    }

    int slot(final long agentId)
    {
        return slots.slot(agentId);
    }

    boolean isOfferable(final int slot)
    {
        return AgentState.ACTIVE == state[slot];
    }

    void setTotal(final int slot, final Resources resources)
    {
        for (int d = 0; d < ResourceNames.MAX_SCALARS; d++)
        {
            knownDimension[d] |= resources.scalar(d) > 0;
        }
        total.set(slot, resources);
    }

    void readTotal(final int slot, final Resources into)
    {
        total.read(slot, into);
    }

    void readFree(final int slot, final Resources into)
    {
        free.read(slot, into);
    }

    void addFree(final int slot, final Resources resources)
    {
        for (int d = 0; d < ResourceNames.MAX_SCALARS; d++)
        {
            freeTotal[d] += resources.scalar(d);
        }
        free.add(slot, resources);
    }

    void subtractFree(final int slot, final Resources resources)
    {
        for (int d = 0; d < ResourceNames.MAX_SCALARS; d++)
        {
            freeTotal[d] -= resources.scalar(d);
        }
        free.subtract(slot, resources);
    }

    /**
     * @return true for Mesos's predefined scalars, and for a custom scalar some agent registered a quantity of.
     */
    boolean isKnownDimension(final int dim)
    {
        return dim <= ResourceNames.GPUS || knownDimension[dim];
    }

    boolean hasFree(final int slot)
    {
        return !free.isEmpty(slot);
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
        registeredAtMs = Arrays.copyOf(registeredAtMs, n);
        pingSequence = Arrays.copyOf(pingSequence, n);
        pongSequence = Arrays.copyOf(pongSequence, n);
        missedPings = Arrays.copyOf(missedPings, n);
        nextPingMs = Arrays.copyOf(nextPingMs, n);
        total.ensureCapacity(n);
        free.ensureCapacity(n);
        hostname = Arrays.copyOf(hostname, n);
        attributes = Arrays.copyOf(attributes, n);
        firstOffer = Arrays.copyOf(firstOffer, n);
        firstTask = Arrays.copyOf(firstTask, n);
        dirty = Arrays.copyOf(dirty, n);
        capacity = n;
    }
}

/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.engine;

import io.allot.resources.RangeSet;
import io.allot.resources.ResourceNames;
import io.allot.resources.Resources;

import java.util.Arrays;

/**
 * A resource vector per table slot, stored as columns: one {@code long[]} per scalar dimension (thousandths)
 * and a reused port {@link RangeSet} per slot, so that reading and updating a slot allocates nothing.
 */
final class ResourceColumns
{
    private final long[][] scalars = new long[ResourceNames.MAX_SCALARS][0];
    private RangeSet[] ports = new RangeSet[0];
    private int capacity;

    void ensureCapacity(final int required)
    {
        if (required <= capacity)
        {
            return;
        }
        final int n = Math.max(required, Math.max(16, capacity * 2));
        for (int d = 0; d < ResourceNames.MAX_SCALARS; d++)
        {
            scalars[d] = Arrays.copyOf(scalars[d], n);
        }
        ports = Arrays.copyOf(ports, n);
        for (int i = capacity; i < n; i++)
        {
            ports[i] = new RangeSet(2);
        }
        capacity = n;
    }

    long scalar(final int slot, final int dim)
    {
        return scalars[dim][slot];
    }

    boolean isEmpty(final int slot)
    {
        for (int d = 0; d < ResourceNames.MAX_SCALARS; d++)
        {
            if (scalars[d][slot] > 0)
            {
                return false;
            }
        }
        return ports[slot].isEmpty();
    }

    void set(final int slot, final Resources resources)
    {
        for (int d = 0; d < ResourceNames.MAX_SCALARS; d++)
        {
            scalars[d][slot] = resources.scalar(d);
        }
        ports[slot].copyFrom(resources.ports());
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

    void add(final int slot, final Resources resources)
    {
        for (int d = 0; d < ResourceNames.MAX_SCALARS; d++)
        {
            scalars[d][slot] += resources.scalar(d);
        }
        ports[slot].add(resources.ports());
    }

    void subtract(final int slot, final Resources resources)
    {
        for (int d = 0; d < ResourceNames.MAX_SCALARS; d++)
        {
            scalars[d][slot] -= resources.scalar(d);
        }
        ports[slot].subtract(resources.ports());
    }

    /**
     * @return true when the slot holds at least every scalar of the resources and all their ports.
     */
    boolean covers(final int slot, final Resources resources)
    {
        for (int d = 0; d < ResourceNames.MAX_SCALARS; d++)
        {
            if (resources.scalar(d) > scalars[d][slot])
            {
                return false;
            }
        }
        return ports[slot].contains(resources.ports());
    }

    void clear(final int slot)
    {
        for (int d = 0; d < ResourceNames.MAX_SCALARS; d++)
        {
            scalars[d][slot] = 0;
        }
        ports[slot].clear();
    }
}

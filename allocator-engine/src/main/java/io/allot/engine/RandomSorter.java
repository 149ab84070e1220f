/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.engine;

import io.allot.resources.ResourceNames;
import io.allot.resources.Resources;

import java.util.Arrays;
import java.util.function.LongSupplier;

/**
 * Mesos's {@code random} sorter: every allocation visits the active clients in a fresh random order drawn from the
 * engine's seeded generator, ignoring shares. It is the baseline that DRF is compared with, and the conformance
 * tests run against both. Active clients are kept in canonical order (key, then name) before each shuffle, so
 * the order depends only on the seed and the set of clients, never on history.
 */
final class RandomSorter implements Sorter
{
    private final long[] total;
    private final LongSupplier random;
    private final long[][] allocation = new long[ResourceNames.MAX_SCALARS][];
    private int capacity;
    private double[] weight = new double[0];
    private long[] key = new long[0];
    private String[] name = new String[0];
    private boolean[] present = new boolean[0];
    private boolean[] active = new boolean[0];
    private int[] activeSorted = new int[0];
    private int activeCount;
    private int[] order = new int[0];
    private int orderCount;
    private int cursor;
    private boolean isPolling;

    RandomSorter(final long[] total, final LongSupplier random)
    {
        this.total = total;
        this.random = random;
        ensureCapacity(16);
    }

    private void ensureCapacity(final int required)
    {
        if (required <= capacity)
        {
            return;
        }
        final int n = Math.max(required, capacity * 2);
        for (int d = 0; d < ResourceNames.MAX_SCALARS; d++)
        {
            allocation[d] = null == allocation[d] ? new long[n] : Arrays.copyOf(allocation[d], n);
        }
        weight = Arrays.copyOf(weight, n);
        key = Arrays.copyOf(key, n);
        name = Arrays.copyOf(name, n);
        present = Arrays.copyOf(present, n);
        active = Arrays.copyOf(active, n);
        activeSorted = Arrays.copyOf(activeSorted, n);
        order = Arrays.copyOf(order, n);
        capacity = n;
    }

    public void add(final int client, final long clientKey, final String clientName, final double clientWeight)
    {
        ensureCapacity(client + 1);
        present[client] = true;
        active[client] = false;
        key[client] = clientKey;
        name[client] = clientName;
        weight[client] = clientWeight;
        for (int d = 0; d < ResourceNames.MAX_SCALARS; d++)
        {
            allocation[d][client] = 0;
        }
    }

    public void remove(final int client)
    {
        deactivate(client);
        present[client] = false;
        name[client] = null;
    }

    public boolean contains(final int client)
    {
        return client < capacity && present[client];
    }

    public boolean isActive(final int client)
    {
        return client < capacity && active[client];
    }

    public long allocation(final int client, final int dim)
    {
        return allocation[dim][client];
    }

    public void activate(final int client)
    {
        if (active[client])
        {
            return;
        }
        active[client] = true;
        int index = activeCount++;
        while (index > 0 && before(client, activeSorted[index - 1]))
        {
            activeSorted[index] = activeSorted[index - 1];
            index--;
        }
        activeSorted[index] = client;
    }

    public void deactivate(final int client)
    {
        if (client >= capacity || !active[client])
        {
            return;
        }
        active[client] = false;
        int index = 0;
        while (activeSorted[index] != client)
        {
            index++;
        }
        System.arraycopy(activeSorted, index + 1, activeSorted, index, activeCount - index - 1);
        activeCount--;
    }

    public void updateWeight(final int client, final double clientWeight)
    {
        weight[client] = clientWeight;
    }

    public void allocated(final int client, final Resources resources, final int sign)
    {
        for (int d = 0; d < ResourceNames.MAX_SCALARS; d++)
        {
            allocation[d][client] += sign * resources.scalar(d);
        }
    }

    public double share(final int client)
    {
        double dominant = 0.0;
        for (int d = 0; d < ResourceNames.MAX_SCALARS; d++)
        {
            if (total[d] > 0)
            {
                dominant = Math.max(dominant, (double)allocation[d][client] / (double)total[d]);
            }
        }
        return dominant / weight[client];
    }

    public void totalChanged()
    {
    }

    public int poll()
    {
        if (!isPolling)
        {
            isPolling = true;
            orderCount = activeCount;
            System.arraycopy(activeSorted, 0, order, 0, activeCount);
            for (int i = orderCount - 1; i > 0; i--)
            {
                final int j = (int)Long.remainderUnsigned(random.getAsLong(), i + 1);
                final int swap = order[i];
                order[i] = order[j];
                order[j] = swap;
            }
            cursor = 0;
        }
        while (cursor < orderCount)
        {
            final int client = order[cursor++];
            if (active[client])
            {
                return client;
            }
        }
        return -1;
    }

    public void restore()
    {
        isPolling = false;
    }

    private boolean before(final int a, final int b)
    {
        if (key[a] != key[b])
        {
            return key[a] < key[b];
        }
        if (null != name[a] && null != name[b])
        {
            return name[a].compareTo(name[b]) < 0;
        }
        return a < b;
    }
}

/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.engine;

import io.allot.resources.ResourceNames;
import io.allot.resources.Resources;

import java.util.Arrays;

/**
 * Dominant Resource Fairness sorter: an indexed binary min-heap of clients keyed by weighted dominant share
 * (Ghodsi et al., NSDI 2011; Mesos's {@code DRFSorter}). Updating one client's allocation is O(log n), reading
 * the client with the lowest share is O(1). Ties break on a stable key and then a name, never on layout, so the
 * order is the same on every replica and after a snapshot load.
 * <p>
 * Clients are small integer slots owned by the caller. Only active clients are in the heap. When the cluster
 * total changes every share changes: the sorter is marked dirty and rebuilt in O(n) before the next read.
 * Visiting clients in order without losing the heap is done with {@link #poll()} and {@link #restore()}.
 */
final class DrfSorter implements Sorter
{
    private static final int NOT_IN_HEAP = -1;

    private final long[] total;
    private int capacity;
    private long[][] allocation;
    private double[] share;
    private double[] weight;
    private long[] tieKey;
    private String[] tieName;
    private boolean[] present;
    private boolean[] active;
    private int[] heapIndex;
    private int[] heap;
    private int heapSize;
    private int[] polled;
    private int polledCount;
    private boolean isDirty;

    /**
     * @param total           the cluster's total resources per scalar dimension, shared and updated by the owner,
     *                        who calls {@link #totalChanged()} when it changes.
     * @param initialCapacity initial number of client slots.
     */
    DrfSorter(final long[] total, final int initialCapacity)
    {
        this.total = total;
        this.capacity = 0;
        this.allocation = new long[ResourceNames.MAX_SCALARS][];
        this.share = new double[0];
        this.weight = new double[0];
        this.tieKey = new long[0];
        this.tieName = new String[0];
        this.present = new boolean[0];
        this.active = new boolean[0];
        this.heapIndex = new int[0];
        this.heap = new int[0];
        this.polled = new int[0];
        ensureCapacity(initialCapacity);
    }

    void ensureCapacity(final int required)
    {
        if (required <= capacity)
        {
            return;
        }
        final int newCapacity = Math.max(required, Math.max(16, capacity * 2));
        for (int d = 0; d < ResourceNames.MAX_SCALARS; d++)
        {
            allocation[d] = null == allocation[d] ? new long[newCapacity] : Arrays.copyOf(allocation[d], newCapacity);
        }
        share = Arrays.copyOf(share, newCapacity);
        weight = Arrays.copyOf(weight, newCapacity);
        tieKey = Arrays.copyOf(tieKey, newCapacity);
        tieName = Arrays.copyOf(tieName, newCapacity);
        present = Arrays.copyOf(present, newCapacity);
        active = Arrays.copyOf(active, newCapacity);
        heapIndex = Arrays.copyOf(heapIndex, newCapacity);
        Arrays.fill(heapIndex, capacity, newCapacity, NOT_IN_HEAP);
        heap = Arrays.copyOf(heap, newCapacity);
        polled = Arrays.copyOf(polled, newCapacity);
        capacity = newCapacity;
    }

    /**
     * Add a client, inactive, with nothing allocated.
     *
     * @param client slot of the client.
     * @param key    stable tie-break key (e.g. framework id).
     * @param name   stable tie-break name when keys are equal (e.g. role name), may be null.
     * @param clientWeight weight, > 0.
     */
    public void add(final int client, final long key, final String name, final double clientWeight)
    {
        ensureCapacity(client + 1);
        if (present[client])
        {
            throw new IllegalStateException("client already present: " + client);
        }
        present[client] = true;
        active[client] = false;
        tieKey[client] = key;
        tieName[client] = name;
        weight[client] = clientWeight;
        for (int d = 0; d < ResourceNames.MAX_SCALARS; d++)
        {
            allocation[d][client] = 0;
        }
        share[client] = 0.0;
        heapIndex[client] = NOT_IN_HEAP;
    }

    public void remove(final int client)
    {
        deactivate(client);
        present[client] = false;
        tieName[client] = null;
    }

    public boolean contains(final int client)
    {
        return client < capacity && present[client];
    }

    public boolean isActive(final int client)
    {
        return client < capacity && active[client];
    }

    public void activate(final int client)
    {
        if (!active[client])
        {
            active[client] = true;
            share[client] = computeShare(client);
            heapIndex[client] = heapSize;
            heap[heapSize++] = client;
            siftUp(heapIndex[client]);
        }
    }

    public void deactivate(final int client)
    {
        if (client < capacity && active[client])
        {
            active[client] = false;
            removeFromHeap(client);
        }
    }

    public void updateWeight(final int client, final double clientWeight)
    {
        weight[client] = clientWeight;
        reposition(client);
    }

    /**
     * Add (or with a negative sign, remove) an allocation of scalars to a client.
     *
     * @param client  the client.
     * @param scalars resources whose scalars are added.
     * @param sign    +1 to allocate, -1 to unallocate.
     */
    public void allocated(final int client, final Resources scalars, final int sign)
    {
        for (int d = 0; d < ResourceNames.MAX_SCALARS; d++)
        {
            allocation[d][client] += sign * scalars.scalar(d);
        }
        reposition(client);
    }

    public long allocation(final int client, final int dim)
    {
        return allocation[dim][client];
    }

    public double share(final int client)
    {
        return computeShare(client);
    }

    double weight(final int client)
    {
        return weight[client];
    }

    /**
     * The cluster total changed: every share changes, rebuild before the next read.
     */
    public void totalChanged()
    {
        isDirty = true;
    }

    /**
     * Take the active client with the lowest weighted dominant share out of the heap; {@link #restore()} puts
     * every polled client back.
     *
     * @return the client or -1 when none is left.
     */
    public int poll()
    {
        rebuildIfDirty();
        if (0 == heapSize)
        {
            return -1;
        }
        final int client = heap[0];
        removeFromHeap(client);
        polled[polledCount++] = client;
        return client;
    }

    /**
     * Put back every client taken by {@link #poll()} since the last restore.
     */
    public void restore()
    {
        for (int i = 0; i < polledCount; i++)
        {
            final int client = polled[i];
            if (active[client] && NOT_IN_HEAP == heapIndex[client])
            {
                share[client] = computeShare(client);
                heapIndex[client] = heapSize;
                heap[heapSize++] = client;
                siftUp(heapIndex[client]);
            }
        }
        polledCount = 0;
    }

    /**
     * @return the active client with the lowest share without removing it, or -1.
     */
    int peek()
    {
        rebuildIfDirty();
        return 0 == heapSize ? -1 : heap[0];
    }

    int activeCount()
    {
        return heapSize + polledCount;
    }

    private void reposition(final int client)
    {
        if (active[client] && NOT_IN_HEAP != heapIndex[client] && !isDirty)
        {
            share[client] = computeShare(client);
            final int index = heapIndex[client];
            siftUp(index);
            siftDown(heapIndex[client]);
        }
    }

    private double computeShare(final int client)
    {
        double dominant = 0.0;
        for (int d = 0; d < ResourceNames.MAX_SCALARS; d++)
        {
            final long totalD = total[d];
            if (totalD > 0)
            {
                final double s = (double)allocation[d][client] / (double)totalD;
                if (s > dominant)
                {
                    dominant = s;
                }
            }
        }
        return dominant / weight[client];
    }

    private void rebuildIfDirty()
    {
        if (isDirty)
        {
            isDirty = false;
            for (int i = 0; i < heapSize; i++)
            {
                share[heap[i]] = computeShare(heap[i]);
            }
            for (int i = (heapSize >>> 1) - 1; i >= 0; i--)
            {
                siftDown(i);
            }
        }
    }

    private void removeFromHeap(final int client)
    {
        final int index = heapIndex[client];
        if (NOT_IN_HEAP == index)
        {
            return;
        }
        heapIndex[client] = NOT_IN_HEAP;
        final int last = heap[--heapSize];
        if (index != heapSize)
        {
            heap[index] = last;
            heapIndex[last] = index;
            siftUp(index);
            siftDown(heapIndex[last]);
        }
    }

    private boolean less(final int a, final int b)
    {
        final int byShare = Double.compare(share[a], share[b]);
        if (0 != byShare)
        {
            return byShare < 0;
        }
        if (tieKey[a] != tieKey[b])
        {
            return tieKey[a] < tieKey[b];
        }
        final String nameA = tieName[a];
        final String nameB = tieName[b];
        if (null != nameA && null != nameB)
        {
            return nameA.compareTo(nameB) < 0;
        }
        return a < b;
    }

    private void siftUp(final int start)
    {
        int index = start;
        final int client = heap[index];
        while (index > 0)
        {
            final int parentIndex = (index - 1) >>> 1;
            final int parent = heap[parentIndex];
            if (!less(client, parent))
            {
                break;
            }
            heap[index] = parent;
            heapIndex[parent] = index;
            index = parentIndex;
        }
        heap[index] = client;
        heapIndex[client] = index;
    }

    private void siftDown(final int start)
    {
        if (start >= heapSize)
        {
            return;
        }
        int index = start;
        final int client = heap[index];
        while (true)
        {
            final int left = (index << 1) + 1;
            if (left >= heapSize)
            {
                break;
            }
            final int right = left + 1;
            int smallest = left;
            if (right < heapSize && less(heap[right], heap[left]))
            {
                smallest = right;
            }
            if (!less(heap[smallest], client))
            {
                break;
            }
            heap[index] = heap[smallest];
            heapIndex[heap[index]] = index;
            index = smallest;
        }
        heap[index] = client;
        heapIndex[client] = index;
    }
}

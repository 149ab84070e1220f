/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.engine;

/**
 * Sorts a range of a {@code long[]} in place without allocating: insertion sort for short ranges, heapsort
 * otherwise. {@code Arrays.sort} can allocate a merge buffer for partly sorted input, which dirty-agent lists
 * always are, and the allocation path must not allocate.
 */
final class LongSort
{
    private static final int INSERTION_THRESHOLD = 32;

    private LongSort()
    {
    }

    /**
     * @param values array to sort.
     * @param from   first index, inclusive.
     * @param to     last index, exclusive.
     */
    static void sort(final long[] values, final int from, final int to)
    {
        final int length = to - from;
        if (length <= INSERTION_THRESHOLD)
        {
            insertionSort(values, from, to);
            return;
        }
        if (isSorted(values, from, to))
        {
            return;
        }
        for (int i = length / 2 - 1; i >= 0; i--)
        {
            siftDown(values, from, i, length);
        }
        for (int end = length - 1; end > 0; end--)
        {
            final long top = values[from];
            values[from] = values[from + end];
            values[from + end] = top;
            siftDown(values, from, 0, end);
        }
    }

    private static boolean isSorted(final long[] values, final int from, final int to)
    {
        for (int i = from + 1; i < to; i++)
        {
            if (values[i] < values[i - 1])
            {
                return false;
            }
        }
        return true;
    }

    private static void insertionSort(final long[] values, final int from, final int to)
    {
        for (int i = from + 1; i < to; i++)
        {
            final long value = values[i];
            int j = i - 1;
            while (j >= from && values[j] > value)
            {
                values[j + 1] = values[j];
                j--;
            }
            values[j + 1] = value;
        }
    }

    private static void siftDown(final long[] values, final int base, final int start, final int size)
    {
        int index = start;
        final long value = values[base + index];
        while (true)
        {
            int child = 2 * index + 1;
            if (child >= size)
            {
                break;
            }
            if (child + 1 < size && values[base + child + 1] > values[base + child])
            {
                child++;
            }
            if (values[base + child] <= value)
            {
                break;
            }
            values[base + index] = values[base + child];
            index = child;
        }
        values[base + index] = value;
    }
}

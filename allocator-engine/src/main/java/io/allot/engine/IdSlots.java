/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.engine;

import org.agrona.collections.Long2LongHashMap;

import java.util.Arrays;

/**
 * Maps ids to dense table slots and remembers the order in which ids were added. Slots are reused, so slot order
 * means nothing; iteration that can change state goes through {@link #orderCount()}/{@link #orderSlot(int)},
 * which visits entries in the order they were added (ascending id for tables whose ids are issued in order).
 */
final class IdSlots
{
    static final int NONE = -1;

    private final Long2LongHashMap slotById;
    private int[] freeSlots = new int[16];
    private int freeCount;
    private int highWater;
    private long[] orderId;
    private int[] orderSlotOf;
    private int orderCount;
    private int tombstones;
    private int size;

    IdSlots(final int initialCapacity)
    {
        final int capacity = Math.max(16, initialCapacity);
        slotById = new Long2LongHashMap(capacity * 2, org.agrona.collections.Hashing.DEFAULT_LOAD_FACTOR, NONE);
        orderId = new long[capacity];
        orderSlotOf = new int[capacity];
    }

    /**
     * @param id a new id.
     * @return the slot given to it.
     */
    int add(final long id)
    {
        final int slot = freeCount > 0 ? freeSlots[--freeCount] : highWater++;
        slotById.put(id, slot);
        if (orderCount == orderId.length)
        {
            compactOrGrow();
        }
        orderId[orderCount] = id;
        orderSlotOf[orderCount] = slot;
        orderCount++;
        size++;
        return slot;
    }

    /**
     * @param id id to forget.
     * @return the slot it had, now free, or {@link #NONE}.
     */
    int remove(final long id)
    {
        final int slot = (int)slotById.remove(id);
        if (NONE != slot)
        {
            if (freeCount == freeSlots.length)
            {
                freeSlots = Arrays.copyOf(freeSlots, freeCount * 2);
            }
            freeSlots[freeCount++] = slot;
            tombstones++;
            size--;
        }
        return slot;
    }

    int slot(final long id)
    {
        return (int)slotById.get(id);
    }

    int size()
    {
        return size;
    }

    /**
     * @return the number of slots ever used, an upper bound of every slot.
     */
    int highWater()
    {
        return highWater;
    }

    int orderCount()
    {
        return orderCount;
    }

    /**
     * @param index position in insertion order.
     * @return the slot of the entry at that position, or {@link #NONE} where it was removed.
     */
    int orderSlot(final int index)
    {
        final long id = orderId[index];
        final int slot = orderSlotOf[index];
        return (int)slotById.get(id) == slot ? slot : NONE;
    }

    long orderId(final int index)
    {
        return orderId[index];
    }

    private void compactOrGrow()
    {
        if (tombstones > orderCount / 2)
        {
            int to = 0;
            for (int from = 0; from < orderCount; from++)
            {
                if ((int)slotById.get(orderId[from]) == orderSlotOf[from])
                {
                    orderId[to] = orderId[from];
                    orderSlotOf[to] = orderSlotOf[from];
                    to++;
                }
            }
            orderCount = to;
            tombstones = 0;
        }
        if (orderCount == orderId.length)
        {
            orderId = Arrays.copyOf(orderId, orderCount * 2);
            orderSlotOf = Arrays.copyOf(orderSlotOf, orderCount * 2);
        }
    }
}

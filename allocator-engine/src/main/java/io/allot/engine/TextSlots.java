/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.engine;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * UTF-8 text per table slot (task names, commands, update messages) kept as bytes in arrays that are reused when
 * the slot is, so that steady-state launches and updates store their text without allocating.
 */
final class TextSlots
{
    private static final byte[] EMPTY = new byte[0];

    private byte[][] bytes = new byte[0][];
    private int[] lengths = new int[0];

    void ensureCapacity(final int capacity)
    {
        if (capacity > bytes.length)
        {
            final int old = bytes.length;
            bytes = Arrays.copyOf(bytes, capacity);
            Arrays.fill(bytes, old, capacity, EMPTY);
            lengths = Arrays.copyOf(lengths, capacity);
        }
    }

    void set(final int slot, final DirectBuffer source, final int offset, final int length)
    {
        byte[] target = bytes[slot];
        if (target.length < length)
        {
            target = new byte[Math.max(length, 16)];
            bytes[slot] = target;
        }
        source.getBytes(offset, target, 0, length);
        lengths[slot] = length;
    }

    void set(final int slot, final DirectBuffer source)
    {
        set(slot, source, 0, source.capacity());
    }

    void set(final int slot, final String text)
    {
        final byte[] encoded = null == text ? EMPTY : text.getBytes(StandardCharsets.UTF_8);
        bytes[slot] = encoded;
        lengths[slot] = encoded.length;
    }

    void clear(final int slot)
    {
        lengths[slot] = 0;
    }

    int length(final int slot)
    {
        return lengths[slot];
    }

    /**
     * Point a view at the slot's text.
     *
     * @return the view, whose capacity is the text's length.
     */
    UnsafeBuffer wrap(final int slot, final UnsafeBuffer view)
    {
        view.wrap(bytes[slot], 0, lengths[slot]);
        return view;
    }

    byte[] bytes(final int slot)
    {
        return bytes[slot];
    }

    String toString(final int slot)
    {
        return new String(bytes[slot], 0, lengths[slot], StandardCharsets.UTF_8);
    }
}

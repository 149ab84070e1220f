/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.engine;

/**
 * Intrusive doubly linked lists over int arrays: an owner's head slot and per-item prev/next slots, so that the
 * offers and tasks of an agent or framework are found without objects per entry. New items go to the front.
 */
final class Lists
{
    private Lists()
    {
    }

    static void push(final int[] head, final int owner, final int[] prev, final int[] next, final int item)
    {
        final int first = head[owner];
        prev[item] = IdSlots.NONE;
        next[item] = first;
        if (IdSlots.NONE != first)
        {
            prev[first] = item;
        }
        head[owner] = item;
    }

    static void unlink(final int[] head, final int owner, final int[] prev, final int[] next, final int item)
    {
        final int p = prev[item];
        final int n = next[item];
        if (IdSlots.NONE != p)
        {
            next[p] = n;
        }
        else
        {
            head[owner] = n;
        }
        if (IdSlots.NONE != n)
        {
            prev[n] = p;
        }
        prev[item] = IdSlots.NONE;
        next[item] = IdSlots.NONE;
    }
}

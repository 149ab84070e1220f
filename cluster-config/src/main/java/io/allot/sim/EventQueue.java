/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.sim;

import java.util.PriorityQueue;

/**
 * The simulator's agenda: events by (time, phase, sequence), so that events of the same time keep the order in
 * which they were scheduled.
 */
final class EventQueue
{
    private final PriorityQueue<SimEvent> queue = new PriorityQueue<>();
    private long sequence;

    void schedule(final long timeMs, final int kind, final Object subject)
    {
        schedule(timeMs, SimEvent.PHASE_INPUT, kind, subject);
    }

    void schedule(final long timeMs, final int phase, final int kind, final Object subject)
    {
        queue.add(new SimEvent(timeMs, phase, sequence++, kind, subject));
    }

    SimEvent peek()
    {
        return queue.peek();
    }

    SimEvent poll()
    {
        return queue.poll();
    }
}

/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.sim;

/**
 * Something that happens at a virtual time: a scenario line, a task finishing, an update resent, a sample of shares,
 * the end of the run. Ordered by time, then phase, then the order in which it was scheduled.
 */
final class SimEvent implements Comparable<SimEvent>
{
    /** Phase of inputs: scenario lines and the actors' own timers. */
    static final int PHASE_INPUT = 0;
    /** Phase of observations, after every input of the same time. */
    static final int PHASE_OBSERVE = 1;
    /** Phase of the end of the run, last of all. */
    static final int PHASE_END = 2;

    static final int REGISTER_AGENT = 1;
    static final int SUBSCRIBE = 2;
    static final int SCENARIO = 3;
    static final int TASK_FINISH = 4;
    static final int RESEND = 5;
    static final int SAMPLE = 6;
    static final int END = 7;
    static final int UPDATE_ROLE = 8;

    final long timeMs;
    final int phase;
    final long sequence;
    final int kind;
    final Object subject;

    SimEvent(final long timeMs, final int phase, final long sequence, final int kind, final Object subject)
    {
        this.timeMs = timeMs;
        this.phase = phase;
        this.sequence = sequence;
        this.kind = kind;
        this.subject = subject;
    }

    public int compareTo(final SimEvent other)
    {
        if (timeMs != other.timeMs)
        {
            return Long.compare(timeMs, other.timeMs);
        }
        if (phase != other.phase)
        {
            return Integer.compare(phase, other.phase);
        }

        return Long.compare(sequence, other.sequence);
    }

    public boolean equals(final Object obj)
    {
        return this == obj;
    }

    public int hashCode()
    {
        return Long.hashCode(sequence);
    }
}

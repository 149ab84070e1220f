/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.bench;

import java.util.function.Supplier;

import io.allot.cluster.IdleStrategies;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;

/**
 * What the threads on a benchmark's latency path do when they find no work. {@link #BACKOFF} is Allot's default for
 * every master thread (spin, yield, then park from 1 us up to 1 ms): kind to a small machine, but each hop of a message
 * may wait for a parked thread to wake. {@link #SPIN} busy-spins (Aeron's low-latency setting): no wake-up delay, but
 * it needs a core for every spinning thread (four per master, two in the benchmark's own process). {@link #YIELD}
 * yields the core when idle: no park, but as busy as spinning when there are fewer cores than threads.
 */
final class IdleMode
{
    static final String BACKOFF = IdleStrategies.BACKOFF;
    static final String SPIN = IdleStrategies.SPIN;
    static final String YIELD = IdleStrategies.YIELD;
    /** System property naming the mode for {@link BenchMaster}. */
    static final String PROPERTY = "allot.bench.idle";

    private IdleMode()
    {
    }

    /**
     * @param mode {@link #BACKOFF}, {@link #SPIN} or {@link #YIELD}.
     * @return idle strategies of the masters' threads and of the benchmark's media driver in that mode.
     */
    static Supplier<IdleStrategy> supplier(final String mode)
    {
        return IdleStrategies.supplier(mode);
    }

    /**
     * @param mode {@link #BACKOFF}, {@link #SPIN} or {@link #YIELD}.
     * @return the idle strategy of the benchmark's own thread, which runs the frameworks' drivers and the emulated
     *         agents: with backoff it parks up to 50 us, so a request is sent at most that late.
     */
    static IdleStrategy benchThread(final String mode)
    {
        return BACKOFF.equals(mode) ? new BackoffIdleStrategy(100, 10, 1_000, 50_000) : supplier(mode).get();
    }
}

/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.cluster;

import java.util.List;
import java.util.function.Supplier;

import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.YieldingIdleStrategy;

/**
 * What a master's or an agent's threads do when they find no work, by name. {@link #BACKOFF}, the default, spins,
 * yields, then parks from 1 us up to 1 ms: kind to a small machine, but a message may wait for a parked thread to wake
 * (on Linux a park lasts at least the timer slack, 50 us). {@link #YIELD} never parks: no wake-up delay, but a core
 * stays busy for each idle thread unless others want it. {@link #SPIN} busy-spins (Aeron's low-latency setting): it
 * needs a core for every spinning thread.
 */
public final class IdleStrategies
{
    /** Spin, yield, then park up to 1 ms (the default). */
    public static final String BACKOFF = "backoff";
    /** Yield the core when idle. */
    public static final String YIELD = "yield";
    /** Busy-spin. */
    public static final String SPIN = "spin";
    /** The names accepted. */
    public static final List<String> NAMES = List.of(BACKOFF, YIELD, SPIN);

    private IdleStrategies()
    {
    }

    /**
     * @param name {@link #BACKOFF}, {@link #YIELD} or {@link #SPIN}.
     * @return a supplier of the idle strategy, a new instance per thread.
     * @throws ConfigException for another name.
     */
    public static Supplier<IdleStrategy> supplier(final String name)
    {
        switch (name)
        {
            case BACKOFF:
                return () -> new BackoffIdleStrategy(10, 10, 1_000, 1_000_000);
            case YIELD:
                return YieldingIdleStrategy::new;
            case SPIN:
                return BusySpinIdleStrategy::new;
            default:
                throw new ConfigException("unknown idle strategy '" + name + "': use " + String.join(", ", NAMES));
        }
    }
}

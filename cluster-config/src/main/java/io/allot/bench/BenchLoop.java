/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.bench;

import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The emulator's one thread: runs every participant's duty cycle, then the tickers that are due (progress lines,
 * samples, liveness checks), idling with a parking strategy when there is no work, until a condition holds or a time
 * passes.
 */
final class BenchLoop
{
    /** How long a single message may wait for its session (no leader, back pressure) before the bench gives up. */
    static final long SEND_TIMEOUT_MS = 30_000;

    /**
     * A duty cycle.
     */
    @FunctionalInterface
    interface Participant
    {
        /**
         * @param nowNs the time now.
         * @return work done.
         */
        int doWork(long nowNs);
    }

    /**
     * Something to do at an interval; it may throw a {@link BenchException} to stop the bench.
     */
    @FunctionalInterface
    interface Ticker
    {
        /**
         * @param nowNs the time now.
         */
        void onTick(long nowNs);
    }

    private static final class Scheduled
    {
        final long intervalNs;
        final Ticker ticker;
        long nextNs;

        Scheduled(final long intervalNs, final Ticker ticker)
        {
            this.intervalNs = intervalNs;
            this.ticker = ticker;
        }
    }

    private final List<Participant> participants = new ArrayList<>();
    private final List<Scheduled> tickers = new ArrayList<>();
    private final IdleStrategy idle;

    /**
     * A loop that parks up to 100 us when there is no work.
     */
    BenchLoop()
    {
        this(new BackoffIdleStrategy(100, 10, 1_000, 100_000));
    }

    /**
     * @param idle what the loop does when a turn found no work.
     */
    BenchLoop(final IdleStrategy idle)
    {
        this.idle = idle;
    }

    /**
     * @param participant a duty cycle to run on every turn.
     * @return this.
     */
    BenchLoop add(final Participant participant)
    {
        participants.add(participant);
        return this;
    }

    /**
     * @param intervalMs how often; the first time one interval from now.
     * @param ticker     what to run.
     * @return this.
     */
    BenchLoop every(final long intervalMs, final Ticker ticker)
    {
        final Scheduled scheduled = new Scheduled(TimeUnit.MILLISECONDS.toNanos(intervalMs), ticker);
        scheduled.nextNs = System.nanoTime() + scheduled.intervalNs;
        tickers.add(scheduled);
        return this;
    }

    /**
     * Remove a ticker added with {@link #every}.
     */
    void remove(final Ticker ticker)
    {
        tickers.removeIf((scheduled) -> scheduled.ticker == ticker);
    }

    /**
     * Run until the condition holds.
     *
     * @param what      what is waited for, for the message on timeout.
     * @param timeoutMs how long to wait.
     * @param condition checked on every turn.
     * @throws BenchException when the time runs out.
     */
    void runUntil(final String what, final long timeoutMs, final BooleanSupplier condition)
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (!condition.getAsBoolean())
        {
            final long nowNs = turn();
            if (nowNs - deadlineNs > 0)
            {
                throw new BenchException("timed out after " + timeoutMs + " ms waiting for " + what);
            }
        }
    }

    /**
     * Run for a while.
     *
     * @param durationMs how long.
     */
    void runFor(final long durationMs)
    {
        final long endNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(durationMs);
        long nowNs;
        do
        {
            nowNs = turn();
        }
        while (nowNs - endNs < 0);
    }

    /**
     * One turn: every participant, then the due tickers, then idle if nothing was done.
     *
     * @return the time at the start of the turn.
     */
    long turn()
    {
        final long nowNs = System.nanoTime();
        int work = 0;
        for (final Participant participant : participants)
        {
            work += participant.doWork(nowNs);
        }
        for (int i = 0; i < tickers.size(); i++)
        {
            final Scheduled scheduled = tickers.get(i);
            if (nowNs - scheduled.nextNs >= 0)
            {
                scheduled.nextNs = nowNs + scheduled.intervalNs;
                scheduled.ticker.onTick(nowNs);
            }
        }
        idle.idle(work);
        return nowNs;
    }
}

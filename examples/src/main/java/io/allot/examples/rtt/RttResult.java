/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.examples.rtt;

import org.HdrHistogram.Histogram;

import java.io.PrintStream;
import java.util.Locale;

/**
 * What an {@link RttFramework} run measured.
 *
 * @param roundTrips    offer round trips in nanoseconds, warm-up left out.
 * @param requests      requests asked to measure.
 * @param warmUp        requests run first and left out.
 * @param failures      requests whose task did not finish ({@code TASK_FAILED}, {@code TASK_LOST}...).
 * @param agents        agents whose offers the run used.
 * @param ratePerSecond the fixed rate, 0 for a closed loop.
 * @param elapsedMs     from the first launch to the last round trip.
 * @param isComplete    true when every request completed its round trip.
 */
public record RttResult(
    Histogram roundTrips, int requests, int warmUp, int failures, int agents, double ratePerSecond, long elapsedMs, boolean isComplete)
{
    /**
     * @param percentile e.g. 99.9.
     * @return the round trip at that percentile in microseconds.
     */
    public double percentileUs(final double percentile)
    {
        return roundTrips.getValueAtPercentile(percentile) / 1000.0;
    }

    /**
     * Print the run and its percentiles in microseconds.
     *
     * @param out    where to print.
     * @param prefix each line's start, e.g. {@code rtt: }.
     */
    public void print(final PrintStream out, final String prefix)
    {
        out.println(prefix + roundTrips.getTotalCount() + " offer round trips (after " + warmUp + " warm-up) on " + agents +
            (1 == agents ? " agent" : " agents") + " in " + String.format(Locale.ROOT, "%.2f s", elapsedMs / 1000.0) + ", " +
            (ratePerSecond > 0 ? String.format(Locale.ROOT, "%.1f requests/s", ratePerSecond) : "closed loop") + ", " +
            failures + " failed" + (isComplete ? "" : " (not complete)"));
        if (roundTrips.getTotalCount() > 0)
        {
            out.println(prefix + String.format(Locale.ROOT, "p50 %.0f us, p99 %.0f us, p99.9 %.0f us, max %.0f us",
                percentileUs(50), percentileUs(99), percentileUs(99.9), roundTrips.getMaxValue() / 1000.0));
        }
    }
}

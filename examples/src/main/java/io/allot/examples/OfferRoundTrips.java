/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.examples;

import org.HdrHistogram.Histogram;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.collections.LongArrayList;

import java.io.PrintStream;
import java.util.Locale;

/**
 * The offer round trip as ARCHITECTURE.md defines it, measured by a framework: from the moment it accepts an offer and
 * launches a task, through the agent running the task and reporting it ended and the master recovering the resources,
 * to the moment the framework receives the next offer of that agent (which holds them again). Recorded in nanoseconds
 * in an HdrHistogram (three significant digits).
 * <p>
 * Call {@link #onLaunch} when launching, {@link #onEnded} on the task's terminal update from its agent, and
 * {@link #onOffer} for every offer received. Not thread safe: call it from the scheduler's callbacks only.
 */
public final class OfferRoundTrips
{
    private static final long NONE = -1;

    private final Histogram histogram = new Histogram(3);
    private final Long2LongHashMap launchNsByTask = new Long2LongHashMap(NONE);
    private final Long2ObjectHashMap<LongArrayList> endedByAgent = new Long2ObjectHashMap<>();
    private long skip;

    /**
     * @param warmUp round trips to leave out of the histogram first (JIT, first process launches).
     */
    public OfferRoundTrips(final long warmUp)
    {
        this.skip = warmUp;
    }

    /**
     * A round-trip recorder that records from the first round trip.
     */
    public OfferRoundTrips()
    {
        this(0);
    }

    /**
     * A task was launched on an offer.
     *
     * @param taskId the task.
     * @param nowNs  {@link System#nanoTime()} when the accept was made.
     */
    public void onLaunch(final long taskId, final long nowNs)
    {
        launchNsByTask.put(taskId, nowNs);
    }

    /**
     * The task's agent reported it ended, so its resources are free again: the next offer of that agent completes the
     * round trip.
     *
     * @param taskId  the task.
     * @param agentId its agent.
     */
    public void onEnded(final long taskId, final long agentId)
    {
        final long launchNs = launchNsByTask.remove(taskId);
        if (NONE != launchNs)
        {
            LongArrayList ended = endedByAgent.get(agentId);
            if (null == ended)
            {
                ended = new LongArrayList();
                endedByAgent.put(agentId, ended);
            }
            ended.addLong(launchNs);
        }
    }

    /**
     * The task will not complete a round trip (never launched, or lost with its agent).
     *
     * @param taskId the task.
     */
    public void forget(final long taskId)
    {
        launchNsByTask.remove(taskId);
    }

    /**
     * An offer arrived: it completes the round trip of every task of its agent that ended since the agent's last offer.
     *
     * @param agentId the offer's agent.
     * @param nowNs   {@link System#nanoTime()} on receipt.
     * @return round trips completed.
     */
    public int onOffer(final long agentId, final long nowNs)
    {
        final LongArrayList ended = endedByAgent.get(agentId);
        if (null == ended || ended.isEmpty())
        {
            return 0;
        }
        final int count = ended.size();
        for (int i = 0; i < count; i++)
        {
            if (skip > 0)
            {
                skip--;
            }
            else
            {
                histogram.recordValue(Math.max(0, nowNs - ended.getLong(i)));
            }
        }
        ended.clear();
        return count;
    }

    /**
     * @return the histogram of round trips in nanoseconds (live: copy it to keep it while recording goes on).
     */
    public Histogram histogram()
    {
        return histogram;
    }

    /**
     * @param histogram of round trips in nanoseconds.
     * @return {@code p50 1.23 ms, p99 4.56 ms, p99.9 5.01 ms, max 5.10 ms (120 round trips)}.
     */
    public static String summary(final Histogram histogram)
    {
        if (0 == histogram.getTotalCount())
        {
            return "no round trips recorded";
        }
        return "p50 " + formatNs(histogram.getValueAtPercentile(50)) +
            ", p99 " + formatNs(histogram.getValueAtPercentile(99)) +
            ", p99.9 " + formatNs(histogram.getValueAtPercentile(99.9)) +
            ", max " + formatNs(histogram.getMaxValue()) +
            " (" + histogram.getTotalCount() + " round trips)";
    }

    /**
     * @param ns a duration in nanoseconds.
     * @return it in a readable unit: {@code 850 us}, {@code 12.3 ms}, {@code 1.52 s}.
     */
    public static String formatNs(final long ns)
    {
        if (ns < 1_000_000)
        {
            return String.format(Locale.ROOT, "%d us", Math.round(ns / 1_000.0));
        }
        if (ns < 1_000_000_000)
        {
            return String.format(Locale.ROOT, "%.1f ms", ns / 1e6);
        }
        return String.format(Locale.ROOT, "%.2f s", ns / 1e9);
    }

    /**
     * Write a histogram of nanoseconds as HdrHistogram's percentile distribution in microseconds (an {@code .hgrm}
     * file, which HdrHistogram's plotter reads).
     *
     * @param histogram of round trips in nanoseconds.
     * @param out       where to write.
     */
    public static void writeDistribution(final Histogram histogram, final PrintStream out)
    {
        histogram.outputPercentileDistribution(out, 1000.0);
    }
}

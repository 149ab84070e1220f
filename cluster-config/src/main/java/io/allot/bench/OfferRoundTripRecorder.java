/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.bench;

import org.HdrHistogram.Histogram;
import org.agrona.collections.Long2LongHashMap;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * The offer round trip of each request, as ARCHITECTURE.md defines it: from the request's <b>scheduled</b> send time
 * (not the time it was sent, so a late send or a wait for a free offer counts: coordinated omission corrected), through
 * the accept and launch, the agent running the task and reporting it finished, the master recovering the agent and
 * offering it again, to the moment a framework's driver delivers that new offer. A request's task takes the whole
 * offer of one agent, so the next offer of that agent, to any framework, is the re-offer.
 * <p>
 * Recorded in nanoseconds in HdrHistograms (three significant digits): the round trip, and its parts where they are
 * seen (the send delay; launch to the RunTask's arrival at an emulated agent, and RunTask to the re-offer; launch to
 * TASK_RUNNING at the framework, TASK_RUNNING to TASK_FINISHED, and TASK_FINISHED to the re-offer). Requests are
 * measured only when scheduled inside the measurement window. Used by the benchmark's one thread.
 */
final class OfferRoundTripRecorder
{
    static final int SIGNIFICANT_DIGITS = 3;
    private static final long NONE = -1;

    /** Sized for a minute up front, so recording does not resize (allocate) unless a value is larger. */
    static final long HIGHEST_PRESIZED_NS = TimeUnit.MINUTES.toNanos(1);

    private final Histogram roundTrip = histogram();
    private final Histogram sendDelay = histogram();
    private final Histogram launchToRunTask = histogram();
    private final Histogram runTaskToOffer = histogram();
    private final Histogram launchToRunning = histogram();
    private final Histogram runningToFinished = histogram();
    private final Histogram finishedToOffer = histogram();
    private final Long2LongHashMap slotByAgent = new Long2LongHashMap(NONE);
    private final long[] agentIds;
    private final long[] scheduledNs;
    private final long[] sentNs;
    private final long[] runTaskNs;
    private final long[] runningNs;
    private final long[] finishedNs;
    private final boolean[] measured;
    private long windowStartNs = Long.MAX_VALUE;
    private long windowEndNs = Long.MAX_VALUE;
    private int pending;
    private int pendingMeasured;
    private long completed;

    /**
     * @param capacity agents at most.
     */
    OfferRoundTripRecorder(final int capacity)
    {
        agentIds = new long[capacity];
        scheduledNs = new long[capacity];
        sentNs = new long[capacity];
        runTaskNs = new long[capacity];
        runningNs = new long[capacity];
        finishedNs = new long[capacity];
        measured = new boolean[capacity];
        Arrays.fill(scheduledNs, NONE);
    }

    private static Histogram histogram()
    {
        final Histogram histogram = new Histogram(1, HIGHEST_PRESIZED_NS, SIGNIFICANT_DIGITS);
        histogram.setAutoResize(true);
        return histogram;
    }

    /**
     * @param agentId an agent.
     * @return its slot, given on first sight; -1 when every slot is taken (more agents than expected).
     */
    int slot(final long agentId)
    {
        final long slot = slotByAgent.get(agentId);
        if (NONE != slot)
        {
            return (int)slot;
        }
        final int size = slotByAgent.size();
        if (size == agentIds.length)
        {
            return -1;
        }
        slotByAgent.put(agentId, size);
        agentIds[size] = agentId;
        return size;
    }

    /**
     * @return agents seen so far.
     */
    int agentsSeen()
    {
        return slotByAgent.size();
    }

    /**
     * @return the agent in a slot.
     */
    long agentId(final int slot)
    {
        return agentIds[slot];
    }

    /**
     * Measure the requests scheduled from {@code startNs} until {@code endNs}.
     */
    void window(final long startNs, final long endNs)
    {
        windowStartNs = startNs;
        windowEndNs = endNs;
    }

    /**
     * A request's task was launched on the agent's offer.
     *
     * @param slot        the agent's slot.
     * @param scheduledNs when the request was due.
     * @param nowNs       when the launch was sent.
     */
    void onLaunch(final int slot, final long scheduledNs, final long nowNs)
    {
        if (NONE == this.scheduledNs[slot])
        {
            pending++;
        }
        else if (measured[slot])
        {
            pendingMeasured--;
        }
        this.scheduledNs[slot] = scheduledNs;
        sentNs[slot] = nowNs;
        runTaskNs[slot] = 0;
        runningNs[slot] = 0;
        finishedNs[slot] = 0;
        measured[slot] = scheduledNs - windowStartNs >= 0 && scheduledNs - windowEndNs < 0;
        if (measured[slot])
        {
            pendingMeasured++;
            sendDelay.recordValue(Math.max(0, nowNs - scheduledNs));
        }
    }

    /**
     * An emulated agent received the task's RunTask.
     */
    void onRunTask(final long agentId, final long nowNs)
    {
        final long slot = slotByAgent.get(agentId);
        if (NONE != slot && NONE != scheduledNs[(int)slot] && 0 == runTaskNs[(int)slot])
        {
            runTaskNs[(int)slot] = nowNs;
        }
    }

    /**
     * The framework received the task's TASK_RUNNING (first) or terminal update.
     *
     * @param agentId    the task's agent.
     * @param isTerminal true for the terminal update.
     * @param nowNs      when it arrived.
     */
    void onUpdate(final long agentId, final boolean isTerminal, final long nowNs)
    {
        final long slot = slotByAgent.get(agentId);
        if (NONE == slot || NONE == scheduledNs[(int)slot])
        {
            return;
        }
        final long[] times = isTerminal ? finishedNs : runningNs;
        if (0 == times[(int)slot])
        {
            times[(int)slot] = nowNs;
        }
    }

    /**
     * A framework received an offer of the agent: the round trip of the agent's pending request is complete.
     *
     * @return true when a round trip completed.
     */
    boolean onOffer(final int slot, final long nowNs)
    {
        final long scheduled = scheduledNs[slot];
        if (NONE == scheduled)
        {
            return false;
        }
        scheduledNs[slot] = NONE;
        pending--;
        completed++;
        if (measured[slot])
        {
            pendingMeasured--;
            roundTrip.recordValue(Math.max(0, nowNs - scheduled));
            final long runTask = runTaskNs[slot];
            if (0 != runTask)
            {
                launchToRunTask.recordValue(Math.max(0, runTask - sentNs[slot]));
                runTaskToOffer.recordValue(Math.max(0, nowNs - runTask));
            }
            final long running = runningNs[slot];
            final long finished = finishedNs[slot];
            if (0 != running && 0 != finished)
            {
                launchToRunning.recordValue(Math.max(0, running - sentNs[slot]));
                runningToFinished.recordValue(Math.max(0, finished - running));
                finishedToOffer.recordValue(Math.max(0, nowNs - finished));
            }
        }
        return true;
    }

    /**
     * The agent's pending request will not complete (its launch was refused).
     */
    void cancel(final int slot)
    {
        if (NONE != scheduledNs[slot])
        {
            scheduledNs[slot] = NONE;
            pending--;
            if (measured[slot])
            {
                pendingMeasured--;
            }
        }
    }

    /**
     * @return requests launched whose re-offer has not come yet.
     */
    int pending()
    {
        return pending;
    }

    /**
     * @return measured requests whose re-offer has not come yet.
     */
    int pendingMeasured()
    {
        return pendingMeasured;
    }

    /**
     * @return round trips completed, measured or not.
     */
    long completed()
    {
        return completed;
    }

    /**
     * @return the round trips, ns.
     */
    Histogram roundTrip()
    {
        return roundTrip;
    }

    /**
     * @return scheduled to sent, ns.
     */
    Histogram sendDelay()
    {
        return sendDelay;
    }

    /**
     * @return sent to the RunTask's arrival at an emulated agent, ns (empty with real agents).
     */
    Histogram launchToRunTask()
    {
        return launchToRunTask;
    }

    /**
     * @return the RunTask's arrival to the re-offer, ns (empty with real agents).
     */
    Histogram runTaskToOffer()
    {
        return runTaskToOffer;
    }

    /**
     * @return sent to the task's TASK_RUNNING at the framework, ns.
     */
    Histogram launchToRunning()
    {
        return launchToRunning;
    }

    /**
     * @return the task's TASK_RUNNING to its terminal update at the framework, ns.
     */
    Histogram runningToFinished()
    {
        return runningToFinished;
    }

    /**
     * @return the task's terminal update to the re-offer at the framework, ns.
     */
    Histogram finishedToOffer()
    {
        return finishedToOffer;
    }
}

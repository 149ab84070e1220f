/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.examples.rtt;

import io.allot.codecs.sbe.AcceptDecoder;
import io.allot.codecs.sbe.TaskState;
import io.allot.codecs.sbe.UpdateSource;
import io.allot.driver.CallError;
import io.allot.driver.Filters;
import io.allot.driver.Offer;
import io.allot.driver.Scheduler;
import io.allot.driver.SchedulerDriver;
import io.allot.driver.TaskInfo;
import io.allot.driver.TaskStatus;
import io.allot.examples.OfferRoundTrips;
import io.allot.examples.TaskShape;
import org.HdrHistogram.Histogram;
import org.agrona.collections.LongArrayList;
import org.agrona.collections.LongHashSet;

import java.util.List;

/**
 * The latency-critical scheduler: one tiny task per request, launched on an offer the moment the request is due, with
 * the rest of the offer refused until the task ends (its end frees the agent's resources, which lifts the filter and
 * brings the whole agent back as the next offer). Runs on the polling thread only; allocates nothing per request once
 * warm (the task and the filter are reused).
 */
final class RttScheduler implements Scheduler
{
    private static final Filters REST_FILTER = Filters.refuseSeconds(60);
    private static final Filters DOES_NOT_FIT = Filters.refuseSeconds(300);

    private final RttContext ctx;
    private final int total;
    private final long intervalNs;
    private final TaskInfo task;
    private final OfferRoundTrips roundTrips;
    private final LongArrayList heldOffers = new LongArrayList();
    private final LongHashSet agents = new LongHashSet();
    private long nextTaskId = 1;
    private long nextDueNs;
    private long firstLaunchNs;
    private long lastRoundTripNs;
    private int launched;
    private int completed;
    private int failures;
    private int errors;

    RttScheduler(final RttContext ctx)
    {
        this.ctx = ctx;
        this.total = ctx.warmUp() + ctx.requests();
        this.intervalNs = ctx.ratePerSecond() > 0 ? Math.round(1e9 / ctx.ratePerSecond()) : 0;
        final TaskShape shape = ctx.shape();
        this.task = shape.newTask(0, ctx.frameworkName() + "-request", ctx.command());
        this.roundTrips = new OfferRoundTrips(ctx.warmUp());
    }

    public void resourceOffers(final SchedulerDriver driver, final List<Offer> offers)
    {
        final long nowNs = System.nanoTime();
        for (int i = 0, size = offers.size(); i < size; i++)
        {
            final Offer offer = offers.get(i);
            final int trips = roundTrips.onOffer(offer.agentId(), nowNs);
            if (trips > 0)
            {
                completed += trips;
                lastRoundTripNs = nowNs;
            }
            if (!ctx.shape().fitsIn(offer))
            {
                driver.declineOffer(offer.offerId(), DOES_NOT_FIT);
                continue;
            }
            agents.add(offer.agentId());
            if (0 == intervalNs && launched < total)
            {
                launch(driver, offer.offerId(), nowNs);
            }
            else
            {
                heldOffers.addLong(offer.offerId());
            }
        }
    }

    /**
     * Launch the requests that are due on held offers (fixed rate only).
     *
     * @return requests launched.
     */
    int launchDue(final SchedulerDriver driver, final long nowNs)
    {
        if (0 == intervalNs)
        {
            return 0;
        }
        if (0 == nextDueNs)
        {
            if (heldOffers.isEmpty())
            {
                return 0;
            }
            nextDueNs = nowNs;
        }
        int work = 0;
        while (launched < total && nowNs - nextDueNs >= 0 && !heldOffers.isEmpty())
        {
            launch(driver, heldOffers.removeAt(heldOffers.size() - 1), nowNs);
            nextDueNs += intervalNs;
            work++;
        }
        return work;
    }

    private void launch(final SchedulerDriver driver, final long offerId, final long nowNs)
    {
        final long taskId = nextTaskId++;
        task.taskId(taskId);
        if (0 == firstLaunchNs)
        {
            firstLaunchNs = nowNs;
        }
        roundTrips.onLaunch(taskId, System.nanoTime());
        driver.launchTasks(offerId, task, REST_FILTER);
        launched++;
    }

    public void offerRescinded(final SchedulerDriver driver, final long offerId)
    {
        final int index = heldOffers.indexOf(offerId);
        if (index >= 0)
        {
            heldOffers.removeAt(index);
        }
    }

    public void statusUpdate(final SchedulerDriver driver, final TaskStatus status)
    {
        if (!status.isTerminal())
        {
            return;
        }
        if (TaskState.TASK_FINISHED != status.state())
        {
            failures++;
        }
        if (UpdateSource.AGENT == status.source())
        {
            roundTrips.onEnded(status.taskId(), status.agentId());
        }
        else
        {
            roundTrips.forget(status.taskId());
            completed++;
        }
    }

    public void error(final SchedulerDriver driver, final CallError error)
    {
        errors++;
        ctx.errorHandler().onError(new IllegalStateException(error.toString()));
        if (error.isFatal())
        {
            completed = total;
        }
        else if (AcceptDecoder.TEMPLATE_ID == error.templateId())
        {
            // the request's task was not launched: it will never come back
            failures++;
            completed++;
        }
    }

    boolean isComplete()
    {
        return completed >= total;
    }

    int errors()
    {
        return errors;
    }

    RttResult result()
    {
        final Histogram histogram = roundTrips.histogram().copy();
        final long elapsedNs = 0 == firstLaunchNs ? 0 : Math.max(0, lastRoundTripNs - firstLaunchNs);
        return new RttResult(histogram, ctx.requests(), ctx.warmUp(), failures, agents.size(), ctx.ratePerSecond(),
            elapsedNs / 1_000_000, isComplete() && 0 == errors);
    }
}

/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.examples.batch;

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
import org.agrona.collections.Long2ObjectHashMap;

import java.io.PrintStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;

/**
 * The batch's scheduler: packs waiting tasks into each offer, retries failed tries as new tasks, counts, and measures
 * the offer round trip. Its callbacks run on the driver's thread; the state is guarded by this object's monitor so
 * that other threads can read the progress.
 */
final class BatchScheduler implements Scheduler
{
    private static final int MAX_FAILURE_LINES = 10;
    private static final Filters IDLE_FILTER = Filters.refuseSeconds(5);

    /**
     * One of the tasks the batch must finish, tried as one task after another.
     */
    private static final class Job
    {
        final int index;
        int tries;

        Job(final int index)
        {
            this.index = index;
        }
    }

    /**
     * One try of a job: a launched task.
     */
    private static final class Launch
    {
        final long taskId;
        final Job job;
        final long agentId;
        boolean isRunning;

        Launch(final long taskId, final Job job, final long agentId)
        {
            this.taskId = taskId;
            this.job = job;
            this.agentId = agentId;
        }
    }

    private final BatchContext ctx;
    private final TaskShape shape;
    private final PrintStream progress;
    private final ArrayDeque<Job> waiting = new ArrayDeque<>();
    private final Long2ObjectHashMap<Launch> launched = new Long2ObjectHashMap<>();
    private final Long2ObjectHashMap<String> hostnames = new Long2ObjectHashMap<>();
    private final TreeMap<Long, Integer> finishedPerAgent = new TreeMap<>();
    private final OfferRoundTrips roundTrips = new OfferRoundTrips();
    private final List<String> failureLines = new ArrayList<>();
    private final CountDownLatch done = new CountDownLatch(1);
    private final long startNs = System.nanoTime();
    private long endNs;
    private long nextTaskId = 1;
    private int running;
    private int finished;
    private int failures;
    private int retries;
    private int gaveUp;

    BatchScheduler(final BatchContext ctx)
    {
        this.ctx = ctx;
        this.shape = ctx.shape();
        this.progress = ctx.progress();
        for (int i = 0; i < ctx.taskCount(); i++)
        {
            waiting.add(new Job(i));
        }
    }

    CountDownLatch done()
    {
        return done;
    }

    public synchronized void subscribed(final SchedulerDriver driver, final long frameworkId, final boolean isResubscription)
    {
        if (isResubscription)
        {
            // an Accept sent just before the master changed may be lost: ask about every task not ended yet, and those
            // the master never heard of come back TASK_LOST and are retried
            reconcileLaunched(driver, false);
        }
    }

    public synchronized void resourceOffers(final SchedulerDriver driver, final List<Offer> offers)
    {
        final long nowNs = System.nanoTime();
        for (int i = 0, size = offers.size(); i < size; i++)
        {
            final Offer offer = offers.get(i);
            final long agentId = offer.agentId();
            if (!hostnames.containsKey(agentId))
            {
                hostnames.put(agentId, offer.hostname());
            }
            roundTrips.onOffer(agentId, nowNs);

            shape.startPacking(offer);
            List<TaskInfo> tasks = null;
            while (!waiting.isEmpty() && shape.take())
            {
                final Job job = waiting.poll();
                job.tries++;
                final long taskId = nextTaskId++;
                if (null == tasks)
                {
                    tasks = new ArrayList<>();
                }
                tasks.add(shape.newTask(taskId, ctx.frameworkName() + "-" + job.index, ctx.command()));
                launched.put(taskId, new Launch(taskId, job, agentId));
                roundTrips.onLaunch(taskId, nowNs);
            }
            if (null == tasks)
            {
                driver.declineOffer(offer.offerId(), IDLE_FILTER);
            }
            else
            {
                driver.launchTasks(offer.offerId(), tasks, Filters.DEFAULT);
            }
        }
    }

    public synchronized void statusUpdate(final SchedulerDriver driver, final TaskStatus status)
    {
        final Launch launch = launched.get(status.taskId());
        if (null == launch)
        {
            return;
        }
        final TaskState state = status.state();
        if (TaskState.TASK_RUNNING == state && !launch.isRunning)
        {
            launch.isRunning = true;
            running++;
        }
        if (!status.isTerminal())
        {
            return;
        }

        launched.remove(launch.taskId);
        if (launch.isRunning)
        {
            running--;
        }
        if (UpdateSource.AGENT == status.source())
        {
            roundTrips.onEnded(launch.taskId, status.agentId());
        }
        else
        {
            roundTrips.forget(launch.taskId);
        }

        if (TaskState.TASK_FINISHED == state)
        {
            finished++;
            finishedPerAgent.merge(status.agentId(), 1, Integer::sum);
        }
        else
        {
            onFailure(driver, launch, status);
        }
        if (finished + gaveUp == ctx.taskCount() && 1 == done.getCount())
        {
            endNs = System.nanoTime();
            done.countDown();
        }
    }

    private void onFailure(final SchedulerDriver driver, final Launch launch, final TaskStatus status)
    {
        failures++;
        final Job job = launch.job;
        final boolean isRetried = job.tries <= ctx.maxRetries();
        final String message = status.message();
        final String line = "task " + launch.taskId + " (" + ctx.frameworkName() + "-" + job.index + ", try " + job.tries + ") " +
            status.state() + " on " + agentName(status.agentId()) + (message.isEmpty() ? "" : ": " + message) +
            (isRetried ? "; retried" : "; given up after " + job.tries + " tries");
        if (failureLines.size() < MAX_FAILURE_LINES)
        {
            failureLines.add(line);
        }
        if (null != progress)
        {
            progress.println(ctx.frameworkName() + ": " + line);
        }
        if (isRetried)
        {
            retries++;
            waiting.add(job);
            driver.reviveOffers();
        }
        else
        {
            gaveUp++;
        }
    }

    public synchronized void agentLost(final SchedulerDriver driver, final long agentId)
    {
        if (null != progress)
        {
            progress.println(ctx.frameworkName() + ": agent " + agentName(agentId) + " lost; its tasks will be retried");
        }
    }

    public synchronized void error(final SchedulerDriver driver, final CallError error)
    {
        if (null != progress)
        {
            progress.println(ctx.frameworkName() + ": " + error);
        }
        if (error.isFatal())
        {
            done.countDown();
        }
        else if (AcceptDecoder.TEMPLATE_ID == error.templateId())
        {
            // a refused Accept launched nothing: the tasks the master never heard of come back TASK_LOST and are retried
            reconcileLaunched(driver, true);
        }
    }

    private void reconcileLaunched(final SchedulerDriver driver, final boolean isStagingOnly)
    {
        final List<TaskStatus> statuses = new ArrayList<>();
        launched.forEach((taskId, launch) ->
        {
            if (!isStagingOnly || !launch.isRunning)
            {
                statuses.add(new TaskStatus(taskId, launch.agentId));
            }
        });
        if (!statuses.isEmpty())
        {
            driver.reconcileTasks(statuses);
        }
    }

    private String agentName(final long agentId)
    {
        final String hostname = hostnames.get(agentId);
        return null == hostname ? "agent " + agentId : hostname + " (agent " + agentId + ")";
    }

    /**
     * @return {@code batch: 12/40 finished, 3 running, 25 waiting, 1 failed (1 retried)}.
     */
    synchronized String progressLine()
    {
        return ctx.frameworkName() + ": " + finished + "/" + ctx.taskCount() + " finished, " + running + " running, " +
            (waiting.size() + launched.size() - running) + " waiting, " + failures + " failed (" + retries + " retried" +
            (gaveUp > 0 ? ", " + gaveUp + " given up" : "") + ")";
    }

    synchronized BatchResult result()
    {
        final long untilNs = 0 == done.getCount() && 0 != endNs ? endNs : System.nanoTime();
        final Map<String, Integer> perAgent = new LinkedHashMap<>();
        finishedPerAgent.forEach((agentId, count) -> perAgent.put(agentName(agentId), count));
        final Histogram histogram = roundTrips.histogram().copy();
        return new BatchResult(ctx.taskCount(), finished, gaveUp, failures, retries, (untilNs - startNs) / 1_000_000,
            perAgent, histogram, List.copyOf(failureLines), finished + gaveUp == ctx.taskCount());
    }
}

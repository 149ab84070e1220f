/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.bench;

import io.allot.codecs.sbe.TaskState;
import io.allot.driver.AllotSchedulerDriver;
import io.allot.driver.CallError;
import io.allot.driver.DriverContext;
import io.allot.driver.Filters;
import io.allot.driver.FrameworkInfo;
import io.allot.driver.Offer;
import io.allot.driver.Scheduler;
import io.allot.driver.SchedulerDriver;
import io.allot.driver.TaskInfo;
import io.allot.driver.TaskStatus;
import org.agrona.CloseHelper;
import org.agrona.concurrent.IdleStrategy;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The offer round trip's frameworks: each a real {@link AllotSchedulerDriver} in poll mode, all polled by the
 * benchmark's one thread (the latency path of a framework that owns its thread). Every offer is held; at a fixed rate
 * over all frameworks, a request takes the oldest held offer and launches one task ({@code true}) on the whole of it.
 * The agent's next offer, to whichever framework the master gives it, completes the request's round trip in the
 * {@link OfferRoundTripRecorder}, recorded in the driver's {@code resourceOffers} callback.
 * <p>
 * A request that finds no held offer (every agent busy) waits for one, and its round trip counts the wait (it is
 * measured from its scheduled time); such waits are counted, since they mean too few agents for the rate.
 */
final class RttFrameworks implements AutoCloseable
{
    /** The unused rest of an accepted offer: none, since a task takes the whole offer. */
    static final Filters FILTERS = Filters.DEFAULT;
    static final Filters SURPLUS_FILTER = Filters.refuseSeconds(3600);
    static final String TASK_NAME = "rtt";
    static final String TASK_COMMAND = "true";
    static final long NS_PER_S = TimeUnit.SECONDS.toNanos(1);
    /**
     * Each driver's egress term: room for a second of offers, updates and refused acknowledgements at 10,000 requests/s
     * while the benchmark's thread is held up (the master drops egress its back-pressure retries cannot place, and a
     * dropped offer would leave its agent unused for the rest of the run).
     */
    static final String EGRESS_CHANNEL = "aeron:udp?endpoint=localhost:0|term-length=16m";

    private final AllotSchedulerDriver[] drivers;
    private final OfferRoundTripRecorder recorder;
    private final TaskInfo[] tasks;
    private final int[] heldFramework;
    private final long[] heldOfferId;
    private final int[] heldSlot;
    private int heldHead;
    private int heldCount;
    private long rate;
    private long startNs;
    private long endNs;
    private long requestIndex;
    private boolean isLaunching;
    private boolean isWaiting;
    private long nextTaskId = 1;
    private long launched;
    private long waits;
    private long finished;
    private long failed;
    private long errors;
    private long disconnections;
    private int subscribed;
    private String firstProblem;

    /**
     * Create and start the drivers (they subscribe on their first polls).
     *
     * @param frameworks   how many.
     * @param members      the masters.
     * @param aeronDir     the media driver the drivers share.
     * @param idleSupplier idle strategies of the drivers' offer retries.
     * @param recorder     where round trips go; its capacity bounds the agents.
     * @param agents       agents expected.
     */
    RttFrameworks(
        final int frameworks,
        final String members,
        final String aeronDir,
        final Supplier<IdleStrategy> idleSupplier,
        final OfferRoundTripRecorder recorder,
        final int agents)
    {
        this.recorder = recorder;
        drivers = new AllotSchedulerDriver[frameworks];
        tasks = new TaskInfo[agents];
        heldFramework = new int[agents];
        heldOfferId = new long[agents];
        heldSlot = new int[agents];
        try
        {
            for (int f = 0; f < frameworks; f++)
            {
                drivers[f] = AllotSchedulerDriver.launch(new DriverContext()
                    .scheduler(new FrameworkScheduler(f))
                    .frameworkInfo(new FrameworkInfo().name("rtt-" + f))
                    .members(members)
                    .aeronDirectoryName(aeronDir)
                    .egressChannel(EGRESS_CHANNEL)
                    .useConductorAgentInvoker(true)
                    .idleStrategySupplier(idleSupplier)
                    .errorHandler((throwable) -> problem("driver error: " + throwable)));
            }
        }
        catch (final RuntimeException ex)
        {
            close();
            throw new BenchException("cannot start the frameworks' drivers: " + ex.getMessage(), ex);
        }
    }

    /**
     * One duty cycle: poll every driver (their callbacks run here), then launch the requests that are due.
     *
     * @param nowNs the time at the start of the turn.
     * @return work done.
     */
    int doWork(final long nowNs)
    {
        int work = 0;
        for (final AllotSchedulerDriver driver : drivers)
        {
            work += driver.poll();
        }
        if (isLaunching)
        {
            work += launchDue(System.nanoTime());
        }
        return work;
    }

    /**
     * Launch requests at a fixed rate, the first due now, the last due before {@code endNs}.
     *
     * @param rate    requests per second over all frameworks.
     * @param startNs when the first is due.
     * @param endNs   no request is due at or after this time.
     */
    void startLaunching(final long rate, final long startNs, final long endNs)
    {
        this.rate = rate;
        this.startNs = startNs;
        this.endNs = endNs;
        requestIndex = 0;
        isLaunching = true;
    }

    /**
     * @return true while requests are still due to be launched.
     */
    boolean isLaunching()
    {
        return isLaunching;
    }

    private int launchDue(final long nowNs)
    {
        int work = 0;
        while (true)
        {
            final long dueNs = startNs + requestIndex * NS_PER_S / rate;
            if (dueNs - endNs >= 0)
            {
                isLaunching = false;
                break;
            }
            if (nowNs - dueNs < 0)
            {
                break;
            }
            if (0 == heldCount)
            {
                if (!isWaiting)
                {
                    isWaiting = true;
                    waits++;
                }
                break;
            }
            isWaiting = false;
            final int index = heldHead;
            heldHead = index + 1 == heldSlot.length ? 0 : index + 1;
            heldCount--;
            final int slot = heldSlot[index];
            final AllotSchedulerDriver driver = drivers[heldFramework[index]];
            final TaskInfo task = tasks[slot].taskId(nextTaskId++);
            recorder.onLaunch(slot, dueNs, System.nanoTime());
            driver.launchTasks(heldOfferId[index], task, FILTERS);
            driver.poll(); // sends the call queued just now
            requestIndex++;
            launched++;
            work++;
        }
        return work;
    }

    private void hold(final int framework, final long offerId, final int slot)
    {
        if (heldCount == heldSlot.length)
        {
            return;
        }
        int index = heldHead + heldCount;
        index = index >= heldSlot.length ? index - heldSlot.length : index;
        heldFramework[index] = framework;
        heldOfferId[index] = offerId;
        heldSlot[index] = slot;
        heldCount++;
    }

    private void unhold(final int framework, final long offerId)
    {
        for (int i = 0; i < heldCount; i++)
        {
            int index = heldHead + i;
            index = index >= heldSlot.length ? index - heldSlot.length : index;
            if (heldOfferId[index] == offerId && heldFramework[index] == framework)
            {
                // close the gap by moving the older offers up one place
                for (int j = i; j > 0; j--)
                {
                    final int to = (heldHead + j) % heldSlot.length;
                    final int from = (heldHead + j - 1) % heldSlot.length;
                    heldFramework[to] = heldFramework[from];
                    heldOfferId[to] = heldOfferId[from];
                    heldSlot[to] = heldSlot[from];
                }
                heldHead = heldHead + 1 == heldSlot.length ? 0 : heldHead + 1;
                heldCount--;
                return;
            }
        }
    }

    private void problem(final String text)
    {
        if (null == firstProblem)
        {
            firstProblem = text;
        }
    }

    /**
     * @return frameworks subscribed.
     */
    int subscribedCount()
    {
        return subscribed;
    }

    /**
     * @return offers held now.
     */
    int heldCount()
    {
        return heldCount;
    }

    /**
     * @return requests launched.
     */
    long launched()
    {
        return launched;
    }

    /**
     * @return times a due request found no held offer and waited for one.
     */
    long waits()
    {
        return waits;
    }

    /**
     * @return tasks that ended TASK_FINISHED.
     */
    long finished()
    {
        return finished;
    }

    /**
     * @return tasks that ended in another terminal state.
     */
    long failed()
    {
        return failed;
    }

    /**
     * @return calls the master refused, and driver errors.
     */
    long errors()
    {
        return errors;
    }

    /**
     * @return times a driver lost its master.
     */
    long disconnections()
    {
        return disconnections;
    }

    /**
     * @return stale acknowledgements over all drivers: a TASK_RUNNING acknowledged after TASK_FINISHED replaced it.
     */
    long staleAcknowledgements()
    {
        long total = 0;
        for (final AllotSchedulerDriver driver : drivers)
        {
            total += driver.staleAcknowledgements();
        }
        return total;
    }

    /**
     * @return offers received over all drivers.
     */
    long offersReceived()
    {
        long total = 0;
        for (final AllotSchedulerDriver driver : drivers)
        {
            total += driver.offersReceived();
        }
        return total;
    }

    /**
     * @return the first failure, error or refusal, or null.
     */
    String firstProblem()
    {
        return firstProblem;
    }

    /**
     * Stop the drivers (with failover: the masters go next) on this, the polling thread.
     */
    public void close()
    {
        for (final AllotSchedulerDriver driver : drivers)
        {
            CloseHelper.quietClose(driver);
        }
    }

    private final class FrameworkScheduler implements Scheduler
    {
        private final int framework;

        FrameworkScheduler(final int framework)
        {
            this.framework = framework;
        }

        public void subscribed(final SchedulerDriver driver, final long frameworkId, final boolean isResubscription)
        {
            if (!isResubscription)
            {
                subscribed++;
            }
        }

        public void resourceOffers(final SchedulerDriver driver, final List<Offer> offers)
        {
            final long nowNs = System.nanoTime();
            for (int i = 0, size = offers.size(); i < size; i++)
            {
                final Offer offer = offers.get(i);
                final int slot = recorder.slot(offer.agentId());
                if (slot < 0)
                {
                    driver.declineOffer(offer.offerId(), SURPLUS_FILTER);
                    continue;
                }
                recorder.onOffer(slot, nowNs);
                TaskInfo task = tasks[slot];
                if (null == task)
                {
                    task = new TaskInfo().name(TASK_NAME).command(TASK_COMMAND);
                    tasks[slot] = task;
                }
                task.resources(offer.resources());
                hold(framework, offer.offerId(), slot);
            }
        }

        public void offerRescinded(final SchedulerDriver driver, final long offerId)
        {
            unhold(framework, offerId);
        }

        public void statusUpdate(final SchedulerDriver driver, final TaskStatus status)
        {
            recorder.onUpdate(status.agentId(), status.isTerminal(), System.nanoTime());
            if (!status.isTerminal())
            {
                return;
            }
            if (TaskState.TASK_FINISHED == status.state())
            {
                finished++;
            }
            else
            {
                failed++;
                problem("task " + status.taskId() + " on agent " + status.agentId() + " ended " + status.state() + " (" +
                    status.reason() + "): " + status.message());
            }
        }

        public void error(final SchedulerDriver driver, final CallError error)
        {
            errors++;
            problem("framework " + framework + ": " + error);
        }

        public void disconnected(final SchedulerDriver driver)
        {
            disconnections++;
        }
    }
}

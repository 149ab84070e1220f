/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.examples.service;

import io.allot.codecs.sbe.AcceptDecoder;
import io.allot.codecs.sbe.TaskState;
import io.allot.driver.CallError;
import io.allot.driver.Filters;
import io.allot.driver.Offer;
import io.allot.driver.Scheduler;
import io.allot.driver.SchedulerDriver;
import io.allot.driver.TaskInfo;
import io.allot.driver.TaskStatus;
import io.allot.examples.TaskShape;
import org.agrona.collections.Long2ObjectHashMap;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The service's scheduler: K instance slots, each running one task at a time. An empty slot takes an offer of a
 * preferred agent at once, and an offer of any agent after waiting {@link ServiceContext#preferWaitMs()} for a preferred
 * one. An instance whose task ends in any way (failed, finished, killed, lost with its agent) is launched again as a new
 * task. Offers are suppressed while every instance is placed and revived when one needs placing. Callbacks run on the
 * driver's thread; the state is guarded by this object's monitor so that other threads can read it.
 */
final class ServiceScheduler implements Scheduler
{
    private static final Filters FULL_FILTER = Filters.refuseSeconds(30);

    /**
     * An instance: its current task, or none while it waits for an offer.
     */
    private static final class Slot
    {
        final int index;
        long taskId;
        long agentId;
        String hostname = "";
        TaskState state;
        long emptySinceNs;
        int launches;
        boolean isPreferred;

        Slot(final int index, final long nowNs)
        {
            this.index = index;
            this.emptySinceNs = nowNs;
        }
    }

    private final ServiceContext ctx;
    private final TaskShape shape;
    private final AgentPreference preference;
    private final PrintStream events;
    private final long preferWaitNs;
    private final Slot[] slots;
    private final Long2ObjectHashMap<Slot> slotByTask = new Long2ObjectHashMap<>();
    private final Long2ObjectHashMap<String> hostnames = new Long2ObjectHashMap<>();
    private long nextTaskId = 1;
    private int agentsLost;
    private boolean isSuppressed;

    ServiceScheduler(final ServiceContext ctx)
    {
        this.ctx = ctx;
        this.shape = ctx.shape();
        this.preference = ctx.preference();
        this.events = ctx.events();
        this.preferWaitNs = TimeUnit.MILLISECONDS.toNanos(ctx.preferWaitMs());
        this.slots = new Slot[ctx.instances()];
        final long nowNs = System.nanoTime();
        for (int i = 0; i < slots.length; i++)
        {
            slots[i] = new Slot(i, nowNs);
        }
    }

    public synchronized void subscribed(final SchedulerDriver driver, final long frameworkId, final boolean isResubscription)
    {
        event("subscribed as framework " + frameworkId + (isResubscription ? " again" : "") + "; keeping " + slots.length +
            " instances of '" + ctx.command() + "' running" + (preference.isEmpty() ? "" : ", preferring " + ctx.prefer()));
        if (isResubscription)
        {
            // an Accept sent just before the master changed may be lost: the tasks it never heard of come back TASK_LOST
            reconcile(driver, false);
            isSuppressed = false;
            driver.reviveOffers();
        }
    }

    public synchronized void resourceOffers(final SchedulerDriver driver, final List<Offer> offers)
    {
        final long nowNs = System.nanoTime();
        for (int i = 0, size = offers.size(); i < size; i++)
        {
            final Offer offer = offers.get(i);
            hostnames.put(offer.agentId(), offer.hostname());
            final boolean isPreferred = preference.matches(offer);
            shape.startPacking(offer);
            List<TaskInfo> tasks = null;
            long waitLeftNs = Long.MAX_VALUE;
            for (final Slot slot : slots)
            {
                if (0 != slot.taskId)
                {
                    continue;
                }
                if (!isPreferred && nowNs - slot.emptySinceNs < preferWaitNs)
                {
                    waitLeftNs = Math.min(waitLeftNs, preferWaitNs - (nowNs - slot.emptySinceNs));
                    continue;
                }
                if (!shape.take())
                {
                    break;
                }
                if (null == tasks)
                {
                    tasks = new ArrayList<>();
                }
                tasks.add(place(slot, offer, isPreferred));
            }
            if (null != tasks)
            {
                driver.launchTasks(offer.offerId(), tasks, Filters.DEFAULT);
            }
            else
            {
                driver.declineOffer(offer.offerId(), Long.MAX_VALUE == waitLeftNs ? FULL_FILTER :
                    Filters.refuseSeconds(waitLeftNs / 1e9));
            }
        }
        if (!isSuppressed && placedCount() == slots.length)
        {
            isSuppressed = true;
            driver.suppressOffers();
        }
    }

    private TaskInfo place(final Slot slot, final Offer offer, final boolean isPreferred)
    {
        final long taskId = nextTaskId++;
        slot.taskId = taskId;
        slot.agentId = offer.agentId();
        slot.hostname = offer.hostname();
        slot.state = TaskState.TASK_STAGING;
        slot.isPreferred = isPreferred;
        slot.launches++;
        slotByTask.put(taskId, slot);
        event("instance " + slot.index + (slot.launches > 1 ? " relaunched" : " launched") + " as task " + taskId + " on " +
            agentName(offer.agentId()) + (preference.isEmpty() ? "" : isPreferred ? " (preferred)" : " (not preferred)"));
        return shape.newTask(taskId, ctx.frameworkName() + "-" + slot.index, ctx.command());
    }

    public synchronized void statusUpdate(final SchedulerDriver driver, final TaskStatus status)
    {
        final Slot slot = slotByTask.get(status.taskId());
        if (null == slot)
        {
            return;
        }
        final TaskState state = status.state();
        if (state == slot.state && !status.isTerminal())
        {
            return;
        }
        slot.state = state;
        final String message = status.message();
        if (!status.isTerminal())
        {
            event("instance " + slot.index + " (task " + slot.taskId + ") " + state + " on " + agentName(status.agentId()));
            return;
        }

        event("instance " + slot.index + " (task " + slot.taskId + ") " + state + " on " + agentName(status.agentId()) +
            (message.isEmpty() ? "" : ": " + message) + "; relaunching it");
        slotByTask.remove(slot.taskId);
        slot.taskId = 0;
        slot.agentId = 0;
        slot.hostname = "";
        slot.state = null;
        slot.emptySinceNs = System.nanoTime();
        isSuppressed = false;
        driver.reviveOffers();
    }

    public synchronized void agentLost(final SchedulerDriver driver, final long agentId)
    {
        agentsLost++;
        event("agent " + agentName(agentId) + " lost; its instances are relaunched elsewhere");
    }

    public synchronized void disconnected(final SchedulerDriver driver)
    {
        event("disconnected from the master; the driver reconnects by itself");
    }

    public synchronized void error(final SchedulerDriver driver, final CallError error)
    {
        event(error.toString());
        if (!error.isFatal() && AcceptDecoder.TEMPLATE_ID == error.templateId())
        {
            reconcile(driver, true);
        }
    }

    private void reconcile(final SchedulerDriver driver, final boolean isStagingOnly)
    {
        final List<TaskStatus> statuses = new ArrayList<>();
        for (final Slot slot : slots)
        {
            if (0 != slot.taskId && (!isStagingOnly || TaskState.TASK_STAGING == slot.state))
            {
                statuses.add(new TaskStatus(slot.taskId, slot.agentId));
            }
        }
        if (!statuses.isEmpty())
        {
            driver.reconcileTasks(statuses);
        }
    }

    private int placedCount()
    {
        int placed = 0;
        for (final Slot slot : slots)
        {
            if (0 != slot.taskId)
            {
                placed++;
            }
        }
        return placed;
    }

    private String agentName(final long agentId)
    {
        final String hostname = hostnames.get(agentId);
        return null == hostname ? "agent " + agentId : hostname + " (agent " + agentId + ")";
    }

    private void event(final String line)
    {
        if (null != events)
        {
            events.println(ctx.frameworkName() + ": " + line);
        }
    }

    synchronized List<ServiceInstance> instances()
    {
        final List<ServiceInstance> instances = new ArrayList<>(slots.length);
        for (final Slot slot : slots)
        {
            instances.add(new ServiceInstance(
                slot.index, slot.taskId, slot.agentId, slot.hostname, slot.state, slot.launches, slot.isPreferred));
        }
        return instances;
    }

    synchronized int relaunches()
    {
        int relaunches = 0;
        for (final Slot slot : slots)
        {
            relaunches += Math.max(0, slot.launches - 1);
        }
        return relaunches;
    }

    synchronized int agentsLost()
    {
        return agentsLost;
    }
}

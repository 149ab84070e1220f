/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.driver;

import io.allot.codecs.sbe.TaskState;
import org.agrona.DirectBuffer;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

/**
 * A scheduler that records what it is told, as copies in thread-safe collections, and can be given an action to run
 * inside the offers and status update callbacks (on the conductor thread).
 */
class RecordingScheduler implements Scheduler
{
    record Subscription(long frameworkId, boolean isResubscription, Thread thread)
    {
    }

    record FrameworkMessage(long agentId, long taskId, byte[] payload)
    {
    }

    final Queue<Subscription> subscriptions = new ConcurrentLinkedQueue<>();
    final Queue<Offer> offers = new ConcurrentLinkedQueue<>();
    final Queue<Long> rescinded = new ConcurrentLinkedQueue<>();
    final Queue<TaskStatus> statuses = new ConcurrentLinkedQueue<>();
    final Queue<FrameworkMessage> messages = new ConcurrentLinkedQueue<>();
    final Queue<Long> lostAgents = new ConcurrentLinkedQueue<>();
    final Queue<CallError> errors = new ConcurrentLinkedQueue<>();
    final AtomicInteger disconnections = new AtomicInteger();
    final AtomicLong events = new AtomicLong();
    volatile BiConsumer<SchedulerDriver, List<Offer>> onOffers;
    volatile BiConsumer<SchedulerDriver, TaskStatus> onStatus;

    public void subscribed(final SchedulerDriver driver, final long frameworkId, final boolean isResubscription)
    {
        events.incrementAndGet();
        subscriptions.add(new Subscription(frameworkId, isResubscription, Thread.currentThread()));
    }

    public void resourceOffers(final SchedulerDriver driver, final List<Offer> offers)
    {
        events.incrementAndGet();
        for (int i = 0; i < offers.size(); i++)
        {
            this.offers.add(offers.get(i).copy());
        }
        final BiConsumer<SchedulerDriver, List<Offer>> action = onOffers;
        if (null != action)
        {
            action.accept(driver, offers);
        }
    }

    public void offerRescinded(final SchedulerDriver driver, final long offerId)
    {
        events.incrementAndGet();
        rescinded.add(offerId);
    }

    public void statusUpdate(final SchedulerDriver driver, final TaskStatus status)
    {
        events.incrementAndGet();
        statuses.add(status.copy());
        final BiConsumer<SchedulerDriver, TaskStatus> action = onStatus;
        if (null != action)
        {
            action.accept(driver, status);
        }
    }

    public void frameworkMessage(
        final SchedulerDriver driver, final long agentId, final long taskId, final DirectBuffer buffer, final int offset, final int length)
    {
        events.incrementAndGet();
        final byte[] payload = new byte[length];
        buffer.getBytes(offset, payload);
        messages.add(new FrameworkMessage(agentId, taskId, payload));
    }

    public void agentLost(final SchedulerDriver driver, final long agentId)
    {
        events.incrementAndGet();
        lostAgents.add(agentId);
    }

    public void disconnected(final SchedulerDriver driver)
    {
        events.incrementAndGet();
        disconnections.incrementAndGet();
    }

    public void error(final SchedulerDriver driver, final CallError error)
    {
        events.incrementAndGet();
        System.out.println("scheduler error: " + error);
        errors.add(error);
    }

    Offer lastOffer()
    {
        Offer last = null;
        for (final Offer offer : offers)
        {
            last = offer;
        }
        return last;
    }

    boolean hasStatus(final long taskId, final TaskState state)
    {
        return null != status(taskId, state);
    }

    TaskStatus status(final long taskId, final TaskState state)
    {
        for (final TaskStatus status : statuses)
        {
            if (status.taskId() == taskId && status.state() == state)
            {
                return status;
            }
        }
        return null;
    }

    long count(final long taskId, final TaskState state)
    {
        return statuses.stream().filter((status) -> status.taskId() == taskId && status.state() == state).count();
    }
}

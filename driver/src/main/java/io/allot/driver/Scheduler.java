/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.driver;

import org.agrona.DirectBuffer;

import java.util.List;

/**
 * The framework's callbacks, Mesos's {@code Scheduler}. The driver calls them on its one conductor thread (its own, or
 * the thread that calls {@link AllotSchedulerDriver#poll()}), one at a time and in the order the master sent the
 * events. Calls made on the driver from inside a callback are sent at once, without a hand-off: that is the
 * low-latency path (offer in, accept out).
 * <p>
 * Objects passed in ({@link Offer}, {@link TaskStatus}, buffers) are reused by the driver and valid only during the
 * call. A callback that throws is reported to the driver's error handler and counted; the driver carries on (an update
 * whose callback threw is not acknowledged implicitly, so the agent sends it again).
 * <p>
 * Every method has an empty default, so a framework implements what it needs. Mesos's {@code registered} and
 * {@code reregistered} are one {@link #subscribed}; {@code slaveLost} is {@link #agentLost}.
 */
public interface Scheduler
{
    /**
     * The master accepted the framework's subscription: the first one (a new framework, or a failover of a framework
     * restarted with its id), or a re-subscription after {@link #disconnected} (a new leader, or a new session after
     * the old one closed). After a re-subscription and after a failover the driver asks for an implicit
     * reconciliation, so the latest state of every task follows as {@link #statusUpdate}s; offers made before are void.
     *
     * @param driver           the driver.
     * @param frameworkId      the framework's id: keep it to fail over later ({@link FrameworkInfo#frameworkId(long)}).
     * @param isResubscription false for this driver's first subscription, true after a {@link #disconnected}.
     */
    default void subscribed(final SchedulerDriver driver, final long frameworkId, final boolean isResubscription)
    {
    }

    /**
     * Resources offered to the framework: answer each with {@link SchedulerDriver#acceptOffers},
     * {@link SchedulerDriver#launchTasks} or {@link SchedulerDriver#declineOffer}; an offer not answered stays the
     * framework's until rescinded (and counts toward its share).
     *
     * @param driver the driver.
     * @param offers the offers of one event, usually one; the list and the offers are valid only during the call
     *               (iterate by index to allocate nothing).
     */
    default void resourceOffers(final SchedulerDriver driver, final List<Offer> offers)
    {
    }

    /**
     * An offer is withdrawn (its agent was lost, the offer timed out, or resources were revoked): accepting it now fails.
     *
     * @param driver  the driver.
     * @param offerId the withdrawn offer.
     */
    default void offerRescinded(final SchedulerDriver driver, final long offerId)
    {
    }

    /**
     * A task changed state, or the answer to a reconciliation. With implicit acknowledgements (the default) the driver
     * acknowledges it when this returns; otherwise call {@link SchedulerDriver#acknowledgeStatusUpdate} (the agent
     * resends the update until then).
     *
     * @param driver the driver.
     * @param status the status, valid only during the call ({@link TaskStatus#copy()} to keep it).
     */
    default void statusUpdate(final SchedulerDriver driver, final TaskStatus status)
    {
    }

    /**
     * A message from the executor of a task ({@code ExecutorToFramework}).
     *
     * @param driver  the driver.
     * @param agentId the agent the executor runs on.
     * @param taskId  the task whose executor sent it.
     * @param buffer  holding the payload, valid only during the call.
     * @param offset  where the payload begins.
     * @param length  its length in bytes.
     */
    default void frameworkMessage(
        final SchedulerDriver driver,
        final long agentId,
        final long taskId,
        final DirectBuffer buffer,
        final int offset,
        final int length)
    {
    }

    /**
     * An agent was lost (missed its health checks, or removed by an operator): its tasks are {@code TASK_LOST} (or
     * {@code TASK_UNREACHABLE} / {@code TASK_GONE_BY_OPERATOR}), reported as status updates. Mesos's {@code slaveLost}.
     *
     * @param driver  the driver.
     * @param agentId the lost agent.
     */
    default void agentLost(final SchedulerDriver driver, final long agentId)
    {
    }

    /**
     * The executor of a task exited. Mesos's {@code executorLost}; for command tasks, the task's update says more.
     *
     * @param driver  the driver.
     * @param agentId the agent.
     * @param taskId  the task whose executor exited.
     * @param status  its exit status.
     */
    default void executorLost(final SchedulerDriver driver, final long agentId, final long taskId, final int status)
    {
    }

    /**
     * Tasks of the framework's role, which is above its guarantee while another role is starved, will be killed at the
     * deadline unless they end first (the paper's revocation; Mesos has no equivalent event). Their
     * {@code TASK_KILLED} updates carry reason {@code REVOKED}.
     *
     * @param driver     the driver.
     * @param deadlineMs when they will be killed, in the master's epoch milliseconds.
     * @param taskIds    the tasks (the first {@code count}); valid only during the call.
     * @param agentIds   their agents, in the same order; valid only during the call.
     * @param count      how many.
     */
    default void revocation(
        final SchedulerDriver driver, final long deadlineMs, final long[] taskIds, final long[] agentIds, final int count)
    {
    }

    /**
     * The driver lost the master: the leader changed, or the session closed. Offers not answered yet are void, and calls
     * wait (up to the call timeout) until {@link #subscribed} is called again, which the driver brings about by itself.
     *
     * @param driver the driver.
     */
    default void disconnected(final SchedulerDriver driver)
    {
    }

    /**
     * A call was refused, by the master or by the driver. Unlike Mesos this is not fatal unless
     * {@link CallError#isFatal()} says so (then the driver has aborted).
     *
     * @param driver the driver.
     * @param error  what was refused and why.
     */
    default void error(final SchedulerDriver driver, final CallError error)
    {
    }
}

/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.driver;

import org.agrona.DirectBuffer;

import java.util.List;

/**
 * What a framework calls, Mesos's {@code SchedulerDriver}. Every method may be called from any thread: from inside a
 * {@link Scheduler} callback the call is sent at once on the driver's conductor thread; from another thread it is
 * encoded there and handed to the conductor through a ring buffer.
 * <p>
 * Every call returns the driver's {@link Status}: {@link Status#DRIVER_RUNNING} when the call was taken. A taken call
 * that cannot be sent (the call queue is full, or the driver stays disconnected beyond the call timeout) is reported to
 * {@link Scheduler#error} with {@link CallError#isLocal()} true; a call the master refuses comes back the same way.
 * Calls made while the driver is disconnected wait and are sent once it has subscribed again. In any state but
 * {@link Status#DRIVER_RUNNING} a call does nothing and returns the state.
 * <p>
 * Where Allot differs from Mesos: ids are {@code long}s, so offer ids are passed as {@code long}s and arrays (no
 * boxing), and there are no executor ids (an executor is named by its task).
 */
public interface SchedulerDriver
{
    /**
     * Start the driver: connect to the master and subscribe the framework.
     *
     * @return {@link Status#DRIVER_RUNNING}, or the state if it was started before.
     */
    Status start();

    /**
     * Stop the driver. Mesos's semantics: without failover the framework is torn down (the master kills its tasks and
     * forgets it); with failover the framework stays and its tasks keep running for its failover timeout, waiting for a
     * scheduler to subscribe again with its id.
     *
     * @param failover true to leave the framework for a failover, false to tear it down.
     * @return {@link Status#DRIVER_STOPPED}, or the state if the driver was not running.
     */
    Status stop(boolean failover);

    /**
     * Stop the driver and tear the framework down: {@code stop(false)}.
     *
     * @return {@link Status#DRIVER_STOPPED}, or the state if the driver was not running.
     */
    Status stop();

    /**
     * Abort the driver: no more callbacks, and the framework is left as with {@code stop(true)}.
     *
     * @return {@link Status#DRIVER_ABORTED}, or the state if the driver was not running.
     */
    Status abort();

    /**
     * Wait until the driver is stopped or aborted.
     *
     * @return {@link Status#DRIVER_STOPPED} or {@link Status#DRIVER_ABORTED}; {@link Status#DRIVER_NOT_STARTED} at once
     *         if not started.
     */
    Status join();

    /**
     * {@link #start()} then {@link #join()}.
     *
     * @return as {@link #join()}.
     */
    Status run();

    /**
     * Accept offers of one agent with LAUNCH operations (Mesos's {@code acceptOffers}); the unused rest of the offers is
     * declined with the filter. The master validates the whole call first: an unknown or rescinded offer, offers of
     * several agents, a task id in use, or tasks larger than the offers refuse it whole ({@link Scheduler#error}).
     *
     * @param offerIds offers to accept, all of one agent.
     * @param tasks    tasks to launch (may be empty: then the offers are declined with the filter).
     * @param filters  filter for the unused resources; null for the default (5 s).
     * @return the driver's status.
     */
    Status acceptOffers(long[] offerIds, List<TaskInfo> tasks, Filters filters);

    /**
     * Accept the first {@code offerCount} offers of an array (for a reused array).
     *
     * @param offerIds   offers to accept, all of one agent.
     * @param offerCount how many of the array.
     * @param tasks      tasks to launch.
     * @param filters    filter for the unused resources; null for the default.
     * @return the driver's status.
     */
    Status acceptOffers(long[] offerIds, int offerCount, List<TaskInfo> tasks, Filters filters);

    /**
     * Launch tasks on one offer (Mesos's {@code launchTasks}).
     *
     * @param offerId the offer.
     * @param tasks   tasks to launch.
     * @param filters filter for the unused resources; null for the default.
     * @return the driver's status.
     */
    Status launchTasks(long offerId, List<TaskInfo> tasks, Filters filters);

    /**
     * Launch one task on one offer: the hot path, which allocates nothing.
     *
     * @param offerId the offer.
     * @param task    the task.
     * @param filters filter for the unused resources; null for the default.
     * @return the driver's status.
     */
    Status launchTasks(long offerId, TaskInfo task, Filters filters);

    /**
     * Decline an offer with a filter.
     *
     * @param offerId the offer.
     * @param filters how long not to offer these resources again; null for the default (5 s).
     * @return the driver's status.
     */
    Status declineOffer(long offerId, Filters filters);

    /**
     * Decline an offer with the default filter (5 s).
     *
     * @param offerId the offer.
     * @return the driver's status.
     */
    Status declineOffer(long offerId);

    /**
     * Clear the framework's filters and end suppression: offers come again.
     *
     * @return the driver's status.
     */
    Status reviveOffers();

    /**
     * Stop offers to the framework until {@link #reviveOffers()}.
     *
     * @return the driver's status.
     */
    Status suppressOffers();

    /**
     * Kill a task: its agent sends SIGTERM, then SIGKILL after the task's grace period; {@code TASK_KILLED} follows. A
     * task the master does not know is refused ({@link Scheduler#error}, {@code UNKNOWN_TASK}).
     *
     * @param taskId the task.
     * @return the driver's status.
     */
    Status killTask(long taskId);

    /**
     * Acknowledge a status update, with explicit acknowledgements ({@link DriverContext#implicitAcknowledgements}
     * false). With implicit ones the driver acknowledges when {@link Scheduler#statusUpdate} returns, and this call is
     * ignored, as is a status without a uuid (it needs no acknowledgement).
     *
     * @param status the update, as given to {@link Scheduler#statusUpdate} or a {@link TaskStatus#copy()} of it.
     * @return the driver's status.
     */
    Status acknowledgeStatusUpdate(TaskStatus status);

    /**
     * Ask for the latest state of tasks, answered by {@link Scheduler#statusUpdate}s with reason
     * {@code RECONCILIATION} and no uuid. An empty list asks for every task the master knows of the framework (implicit
     * reconciliation); a task it does not know is {@code TASK_LOST} ({@code TASK_UNKNOWN} when partition aware).
     *
     * @param statuses tasks to reconcile (task id, agent id if known), or empty for all.
     * @return the driver's status.
     */
    Status reconcileTasks(List<TaskStatus> statuses);

    /**
     * Send a message to the executor of a task (Mesos's {@code sendFrameworkMessage}).
     *
     * @param agentId the task's agent (0 when not known).
     * @param taskId  the task.
     * @param data    the payload, at most 1 MiB.
     * @return the driver's status.
     */
    Status sendFrameworkMessage(long agentId, long taskId, byte[] data);

    /**
     * Send a message to the executor of a task from a buffer, without copying it into an array first.
     *
     * @param agentId the task's agent (0 when not known).
     * @param taskId  the task.
     * @param buffer  holding the payload.
     * @param offset  where it begins.
     * @param length  its length, at most 1 MiB.
     * @return the driver's status.
     */
    Status sendFrameworkMessage(long agentId, long taskId, DirectBuffer buffer, int offset, int length);

    /**
     * @return the framework's id once subscribed, else the id given to fail over, else 0.
     */
    long frameworkId();

    /**
     * @return the driver's state.
     */
    Status status();
}

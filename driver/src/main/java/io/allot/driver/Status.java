/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.driver;

/**
 * The state of a {@link SchedulerDriver}, as Mesos's {@code Status}: every driver method returns it.
 * <pre>
 *   DRIVER_NOT_STARTED --start()--> DRIVER_RUNNING --stop()--> DRIVER_STOPPED
 *                                                  --abort() or a fatal error--> DRIVER_ABORTED
 * </pre>
 * A call returns {@link #DRIVER_RUNNING} when it was taken (sent, or queued to be sent); in any other state the call is
 * not made and the state is returned.
 */
public enum Status
{
    /**
     * Built, {@link SchedulerDriver#start()} not called yet.
     */
    DRIVER_NOT_STARTED,

    /**
     * Started: connecting, subscribed, or reconnecting.
     */
    DRIVER_RUNNING,

    /**
     * Aborted by {@link SchedulerDriver#abort()}, or by a fatal error (the master refused the subscription, or the
     * framework failed over to another driver); the framework was not torn down.
     */
    DRIVER_ABORTED,

    /**
     * Stopped by {@link SchedulerDriver#stop(boolean)}.
     */
    DRIVER_STOPPED
}

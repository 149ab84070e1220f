/*
 * Copyright 2026 The Allot Authors
 */

/**
 * The framework driver, Mesos's scheduler library for an Allot master: implement a {@link io.allot.driver.Scheduler},
 * run an {@link io.allot.driver.AllotSchedulerDriver}, and answer offers through the
 * {@link io.allot.driver.SchedulerDriver}. See {@code driver/README.md} for the model, the threads, and where Allot
 * differs from Mesos.
 */
package io.allot.driver;

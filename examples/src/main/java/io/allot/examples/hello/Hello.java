/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.examples.hello;

import java.util.List;

import io.allot.driver.AllotSchedulerDriver;
import io.allot.driver.Filters;
import io.allot.driver.FrameworkInfo;
import io.allot.driver.Offer;
import io.allot.driver.Scheduler;
import io.allot.driver.SchedulerDriver;
import io.allot.driver.TaskInfo;
import io.allot.driver.TaskStatus;

/**
 * The README's 30-line framework: ten tasks of {@code echo}, then it tears itself down.
 */
public final class Hello implements Scheduler
{
    private final TaskInfo task = new TaskInfo().name("hello").command("echo hello from $ALLOT_TASK_ID").resources("cpus:0.1;mem:32");
    private int launched;
    private int finished;

    public void resourceOffers(final SchedulerDriver driver, final List<Offer> offers)
    {
        for (final Offer offer : offers)                        // valid during the callback only
        {
            if (launched < 10 && offer.cpus() >= 0.1 && offer.mem() >= 32)
            {
                driver.launchTasks(offer.offerId(), task.taskId(++launched), Filters.refuseSeconds(1));
            }
            else
            {
                driver.declineOffer(offer.offerId(), Filters.refuseSeconds(5));
            }
        }
    }

    public void statusUpdate(final SchedulerDriver driver, final TaskStatus status)
    {
        System.out.println("task " + status.taskId() + " " + status.state());  // acknowledged on return
        if (status.isTerminal() && ++finished == 10)
        {
            driver.stop();                                      // tears the framework down
        }
    }

    public static void main(final String[] args)
    {
        new AllotSchedulerDriver(new Hello(), new FrameworkInfo().name("hello"), args[0]).run();
    }
}

/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.driver;

import io.allot.cluster.ClusterAgentTransport;
import io.allot.cluster.MasterNode;
import io.allot.codecs.sbe.ErrorCode;
import io.allot.codecs.sbe.SubscribeDecoder;
import io.allot.codecs.sbe.TaskReason;
import io.allot.codecs.sbe.TaskState;
import io.allot.engine.EngineContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static io.allot.driver.DriverTesting.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Framework failover as Mesos has it: a scheduler restarted with its framework id within the failover timeout gets its
 * tasks back (and the driver it replaces is told and aborts); after the timeout the framework and its tasks are gone and
 * the subscription is refused. And the driver's own reconnection: the master restarts from its files, the session is
 * gone, the driver opens a new one, subscribes again with its id and reconciles.
 */
class DriverFailoverTest
{
    private static final String AGENT_RESOURCES = "cpus:2;mem:1024";

    @TempDir
    Path dir;

    private DriverTesting testing;

    @AfterEach
    void after()
    {
        testing.close();
    }

    /**
     * A scheduler that launches one long task on its first offer.
     */
    private static RecordingScheduler launchingOneTask(final long taskId)
    {
        final RecordingScheduler scheduler = new RecordingScheduler();
        final TaskInfo task = new TaskInfo().taskId(taskId).name("long").command("sleep 60").resources("cpus:1;mem:128");
        scheduler.onOffers = (driver, offers) ->
        {
            if (1 == scheduler.offers.size())
            {
                driver.launchTasks(offers.get(0).offerId(), task, Filters.refuseSeconds(0));
            }
        };
        return scheduler;
    }

    @Test
    @Timeout(60)
    void shouldGetItsTasksBackWhenFailingOverWithinTheTimeout()
    {
        testing = new DriverTesting(dir);
        testing.launchCluster(1, new EngineContext());
        final ClusterAgentTransport agent = testing.launchAgent("host-a", AGENT_RESOURCES);
        final RecordingScheduler first = launchingOneTask(1);
        final FrameworkInfo framework = new FrameworkInfo().name("failing-over").failoverTimeoutSeconds(30);
        final AllotSchedulerDriver firstDriver = testing.launchDriver(testing.driverContext(first, framework));
        await("TASK_RUNNING of task 1", () -> first.hasStatus(1, TaskState.TASK_RUNNING));
        final long frameworkId = firstDriver.frameworkId();
        assertEquals(Status.DRIVER_STOPPED, firstDriver.stop(true));

        final RecordingScheduler second = new RecordingScheduler();
        final AllotSchedulerDriver secondDriver = testing.launchDriver(
            testing.driverContext(second, new FrameworkInfo(framework).frameworkId(frameworkId)));
        await("the failover subscription", () -> !second.subscriptions.isEmpty());
        assertEquals(frameworkId, second.subscriptions.peek().frameworkId());
        assertFalse(second.subscriptions.peek().isResubscription());
        await("task 1 back through the implicit reconciliation", () -> second.statuses.stream().anyMatch((status) ->
            1 == status.taskId() && TaskState.TASK_RUNNING == status.state() && TaskReason.RECONCILIATION == status.reason()));
        assertEquals(agent.agentId(), second.status(1, TaskState.TASK_RUNNING).agentId());

        secondDriver.killTask(1);
        await("TASK_KILLED of task 1", () -> second.hasStatus(1, TaskState.TASK_KILLED));
        assertEquals(List.of(), List.copyOf(first.errors));
        assertEquals(List.of(), List.copyOf(second.errors));
    }

    @Test
    @Timeout(60)
    void shouldAbortTheDriverTheFrameworkFailedOverFrom()
    {
        testing = new DriverTesting(dir);
        testing.launchCluster(1, new EngineContext());
        testing.launchFakeAgent("host-a", AGENT_RESOURCES, FakeAgent.Mode.RUN_UNTIL_KILLED);
        final RecordingScheduler first = launchingOneTask(1);
        final FrameworkInfo framework = new FrameworkInfo().name("taken-over").failoverTimeoutSeconds(30);
        final AllotSchedulerDriver firstDriver = testing.launchDriver(testing.driverContext(first, framework));
        await("TASK_RUNNING of task 1", () -> first.hasStatus(1, TaskState.TASK_RUNNING));

        final RecordingScheduler second = new RecordingScheduler();
        testing.launchDriver(testing.driverContext(second, new FrameworkInfo(framework).frameworkId(firstDriver.frameworkId())));
        await("the failover subscription", () -> !second.subscriptions.isEmpty());

        assertEquals(Status.DRIVER_ABORTED, firstDriver.join());
        final CallError error = first.errors.peek();
        assertEquals(ErrorCode.FRAMEWORK_OF_ANOTHER_SESSION, error.code());
        assertTrue(error.isFatal());
        assertEquals("the framework failed over to another scheduler: framework failed over to another session", error.message());
        await("task 1 back at the new scheduler", () -> second.hasStatus(1, TaskState.TASK_RUNNING));
    }

    @Test
    @Timeout(60)
    void shouldLoseItsTasksWhenFailingOverAfterTheTimeout()
    {
        testing = new DriverTesting(dir);
        testing.launchCluster(1, new EngineContext());
        final FakeAgent agent = testing.launchFakeAgent("host-a", AGENT_RESOURCES, FakeAgent.Mode.RUN_UNTIL_KILLED);
        final RecordingScheduler first = launchingOneTask(1);
        final FrameworkInfo framework = new FrameworkInfo().name("too-late").failoverTimeoutSeconds(1);
        final AllotSchedulerDriver firstDriver = testing.launchDriver(testing.driverContext(first, framework));
        await("TASK_RUNNING of task 1", () -> first.hasStatus(1, TaskState.TASK_RUNNING));
        final long frameworkId = firstDriver.frameworkId();
        assertEquals(Status.DRIVER_STOPPED, firstDriver.stop(true));
        assertTrue(agent.shutdownFrameworks.isEmpty(), "the framework outlives its driver for its failover timeout");
        await("the framework's removal after its failover timeout", () -> agent.shutdownFrameworks.contains(frameworkId));

        final RecordingScheduler second = new RecordingScheduler();
        final AllotSchedulerDriver secondDriver = testing.launchDriver(
            testing.driverContext(second, new FrameworkInfo(framework).frameworkId(frameworkId)));
        assertEquals(Status.DRIVER_ABORTED, secondDriver.join());
        assertTrue(second.subscriptions.isEmpty());
        final CallError error = second.errors.peek();
        assertEquals(ErrorCode.UNKNOWN_FRAMEWORK, error.code());
        assertEquals(SubscribeDecoder.TEMPLATE_ID, error.templateId());
        assertTrue(error.isFatal());
        assertEquals("the master refused the subscription: framework " + frameworkId + " is unknown or was removed",
            error.message());
    }

    @Test
    @Timeout(90)
    void shouldReconnectAndReconcileAfterTheMasterRestarts()
    {
        testing = new DriverTesting(dir);
        testing.launchCluster(1, new EngineContext());
        testing.launchFakeAgent("host-a", AGENT_RESOURCES, FakeAgent.Mode.RUN_UNTIL_KILLED);
        final RecordingScheduler scheduler = launchingOneTask(1);
        final AllotSchedulerDriver driver = testing.launchDriver(testing.driverContext(
            scheduler, new FrameworkInfo().name("reconnecting").failoverTimeoutSeconds(60)).newLeaderTimeoutNs(2_000_000_000L));
        await("TASK_RUNNING of task 1", () -> scheduler.hasStatus(1, TaskState.TASK_RUNNING));
        final long frameworkId = driver.frameworkId();

        final long restartNs = System.nanoTime();
        testing.nodes.remove(0).close();
        final MasterNode node = MasterNode.launch(testing.member(0, false, new EngineContext()));
        testing.nodes.add(node);
        DriverTesting.awaitLeader(testing.nodes);

        await("disconnected()", () -> scheduler.disconnections.get() >= 1);
        await("the re-subscription", () -> scheduler.subscriptions.stream().anyMatch(RecordingScheduler.Subscription::isResubscription));
        final RecordingScheduler.Subscription resubscription = List.copyOf(scheduler.subscriptions).get(1);
        assertEquals(frameworkId, resubscription.frameworkId());
        await("task 1 reconciled after the reconnection", () -> scheduler.statuses.stream().anyMatch((status) ->
            1 == status.taskId() && TaskState.TASK_RUNNING == status.state() && TaskReason.RECONCILIATION == status.reason()));
        System.out.printf("driver: master restarted, re-subscribed and reconciled after %d ms%n",
            (System.nanoTime() - restartNs) / 1_000_000);

        // the driver works on: a new agent's offer is taken
        final int offersBefore = scheduler.offers.size();
        final TaskInfo task = new TaskInfo().taskId(2).name("after").command("sleep 60").resources("cpus:1;mem:128");
        scheduler.onOffers = (schedulerDriver, offers) ->
        {
            if ("host-b".equals(offers.get(0).hostname()) && !scheduler.hasStatus(2, TaskState.TASK_RUNNING))
            {
                schedulerDriver.launchTasks(offers.get(0).offerId(), task, null);
            }
        };
        testing.launchFakeAgent("host-b", AGENT_RESOURCES, FakeAgent.Mode.RUN_UNTIL_KILLED);
        await("TASK_RUNNING of task 2 on the new agent", () -> scheduler.hasStatus(2, TaskState.TASK_RUNNING));
        assertTrue(scheduler.offers.size() > offersBefore);
        assertEquals(Status.DRIVER_RUNNING, driver.status());
        assertEquals(List.of(), List.copyOf(scheduler.errors));
    }
}

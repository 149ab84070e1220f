/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.driver;

import io.allot.cluster.ClusterAgentTransport;
import io.allot.codecs.sbe.AcceptDecoder;
import io.allot.codecs.sbe.ErrorCode;
import io.allot.codecs.sbe.KillDecoder;
import io.allot.codecs.sbe.TaskReason;
import io.allot.codecs.sbe.TaskState;
import io.allot.codecs.sbe.UpdateSource;
import io.allot.engine.EngineContext;
import io.allot.resources.ResourceNames;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static io.allot.driver.DriverTesting.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The driver against a real single-member master: subscription, offers, launches to TASK_FINISHED with implicit and
 * explicit acknowledgements, decline with a filter, suppress and revive, kill, reconciliation, framework messages,
 * refused calls as errors, calls from another thread, and the caller-thread ({@code poll()}) mode.
 */
class SchedulerDriverTest
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

    private static List<TaskStatus> reconciliations(final RecordingScheduler scheduler, final int from)
    {
        final List<TaskStatus> statuses = List.copyOf(scheduler.statuses);
        return statuses.subList(from, statuses.size()).stream()
            .filter((status) -> TaskReason.RECONCILIATION == status.reason()).toList();
    }

    private String launchMaster(final EngineContext engineContext)
    {
        testing = new DriverTesting(dir);
        return testing.launchCluster(1, engineContext);
    }

    @Test
    @Timeout(60)
    void shouldSubscribeAndRunATaskToFinishedWithImplicitAcknowledgements()
    {
        launchMaster(new EngineContext());
        final ClusterAgentTransport agent = testing.launchAgent("host-a", AGENT_RESOURCES);
        final RecordingScheduler scheduler = new RecordingScheduler();
        final TaskInfo task = new TaskInfo().taskId(1).name("true").command("true").resources("cpus:1;mem:128");
        scheduler.onOffers = (driver, offers) ->
        {
            if (1 == scheduler.offers.size())
            {
                assertEquals(Status.DRIVER_RUNNING, driver.launchTasks(offers.get(0).offerId(), task, Filters.refuseSeconds(0)));
            }
        };
        final AllotSchedulerDriver driver = testing.launchDriver(
            testing.driverContext(scheduler, new FrameworkInfo().name("framework-a").role("analytics")));

        await("the subscription", () -> !scheduler.subscriptions.isEmpty());
        final RecordingScheduler.Subscription subscription = scheduler.subscriptions.peek();
        assertFalse(subscription.isResubscription());
        assertTrue(subscription.frameworkId() > 0);
        assertEquals(subscription.frameworkId(), driver.frameworkId());
        assertEquals(driver.conductorThread(), subscription.thread(), "callbacks run on the conductor thread");

        await("TASK_FINISHED of task 1", () -> scheduler.hasStatus(1, TaskState.TASK_FINISHED));
        final Offer offer = scheduler.offers.peek();
        assertEquals(agent.agentId(), offer.agentId());
        assertEquals("host-a", offer.hostname());
        assertEquals(2.0, offer.cpus());
        assertEquals(1024.0, offer.mem());
        assertEquals(1024_000, offer.resources().scalar(ResourceNames.MEM));
        final TaskStatus finished = scheduler.status(1, TaskState.TASK_FINISHED);
        assertEquals(agent.agentId(), finished.agentId());
        assertEquals(UpdateSource.AGENT, finished.source());
        assertTrue(finished.hasUuid());
        assertTrue(finished.isTerminal());

        // the implicit acknowledgement of TASK_FINISHED made the master forget the task
        await("the task to be forgotten after its acknowledged end", () ->
        {
            final int before = scheduler.statuses.size();
            driver.reconcileTasks(List.of(new TaskStatus(1, agent.agentId())));
            DriverTesting.holdsFor(200, () -> scheduler.statuses.size() == before);
            return scheduler.statuses.stream().anyMatch((status) -> 1 == status.taskId() &&
                TaskState.TASK_LOST == status.state() && TaskReason.RECONCILIATION == status.reason());
        });
        await("the re-offer of the whole agent", () -> scheduler.offers.stream().anyMatch((o) -> 2.0 == o.cpus() &&
            o.offerId() != offer.offerId()));
        assertEquals(List.of(), List.copyOf(scheduler.errors));
        assertEquals(List.of(), List.copyOf(testing.errors));
        assertEquals(0, driver.callsRefused());
        assertEquals(1, driver.subscriptions());
    }

    @Test
    @Timeout(60)
    void shouldLeaveAcknowledgementsToTheSchedulerWhenExplicit()
    {
        launchMaster(new EngineContext());
        final FakeAgent agent = testing.launchFakeAgent("host-a", AGENT_RESOURCES, FakeAgent.Mode.RUN_UNTIL_KILLED);
        final RecordingScheduler scheduler = new RecordingScheduler();
        final TaskInfo task = new TaskInfo().taskId(7).name("sleeper").command("sleep 60").resources("cpus:1;mem:128");
        scheduler.onOffers = (driver, offers) ->
        {
            if (1 == scheduler.offers.size())
            {
                driver.launchTasks(offers.get(0).offerId(), task, null);
            }
        };
        final AllotSchedulerDriver driver = testing.launchDriver(
            testing.driverContext(scheduler, new FrameworkInfo().name("explicit")).implicitAcknowledgements(false));

        await("TASK_RUNNING of task 7", () -> scheduler.hasStatus(7, TaskState.TASK_RUNNING));
        assertTrue(DriverTesting.holdsFor(600, () -> 0 == agent.acks.get()), "no acknowledgement without the scheduler's");
        assertTrue(scheduler.count(7, TaskState.TASK_RUNNING) >= 2, "the agent resends an unacknowledged update");

        final TaskStatus running = scheduler.status(7, TaskState.TASK_RUNNING);
        assertEquals(Status.DRIVER_RUNNING, driver.acknowledgeStatusUpdate(running));
        await("the acknowledgement to reach the agent", () -> 1 == agent.acks.get());
        assertEquals(List.of(), List.copyOf(scheduler.errors));
    }

    @Test
    @Timeout(60)
    void shouldDeclineWithAFilterAndReviveOffers()
    {
        launchMaster(new EngineContext());
        testing.launchFakeAgent("host-a", AGENT_RESOURCES, FakeAgent.Mode.FINISH_AT_ONCE);
        final RecordingScheduler scheduler = new RecordingScheduler();
        final Filters oneSecond = Filters.refuseSeconds(1);
        final Filters oneHour = Filters.refuseSeconds(3600);
        final long[] declinedNs = new long[2];
        scheduler.onOffers = (driver, offers) ->
        {
            final int seen = scheduler.offers.size();
            if (1 == seen)
            {
                declinedNs[0] = System.nanoTime();
                driver.declineOffer(offers.get(0).offerId(), oneSecond);
            }
            else if (2 == seen)
            {
                declinedNs[1] = System.nanoTime();
                driver.declineOffer(offers.get(0).offerId(), oneHour);
            }
        };
        final AllotSchedulerDriver driver = testing.launchDriver(testing.driverContext(scheduler, new FrameworkInfo().name("decliner")));

        await("the offer after a 1 s filter", () -> scheduler.offers.size() >= 2);
        final long refusedMs = TimeUnit.NANOSECONDS.toMillis(declinedNs[1] - declinedNs[0]);
        assertTrue(refusedMs >= 900, "refused for " + refusedMs + " ms");
        assertTrue(DriverTesting.holdsFor(2_500, () -> 2 == scheduler.offers.size()), "a 1 h filter holds");

        assertEquals(Status.DRIVER_RUNNING, driver.reviveOffers());
        await("the offer after revive", () -> 3 == scheduler.offers.size());
        assertEquals(List.of(), List.copyOf(scheduler.errors));
    }

    @Test
    @Timeout(60)
    void shouldSuppressAndReviveOffers()
    {
        launchMaster(new EngineContext());
        testing.launchFakeAgent("host-a", AGENT_RESOURCES, FakeAgent.Mode.FINISH_AT_ONCE);
        final RecordingScheduler scheduler = new RecordingScheduler();
        scheduler.onOffers = (driver, offers) ->
        {
            if (1 == scheduler.offers.size())
            {
                driver.suppressOffers();
                driver.declineOffer(offers.get(0).offerId(), Filters.refuseSeconds(0));
            }
        };
        final AllotSchedulerDriver driver = testing.launchDriver(testing.driverContext(scheduler, new FrameworkInfo().name("suppressor")));

        await("the first offer", () -> 1 == scheduler.offers.size());
        assertTrue(DriverTesting.holdsFor(2_500, () -> 1 == scheduler.offers.size()), "no offers while suppressed");
        driver.reviveOffers();
        await("the offer after revive", () -> 2 == scheduler.offers.size());
        assertEquals(List.of(), List.copyOf(scheduler.errors));
    }

    @Test
    @Timeout(60)
    void shouldKillAndReconcileTasks()
    {
        launchMaster(new EngineContext());
        final ClusterAgentTransport agent = testing.launchAgent("host-a", AGENT_RESOURCES);
        final RecordingScheduler scheduler = new RecordingScheduler();
        final TaskInfo task = new TaskInfo().name("sleeper").command("sleep 60").resources("cpus:0.5;mem:64");
        final long[] nextTaskId = { 1 };
        scheduler.onOffers = (driver, offers) ->
        {
            if (nextTaskId[0] <= 2)
            {
                driver.launchTasks(offers.get(0).offerId(), task.taskId(nextTaskId[0]++), Filters.refuseSeconds(0));
            }
        };
        final AllotSchedulerDriver driver = testing.launchDriver(testing.driverContext(scheduler, new FrameworkInfo().name("killer")));
        await("TASK_RUNNING of tasks 1 and 2", () ->
            scheduler.hasStatus(1, TaskState.TASK_RUNNING) && scheduler.hasStatus(2, TaskState.TASK_RUNNING));

        final int before = scheduler.statuses.size();
        driver.reconcileTasks(List.of(new TaskStatus(1, agent.agentId()), new TaskStatus(99, 0)));
        await("the answers to an explicit reconciliation", () -> reconciliations(scheduler, before).size() >= 2);
        final List<TaskStatus> explicit = reconciliations(scheduler, before);
        assertEquals(1, explicit.get(0).taskId());
        assertEquals(TaskState.TASK_RUNNING, explicit.get(0).state());
        assertFalse(explicit.get(0).hasUuid(), "reconciliation needs no acknowledgement");
        assertEquals(99, explicit.get(1).taskId());
        assertEquals(TaskState.TASK_LOST, explicit.get(1).state());
        assertEquals("task unknown to the master", explicit.get(1).message());

        assertEquals(Status.DRIVER_RUNNING, driver.killTask(2));
        await("TASK_KILLED of task 2", () -> scheduler.hasStatus(2, TaskState.TASK_KILLED));

        final int beforeImplicit = scheduler.statuses.size();
        driver.reconcileTasks(List.of());
        await("the answer to an implicit reconciliation", () -> !reconciliations(scheduler, beforeImplicit).isEmpty());
        final TaskStatus implicit = reconciliations(scheduler, beforeImplicit).get(0);
        assertEquals(1, implicit.taskId());
        assertEquals(TaskState.TASK_RUNNING, implicit.state());
        assertTrue(DriverTesting.holdsFor(300, () -> 1 == reconciliations(scheduler, beforeImplicit).size()), "task 2 is forgotten");
        assertEquals(List.of(), List.copyOf(scheduler.errors));
    }

    @Test
    @Timeout(60)
    void shouldExchangeFrameworkMessagesWithATasksExecutor()
    {
        launchMaster(new EngineContext());
        final FakeAgent agent = testing.launchFakeAgent("host-a", AGENT_RESOURCES, FakeAgent.Mode.RUN_UNTIL_KILLED);
        final RecordingScheduler scheduler = new RecordingScheduler();
        final TaskInfo task = new TaskInfo().taskId(5).name("executor").command("sleep 60").resources("cpus:1;mem:128");
        scheduler.onOffers = (driver, offers) ->
        {
            if (1 == scheduler.offers.size())
            {
                driver.launchTasks(offers.get(0).offerId(), task, null);
            }
        };
        final AllotSchedulerDriver driver = testing.launchDriver(testing.driverContext(scheduler, new FrameworkInfo().name("talker")));
        await("TASK_RUNNING of task 5", () -> scheduler.hasStatus(5, TaskState.TASK_RUNNING));

        final byte[] hello = "hello executor".getBytes(StandardCharsets.UTF_8);
        assertEquals(Status.DRIVER_RUNNING, driver.sendFrameworkMessage(agent.agentId(), 5, hello));
        await("the message at the agent", () -> !agent.messages.isEmpty());
        final FakeAgent.Message received = agent.messages.peek();
        assertEquals(driver.frameworkId(), received.frameworkId());
        assertEquals(5, received.taskId());
        assertArrayEquals(hello, received.payload());

        await("the executor's echo", () -> !scheduler.messages.isEmpty());
        final RecordingScheduler.FrameworkMessage echo = scheduler.messages.peek();
        assertEquals(agent.agentId(), echo.agentId());
        assertEquals(5, echo.taskId());
        assertArrayEquals(hello, echo.payload());
        assertEquals(List.of(), List.copyOf(scheduler.errors));
    }

    @Test
    @Timeout(60)
    void shouldReportRefusedCallsAsErrorsAndCarryOn()
    {
        launchMaster(new EngineContext().offerTimeoutMs(1_000));
        testing.launchFakeAgent("host-a", AGENT_RESOURCES, FakeAgent.Mode.FINISH_AT_ONCE);
        final RecordingScheduler scheduler = new RecordingScheduler();
        final AllotSchedulerDriver driver = testing.launchDriver(testing.driverContext(scheduler, new FrameworkInfo().name("clumsy")));

        await("an offer rescinded by the offer timeout", () -> !scheduler.rescinded.isEmpty());
        final long rescindedOfferId = scheduler.rescinded.peek();
        final TaskInfo task = new TaskInfo().taskId(1).name("late").command("true").resources("cpus:1;mem:128");
        driver.launchTasks(rescindedOfferId, task, null);
        await("the error of the launch on a rescinded offer", () -> !scheduler.errors.isEmpty());
        final CallError rescindedError = scheduler.errors.poll();
        assertEquals(ErrorCode.UNKNOWN_OFFER, rescindedError.code());
        assertEquals(AcceptDecoder.TEMPLATE_ID, rescindedError.templateId());
        assertEquals("Accept", rescindedError.call());
        assertEquals("offer " + rescindedOfferId + " is unknown, used or rescinded", rescindedError.message());
        assertFalse(rescindedError.isFatal());
        assertFalse(rescindedError.isLocal());

        driver.killTask(424242);
        await("the error of the kill of an unknown task", () -> !scheduler.errors.isEmpty());
        final CallError killError = scheduler.errors.poll();
        assertEquals(ErrorCode.UNKNOWN_TASK, killError.code());
        assertEquals(KillDecoder.TEMPLATE_ID, killError.templateId());
        assertEquals("cannot kill task 424242: unknown to framework " + driver.frameworkId(), killError.message());

        // the driver carries on: a launch on a live offer runs
        final int offersBefore = scheduler.offers.size();
        scheduler.onOffers = (schedulerDriver, offers) -> schedulerDriver.launchTasks(offers.get(0).offerId(), task, null);
        await("a fresh offer", () -> scheduler.offers.size() > offersBefore);
        await("TASK_FINISHED of task 1", () -> scheduler.hasStatus(1, TaskState.TASK_FINISHED));
        assertEquals(Status.DRIVER_RUNNING, driver.status());
        assertEquals(List.of(), List.copyOf(scheduler.errors));
    }

    @Test
    @Timeout(60)
    void shouldTakeCallsFromAnotherThread() throws InterruptedException
    {
        launchMaster(new EngineContext());
        testing.launchFakeAgent("host-a", AGENT_RESOURCES, FakeAgent.Mode.RUN_UNTIL_KILLED);
        final RecordingScheduler scheduler = new RecordingScheduler();
        final BlockingQueue<Long> offerIds = new LinkedBlockingQueue<>();
        scheduler.onOffers = (driver, offers) -> offers.forEach((offer) -> offerIds.add(offer.offerId()));
        final AllotSchedulerDriver driver = testing.launchDriver(testing.driverContext(scheduler, new FrameworkInfo().name("remote")));

        final TaskInfo task = new TaskInfo().name("remote").command("sleep 60").resources("cpus:0.25;mem:32");
        final Filters noRefusal = Filters.refuseSeconds(0);
        for (long taskId = 1; taskId <= 4; taskId++)
        {
            final Long offerId = offerIds.poll(DriverTesting.TIMEOUT_MS, TimeUnit.MILLISECONDS);
            assertNotNull(offerId, "an offer for task " + taskId);
            assertNotEquals(driver.conductorThread(), Thread.currentThread());
            assertEquals(Status.DRIVER_RUNNING, driver.launchTasks(offerId, task.taskId(taskId), noRefusal));
        }
        await("TASK_RUNNING of the 4 tasks", () -> scheduler.statuses.stream()
            .filter((status) -> TaskState.TASK_RUNNING == status.state()).map(TaskStatus::taskId).distinct().count() == 4);
        driver.killTask(3);
        await("TASK_KILLED of task 3", () -> scheduler.hasStatus(3, TaskState.TASK_KILLED));
        assertEquals(List.of(), List.copyOf(scheduler.errors));
    }

    @Test
    @Timeout(60)
    void shouldRunOnTheCallersThreadWithPoll()
    {
        launchMaster(new EngineContext());
        testing.launchFakeAgent("host-a", AGENT_RESOURCES, FakeAgent.Mode.FINISH_AT_ONCE);
        final RecordingScheduler scheduler = new RecordingScheduler();
        final TaskInfo task = new TaskInfo().name("polled").command("true").resources("cpus:1;mem:128");
        final long[] nextTaskId = { 1 };
        scheduler.onOffers = (driver, offers) ->
        {
            if (nextTaskId[0] <= 3)
            {
                driver.launchTasks(offers.get(0).offerId(), task.taskId(nextTaskId[0]++), Filters.refuseSeconds(0));
            }
        };
        final AllotSchedulerDriver driver = testing.closeLater(new AllotSchedulerDriver(
            testing.driverContext(scheduler, new FrameworkInfo().name("poller")).useConductorAgentInvoker(true)));
        assertEquals(0, driver.poll(), "nothing to do before start");
        assertEquals(Status.DRIVER_RUNNING, driver.start());

        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DriverTesting.TIMEOUT_MS);
        while (!scheduler.hasStatus(3, TaskState.TASK_FINISHED))
        {
            assertTrue(System.nanoTime() < deadlineNs, "timed out polling for TASK_FINISHED of task 3");
            if (0 == driver.poll())
            {
                DriverTesting.idle().idle();
            }
        }
        assertEquals(Thread.currentThread(), scheduler.subscriptions.peek().thread(), "callbacks on the polling thread");
        assertTrue(scheduler.hasStatus(1, TaskState.TASK_FINISHED) && scheduler.hasStatus(2, TaskState.TASK_FINISHED));

        assertEquals(Status.DRIVER_STOPPED, driver.stop(false));
        assertEquals(Status.DRIVER_STOPPED, driver.join());
        assertEquals(0, driver.poll(), "nothing to do after stop");
        assertEquals(Status.DRIVER_STOPPED, driver.reviveOffers(), "calls after stop are not made");
        assertEquals(List.of(), List.copyOf(scheduler.errors));
    }

    @Test
    @Timeout(60)
    void shouldTearTheFrameworkDownOnStopWithoutFailover()
    {
        launchMaster(new EngineContext());
        final FakeAgent agent = testing.launchFakeAgent("host-a", AGENT_RESOURCES, FakeAgent.Mode.RUN_UNTIL_KILLED);
        final RecordingScheduler scheduler = new RecordingScheduler();
        final TaskInfo task = new TaskInfo().taskId(1).name("long").command("sleep 60").resources("cpus:1;mem:128");
        scheduler.onOffers = (driver, offers) ->
        {
            if (1 == scheduler.offers.size())
            {
                driver.launchTasks(offers.get(0).offerId(), task, null);
            }
        };
        final AllotSchedulerDriver driver = testing.launchDriver(
            testing.driverContext(scheduler, new FrameworkInfo().name("short-lived").failoverTimeoutSeconds(3600)));
        await("TASK_RUNNING of task 1", () -> scheduler.hasStatus(1, TaskState.TASK_RUNNING));
        final long frameworkId = driver.frameworkId();

        assertEquals(Status.DRIVER_STOPPED, driver.stop());
        assertEquals(Status.DRIVER_STOPPED, driver.join());
        await("the agent told to shut the framework down", () -> agent.shutdownFrameworks.contains(frameworkId));
        assertEquals(List.of(), List.copyOf(testing.errors));
    }

    @Test
    @Timeout(60)
    void shouldKeepAnIdleFrameworkSubscribedBeyondTheSessionTimeout()
    {
        testing = new DriverTesting(dir).sessionTimeoutNs(TimeUnit.SECONDS.toNanos(2));
        testing.launchCluster(1, new EngineContext());
        testing.launchFakeAgent("host-a", AGENT_RESOURCES, FakeAgent.Mode.FINISH_AT_ONCE);
        final RecordingScheduler scheduler = new RecordingScheduler();
        final AllotSchedulerDriver driver = testing.launchDriver(testing.driverContext(scheduler, new FrameworkInfo().name("idle")));
        await("an offer", () -> !scheduler.offers.isEmpty());

        assertTrue(DriverTesting.holdsFor(5_000, () -> 0 == scheduler.disconnections.get()),
            "a framework holding an offer without a call stays subscribed past the 2 s session timeout");
        final TaskInfo task = new TaskInfo().taskId(1).name("late").command("true").resources("cpus:1;mem:128");
        driver.launchTasks(scheduler.offers.peek().offerId(), task, null);
        await("TASK_FINISHED of the task launched on the held offer", () -> scheduler.hasStatus(1, TaskState.TASK_FINISHED));
        assertEquals(1, driver.subscriptions());
        assertEquals(List.of(), List.copyOf(scheduler.errors));
    }
}

/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.driver;

import io.allot.cluster.ClusterAgentTransport;
import io.allot.cluster.MasterNode;
import io.allot.codecs.sbe.TaskReason;
import io.allot.codecs.sbe.TaskState;
import io.allot.engine.EngineContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.allot.driver.DriverTesting.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Three members in one JVM with a real agent: the leader's member is closed while a task runs; the driver follows the
 * new leader within its session by itself (the scheduler sees {@code disconnected()} then {@code subscribed()} again, and
 * an implicit reconciliation), the task's end arrives through the new leader, the re-offer is taken, and no task is lost
 * or launched twice (each task's command appends a line to its own file).
 */
class DriverLeaderFailoverTest
{
    @TempDir
    Path dir;

    private DriverTesting testing;

    @AfterEach
    void after()
    {
        testing.close();
    }

    @Test
    @Timeout(90)
    void shouldFollowANewLeaderWithoutLosingOrRepeatingATask() throws IOException
    {
        testing = new DriverTesting(dir);
        testing.launchCluster(3, new EngineContext());
        final ClusterAgentTransport agent = testing.launchAgent("host-a", "cpus:2;mem:1024");
        final Path runs = Files.createDirectories(dir.resolve("runs"));
        final RecordingScheduler scheduler = new RecordingScheduler();
        final TaskInfo task = new TaskInfo().name("counted").resources("cpus:2;mem:1024");
        final long[] nextTaskId = { 1 };
        scheduler.onOffers = (driver, offers) ->
        {
            if (nextTaskId[0] <= 2 && (1 == nextTaskId[0] || scheduler.hasStatus(1, TaskState.TASK_FINISHED)))
            {
                final long taskId = nextTaskId[0]++;
                task.taskId(taskId).command("echo run >> " + runs.resolve("task-" + taskId) + (1 == taskId ? "; sleep 4" : ""));
                driver.launchTasks(offers.get(0).offerId(), task, Filters.refuseSeconds(0));
            }
        };
        final AllotSchedulerDriver driver = testing.launchDriver(
            testing.driverContext(scheduler, new FrameworkInfo().name("following").failoverTimeoutSeconds(60)));
        await("TASK_RUNNING of task 1", () -> scheduler.hasStatus(1, TaskState.TASK_RUNNING));

        final MasterNode leader = DriverTesting.awaitLeader(testing.nodes);
        final long closeNs = System.nanoTime();
        testing.nodes.remove(leader);
        leader.close();
        final List<MasterNode> survivors = new ArrayList<>(testing.nodes);

        await("disconnected()", () -> scheduler.disconnections.get() >= 1);
        await("the re-subscription", () -> scheduler.subscriptions.stream().anyMatch(RecordingScheduler.Subscription::isResubscription));
        final long resubscribedNs = System.nanoTime();
        await("an implicit reconciliation of task 1", () -> scheduler.statuses.stream().anyMatch((status) ->
            1 == status.taskId() && TaskReason.RECONCILIATION == status.reason()));
        await("TASK_FINISHED of task 1", () -> scheduler.hasStatus(1, TaskState.TASK_FINISHED));
        await("TASK_FINISHED of task 2, launched on the re-offer", () -> scheduler.hasStatus(2, TaskState.TASK_FINISHED));
        final MasterNode newLeader = DriverTesting.awaitLeader(survivors);
        System.out.printf("driver: leader %d closed, re-subscribed to leader %d after %d ms%n",
            leader.memberId(), newLeader.memberId(), (resubscribedNs - closeNs) / 1_000_000);

        assertNotEquals(leader.memberId(), newLeader.memberId());
        assertEquals(List.of("run"), Files.readAllLines(runs.resolve("task-1")), "task 1 ran once");
        assertEquals(List.of("run"), Files.readAllLines(runs.resolve("task-2")), "task 2 ran once");
        assertEquals(1, scheduler.statuses.stream().filter((status) -> 1 == status.taskId() &&
            TaskState.TASK_FINISHED == status.state() && status.hasUuid()).map(TaskStatus::uuidLsb).distinct().count());
        assertTrue(scheduler.statuses.stream().noneMatch((status) -> TaskState.TASK_LOST == status.state() ||
            TaskState.TASK_FAILED == status.state() || TaskState.TASK_ERROR == status.state()), "no task lost or failed");
        assertEquals(agent.agentId(), scheduler.status(2, TaskState.TASK_FINISHED).agentId());
        assertEquals(2, driver.subscriptions());
        assertEquals(Status.DRIVER_RUNNING, driver.status());
        assertEquals(List.of(), List.copyOf(scheduler.errors));
        for (final MasterNode node : survivors)
        {
            assertEquals(0, node.errorCount(), "errors of member " + node.memberId());
        }
    }
}

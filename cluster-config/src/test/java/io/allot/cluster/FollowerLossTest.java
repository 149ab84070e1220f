/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.cluster;

import io.allot.cli.Allot;
import io.allot.engine.EngineContext;
import io.aeron.cluster.service.Cluster;
import org.agrona.CloseHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Three members in one JVM while a framework and an agent launch tasks continuously: a follower is closed, the other
 * two go on serving without an election, the follower is restarted from its directory, catches up, and reaches the
 * same state digest as the others; no task is launched twice or lost. One RunTask is dropped on purpose to show the
 * workload's recovery from a lost RunTask (the framework kills the task, the agent answers TASK_LOST).
 */
class FollowerLossTest
{
    private static final long TIMEOUT_MS = 15_000;

    private final List<MasterNode> nodes = new ArrayList<>();
    private TaskWorkload workload;

    @TempDir
    Path dir;

    @AfterEach
    void after()
    {
        CloseHelper.close(workload);
        CloseHelper.closeAll(nodes);
    }

    @Test
    @Timeout(60)
    void shouldServeWithoutAFollowerAndCatchItUpWhenItReturns()
    {
        final String members = ClusterTesting.freeMembers(3);
        for (int id = 0; id < 3; id++)
        {
            nodes.add(MasterNode.launch(member(members, id, true)));
        }
        final MasterNode leader = ClusterTesting.awaitLeader(nodes, TIMEOUT_MS);
        workload = new TaskWorkload(members, "cpus:4;mem:4096", "cpus:1;mem:256", 50);
        workload.start(TIMEOUT_MS);
        workload.runUntil("5 tasks", TIMEOUT_MS, () -> workload.launchedCount() >= 5);

        final MasterNode follower = nodes.stream().filter((node) -> node != leader).findFirst().orElseThrow();
        final int followerId = follower.memberId();
        final MasterNode other = nodes.stream().filter((node) -> node != leader && node != follower).findFirst().orElseThrow();
        assertSnapshotRefusedByAFollower(other, leader.memberId());
        follower.close();
        nodes.remove(follower);
        final long leaderTerm = leader.leadershipTermId();

        final int launchedWithoutFollower = workload.launchedCount();
        workload.dropNextRunTask();
        workload.runUntil("10 tasks without the follower", TIMEOUT_MS, () -> workload.launchedCount() >= launchedWithoutFollower + 10);
        assertEquals(1, leader.takeSnapshot(TIMEOUT_MS, TimeUnit.MILLISECONDS));
        workload.runUntil("5 more tasks", TIMEOUT_MS, () -> workload.launchedCount() >= launchedWithoutFollower + 15);

        final long restartNs = System.nanoTime();
        final MasterNode returned = MasterNode.launch(member(members, followerId, false));
        nodes.add(returned);
        workload.runUntil("the follower back", TIMEOUT_MS,
            () -> Cluster.Role.FOLLOWER == returned.role() && returned.leaderMemberId() == leader.memberId());
        System.out.printf("follower loss: member %d back as FOLLOWER %d ms after its restart%n",
            followerId, (System.nanoTime() - restartNs) / 1_000_000);
        final int launchedAfterReturn = workload.launchedCount();
        workload.runUntil("5 tasks after the return", TIMEOUT_MS, () -> workload.launchedCount() >= launchedAfterReturn + 5);

        workload.stopLaunching();
        workload.runUntil("every task to finish", TIMEOUT_MS, workload::isQuiet);
        final long digest = workload.getState(100, TIMEOUT_MS).digest();
        workload.runUntil("every member, the returned one included, to reach the digest", TIMEOUT_MS,
            () -> nodes.stream().allMatch((node) -> node.masterService().lastStateDigest() == digest));

        assertSame(leader, ClusterTesting.awaitLeader(nodes, TIMEOUT_MS));
        assertEquals(leaderTerm, leader.leadershipTermId(), "no election");
        workload.assertEveryTaskRanOnceToItsEnd();
        assertEquals(0, workload.lostRunTasks(), "the RunTask dropped on purpose was sent again: no task ended TASK_LOST");
        assertEquals(1, workload.droppedRunTaskIds().size());
        assertTrue(workload.isStarted(workload.droppedRunTaskIds().get(0)), "the master sent again the RunTask the agent never got");
        assertEquals(List.of(), workload.unexpectedErrors());
        assertEquals(List.of(), workload.agent.log.reregisteredAgentIds);
        for (final MasterNode node : nodes)
        {
            assertEquals(0, node.errorCount(), "errors of member " + node.memberId());
        }
        System.out.printf("follower loss: %d tasks, member %d caught up%n", workload.launchedCount(), followerId);
    }

    private void assertSnapshotRefusedByAFollower(final MasterNode follower, final int leaderId)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final int status = Allot.run(new String[]{ "snapshot", "--dir", follower.context().dir().toString() },
            new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(1, status);
        assertEquals("allot snapshot: the member is a FOLLOWER, and only the leader takes snapshot requests: give the " +
            "leader's directory (member " + leaderId + ")" + System.lineSeparator(), err.toString(StandardCharsets.UTF_8));
    }

    private MasterNodeContext member(final String members, final int id, final boolean cleanStart)
    {
        return ClusterTesting.member(members, id, dir, cleanStart).engineContext(new EngineContext().allocationIntervalMs(100));
    }
}

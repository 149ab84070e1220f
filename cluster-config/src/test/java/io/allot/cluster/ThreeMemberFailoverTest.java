/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.cluster;

import io.allot.codecs.sbe.TaskReason;
import io.allot.codecs.sbe.TaskState;
import io.allot.resources.ResourceNames;
import io.allot.resources.Resources;
import io.allot.resources.ResourcesParser;
import io.aeron.cluster.service.Cluster;
import org.agrona.CloseHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.allot.cluster.ClusterTesting.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Three members on loopback in one JVM: a framework and an agent run a task, the leader's whole member is closed, a
 * new leader is elected, both clients follow it by themselves, the task's end recovers its resources and they are
 * offered again; no task is lost or launched twice, and the surviving members reach the same state digest.
 */
class ThreeMemberFailoverTest
{
    private static final long TIMEOUT_MS = 15_000;
    private static final long RESEND_INTERVAL_NS = 250_000_000L;

    private final Resources agentResources = ResourcesParser.parse("cpus:2;mem:1024", new ResourceNames());
    private final List<MasterNode> nodes = new ArrayList<>();
    private ClusterTesting.Client framework;
    private ClusterTesting.Client agent;

    @TempDir
    Path dir;

    @AfterEach
    void after()
    {
        CloseHelper.closeAll(framework, agent);
        CloseHelper.closeAll(nodes);
    }

    @Test
    @Timeout(60)
    void shouldFailOverToANewLeaderWithoutLosingOrRepeatingATask()
    {
        final String members = ClusterTesting.freeMembers(3);
        final long launchNs = System.nanoTime();
        for (int id = 0; id < 3; id++)
        {
            nodes.add(MasterNode.launch(ClusterTesting.member(members, id, dir, true)));
        }
        final MasterNode leader = ClusterTesting.awaitLeader(nodes, TIMEOUT_MS);
        System.out.printf("three members: launch until LEADER %d ms (member %d)%n",
            (System.nanoTime() - launchNs) / 1_000_000, leader.memberId());
        await("every follower to know the leader", TIMEOUT_MS,
            () -> nodes.stream().allMatch((node) -> node.leaderMemberId() == leader.memberId()));

        framework = new ClusterTesting.Client(members);
        agent = new ClusterTesting.Client(members);
        assertEquals(leader.memberId(), framework.connection.leaderMemberId());
        agent.send(agent.encoder.registerAgent(1, agentResources, "host-a", "rack:r1"), TIMEOUT_MS);
        await("AgentRegistered", TIMEOUT_MS, () -> !agent.log.agentIds.isEmpty(), agent);
        framework.send(framework.encoder.subscribe(1, 0, 60_000, false, "framework-a", "*"), TIMEOUT_MS);
        await("Subscribed and an offer", TIMEOUT_MS, () -> !framework.log.offers.isEmpty(), framework);
        final long frameworkId = framework.log.frameworkIds.get(0);
        final long agentId = agent.log.agentIds.get(0);

        framework.send(framework.encoder.accept(
            frameworkId, 0, framework.log.offers.get(0).offerId(), 1, 1, agentResources, "task-1", "true"), TIMEOUT_MS);
        await("RunTask 1", TIMEOUT_MS, () -> agent.log.runTaskCount(1) > 0, agent);
        reportAndAcknowledge(frameworkId, agentId, 1, TaskState.TASK_RUNNING, 1);
        assertSameDigestOnEveryMember(nodes, 10);

        final int offersBeforeFailover = framework.log.offers.size();
        final long closeNs = System.nanoTime();
        leader.close();
        final List<MasterNode> survivors = new ArrayList<>(nodes);
        survivors.remove(leader);

        // The agent reports the task's end at once and resends it until the framework hears of it, as agents do.
        final long[] newLeaderNs = { 0 };
        final long[] lastSendNs = { 0 };
        await("TASK_FINISHED of task 1 to reach the framework through a new leader", TIMEOUT_MS, () ->
        {
            if (0 == newLeaderNs[0] && survivors.stream().anyMatch((node) -> Cluster.Role.LEADER == node.role()))
            {
                newLeaderNs[0] = System.nanoTime();
            }
            final long nowNs = System.nanoTime();
            if (nowNs - lastSendNs[0] >= RESEND_INTERVAL_NS)
            {
                lastSendNs[0] = nowNs;
                agent.trySend(agent.encoder.statusUpdate(
                    agentId, frameworkId, 1, TaskState.TASK_FINISHED, TaskReason.NONE, 0, 2, 0, ""));
            }
            return framework.log.updateCount(1, TaskState.TASK_FINISHED) > 0;
        }, framework, agent);
        framework.send(framework.encoder.acknowledge(frameworkId, agentId, 1, 0, 2), TIMEOUT_MS);
        await("the re-offer after the failover", TIMEOUT_MS, () -> framework.log.offers.size() > offersBeforeFailover, framework, agent);
        final long offerNs = framework.log.offers.get(offersBeforeFailover).receivedNs();
        final MasterNode newLeader = ClusterTesting.awaitLeader(survivors, TIMEOUT_MS, framework, agent);
        if (0 == newLeaderNs[0])
        {
            newLeaderNs[0] = System.nanoTime();
        }
        System.out.printf("three members: leader %d closed; member %d LEADER after %d ms, first offer after %d ms " +
            "(heartbeat timeout %d ms)%n", leader.memberId(), newLeader.memberId(), (newLeaderNs[0] - closeNs) / 1_000_000,
            (offerNs - closeNs) / 1_000_000, newLeader.context().leaderHeartbeatTimeoutNs() / 1_000_000);
        assertNotEquals(leader.memberId(), newLeader.memberId());
        assertEquals(newLeader.memberId(), framework.connection.leaderMemberId());
        assertEquals(newLeader.memberId(), agent.connection.leaderMemberId());
        assertTrue(framework.connection.newLeaderCount() >= 1);

        final EgressLog.Offer reOffer = framework.log.offers.get(framework.log.offers.size() - 1);
        assertEquals(agentId, reOffer.agentId());
        framework.send(framework.encoder.accept(frameworkId, 0, reOffer.offerId(), 2, 1, agentResources, "task-2", "true"), TIMEOUT_MS);
        await("RunTask 2", TIMEOUT_MS, () -> agent.log.runTaskCount(2) > 0, agent);
        reportAndAcknowledge(frameworkId, agentId, 2, TaskState.TASK_RUNNING, 3);

        await("the acknowledgement of TASK_FINISHED of task 1", TIMEOUT_MS, () -> agent.log.hasAck(1, 2), framework, agent);
        assertEquals(1, agent.log.runTaskCount(1), "task 1 launched once");
        assertEquals(1, agent.log.runTaskCount(2), "task 2 launched once");
        assertEquals(List.of(), framework.log.errors);
        assertSameDigestOnEveryMember(survivors, 11);
        for (final MasterNode node : survivors)
        {
            System.out.printf("three members: member %d errors %d, warnings %d, egress dropped %d%n",
                node.memberId(), node.errorCount(), node.warningCount(), node.masterService().egressDropped());
            assertEquals(0, node.errorCount(), "errors of member " + node.memberId());
        }
    }

    private void reportAndAcknowledge(
        final long frameworkId, final long agentId, final long taskId, final TaskState state, final long uuid)
    {
        agent.send(agent.encoder.statusUpdate(agentId, frameworkId, taskId, state, TaskReason.NONE, 0, uuid, 0, ""), TIMEOUT_MS);
        await(state + " of task " + taskId, TIMEOUT_MS, () -> framework.log.updateCount(taskId, state) > 0, framework);
        framework.send(framework.encoder.acknowledge(frameworkId, agentId, taskId, 0, uuid), TIMEOUT_MS);
        await("the acknowledgement of " + state + " of task " + taskId, TIMEOUT_MS, () -> agent.log.hasAck(taskId, uuid), agent);
    }

    /**
     * GetState through the framework's session; every live member computes the digest at the same log position.
     */
    private void assertSameDigestOnEveryMember(final List<MasterNode> members, final long correlationId)
    {
        final int statesBefore = framework.log.states.size();
        framework.send(framework.encoder.getState(correlationId), TIMEOUT_MS);
        await("the state " + correlationId, TIMEOUT_MS, () -> framework.log.states.size() > statesBefore, framework, agent);
        final long digest = framework.log.states.get(statesBefore).digest();
        await("every member to apply GetState " + correlationId, TIMEOUT_MS,
            () -> members.stream().allMatch((node) -> node.masterService().lastStateDigest() == digest), framework, agent);
    }
}

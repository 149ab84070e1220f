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
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.allot.cluster.ClusterTesting.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The embedded single member: a framework and an agent (separate sessions) run a task through the replicated master;
 * the member restarted from its snapshot and log replays to the same state digest, and the framework and agent carry
 * on after reconnecting.
 */
class SingleMemberTest
{
    private static final long TIMEOUT_MS = 10_000;

    private final Resources agentResources = ResourcesParser.parse("cpus:2;mem:1024", new ResourceNames());
    private MasterNode node;
    private ClusterTesting.Client framework;
    private ClusterTesting.Client agent;

    @TempDir
    Path dir;

    @AfterEach
    void after()
    {
        CloseHelper.closeAll(framework, agent, node);
    }

    @Test
    @Timeout(60)
    void shouldRunATaskAndRecoverTheSameStateAfterARestart()
    {
        final String members = ClusterTesting.freeMembers(1);
        node = MasterNode.launch(ClusterTesting.member(members, 0, dir, true));
        ClusterTesting.awaitLeader(List.of(node), TIMEOUT_MS);
        assertEquals(0, node.leaderMemberId());

        framework = new ClusterTesting.Client(members);
        agent = new ClusterTesting.Client(members);
        final long[] ids = subscribeAndRegister();
        final long frameworkId = ids[0];
        final long agentId = ids[1];

        runTask(frameworkId, agentId, 1, 1, 2);
        assertEquals(List.of(), framework.log.errors);
        assertEquals(List.of(), agent.log.errors);

        final EgressLog.State before = getState(10);
        assertEquals(before.digest(), node.masterService().lastStateDigest());
        assertEquals(1, node.takeSnapshot(TIMEOUT_MS, TimeUnit.MILLISECONDS));
        final EgressLog.State afterSnapshot = getState(11);
        assertTrue(afterSnapshot.sameBody(before), "the state changed between two GetStates");

        node.close();
        final long restartNs = System.nanoTime();
        node = MasterNode.launch(ClusterTesting.member(members, 0, dir, false));
        ClusterTesting.awaitLeader(List.of(node), TIMEOUT_MS);
        System.out.printf("single member: restart until LEADER %d ms%n", (System.nanoTime() - restartNs) / 1_000_000);
        await("the restarted member to replay the GetState after its snapshot", TIMEOUT_MS,
            () -> node.masterService().lastStateDigest() == afterSnapshot.digest());

        // Aeron closes every client session when a cluster starts from its files (as it would after a crash), so
        // the framework fails over to a new session with its id and the agent re-registers.
        final long lastOfferId = framework.log.offers.get(framework.log.offers.size() - 1).offerId();
        CloseHelper.closeAll(framework, agent);
        framework = new ClusterTesting.Client(members);
        agent = new ClusterTesting.Client(members);
        agent.send(agent.encoder.reregisterAgent(
            agentId, 2, agentResources, new long[0], new long[0], new Resources[0], 0, "host-a", "rack:r1"), TIMEOUT_MS);
        framework.send(framework.encoder.subscribe(2, frameworkId, 60_000, false, "framework-a", "*"), TIMEOUT_MS);
        await("the offer after the reconnection", TIMEOUT_MS, () -> !framework.log.offers.isEmpty(), framework, agent);
        await("AgentReregistered", TIMEOUT_MS, () -> !agent.log.reregisteredAgentIds.isEmpty(), agent);
        System.out.printf("single member: first offer %d ms after the restart began%n", (System.nanoTime() - restartNs) / 1_000_000);
        assertEquals(List.of(frameworkId), framework.log.frameworkIds);
        assertEquals(List.of(agentId), agent.log.reregisteredAgentIds);
        assertTrue(framework.log.offers.get(0).offerId() > lastOfferId, "offer ids continue after the restart");

        runTask(frameworkId, agentId, 2, 3, 4);
        final EgressLog.State restarted = getState(12);
        assertEquals(restarted.digest(), node.masterService().lastStateDigest());
        assertEquals(List.of(), framework.log.errors);
        assertEquals(List.of(), agent.log.errors);
        assertEquals(0, node.errorCount());
    }

    private long[] subscribeAndRegister()
    {
        agent.send(agent.encoder.registerAgent(1, agentResources, "host-a", "rack:r1"), TIMEOUT_MS);
        await("AgentRegistered", TIMEOUT_MS, () -> !agent.log.agentIds.isEmpty(), agent);
        framework.send(framework.encoder.subscribe(1, 0, 60_000, false, "framework-a", "*"), TIMEOUT_MS);
        await("Subscribed and an offer", TIMEOUT_MS, () -> !framework.log.offers.isEmpty(), framework);
        assertEquals(1, framework.log.frameworkIds.size());

        return new long[]{ framework.log.frameworkIds.get(0), agent.log.agentIds.get(0) };
    }

    /**
     * Accept the latest offer with one task using the whole agent, run it to TASK_FINISHED with acknowledgements,
     * and wait for the re-offer.
     */
    private void runTask(final long frameworkId, final long agentId, final long taskId, final long runningUuid, final long finishedUuid)
    {
        final List<EgressLog.Offer> offers = framework.log.offers;
        final int offersBefore = offers.size();
        final EgressLog.Offer offer = offers.get(offersBefore - 1);
        assertEquals(agentId, offer.agentId());

        framework.send(framework.encoder.accept(frameworkId, 0, offer.offerId(), taskId, 1, agentResources, "task", "true"), TIMEOUT_MS);
        await("RunTask " + taskId, TIMEOUT_MS, () -> agent.log.runTaskCount(taskId) > 0, agent);
        report(frameworkId, agentId, taskId, TaskState.TASK_RUNNING, runningUuid);
        report(frameworkId, agentId, taskId, TaskState.TASK_FINISHED, finishedUuid);
        await("the re-offer after task " + taskId, TIMEOUT_MS, () -> offers.size() > offersBefore, framework, agent);

        assertEquals(1, agent.log.runTaskCount(taskId));
        assertEquals(agentId, offers.get(offers.size() - 1).agentId());
    }

    private void report(final long frameworkId, final long agentId, final long taskId, final TaskState state, final long uuid)
    {
        agent.send(agent.encoder.statusUpdate(agentId, frameworkId, taskId, state, TaskReason.NONE, 0, uuid, 0, ""), TIMEOUT_MS);
        await(state + " of task " + taskId, TIMEOUT_MS, () -> framework.log.updateCount(taskId, state) > 0, framework);
        framework.send(framework.encoder.acknowledge(frameworkId, agentId, taskId, 0, uuid), TIMEOUT_MS);
        await("the acknowledgement of " + state + " of task " + taskId, TIMEOUT_MS, () -> agent.log.hasAck(taskId, uuid), agent);
    }

    private EgressLog.State getState(final long correlationId)
    {
        final int statesBefore = framework.log.states.size();
        framework.send(framework.encoder.getState(correlationId), TIMEOUT_MS);
        await("the state " + correlationId, TIMEOUT_MS, () -> framework.log.states.size() > statesBefore, framework);
        final EgressLog.State state = framework.log.states.get(statesBefore);
        assertTrue(state.records().size() >= 2, "SnapshotBegin and SnapshotEnd at least");
        assertEquals(Cluster.Role.LEADER, node.role());

        return state;
    }
}

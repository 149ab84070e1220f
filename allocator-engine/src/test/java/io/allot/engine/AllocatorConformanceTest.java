/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.engine;

import io.allot.codecs.sbe.TaskReason;
import io.allot.codecs.sbe.TaskState;
import io.allot.codecs.sbe.UpdateSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;

import static io.allot.engine.EngineHarness.task;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Allocation behaviour in the manner of Mesos's {@code hierarchical_allocator_tests.cpp} that every sorter must
 * show: the same tests run against DRF and the random baseline.
 */
abstract class AllocatorConformanceTest
{
    static final long FW1 = 101;
    static final long FW2 = 102;

    final EngineHarness h = new EngineHarness(new EngineContext().roleSorter(sorter()).frameworkSorter(sorter()).seed(42));

    abstract String sorter();

    @Test
    void shouldOfferAllFreeResourcesOfAnAgentToTheOnlyFramework()
    {
        final long agent = h.addAgent("cpus:2;mem:1024;disk:4096;ports:[31000-32000]");
        final long fw = h.subscribe(FW1, "*");

        final RecordingOutput.Offer offer = h.lastOffer(fw);
        assertNotNull(offer);
        assertEquals(agent, offer.agentId());
        assertEquals("cpus:2;mem:1024;disk:4096;ports:[31000-32000]", offer.resources());
        assertEquals(FW1, offer.session());
    }

    @Test
    void shouldGiveOfferIdsThatAreUniqueAndMonotonic()
    {
        for (int i = 0; i < 5; i++)
        {
            h.addAgent("cpus:1;mem:256");
        }
        h.subscribe(FW1, "*");
        final List<RecordingOutput.Offer> offers = h.out.all(RecordingOutput.Offer.class);
        assertEquals(5, offers.size());
        for (int i = 1; i < offers.size(); i++)
        {
            assertTrue(offers.get(i).offerId() > offers.get(i - 1).offerId());
        }
    }

    @Test
    void shouldHoldADeclineFilterForItsDurationAndThenReoffer()
    {
        h.addAgent("cpus:2;mem:1024");
        final long fw = h.subscribe(FW1, "*");
        final long offerId = h.lastOffer(fw).offerId();
        h.out.clear();

        h.decline(FW1, fw, 5_000, offerId);
        assertNull(h.lastOffer(fw));
        h.advance(4_000);
        assertNull(h.lastOffer(fw), "filtered for 5 s");
        h.advance(1_000);
        assertNotNull(h.lastOffer(fw), "offered again when the filter expires");
    }

    @Test
    void shouldUseFiveSecondsWhenTheRefusalIsNegative()
    {
        h.addAgent("cpus:2;mem:1024");
        final long fw = h.subscribe(FW1, "*");
        h.decline(FW1, fw, -1, h.lastOffer(fw).offerId());
        h.out.clear();
        h.advance(4_999);
        assertNull(h.lastOffer(fw));
        h.advance(1_001);
        assertNotNull(h.lastOffer(fw));
    }

    @Test
    void shouldReofferAfterAZeroSecondRefusalAtTheNextAllocationPassOnly()
    {
        h.addAgent("cpus:2;mem:1024");
        final long fw = h.subscribe(FW1, "*");
        h.decline(FW1, fw, 0, h.lastOffer(fw).offerId());
        h.out.clear();
        assertNull(h.lastOffer(fw), "not in the same instant");
        h.advance(1_000);
        assertNotNull(h.lastOffer(fw));
    }

    @Test
    void shouldOfferResourcesAFrameworkRefusedToAnotherFramework()
    {
        final long agent = h.addAgent("cpus:2;mem:1024");
        final long fw1 = h.subscribe(FW1, "*");
        final long fw2 = h.subscribe(FW2, "*");
        h.decline(FW1, fw1, 60_000, h.lastOffer(fw1).offerId());
        assertEquals(agent, h.lastOffer(fw2).agentId());
    }

    @Test
    void shouldOfferMoreThanWasRefusedDespiteAFilter()
    {
        final long agent = h.addAgent("cpus:4;mem:4096");
        final long fw = h.subscribe(FW1, "*");
        h.accept(FW1, fw, new long[]{ h.lastOffer(fw).offerId() }, 60_000, task(1, "cpus:2;mem:2048"));
        h.out.clear();
        final long uuid = h.statusUpdate(agent, fw, 1, TaskState.TASK_FINISHED);
        final RecordingOutput.Offer offer = h.lastOffer(fw);
        assertNotNull(offer, "the agent's free resources now exceed what was refused");
        assertEquals("cpus:4;mem:4096", offer.resources());
        assertTrue(uuid > 0);
    }

    @Test
    void shouldClearFiltersOnRevive()
    {
        h.addAgent("cpus:2;mem:1024");
        final long fw = h.subscribe(FW1, "*");
        h.decline(FW1, fw, 3_600_000, h.lastOffer(fw).offerId());
        h.out.clear();
        h.revive(FW1, fw);
        assertNotNull(h.lastOffer(fw));
    }

    @Test
    void shouldStopOffersWhileSuppressedAndResumeOnRevive()
    {
        h.addAgent("cpus:2;mem:1024");
        final long fw = h.subscribe(FW1, "*");
        h.suppress(FW1, fw);
        h.decline(FW1, fw, 0, h.lastOffer(fw).offerId());
        h.out.clear();
        h.advance(10_000);
        assertNull(h.lastOffer(fw));
        h.revive(FW1, fw);
        assertNotNull(h.lastOffer(fw));
    }

    @Test
    void shouldNotOfferLessThanTheMinimumAllocatable()
    {
        final long tiny = h.addAgent("cpus:0.005;mem:16");
        final long fw = h.subscribe(FW1, "*");
        assertNull(h.lastOffer(fw), "below cpus:0.01|mem:32");
        final long cpuOnly = h.addAgent("cpus:0.01;mem:1");
        assertEquals(cpuOnly, h.lastOffer(fw).agentId(), "one alternative is enough");
        assertNotEquals(tiny, cpuOnly);
    }

    @Test
    void shouldRescindOffersAndLoseTasksWhenAnAgentIsRemoved()
    {
        final long a1 = h.addAgent("cpus:2;mem:1024");
        final long a2 = h.addAgent("cpus:2;mem:1024");
        final long fw = h.subscribe(FW1, "*");
        final RecordingOutput.Offer onA1 = h.out.all(RecordingOutput.Offer.class, (o) -> o.agentId() == a1).get(0);
        final RecordingOutput.Offer onA2 = h.out.all(RecordingOutput.Offer.class, (o) -> o.agentId() == a2).get(0);
        h.accept(FW1, fw, new long[]{ onA2.offerId() }, 60_000, task(7, "cpus:1;mem:512"));
        h.out.clear();

        h.removeAgent(a1);
        assertEquals(onA1.offerId(), h.out.last(RecordingOutput.Rescind.class).offerId());
        assertEquals(a1, h.out.last(RecordingOutput.Failure.class).agentId());

        h.removeAgent(a2);
        final RecordingOutput.Update lost = h.out.last(RecordingOutput.Update.class);
        assertEquals(7, lost.taskId());
        assertEquals(TaskState.TASK_LOST, lost.state());
        assertEquals(TaskReason.AGENT_REMOVED_BY_OPERATOR, lost.reason());
        assertEquals(UpdateSource.MASTER, lost.source());
        assertTrue(0 != lost.uuidMsb() || 0 != lost.uuidLsb(), "a master update needs an acknowledgement");
        assertEquals(0, h.engine.agentCount());
    }

    @ParameterizedTest
    @EnumSource(value = TaskState.class, names = {
        "TASK_FINISHED", "TASK_FAILED", "TASK_KILLED", "TASK_ERROR", "TASK_LOST", "TASK_DROPPED", "TASK_GONE",
        "TASK_GONE_BY_OPERATOR" })
    void shouldRecoverResourcesOnEveryTerminalState(final TaskState terminal)
    {
        final long agent = h.addAgent("cpus:2;mem:1024");
        final long fw = h.subscribe(FW1, "*");
        h.accept(FW1, fw, new long[]{ h.lastOffer(fw).offerId() }, 3_600_000, task(1, "cpus:2;mem:1024"));
        h.statusUpdate(agent, fw, 1, TaskState.TASK_RUNNING);
        h.out.clear();
        assertEquals(1.0, h.engine.dominantShare(fw), 1e-9);

        h.statusUpdate(agent, fw, 1, terminal);
        assertEquals("cpus:2;mem:1024", h.lastOffer(fw).resources());
    }

    @Test
    void shouldNotRecoverResourcesOnANonTerminalState()
    {
        final long agent = h.addAgent("cpus:2;mem:1024");
        final long fw = h.subscribe(FW1, "*");
        h.accept(FW1, fw, new long[]{ h.lastOffer(fw).offerId() }, 0, task(1, "cpus:2;mem:1024"));
        h.out.clear();
        h.statusUpdate(agent, fw, 1, TaskState.TASK_RUNNING);
        h.advance(5_000);
        assertNull(h.lastOffer(fw));
    }

    @Test
    void shouldForwardStatusUpdatesUntilAcknowledgedAndPassTheAckToTheAgent()
    {
        final long agent = h.addAgent("cpus:2;mem:1024");
        final long fw = h.subscribe(FW1, "*");
        h.accept(FW1, fw, new long[]{ h.lastOffer(fw).offerId() }, 0, task(1, "cpus:1;mem:128"));
        assertEquals(1, h.out.all(RecordingOutput.RunTask.class).size());

        final long uuid = h.statusUpdate(agent, fw, 1, TaskState.TASK_RUNNING);
        h.statusUpdate(agent, fw, 1, TaskState.TASK_RUNNING, uuid);
        final List<RecordingOutput.Update> updates = h.out.all(RecordingOutput.Update.class);
        assertEquals(2, updates.size(), "a resent update is forwarded again");
        assertEquals(UpdateSource.AGENT, updates.get(0).source());
        assertEquals(uuid, updates.get(0).uuidLsb());

        h.acknowledge(FW1, fw, agent, 1, 7, uuid);
        final RecordingOutput.StatusUpdateAck ack = h.out.last(RecordingOutput.StatusUpdateAck.class);
        assertNotNull(ack);
        assertEquals(EngineHarness.AGENTS, ack.session());
        assertEquals(uuid, ack.uuidLsb());

        final long finished = h.statusUpdate(agent, fw, 1, TaskState.TASK_FINISHED);
        assertEquals(1, h.engine.taskCount(), "kept until the terminal update is acknowledged");
        h.acknowledge(FW1, fw, agent, 1, 7, finished);
        assertEquals(0, h.engine.taskCount());
    }

    @Test
    void shouldKeepTasksWhileAFrameworkFailsOverWithinItsTimeout()
    {
        final long agent = h.addAgent("cpus:2;mem:1024");
        final long fw = h.subscribe(FW1, 0, "*", 10_000, false);
        h.accept(FW1, fw, new long[]{ h.lastOffer(fw).offerId() }, 0, task(1, "cpus:1;mem:128"));
        h.statusUpdate(agent, fw, 1, TaskState.TASK_RUNNING);

        h.engine.onSessionClosed(FW1, h.now);
        h.advance(9_000);
        assertTrue(h.out.all(RecordingOutput.ShutdownFramework.class).isEmpty());
        h.out.clear();

        assertEquals(fw, h.subscribe(FW2, fw, "*", 10_000, false));
        final RecordingOutput.Update resent = h.out.last(RecordingOutput.Update.class);
        assertEquals(FW2, resent.session(), "the unacknowledged update is resent on the new session");
        h.reconcile(FW2, fw);
        assertEquals(TaskState.TASK_RUNNING, h.out.last(RecordingOutput.Update.class).state());
        assertEquals(1, h.engine.taskCount());
    }

    @Test
    void shouldKillTasksWhenTheFailoverTimeoutExpires()
    {
        final long agent = h.addAgent("cpus:2;mem:1024");
        final long fw = h.subscribe(FW1, 0, "*", 10_000, false);
        h.accept(FW1, fw, new long[]{ h.lastOffer(fw).offerId() }, 0, task(1, "cpus:1;mem:128"));
        h.engine.onSessionClosed(FW1, h.now);
        h.advance(11_000);

        final RecordingOutput.ShutdownFramework shutdown = h.out.last(RecordingOutput.ShutdownFramework.class);
        assertNotNull(shutdown);
        assertEquals(agent, shutdown.agentId());
        assertEquals(0, h.engine.taskCount());
        assertEquals(0, h.engine.frameworkCount());

        final long other = h.subscribe(FW2, "*");
        assertEquals("cpus:2;mem:1024", h.lastOffer(other).resources(), "every resource came back");
        assertEquals(-1, h.subscribe(FW1, fw, "*", 0, false), "a removed framework cannot fail over");
    }

    @Test
    void shouldRemoveAFrameworkWithoutFailoverTimeoutAtOnceOnDisconnection()
    {
        h.addAgent("cpus:2;mem:1024");
        final long fw = h.subscribe(FW1, "*");
        h.engine.onSessionClosed(FW1, h.now);
        assertEquals(0, h.engine.frameworkCount());
        assertTrue(Double.isNaN(h.engine.dominantShare(fw)));
    }

    @Test
    void shouldLoseAnAgentThatMissesItsPings()
    {
        final long silent = h.addAgent("cpus:2;mem:1024");
        final long healthy = h.addAgent("cpus:2;mem:1024");
        final long fw = h.subscribe(FW1, 0, "*", 0, true);
        final RecordingOutput.Offer onSilent = h.out.all(RecordingOutput.Offer.class, (o) -> o.agentId() == silent).get(0);
        h.accept(FW1, fw, new long[]{ onSilent.offerId() }, 0, task(3, "cpus:1;mem:128"));

        for (int i = 0; i < 6; i++)
        {
            h.advance(15_000);
            for (final RecordingOutput.Ping ping : h.out.all(RecordingOutput.Ping.class, (p) -> p.agentId() == healthy))
            {
                h.pong(healthy, ping.sequence());
            }
        }
        assertEquals(1, h.engine.agentCount(), "only the agent that answered is left");
        final RecordingOutput.Update unreachable = h.out.last(RecordingOutput.Update.class);
        assertEquals(TaskState.TASK_UNREACHABLE, unreachable.state(), "partition-aware framework");
        assertEquals(TaskReason.AGENT_UNREACHABLE, unreachable.reason());
        assertEquals(silent, h.out.last(RecordingOutput.Failure.class).agentId());
    }

    @Test
    void shouldRescindAnOfferAfterTheOfferTimeout()
    {
        final EngineHarness timed = new EngineHarness(new EngineContext().offerTimeoutMs(3_000));
        timed.addAgent("cpus:2;mem:1024");
        final long fw = timed.subscribe(FW1, "*");
        final long offerId = timed.lastOffer(fw).offerId();
        timed.advance(2_000);
        assertNull(timed.out.last(RecordingOutput.Rescind.class));
        timed.advance(1_000);
        assertEquals(offerId, timed.out.last(RecordingOutput.Rescind.class).offerId());
    }

    @Test
    void shouldResendTheLaunchOfATaskStillStagingAfterAPassInterval()
    {
        final long agent = h.addAgent("cpus:2;mem:1024");
        final long fw = h.subscribe(FW1, "*");
        h.accept(FW1, fw, new long[]{ h.lastOffer(fw).offerId() }, 0, task(1, "cpus:1;mem:128"), task(2, "cpus:1;mem:128"));
        assertEquals(2, h.out.all(RecordingOutput.RunTask.class).size());
        h.statusUpdate(agent, fw, 2, TaskState.TASK_RUNNING);
        h.out.clear();

        h.advance(2_000);
        final List<RecordingOutput.RunTask> resent = h.out.all(RecordingOutput.RunTask.class);
        assertFalse(resent.isEmpty(), "the launch whose answer never came is sent again");
        assertTrue(resent.stream().allMatch((run) -> 1 == run.taskId() && agent == run.agentId()), resent.toString());
        assertEquals("cpus:1;mem:128", resent.get(0).resources());
        assertTrue(h.engine.runTasksResent() > 0);

        h.statusUpdate(agent, fw, 1, TaskState.TASK_RUNNING);
        h.out.clear();
        h.advance(3_000);
        assertTrue(h.out.all(RecordingOutput.RunTask.class).isEmpty(), "a running task is not launched again");
    }

    @Test
    void shouldReconcileExplicitlyAndImplicitly()
    {
        final long agent = h.addAgent("cpus:2;mem:1024");
        final long fw = h.subscribe(FW1, "*");
        h.accept(FW1, fw, new long[]{ h.lastOffer(fw).offerId() }, 0, task(1, "cpus:1;mem:128"), task(2, "cpus:1;mem:128"));
        h.statusUpdate(agent, fw, 2, TaskState.TASK_RUNNING);
        h.out.clear();

        h.reconcile(FW1, fw, 2, 99);
        final List<RecordingOutput.Update> explicit = h.out.all(RecordingOutput.Update.class);
        assertEquals(TaskState.TASK_RUNNING, explicit.get(0).state());
        assertEquals(TaskReason.RECONCILIATION, explicit.get(0).reason());
        assertEquals(TaskState.TASK_LOST, explicit.get(1).state(), "unknown task, not partition-aware");
        assertEquals(0, explicit.get(1).uuidLsb());
        h.out.clear();

        h.reconcile(FW1, fw);
        final List<RecordingOutput.Update> implicit = h.out.all(RecordingOutput.Update.class);
        assertEquals(2, implicit.size());
        assertEquals(TaskState.TASK_STAGING, implicit.get(0).state());
        assertEquals(TaskState.TASK_RUNNING, implicit.get(1).state());
    }

    @Test
    void shouldKillAKnownTaskThroughItsAgent()
    {
        final long agent = h.addAgent("cpus:2;mem:1024");
        final long fw = h.subscribe(FW1, "*");
        h.accept(FW1, fw, new long[]{ h.lastOffer(fw).offerId() }, 0, task(5, "cpus:1;mem:128"));
        h.kill(FW1, fw, 5);
        final RecordingOutput.KillTask kill = h.out.last(RecordingOutput.KillTask.class);
        assertEquals(agent, kill.agentId());
        assertEquals(5, kill.taskId());
    }

    @Test
    void shouldStopOfferingADeactivatedAgentUntilReactivated()
    {
        final long agent = h.addAgent("cpus:2;mem:1024");
        final long fw = h.subscribe(FW1, "*");
        final long offerId = h.lastOffer(fw).offerId();
        h.deactivateAgent(agent);
        assertEquals(offerId, h.out.last(RecordingOutput.Rescind.class).offerId());
        h.out.clear();
        h.advance(2_000);
        assertNull(h.lastOffer(fw));
        h.reactivateAgent(agent);
        assertNotNull(h.lastOffer(fw));
    }

    @Test
    void shouldUpdateAnAgentsTotalResources()
    {
        final long agent = h.addAgent("cpus:2;mem:1024");
        final long fw = h.subscribe(FW1, "*");
        h.out.clear();
        h.updateAgent(agent, "cpus:8;mem:4096");
        assertEquals("cpus:8;mem:4096", h.lastOffer(fw).resources());
    }

    @Test
    void shouldTellTheOldSessionWhenAFrameworkFailsOverWhileConnected()
    {
        h.addAgent("cpus:2;mem:1024");
        final long fw = h.subscribe(FW1, 0, "*", 60_000, false);
        final long firstOffer = h.lastOffer(fw).offerId();
        h.out.clear();
        assertEquals(fw, h.subscribe(FW2, fw, "*", 60_000, false));
        final RecordingOutput.Error error = h.out.last(RecordingOutput.Error.class);
        assertEquals(FW1, error.session());
        assertTrue(error.message().contains("failed over"));
        final RecordingOutput.Offer offer = h.lastOffer(fw);
        assertEquals(FW2, offer.session(), "offers move to the new session");
        assertTrue(offer.offerId() > firstOffer, "the old offer is gone");
    }

    @Test
    void shouldShutDownTheFrameworkOnAgentsHoldingItsUnacknowledgedUpdates()
    {
        final long agent = h.addAgent("cpus:2;mem:1024");
        final long fw = h.subscribe(FW1, 0, "*", 5_000, false);
        h.accept(FW1, fw, new long[]{ h.lastOffer(fw).offerId() }, 0, task(1, "cpus:1;mem:128"));
        h.closeSession(FW1);
        h.statusUpdate(agent, fw, 1, TaskState.TASK_FINISHED);
        h.advance(6_000);
        final RecordingOutput.ShutdownFramework shutdown = h.out.last(RecordingOutput.ShutdownFramework.class);
        assertNotNull(shutdown, "the agent must stop resending the finished task's update");
        assertEquals(agent, shutdown.agentId());
        assertEquals(0, h.engine.taskCount());
    }

    @Test
    void shouldAcknowledgeAgainATerminalUpdateOfATaskAlreadyForgotten()
    {
        final long agent = h.addAgent("cpus:2;mem:1024");
        final long fw = h.subscribe(FW1, "*");
        h.accept(FW1, fw, new long[]{ h.lastOffer(fw).offerId() }, 0, task(1, "cpus:1;mem:128"));
        final long finished = h.statusUpdate(agent, fw, 1, TaskState.TASK_FINISHED);
        h.acknowledge(FW1, fw, agent, 1, 7, finished);
        assertEquals(0, h.engine.taskCount());
        h.out.clear();

        h.statusUpdate(agent, fw, 1, TaskState.TASK_FINISHED, finished);
        final RecordingOutput.StatusUpdateAck ack = h.out.last(RecordingOutput.StatusUpdateAck.class);
        assertNotNull(ack, "the agent must stop resending an update whose acknowledgement it missed");
        assertEquals(finished, ack.uuidLsb());
        assertNull(h.out.last(RecordingOutput.Error.class));
        assertNull(h.out.last(RecordingOutput.Update.class), "nothing is forwarded to the framework again");
    }
}

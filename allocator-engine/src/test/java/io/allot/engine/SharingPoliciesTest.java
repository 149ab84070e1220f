/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.engine;

import io.allot.codecs.sbe.ErrorCode;
import io.allot.codecs.sbe.TaskReason;
import io.allot.codecs.sbe.TaskState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;

import static io.allot.engine.EngineHarness.task;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Roles and weights, guarantees with revocation, and lottery placement.
 */
@Timeout(60)
class SharingPoliciesTest
{
    private static final long BATCH = 101;
    private static final long PROD = 102;
    private static final long OTHER = 103;

    private final EngineHarness h = new EngineHarness(new EngineContext().seed(1));

    private long offersTo(final long frameworkId)
    {
        return h.out.all(RecordingOutput.Offer.class, (o) -> o.frameworkId() == frameworkId).size();
    }

    @Test
    void shouldConvergeWeightedSharesToTheWeights()
    {
        h.updateWeight("gold", 3.0);
        final long gold = h.subscribe(BATCH, "gold");
        final long silver = h.subscribe(PROD, "silver");
        for (int i = 0; i < 40; i++)
        {
            h.addAgent("cpus:1;mem:1024");
        }
        assertEquals(30, offersTo(gold));
        assertEquals(10, offersTo(silver));
        assertEquals(h.engine.roleShare("gold"), h.engine.roleShare("silver"), 1e-9, "weighted shares are equal");
    }

    @Test
    void shouldApplyAWeightChangeToLaterAllocations()
    {
        final long a = h.subscribe(BATCH, "a");
        final long b = h.subscribe(PROD, "b");
        for (int i = 0; i < 10; i++)
        {
            h.addAgent("cpus:1;mem:1024");
        }
        assertEquals(5, offersTo(a));
        h.updateWeight("b", 4.0);
        h.out.clear();
        for (int i = 0; i < 15; i++)
        {
            h.addAgent("cpus:1;mem:1024");
        }
        assertEquals(0, offersTo(a), "a holds 5 of 25; b with weight 4 catches up to 20 first");
        assertEquals(15, offersTo(b));
    }

    @Test
    void shouldServeARoleBelowItsGuaranteeFirst()
    {
        h.addAgent("cpus:2;mem:2048");
        h.updateQuota("prod", "cpus:4", true);
        final long batch = h.subscribe(BATCH, "batch");
        final long prod = h.subscribe(PROD, "prod");
        assertEquals(1, offersTo(batch), "the first agent went before prod arrived");
        h.addAgent("cpus:2;mem:2048");
        h.addAgent("cpus:2;mem:2048");
        h.addAgent("cpus:2;mem:2048");
        assertEquals(2, offersTo(prod), "prod's guarantee of 4 cpus is served before DRF");
        assertEquals(2, offersTo(batch));
    }

    @Test
    void shouldSetResourcesAsideForAGuaranteeWhileTheRoleWantsThem()
    {
        h.addAgent("cpus:2;mem:2048");
        h.addAgent("cpus:2;mem:2048");
        h.updateQuota("prod", "cpus:4", false);
        final long prod = h.subscribe(PROD, "prod");
        for (final RecordingOutput.Offer offer : h.out.all(RecordingOutput.Offer.class))
        {
            h.decline(PROD, prod, 30_000, offer.offerId());
        }
        final long batch = h.subscribe(BATCH, "batch");
        h.advance(5_000);
        assertEquals(0, offersTo(batch), "what prod's guarantee needs is not offered to another role");

        h.suppress(PROD, prod);
        assertEquals(2, offersTo(batch), "once prod wants nothing, the resources are free for others");
    }

    private long fillClusterWithBatch(final int agents)
    {
        final long batch = h.subscribe(BATCH, "batch");
        long taskId = 1;
        for (int i = 0; i < agents; i++)
        {
            final long agent = h.addAgent("cpus:2;mem:2048");
            final RecordingOutput.Offer offer = h.lastOffer(batch);
            h.accept(BATCH, batch, new long[]{ offer.offerId() }, -1, task(taskId, "cpus:1;mem:1024"), task(taskId + 1, "cpus:1;mem:1024"));
            h.statusUpdate(agent, batch, taskId, TaskState.TASK_RUNNING);
            h.statusUpdate(agent, batch, taskId + 1, TaskState.TASK_RUNNING);
            taskId += 2;
        }
        return batch;
    }

    @Test
    void shouldRevokeTheNewestTasksOfARoleAboveItsGuaranteeAfterTheGracePeriod()
    {
        final long batch = fillClusterWithBatch(4);
        h.updateQuota("prod", "cpus:3;mem:3072", false);
        final long prod = h.subscribe(PROD, "prod");
        assertEquals(0, offersTo(prod), "the cluster is full");
        h.out.clear();

        h.advance(1_000);
        final RecordingOutput.Revocation revocation = h.out.last(RecordingOutput.Revocation.class);
        assertNotNull(revocation, "prod is below its guarantee with demand and nothing is free");
        assertEquals(batch, revocation.frameworkId());
        assertEquals(List.of(8L, 7L, 6L), revocation.taskIds(), "most recently launched first, just enough for 3 cpus");
        assertEquals(h.now + 5_000, revocation.deadlineMs());
        assertTrue(h.out.all(RecordingOutput.KillTask.class).isEmpty(), "nothing is killed before the deadline");

        h.advance(4_000);
        assertTrue(h.out.all(RecordingOutput.KillTask.class).isEmpty());
        h.advance(1_000);
        final List<RecordingOutput.KillTask> kills = h.out.all(RecordingOutput.KillTask.class);
        assertEquals(3, kills.size());
        for (final RecordingOutput.KillTask kill : kills)
        {
            h.statusUpdate(kill.agentId(), batch, kill.taskId(), TaskState.TASK_KILLED);
            assertEquals(TaskReason.REVOKED, h.out.last(RecordingOutput.Update.class).reason());
        }
        long prodCpus = 0;
        for (final RecordingOutput.Offer offer : h.out.all(RecordingOutput.Offer.class, (o) -> o.frameworkId() == prod))
        {
            prodCpus += h.resources(offer.resources()).scalar(0);
        }
        assertEquals(3_000, prodCpus, "the freed resources went to the starved role");
    }

    @Test
    void shouldNotRevokeWhenTheRevokedTasksEndBeforeTheDeadline()
    {
        final long batch = fillClusterWithBatch(2);
        h.updateQuota("prod", "cpus:1", false);
        h.subscribe(PROD, "prod");
        h.advance(1_000);
        final RecordingOutput.Revocation revocation = h.out.last(RecordingOutput.Revocation.class);
        assertEquals(List.of(4L), revocation.taskIds());
        final long agent = h.out.all(RecordingOutput.RunTask.class, (r) -> r.taskId() == 4).get(0).agentId();
        h.statusUpdate(agent, batch, 4, TaskState.TASK_FINISHED);
        h.out.clear();
        h.advance(10_000);
        assertTrue(h.out.all(RecordingOutput.KillTask.class).isEmpty());
        assertTrue(h.out.all(RecordingOutput.Revocation.class).isEmpty(), "the guarantee is met, nothing more is revoked");
    }

    @Test
    void shouldNeverRevokeARoleAtOrBelowItsGuarantee()
    {
        h.updateQuota("steady", "cpus:4;mem:4096", true);
        final long steady = h.subscribe(OTHER, "steady");
        long taskId = 100;
        for (int i = 0; i < 2; i++)
        {
            final long agent = h.addAgent("cpus:2;mem:2048");
            h.accept(OTHER, steady, new long[]{ h.lastOffer(steady).offerId() }, -1, task(taskId, "cpus:2;mem:2048"));
            h.statusUpdate(agent, steady, taskId++, TaskState.TASK_RUNNING);
        }
        final long batch = fillClusterWithBatch(2);
        h.updateQuota("prod", "cpus:4;mem:4096", false);
        h.subscribe(PROD, "prod");
        h.advance(1_000);
        final List<RecordingOutput.Revocation> revocations = h.out.all(RecordingOutput.Revocation.class);
        assertEquals(1, revocations.size());
        assertEquals(batch, revocations.get(0).frameworkId(), "only the role above its guarantee gives up tasks");
        assertEquals(4, revocations.get(0).taskIds().size());
        h.advance(30_000);
        assertTrue(h.out.all(RecordingOutput.Revocation.class, (r) -> r.frameworkId() == steady).isEmpty());
    }

    @Test
    void shouldRescindOffersOfOtherRolesBeforeRevokingTasks()
    {
        final long batch = h.subscribe(BATCH, "batch");
        h.addAgent("cpus:2;mem:2048");
        h.addAgent("cpus:2;mem:2048");
        assertEquals(2, offersTo(batch));
        h.updateQuota("prod", "cpus:2", false);
        final long prod = h.subscribe(PROD, "prod");
        h.advance(1_000);
        assertEquals(1, h.out.all(RecordingOutput.Rescind.class).size(), "one offer is enough for the guarantee");
        assertEquals(1, offersTo(prod));
        assertNull(h.out.last(RecordingOutput.Revocation.class));
    }

    @Test
    void shouldRemoveAGuarantee()
    {
        h.addAgent("cpus:2;mem:2048");
        h.updateQuota("prod", "cpus:2", false);
        final long prod = h.subscribe(PROD, "prod");
        h.decline(PROD, prod, 60_000, h.lastOffer(prod).offerId());
        final long batch = h.subscribe(BATCH, "batch");
        assertEquals(0, offersTo(batch));
        h.updateQuota("prod", "", false);
        assertEquals(1, offersTo(batch));
    }

    @Test
    void shouldRefuseBadPolicyInputWithAClearError()
    {
        h.addAgent("cpus:2;mem:2048");
        final long digest = h.engine.digest();
        h.updateWeight("web", -1);
        assertError("must be positive");
        h.updateWeight("../x", 2);
        assertError("invalid role");
        h.updateQuota("web", "fpgas:2", false);
        assertError("unknown resource 'fpgas'");
        h.updateQuota("web", "cpus:1;ports:[80-80]", false);
        assertError("ports cannot be guaranteed");
        h.updateQuota("web", "cpus:3", false);
        assertError("exceeds the cluster's total cpus of 2");
        assertEquals(digest, h.engine.digest(), "nothing changed");
        h.updateQuota("web", "cpus:3", true);
        assertTrue(h.out.last(RecordingOutput.Other.class).what().startsWith("operatorAck"), "forced");
    }

    private void assertError(final String fragment)
    {
        final RecordingOutput.Error error = h.out.last(RecordingOutput.Error.class);
        assertNotNull(error);
        assertEquals(ErrorCode.INVALID_ARGUMENT, error.code());
        assertTrue(error.message().contains(fragment), error.message());
        h.out.clear();
    }

    /**
     * Over many contested agents the lottery's split follows the tickets: weights 3:1 give 3/4 and 1/4 of the
     * agents. With n agents the count is binomial, so a seed may stray by a few standard deviations at most.
     */
    @Test
    void shouldSplitContestedAgentsByLotteryInProportionToTheTickets()
    {
        int goldTotal = 0;
        final int agents = 400;
        final int seeds = 10;
        for (int seed = 1; seed <= seeds; seed++)
        {
            final int gold = lotteryRound(seed, agents);
            final double sd = Math.sqrt(agents * 0.75 * 0.25);
            assertTrue(Math.abs(gold - 0.75 * agents) < 4.5 * sd, "seed " + seed + ": " + gold + " of " + agents);
            goldTotal += gold;
        }
        final double sdAll = Math.sqrt(seeds * agents * 0.75 * 0.25);
        assertTrue(Math.abs(goldTotal - 0.75 * seeds * agents) < 4 * sdAll, "over all seeds: " + goldTotal);
    }

    private static int lotteryRound(final long seed, final int agents)
    {
        final EngineHarness lottery = new EngineHarness(new EngineContext().seed(seed));
        lottery.updateWeight("gold", 3.0);
        final long gold = lottery.subscribe(BATCH, "gold", "rack:r1");
        lottery.subscribe(PROD, "silver", "rack:r1");
        final long plain = lottery.subscribe(OTHER, "plain");
        for (int i = 0; i < agents; i++)
        {
            lottery.addAgent("cpus:1;mem:1024", "rack:r1");
        }
        assertEquals(0, lottery.out.all(RecordingOutput.Offer.class, (o) -> o.frameworkId() == plain).size(),
            "contested agents go to the frameworks that prefer them");
        final long r2 = lottery.addAgent("cpus:1;mem:1024", "rack:r2");
        assertEquals(r2, lottery.lastOffer(plain).agentId(), "a framework without a preference gets the rest by DRF");
        return lottery.out.all(RecordingOutput.Offer.class, (o) -> o.frameworkId() == gold && o.agentId() != r2).size();
    }

    @Test
    void shouldPreferAgentsByIdOrHostname()
    {
        final long plain = h.subscribe(BATCH, "*");
        final long picky = h.subscribe(PROD, "*", "host-99,2");
        final long a1 = h.addAgent("cpus:1;mem:1024");
        assertEquals(a1, h.lastOffer(plain).agentId(), "not preferred: DRF, the tie going to the lower framework id");
        final long a2 = h.addAgent("cpus:1;mem:1024");
        assertEquals(2, a2);
        assertEquals(a2, h.lastOffer(picky).agentId(), "agent 2 is preferred by id");
        final long a3 = h.addAgent("cpus:1;mem:1024");
        final long a4 = h.addAgent("cpus:1;mem:1024");
        assertTrue(h.lastOffer(plain).agentId() == a3 || h.lastOffer(plain).agentId() == a4);
        assertEquals(0, h.out.all(RecordingOutput.Offer.class, (o) -> o.agentId() == 99).size());
    }

    @Test
    void shouldRefuseAMalformedPreference()
    {
        assertEquals(-1, h.subscribe(BATCH, "*", "rack:"));
        assertTrue(h.out.last(RecordingOutput.Error.class).message().contains("expected name:value"));
    }
}

/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.sim;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Roles, weights, guarantees with revocation and lottery placement, through the simulator.
 */
class SharingPoliciesTest
{
    private static final Path EXAMPLES = Path.of("..", "examples", "scenarios");

    /**
     * 80 CPUs held by batch; prod (guarantee 24 CPUs) arrives at 20 s. The first pass after it (21 s) revokes, the
     * grace is 5 s, so prod must hold its guarantee at 26 s.
     */
    private static final String FULL_CLUSTER = """
        seed 11
        config allocation_interval=1s revocation_grace=5s
        agents 10 cpus:8;mem:32768 prefix=n-
        role prod quota=cpus:24;mem:49152
        framework batch task=cpus:1;mem:2048 tasks=unlimited per_offer=all duration=inf refuse=1s role=batch
        at 20s add-framework prod task=cpus:2;mem:4096 tasks=unlimited per_offer=all duration=inf refuse=1s role=prod
        """;

    @Test
    @Timeout(30)
    void shouldReachTheGuaranteeWithinTheGracePlusOnePassThroughRevocation()
    {
        final SimulationResult justBefore = run(FULL_CLUSTER + "run 25999ms\n");
        assertEquals(0, justBefore.framework("prod").running(), "batch's revoked tasks still run during the grace");
        assertEquals(80, justBefore.framework("batch").running());

        final SimulationResult result = run(FULL_CLUSTER + "run 26s\n");
        final SimulationResult.FrameworkOutcome prod = result.framework("prod");
        final SimulationResult.FrameworkOutcome batch = result.framework("batch");
        assertEquals(12, prod.running(), "24 CPUs of <2 CPUs, 4 GB> tasks: " + prod.line());
        assertEquals(0.3, prod.share(), 1e-9);
        assertEquals(24, batch.revoked(), batch.line());
        assertEquals(24, batch.revocations(), "batch was told of each revoked task");
        assertEquals(56, batch.running());
        assertEquals(0, prod.revoked());
        assertEquals(0, prod.revocations());
        assertEquals(0, result.engineErrors(), result.firstEngineError());
    }

    @Test
    @Timeout(30)
    void shouldRunTheQuotaExampleToItsDocumentedEnd() throws IOException
    {
        final SimulationResult result = runFile("quota-revocation.scenario");

        final SimulationResult.FrameworkOutcome batch = result.framework("batch");
        final SimulationResult.FrameworkOutcome prod = result.framework("prod");
        assertEquals("framework batch running=56 launched=80 finished=0 share=0.700 role=batch revoked=24", batch.line());
        assertEquals("framework prod running=12 launched=12 finished=0 share=0.300 role=prod revoked=0", prod.line());
        assertEquals(0, prod.revocations(), "nothing of a role below its guarantee is ever revoked");
        assertTrue(batch.revoked() > 0);
    }

    @Test
    @Timeout(30)
    void shouldNeverRevokeBelowTheGuaranteeOfTheRoleRevokedFrom()
    {
        final SimulationResult result = run("""
            seed 2
            config revocation_grace=2s
            agents 10 cpus:8;mem:32768
            role batch quota=cpus:64
            framework batch task=cpus:1;mem:1024 tasks=unlimited per_offer=all duration=inf refuse=1s role=batch
            at 10s set-quota prod cpus:24 force            # 88 CPUs guaranteed on 80: only 16 can be found
            at 10s add-framework prod task=cpus:2;mem:1024 tasks=unlimited per_offer=all refuse=1s role=prod
            run 40s
            """);

        final SimulationResult.FrameworkOutcome batch = result.framework("batch");
        final SimulationResult.FrameworkOutcome prod = result.framework("prod");
        assertEquals(16, batch.revoked(), batch.line());
        assertEquals(64, batch.running(), "batch keeps its own guarantee: " + batch.line());
        assertEquals(8, prod.running(), prod.line());
        assertEquals(0, prod.revocations());
    }

    @Test
    @Timeout(30)
    void shouldConvergeSharesToTheWeightsAfterAWeightChange()
    {
        final String text = """
            seed 3
            agents 8 cpus:4;mem:8192
            framework A task=cpus:1;mem:2048 tasks=unlimited per_offer=all duration=2s refuse=1s role=a
            framework B task=cpus:1;mem:2048 tasks=unlimited per_offer=all duration=2s refuse=1s role=b
            """;

        final SimulationResult equal = run(text + "run 20s\n");
        assertEquals(0.5, equal.framework("A").share(), 1e-9);
        assertEquals(0.5, equal.framework("B").share(), 1e-9);

        final SimulationResult weighted = run(text + "at 20s set-weight a 3\nrun 40s\n");
        assertEquals(0.75, weighted.framework("A").share(), 1e-9);
        assertEquals(0.25, weighted.framework("B").share(), 1e-9);
        assertEquals("framework B running=8 launched=232 finished=224 share=0.250 role=b revoked=0",
            weighted.framework("B").line());
    }

    @Test
    @Timeout(30)
    void shouldSplitContestedAgentsByLotteryInProportionToTheWeights(@TempDir final Path dir) throws IOException
    {
        final Path out = dir.resolve("out");
        final SimulationResult result = run(ScenarioParser.parse(EXAMPLES.resolve("lottery.scenario")), new SimulatorContext(), out);

        final List<String> tasks = Files.readAllLines(out.resolve("tasks.csv"));
        final long gold = launchedOn(tasks, "G", "r1-");
        final long silver = launchedOn(tasks, "S", "r1-");
        final double ratio = (double)gold / silver;
        assertTrue(ratio > 2.7 && ratio < 3.6, "r1 launches of G and S should be about 3:1: " + gold + ":" + silver);
        assertEquals(0, launchedOn(tasks, "W", "r1-"), "W prefers nothing and never wins r1 against the preferring");
        assertEquals(0.2, result.framework("W").share(), 1e-9, "W still runs its fair share, on r2");
        assertEquals(0.6, result.framework("G").share(), 1e-9);
        assertEquals(0.2, result.framework("S").share(), 1e-9);
    }

    @Test
    @Timeout(30)
    void shouldPlaceAFrameworkOnTheAgentsItPrefersById(@TempDir final Path dir) throws IOException
    {
        final Path out = dir.resolve("out");
        run(ScenarioParser.parse("test.scenario", """
            seed 1
            agents 4 cpus:4;mem:4096 prefix=n-
            framework Q task=cpus:4;mem:4096 tasks=unlimited per_offer=all duration=3s refuse=1s
            framework P task=cpus:4;mem:4096 tasks=unlimited per_offer=all duration=3s refuse=1s prefer=n-0002,n-0003
            run 30s
            """), new SimulatorContext(), out);

        final List<String> tasks = Files.readAllLines(out.resolve("tasks.csv"));
        final long preferred = launchedOn(tasks, "P", "n-000[23]");
        assertEquals(22, launchedOn(tasks, "P", ""));
        assertEquals(20, preferred, "after Q took the whole cluster at time 0, P gets the agents it names: " + tasks);
        assertEquals(20, launchedOn(tasks, "Q", "n-000[01]"), "Q, without preference, gets the others");
    }

    @Test
    @Timeout(60)
    void shouldGiveTheSameOutputForTheSameSeed(@TempDir final Path dir) throws IOException
    {
        for (final String name : List.of("lottery.scenario", "quota-revocation.scenario"))
        {
            final Scenario scenario = ScenarioParser.parse(EXAMPLES.resolve(name));
            final SimulationResult first = run(scenario, new SimulatorContext(), dir.resolve(name + "-1"));
            final SimulationResult second = run(scenario, new SimulatorContext(), dir.resolve(name + "-2"));

            assertEquals(first.lines(), second.lines(), name);
            for (final String file : List.of("offers.csv", "tasks.csv", "shares.csv"))
            {
                assertEquals(
                    Files.readAllLines(dir.resolve(name + "-1").resolve(file)),
                    Files.readAllLines(dir.resolve(name + "-2").resolve(file)),
                    name + " " + file);
            }
        }

        final Scenario lottery = ScenarioParser.parse(EXAMPLES.resolve("lottery.scenario"));
        final SimulationResult seeded = run(lottery, new SimulatorContext().seed(5), dir.resolve("seed-5"));
        final SimulationResult other = run(lottery, new SimulatorContext().seed(6), dir.resolve("seed-6"));
        assertNotEquals(
            Files.readAllLines(dir.resolve("seed-5").resolve("tasks.csv")),
            Files.readAllLines(dir.resolve("seed-6").resolve("tasks.csv")),
            "another seed draws other lottery winners");
        assertNotEquals(seeded.digest(), other.digest());
    }

    @Test
    @Timeout(30)
    void shouldStopAtTheLineOfAQuotaAboveTheClusterWithoutForce()
    {
        final ScenarioException ex = assertThrows(ScenarioException.class, () -> run("""
            agents 2 cpus:4;mem:4096
            framework F task=cpus:1 role=prod
            at 5s set-quota prod cpus:6
            at 6s set-quota prod cpus:100
            run 10s
            """));

        assertEquals(4, ex.line(), ex.getMessage());
        assertTrue(ex.getMessage().startsWith("test.scenario:4: the engine refused UpdateQuota: "), ex.getMessage());
        assertTrue(ex.reason().contains("exceeds the cluster's total cpus of 8"), ex.getMessage());
        assertTrue(ex.reason().contains("force"), ex.getMessage());
    }

    @Test
    @Timeout(30)
    void shouldStopAtTheRoleLineOfAQuotaTheEngineRefusesAtTimeZero()
    {
        final ScenarioException ex = assertThrows(ScenarioException.class, () -> run("""
            agents 2 cpus:4;mem:4096
            framework F task=cpus:1 role=prod
            role prod weight=2 quota=cpus:1;fpgas:2
            run 10s
            """));

        assertEquals("test.scenario:3: the engine refused UpdateQuota: quota of role 'prod': unknown resource 'fpgas' " +
            "(no agent has it)", ex.getMessage());
    }

    @Test
    @Timeout(30)
    void shouldSetAForcedQuotaAndRemoveIt()
    {
        final SimulationResult result = run("""
            agents 2 cpus:4;mem:4096
            role prod weight=0.5
            framework F task=cpus:1;mem:512 tasks=unlimited per_offer=all refuse=1s role=prod
            at 5s set-quota prod cpus:100 force
            at 6s set-weight prod 2
            at 7s set-quota prod none
            run 10s
            """);

        assertEquals("framework F running=8 launched=8 finished=0 share=1.000 role=prod revoked=0", result.framework("F").line());
        assertEquals(0, result.engineErrors(), result.firstEngineError());
    }

    private static long launchedOn(final List<String> tasks, final String framework, final String agentPrefix)
    {
        return tasks.stream().filter(line -> line.matches("\\d+," + framework + ",\\d+," + agentPrefix + ".*,TASK_STAGING")).count();
    }

    private static SimulationResult runFile(final String name) throws IOException
    {
        return run(ScenarioParser.parse(EXAMPLES.resolve(name)), new SimulatorContext(), null);
    }

    private static SimulationResult run(final String text)
    {
        return run(ScenarioParser.parse("test.scenario", text), new SimulatorContext(), null);
    }

    private static SimulationResult run(final Scenario scenario, final SimulatorContext ctx, final Path out)
    {
        try (Simulator simulator = Simulator.launch(ctx.scenario(scenario).outputDirectory(out)))
        {
            return simulator.run();
        }
        catch (final IOException ex)
        {
            throw new AssertionError(ex);
        }
    }
}

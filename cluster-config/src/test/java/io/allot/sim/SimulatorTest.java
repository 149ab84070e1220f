/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.sim;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SimulatorTest
{
    private static final String DRF = """
        seed 1
        agent node-1 cpus:9;mem:18432
        framework A task=cpus:1;mem:4096 tasks=unlimited per_offer=1 duration=inf refuse=0s
        framework B task=cpus:3;mem:1024 tasks=unlimited per_offer=1 duration=inf refuse=0s
        run 30s
        """;

    private static final String SMALL = """
        seed 3
        agents 3 cpus:4;mem:8192 attrs=rack:r1 prefix=n-
        framework batch task=cpus:1;mem:1024 tasks=10 per_offer=all duration=5s refuse=1s
        framework svc task=cpus:0.5;mem:2048 tasks=4 per_offer=1 duration=inf refuse=1s
        at 8s add-framework late task=cpus:1;mem:512 tasks=3 per_offer=all duration=2s refuse=1s
        at 12s suppress svc
        at 14s revive svc
        run 30s
        """;

    @Test
    @Timeout(30)
    void shouldSplitOneAgentAsDominantResourceFairnessDoes()
    {
        final SimulationResult result = run(DRF, null);

        final SimulationResult.FrameworkOutcome a = result.framework("A");
        final SimulationResult.FrameworkOutcome b = result.framework("B");
        assertEquals(3, a.running());
        assertEquals(2, b.running());
        assertEquals(2.0 / 3, a.share(), 1e-9);
        assertEquals(2.0 / 3, b.share(), 1e-9);
        assertEquals("framework A running=3 launched=3 finished=0 share=0.667 role=* revoked=0", result.lines().get(0));
        assertEquals("framework B running=2 launched=2 finished=0 share=0.667 role=* revoked=0", result.lines().get(1));
        assertEquals(0, result.engineErrors(), result.firstEngineError());
    }

    @Test
    @Timeout(60)
    void shouldPrintTheSameLinesForTheSameScenarioAndSeed()
    {
        final List<String> first = run(ScenarioParserTest.ISSUE_EXAMPLE, null).lines();
        final List<String> second = run(ScenarioParserTest.ISSUE_EXAMPLE, null).lines();

        assertEquals(first, second);
        assertEquals(4, first.size());
        assertTrue(first.get(3).matches("digest [0-9a-f]{16}"), first.get(3));
    }

    @Test
    @Timeout(30)
    void shouldRunTheIssueExampleToTheEnd()
    {
        final SimulationResult result = run(ScenarioParserTest.ISSUE_EXAMPLE, null);

        final SimulationResult.FrameworkOutcome a = result.framework("A");
        final SimulationResult.FrameworkOutcome b = result.framework("B");
        final SimulationResult.FrameworkOutcome c = result.framework("C");
        assertEquals(0, a.running(), "A was removed at 30s");
        assertEquals(0.0, a.share());
        assertTrue(a.launched() > 1000, "A always wants more: " + a.line());
        assertEquals(20, b.finished(), b.line());
        assertEquals(100, c.finished(), c.line());
        assertEquals(0, result.engineErrors(), result.firstEngineError());
    }

    @Test
    @Timeout(30)
    void shouldLetTheSeedChangeTheDigestButNotTheRun()
    {
        final Scenario scenario = ScenarioParser.parse("small", SMALL);
        final SimulationResult seeded = run(scenario, new SimulatorContext());
        final SimulationResult again = run(scenario, new SimulatorContext().seed(3));
        final SimulationResult other = run(scenario, new SimulatorContext().seed(4));

        assertEquals(seeded.lines(), again.lines());
        assertNotEquals(seeded.digest(), other.digest());
    }

    @Test
    @Timeout(30)
    void shouldFinishExactlyTheTasksAFrameworkWants()
    {
        final SimulationResult result = run(SMALL, null);

        assertEquals("framework batch running=0 launched=10 finished=10 share=0.000 role=* revoked=0", result.framework("batch").line());
        assertEquals("framework late running=0 launched=3 finished=3 share=0.000 role=* revoked=0", result.framework("late").line());
        assertEquals(4, result.framework("svc").running());
        assertEquals(4, result.framework("svc").launched());
    }

    @Test
    @Timeout(30)
    void shouldRelaunchTasksLostWithARemovedAgent()
    {
        final SimulationResult result = run("""
            agent a1 cpus:2;mem:2048
            agent a2 cpus:2;mem:2048
            framework F task=cpus:1;mem:1024 tasks=4 per_offer=all duration=inf refuse=1s
            at 5s remove-agent a1                  # its two tasks are lost
            at 6s add-agent a3 cpus:2;mem:2048
            run 20s
            """, null);

        assertEquals("framework F running=4 launched=6 finished=0 share=1.000 role=* revoked=0", result.framework("F").line());
    }

    @Test
    @Timeout(30)
    void shouldLoseTheTasksOfASilencedAgent()
    {
        final SimulationResult result = run("""
            config agent_ping_timeout=2s max_agent_ping_timeouts=2
            agent a1 cpus:2;mem:2048
            agent a2 cpus:2;mem:2048
            framework F task=cpus:1;mem:1024 tasks=2 per_offer=all duration=inf refuse=1s
            at 5s silence-agent a1
            run 30s
            """, null);

        final SimulationResult.FrameworkOutcome f = result.framework("F");
        assertEquals(2, f.running(), f.line());
        assertEquals(4, f.launched(), "both tasks were on a1, lost and launched again on a2: " + f.line());
    }

    @Test
    @Timeout(30)
    void shouldKeepTasksRunningThroughAFailoverWithinTheTimeout()
    {
        final SimulationResult result = run("""
            agent a1 cpus:4;mem:4096
            framework F task=cpus:1;mem:1024 tasks=2 per_offer=all duration=inf refuse=1s failover_timeout=1m
            framework G task=cpus:1;mem:1024 tasks=2 per_offer=all duration=inf refuse=1s
            at 5s disconnect-framework F
            at 10s reconnect-framework F
            at 12s disconnect-framework G
            run 20s
            """, null);

        assertEquals("framework F running=2 launched=2 finished=0 share=0.500 role=* revoked=0", result.framework("F").line());
        assertEquals(0.0, result.framework("G").share(), "G had no failover timeout: removed at once");
        assertEquals(0, result.engineErrors(), result.firstEngineError());
    }

    @Test
    @Timeout(30)
    void shouldForgetAFrameworkWhoseFailoverTimeoutExpired()
    {
        final SimulationResult result = run("""
            agent a1 cpus:4;mem:4096
            framework F task=cpus:1;mem:1024 tasks=2 per_offer=all duration=inf refuse=1s failover_timeout=5s
            framework G task=cpus:1;mem:1024 tasks=2 per_offer=all duration=inf refuse=1s failover_timeout=5s
            at 5s disconnect-framework F
            at 5s disconnect-framework G
            at 15s reconnect-framework G
            run 20s
            """, null);

        assertEquals("framework F running=0 launched=2 finished=0 share=0.000 role=* revoked=0", result.framework("F").line());
        assertEquals("framework G running=0 launched=2 finished=0 share=0.000 role=* revoked=0", result.framework("G").line());
    }

    @Test
    @Timeout(30)
    void shouldWriteTheOutputFiles(@TempDir final Path dir) throws IOException
    {
        final Path out = dir.resolve("out");
        run(SMALL, out);

        final List<String> offers = Files.readAllLines(out.resolve("offers.csv"));
        final List<String> tasks = Files.readAllLines(out.resolve("tasks.csv"));
        final List<String> shares = Files.readAllLines(out.resolve("shares.csv"));
        final String svg = Files.readString(out.resolve("shares.svg"));

        assertEquals("time_ms,framework,offer,agent,resources", offers.get(0));
        assertTrue(offers.get(1).matches("0,(batch|svc),\\d+,n-000[0-2],cpus:[0-9.]+;mem:\\d+"), offers.get(1));
        assertEquals("time_ms,framework,task,agent,state", tasks.get(0));
        assertTrue(tasks.contains("0,batch,1,n-0000,TASK_STAGING"), tasks.toString());
        assertTrue(tasks.contains("0,batch,1,n-0000,TASK_RUNNING"), tasks.toString());
        assertTrue(tasks.contains("5000,batch,1,n-0000,TASK_FINISHED"), tasks.toString());
        assertEquals("time_ms,batch,late,svc", shares.get(0));
        assertEquals(32, shares.size(), "a sample a second from 0 to 30 s");
        assertTrue(shares.get(1).matches("0,[0-9.]+,,[0-9.]+"), shares.get(1));
        assertTrue(shares.get(31).startsWith("30000,"), shares.get(31));
        assertTrue(svg.startsWith("<?xml"), svg);
        assertTrue(svg.contains("<polyline"), svg);
        assertTrue(svg.contains(">late (0.000)</text>"), svg);
        assertTrue(svg.trim().endsWith("</svg>"), svg);
    }

    @Test
    @Timeout(30)
    void shouldReportProgressOnlyToTheProgressStream()
    {
        final ByteArrayOutputStream progress = new ByteArrayOutputStream();
        final SimulatorContext ctx = new SimulatorContext()
            .progress(new PrintStream(progress, true, StandardCharsets.UTF_8))
            .progressAfterMs(0);

        run(ScenarioParser.parse("issue", ScenarioParserTest.ISSUE_EXAMPLE), ctx);

        final String text = progress.toString(StandardCharsets.UTF_8);
        assertTrue(text.startsWith("simulate: "), text);
        assertTrue(text.contains("virtual time"), text);
    }

    @Test
    void shouldRunOnlyOnce() throws IOException
    {
        try (Simulator simulator = Simulator.launch(new SimulatorContext().scenario(ScenarioParser.parse("d", DRF))))
        {
            simulator.run();
            assertThrows(IllegalStateException.class, simulator::run);
        }
    }

    private static SimulationResult run(final String text, final Path out)
    {
        return run(ScenarioParser.parse("test.scenario", text), new SimulatorContext().outputDirectory(out));
    }

    private static SimulationResult run(final Scenario scenario, final SimulatorContext ctx)
    {
        try (Simulator simulator = Simulator.launch(ctx.scenario(scenario)))
        {
            return simulator.run();
        }
        catch (final IOException ex)
        {
            throw new AssertionError(ex);
        }
    }
}

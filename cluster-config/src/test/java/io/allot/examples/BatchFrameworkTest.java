/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.examples;

import io.allot.engine.EngineContext;
import io.allot.examples.batch.BatchContext;
import io.allot.examples.batch.BatchFramework;
import io.allot.examples.batch.BatchResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The batch example end to end: a real one-member master, three real agents running the tasks as processes, and the
 * batch framework over the real driver. Every task runs to completion, a task that fails is retried as a new task, the
 * tasks spread over the agents, and the offer round trips are measured.
 */
class BatchFrameworkTest
{
    private static final String AGENT_RESOURCES = "cpus:1;mem:512";

    @TempDir
    Path dir;

    private ExampleTesting testing;
    private final ByteArrayOutputStream progress = new ByteArrayOutputStream();

    @BeforeEach
    void before()
    {
        testing = new ExampleTesting(dir);
    }

    @AfterEach
    void after()
    {
        testing.close();
        assertEquals(List.of(), List.copyOf(testing.masterErrors));
    }

    @Test
    @Timeout(90)
    void shouldRunEveryTaskToCompletionOnTheAgentsAndRetryAFailedOne() throws InterruptedException
    {
        final String members = testing.launchMaster(new EngineContext());
        testing.launchAgent("node-a", AGENT_RESOURCES, "rack:r1");
        testing.launchAgent("node-b", AGENT_RESOURCES, "rack:r1");
        testing.launchAgent("node-c", AGENT_RESOURCES, "rack:r2");
        final Path marker = dir.resolve("failed-once");
        final int tasks = 24;

        final BatchResult result = BatchFramework.run(new BatchContext()
            .members(members)
            .command("if mkdir " + marker + " 2>/dev/null; then exit 3; fi; sleep 0.05")
            .taskResources("cpus:0.2;mem:32")
            .taskCount(tasks)
            .maxRetries(2)
            .progress(new PrintStream(progress, true, StandardCharsets.UTF_8)), 60, TimeUnit.SECONDS);

        final String text = progress.toString(StandardCharsets.UTF_8);
        assertTrue(result.isSuccess(), text);
        assertEquals(tasks, result.finished());
        assertEquals(1, result.failures(), "the one try that found no marker failed");
        assertEquals(1, result.retries());
        assertEquals(0, result.gaveUp());
        assertTrue(Files.isDirectory(marker));
        assertEquals(tasks, result.finishedPerAgent().values().stream().mapToInt(Integer::intValue).sum());
        assertEquals(3, result.finishedPerAgent().size(), "five tasks fit an agent at a time: " + result.finishedPerAgent());
        assertTrue(result.finishedPerAgent().keySet().stream().allMatch((agent) -> agent.matches("node-[abc] \\(agent \\d+\\)")),
            result.finishedPerAgent().toString());
        assertTrue(result.roundTrips().getTotalCount() >= tasks - 3, "round trips " + result.roundTrips().getTotalCount());
        assertTrue(result.roundTrips().getValueAtPercentile(50) >= TimeUnit.MILLISECONDS.toNanos(50),
            "a round trip includes the task's sleep");
        assertEquals(1, result.failureLines().size());
        assertTrue(result.failureLines().get(0).contains("TASK_FAILED on node-"), result.failureLines().get(0));
        assertTrue(result.failureLines().get(0).endsWith("exit status 3; retried"), result.failureLines().get(0));
        assertTrue(text.contains("batch: 24/24 finished, 0 running, 0 waiting, 1 failed (1 retried)"), text);

        final ByteArrayOutputStream summary = new ByteArrayOutputStream();
        result.print(new PrintStream(summary, true, StandardCharsets.UTF_8), "batch: ");
        final String lines = summary.toString(StandardCharsets.UTF_8);
        assertTrue(lines.startsWith("batch: 24/24 finished in "), lines);
        assertTrue(lines.contains("; 1 failure, 1 retried, 0 given up"), lines);
        assertTrue(lines.contains("batch: tasks per agent: node-"), lines);
        assertTrue(lines.contains("batch: offer round trip: p50 "), lines);
    }

    @Test
    @Timeout(60)
    void shouldGiveUpOnATaskThatFailsOnEveryTry() throws InterruptedException
    {
        final String members = testing.launchMaster(new EngineContext());
        testing.launchAgent("node-a", AGENT_RESOURCES, "");

        final BatchResult result = BatchFramework.run(new BatchContext()
            .members(members)
            .command("exit 1")
            .taskCount(2)
            .maxRetries(1)
            .progress(new PrintStream(progress, true, StandardCharsets.UTF_8)), 30, TimeUnit.SECONDS);

        assertTrue(result.isComplete());
        assertFalse(result.isSuccess());
        assertEquals(0, result.finished());
        assertEquals(4, result.failures(), "two tries of each task");
        assertEquals(2, result.retries());
        assertEquals(2, result.gaveUp());
        assertTrue(result.failureLines().stream().anyMatch((line) -> line.endsWith("given up after 2 tries")),
            result.failureLines().toString());
    }
}

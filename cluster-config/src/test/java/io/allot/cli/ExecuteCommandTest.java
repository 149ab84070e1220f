/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.cli;

import io.allot.codecs.sbe.TaskState;
import io.allot.engine.EngineContext;
import io.allot.examples.ExampleTesting;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code allot execute} against a real one-member master and a real agent: the state changes as they happen, the
 * task's exit status as the command's, {@code --count}, bad flags (status 2) and an unreachable master (status 1).
 */
class ExecuteCommandTest
{
    @TempDir
    static Path dir;

    private static ExampleTesting testing;
    private static String members;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeAll
    static void launchCluster()
    {
        testing = new ExampleTesting(dir);
        members = testing.launchMaster(new EngineContext());
        testing.launchAgent("node-a", "cpus:2;mem:1024", "rack:r1");
    }

    @AfterAll
    static void closeCluster()
    {
        testing.close();
        assertEquals(List.of(), List.copyOf(testing.masterErrors));
    }

    @BeforeEach
    void before()
    {
        out.reset();
        err.reset();
    }

    @Test
    @Timeout(60)
    void shouldPrintEachStateChangeAndExitZeroWhenTheTaskFinishes()
    {
        assertEquals(0, execute("--name", "hello", "--command", "echo hello", "--resources", "cpus:0.1;mem:32"), err());

        final String text = out();
        assertTrue(text.contains("allot execute: subscribed to the master at " + members + " as framework "), text);
        assertTrue(text.matches("(?s).*allot execute: launching task hello \\(id 1\\) on agent \\d+ \\(node-a\\) with cpus:0.1;mem:32\n.*"),
            text);
        assertTrue(text.matches("(?s).*\ntask hello TASK_RUNNING on agent \\d+ \\(node-a\\)\n.*"), text);
        assertTrue(text.matches("(?s).*\ntask hello TASK_FINISHED on agent \\d+ \\(node-a\\): exit status 0\n.*"), text);
        assertTrue(text.indexOf("TASK_RUNNING") < text.indexOf("TASK_FINISHED"), text);
    }

    @Test
    @Timeout(60)
    void shouldExitWithTheExitStatusOfAFailedTask()
    {
        assertEquals(3, execute("--name", "three", "--command", "exit 3", "--resources", "cpus:0.1;mem:32"), err());
        assertTrue(out().matches("(?s).*\ntask three TASK_FAILED on agent \\d+ \\(node-a\\): exit status 3\n.*"), out());
    }

    @Test
    @Timeout(60)
    void shouldExitWith128PlusTheSignalThatKilledTheTask()
    {
        assertEquals(128 + 9, execute("--name", "killed", "--command", "kill -KILL $$", "--resources", "cpus:0.1;mem:32"), err());
        assertTrue(out().contains("TASK_FAILED"), out());
        assertTrue(out().contains("terminated by signal 9"), out());
    }

    @Test
    @Timeout(60)
    void shouldRunCountInstancesAndExitNonZeroWhenOneFails()
    {
        assertEquals(0, execute("--name", "many", "--command", "true", "--resources", "cpus:0.1;mem:32", "--count", "3"), err());
        for (int i = 0; i < 3; i++)
        {
            assertTrue(out().contains("task many-" + i + " TASK_FINISHED on agent"), out());
        }
        assertTrue(out().contains("allot execute: 3 tasks: 3 finished, 0 did not"), out());

        out.reset();
        final String command = "if mkdir " + dir.resolve("one-fails") + " 2>/dev/null; then sleep 0.2; exit 5; fi";
        assertEquals(5, execute("--name", "some", "--command", command, "--resources", "cpus:0.1;mem:32", "--count", "2"), err());
        assertTrue(out().contains("allot execute: 2 tasks: 1 finished, 1 did not"), out());
    }

    @Test
    @Timeout(30)
    void shouldRefuseBadFlagsWithStatusTwo()
    {
        assertUsage("allot execute: unknown option '--frobnicate'", "--name", "x", "--command", "true", "--frobnicate", "1");
        assertUsage("allot execute: --command is required", "--name", "x");
        assertUsage("allot execute: --name is required", "--command", "true");
        assertUsage("allot execute: --resources: ", "--name", "x", "--command", "true", "--resources", "cpus:lots");
        assertUsage("allot execute: --resources: a task needs some resources", "--name", "x", "--command", "true",
            "--resources", "");
        assertUsage("allot execute: --count must be between 1 and 1000, got 0", "--name", "x", "--command", "true", "--count", "0");
        assertUsage("allot execute: --master: ", "--master", "0=localhost:70000", "--name", "x", "--command", "true");
        assertUsage("allot execute: --timeout: 'soon' is not a positive duration", "--name", "x", "--command", "true",
            "--timeout", "soon");
        assertUsage("allot execute: --name needs a value", "--command", "true", "--name");

        out.reset();
        assertEquals(0, Allot.run(new String[]{ "execute", "--help" }, print(out), print(err)));
        assertTrue(out().startsWith("usage: allot execute --master ENDPOINTS --name NAME --command CMD"), out());
    }

    @Test
    @Timeout(30)
    void shouldExitOneWhenNoMasterAnswersWithinTheTimeout()
    {
        final String nobody = "localhost:" + ExampleTesting.freeBasePort();
        final long startNs = System.nanoTime();
        assertEquals(1, Allot.run(new String[]{ "execute", "--master", nobody, "--name", "x", "--command", "true",
            "--timeout", "2s" }, print(out), print(err)));
        final long elapsedMs = (System.nanoTime() - startNs) / 1_000_000;
        assertTrue(err().contains("allot execute: no master answered at " + nobody + " within 2000 ms"), err());
        assertTrue(elapsedMs >= 2_000 && elapsedMs < 15_000, elapsedMs + " ms");
    }

    @Test
    @Timeout(10)
    void shouldTakeTheExitStatusFromTheTasksMessage()
    {
        assertEquals(0, ExecuteCommand.exitStatusOf(TaskState.TASK_FINISHED, "exit status 0"));
        assertEquals(42, ExecuteCommand.exitStatusOf(TaskState.TASK_FAILED, "exit status 42"));
        assertEquals(137, ExecuteCommand.exitStatusOf(TaskState.TASK_FAILED, "memory limit exceeded: the kernel killed the task " +
            "(mem 32 MB); terminated by signal 9 (SIGKILL)"));
        assertEquals(1, ExecuteCommand.exitStatusOf(TaskState.TASK_FAILED, "the task could not be started"));
        assertEquals(1, ExecuteCommand.exitStatusOf(TaskState.TASK_KILLED, "killed: terminated by signal 15 (SIGTERM)"));
        assertEquals(1, ExecuteCommand.exitStatusOf(TaskState.TASK_LOST, "agent unreachable"));
    }

    private void assertUsage(final String message, final String... args)
    {
        err.reset();
        final String[] command = new String[args.length + 1];
        command[0] = "execute";
        System.arraycopy(args, 0, command, 1, args.length);
        assertEquals(2, Allot.run(command, print(out), print(err)), err());
        assertTrue(err().startsWith(message), err());
    }

    private int execute(final String... args)
    {
        final String[] command = new String[args.length + 3];
        command[0] = "execute";
        command[1] = "--master";
        command[2] = members;
        System.arraycopy(args, 0, command, 3, args.length);
        return Allot.run(command, print(out), print(err));
    }

    private static PrintStream print(final ByteArrayOutputStream stream)
    {
        return new PrintStream(stream, true, StandardCharsets.UTF_8);
    }

    private String out()
    {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err()
    {
        return err.toString(StandardCharsets.UTF_8);
    }
}

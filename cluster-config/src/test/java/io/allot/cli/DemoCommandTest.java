/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code allot demo} for real: a master in this JVM, three {@code allot agent} processes of this JVM's class path, the
 * batch example, the summary, and everything stopped and removed.
 */
class DemoCommandTest
{
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    @Timeout(150)
    void shouldRunAMasterThreeAgentsAndTheBatchThenStopEverything(@TempDir final Path outDir) throws IOException
    {
        final long startNs = System.nanoTime();
        final int status = run("demo", "--out", outDir.toString());
        final long elapsedMs = (System.nanoTime() - startNs) / 1_000_000;
        final String text = out();
        System.out.println(text + err() + "demo test: " + elapsedMs + " ms");

        assertEquals(0, status, err());
        assertTrue(text.startsWith("allot demo: a one-member master and 3 agents on this machine, then the batch example with 36 " +
            "tasks of 'sleep 0.1'"), text);
        assertTrue(text.matches("(?s).*\nallot demo: master 0=localhost:\\d+ \\(UDP ports \\d+-\\d+\\), work in .*"), text);
        for (int i = 0; i < 3; i++)
        {
            assertTrue(text.matches("(?s).*\nallot demo: agent demo-" + i + " \\(pid \\d+\\) registered as agent \\d+ after " +
                "[0-9.]+ s, isolation (cgroups\\S* \\(hierarchy allot-demo-\\d+-" + i + "\\)|posix.*)\n.*"), text);
        }
        assertTrue(text.contains("\nbatch: 36/36 finished, 0 running, 0 waiting, 0 failed (0 retried)\n"), text);
        assertTrue(text.contains("\nallot demo: summary\n"), text);
        assertTrue(text.matches("(?s).*\n  tasks {13}36 of 36 finished in [0-9.]+ s; 0 failures, 0 retried, 0 given up\n.*"), text);
        assertTrue(text.matches("(?s).*\n  tasks per agent {3}demo-\\d \\(agent \\d\\) \\d+(, demo-\\d \\(agent \\d\\) \\d+)*\n.*"), text);
        assertTrue(text.matches("(?s).*\n  offer round trip  p50 [0-9.]+ m?s, p99 [0-9.]+ m?s, p99\\.9 .*\\(\\d+ round trips\\)\n.*"),
            text);
        assertTrue(text.contains("\n  failures          none\n"), text);
        assertTrue(text.matches("(?s).*\nallot demo: stopped 3 agents with SIGTERM \\(exit status (0|143), (0|143), (0|143)\\), " +
            "closed the master, removed \\S+ in [0-9.]+ s\n.*"), text);
        assertTrue(text.matches("(?s).*\nallot demo: done in [0-9.]+ s\\R$"), text);

        final Matcher removed = Pattern.compile("removed (\\S+) in").matcher(text);
        assertTrue(removed.find());
        assertFalse(Files.exists(Path.of(removed.group(1))), removed.group(1));
        assertTrue(Files.readString(outDir.resolve("offer-round-trip.hgrm")).contains("Total count"));
        assertTrue(Files.readString(outDir.resolve("summary.txt")).startsWith("allot demo: summary"));
        for (int i = 0; i < 3; i++)
        {
            assertTrue(Files.readString(outDir.resolve("agent-" + i + ".log")).contains("allot agent: stopping"));
        }
    }

    @Test
    @Timeout(10)
    void shouldDocumentTheDemoAndRefuseBadUsage()
    {
        assertEquals(0, run("demo", "--help"));
        assertTrue(out().startsWith("usage: allot demo [--agents N] [--tasks N]"), out());
        assertTrue(out().contains("--simulated"), out());

        assertEquals(2, run("demo", "extra"));
        assertTrue(err().contains("allot demo: unexpected argument 'extra'"), err());

        err.reset();
        assertEquals(2, run("demo", "--agents", "9"));
        assertTrue(err().contains("allot demo: --agents must be between 1 and 8, got 9"), err());

        err.reset();
        assertEquals(2, run("demo", "--isolation", "docker"));
        assertTrue(err().contains("allot demo: --isolation must be one of cgroups, posix, got 'docker'"), err());
    }

    @Test
    @Timeout(60)
    void shouldStillRunTheBundledScenarioThroughTheSimulator()
    {
        assertEquals(0, run("demo", "--simulated", "--seed", "3"));
        final String text = out();
        assertTrue(text.startsWith("allot demo: simulating the bundled scenario"), text);
        assertTrue(text.matches("(?s).*\ndigest [0-9a-f]{16}\\R$"), text);
    }

    private int run(final String... args)
    {
        return Allot.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
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

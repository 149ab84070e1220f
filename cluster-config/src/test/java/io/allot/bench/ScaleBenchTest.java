/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.bench;

import io.allot.cli.Allot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code allot bench scale} at a small size: a real master process, 2,000 emulated agents and 4 frameworks; every step
 * reports, every task launched finishes, and the results are written.
 */
class ScaleBenchTest
{
    @TempDir
    Path dir;

    @Test
    @Timeout(90)
    void shouldRegisterAllocateAndLaunchWithoutLosingATask() throws IOException
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final Path results = dir.resolve("results");
        final int status = Allot.run(new String[]{ "bench", "scale", "--agents", "2000", "--frameworks", "4", "--duration", "1s",
            "--in-flight", "100", "--agent-sessions", "2", "--out", results.toString(), "--master-heap", "256m",
            "--master-jvm-opts=-XX:+UseSerialGC -XX:TieredStopAtLevel=1" },
            new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        final String summary = out.toString(StandardCharsets.UTF_8);
        final String progress = err.toString(StandardCharsets.UTF_8);

        assertEquals(0, status, summary + progress);
        assertTrue(summary.startsWith("allot bench scale: 2,000 agents, 4 frameworks; "), summary);
        assertTrue(summary.contains("\nregistration: 2,000 agents in "), summary);
        assertTrue(summary.contains("\nsubscription: 4 frameworks in "), summary);
        assertTrue(summary.contains("\nallocation pass: 2,000 agents x 4 frameworks: "), summary);
        assertTrue(summary.contains("every offer received after "), summary);
        assertTrue(summary.contains("\nload: "), summary);
        assertTrue(summary.contains(" offers/s, "), summary);
        assertTrue(summary.contains(" task launches/s, "), summary);
        assertTrue(summary.matches("(?s).*\ntasks: [0-9,]+ launched, [0-9,]+ finished, 0 lost, 0 launched twice\n.*"), summary);
        assertTrue(summary.contains("\nmaster memory: live heap "), summary);
        assertTrue(summary.contains("master: errors 0, egress dropped 0"), summary);
        assertTrue(progress.contains("allot bench scale: results go to " + results), progress);

        final String csv = Files.readString(results.resolve("results.csv"));
        assertTrue(csv.startsWith("metric,value,unit\nagents,2000,count\n"), csv);
        assertTrue(csv.contains("\ntasks_lost,0,count\n"), csv);
        assertEquals(summary, Files.readString(results.resolve("summary.txt")));
        for (final String file : new String[]{ "registration.csv", "registration.svg", "load.csv", "load.svg", "master.log" })
        {
            assertTrue(Files.size(results.resolve(file)) > 0, file);
        }
        assertTrue(Files.readString(results.resolve("load.svg")).startsWith("<?xml"));
        assertFalse(Files.exists(results.resolve("master")), "the master's directory is removed");
    }
}

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
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code allot bench failover} once: three master processes, the leader's killed with SIGKILL under load; a new leader
 * serves, the clients follow it, and no task is lost or launched twice.
 */
class FailoverBenchTest
{
    @TempDir
    Path dir;

    @Test
    @Timeout(120)
    void shouldFailOverUnderLoadWithoutLosingATask() throws IOException
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final Path results = dir.resolve("results");
        final int status = Allot.run(new String[]{ "bench", "failover", "--members", "3", "--agents", "20", "--frameworks", "2",
            "--warmup", "1s", "--after", "1s", "--out", results.toString(), "--master-heap", "128m",
            "--master-jvm-opts=-XX:+UseSerialGC -XX:TieredStopAtLevel=1" },
            new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        final String summary = out.toString(StandardCharsets.UTF_8);

        assertEquals(0, status, summary + err.toString(StandardCharsets.UTF_8));
        assertTrue(summary.startsWith("allot bench failover: 3 masters, 20 agents, 2 frameworks; "), summary);
        assertTrue(summary.matches("(?s).*\nfailover: SIGKILL of leader [0-2] \\(exit status 137\\) after [0-9.]+ s of load; " +
            "member [0-2] LEADER after [0-9.,]+ ms, clients followed after [0-9.,]+ ms, first offer after [0-9.,]+ ms\n.*"), summary);
        assertTrue(summary.contains(" election states after the kill: "), summary);
        assertTrue(summary.matches("(?s).*\ntasks: [0-9,]+ accepted, [0-9,]+ launched, [0-9,]+ finished, 0 lost, 0 launched twice; .*"),
            summary);

        final String csv = Files.readString(results.resolve("results.csv"));
        assertTrue(csv.contains("\ntasks_lost,0,count\n"), csv);
        assertTrue(csv.contains("\nkill_to_first_offer,"), csv);
        assertTrue(Files.readString(results.resolve("failover.svg")).contains("SIGKILL of the leader"));
        assertTrue(Files.size(results.resolve("timeline.csv")) > 0);
    }
}

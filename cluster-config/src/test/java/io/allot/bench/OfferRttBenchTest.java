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
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code allot bench offer-rtt}, a short run of each mode against real master processes: one member with emulated
 * agents, three members with emulated agents, one member with a real {@code allot agent} process. Each prints the setup
 * and the round trip's percentiles, writes the {@code .hgrm} and the percentile plot, and every request completes.
 */
class OfferRttBenchTest
{
    private static final String ROUND_TRIP = "(?s).*\noffer round trip: p50 [0-9,]+ us, p99 [0-9,]+ us, p99\\.9 [0-9,]+ us, " +
        "max [0-9,]+ us \\(%s samples, coordinated-omission corrected\\)\n.*";

    @TempDir
    Path dir;

    @Test
    @Timeout(90)
    void shouldMeasureTheRoundTripOfOneMemberWithEmulatedAgents() throws IOException
    {
        final String summary = run("--members", "1", "--agents", "10", "--frameworks", "2", "--rate", "200", "--duration", "2s");

        assertTrue(summary.startsWith("allot bench offer-rtt: 1 member, 10 emulated agents, 2 frameworks; 200 requests/s for 2.00 s " +
            "after a 1.00 s warm-up; idle backoff; "), summary);
        assertTrue(summary.contains(" cores ("), summary);
        assertTrue(summary.matches(String.format(ROUND_TRIP, "400")), summary);
        assertTrue(summary.contains("; sent to RunTask at the agent "), summary);
        assertTrue(summary.matches("(?s).*\nrequests: 600 launched \\(400 measured\\), 600 tasks finished, 0 failed, " +
            "0 without a re-offer; .*"), summary);
        assertFiles();
    }

    @Test
    @Timeout(120)
    void shouldMeasureTheRoundTripOfThreeMembers() throws IOException
    {
        final String summary = run("--members", "3", "--agents", "10", "--rate", "100", "--duration", "2s");

        assertTrue(summary.startsWith("allot bench offer-rtt: 3 members, 10 emulated agents, 1 framework; 100 requests/s "), summary);
        assertTrue(summary.matches(String.format(ROUND_TRIP, "200")), summary);
        assertTrue(Files.exists(dir.resolve("results").resolve("master-2.log")));
        assertFiles();
    }

    @Test
    @Timeout(120)
    void shouldMeasureTheRoundTripWithARealAgent() throws IOException
    {
        final String summary = run("--real", "--agents", "1", "--rate", "10", "--duration", "2s");

        assertTrue(summary.startsWith("allot bench offer-rtt: 1 member, 1 real agent (allot agent, posix isolation), 1 framework; " +
            "10 requests/s "), summary);
        assertTrue(summary.matches(String.format(ROUND_TRIP, "20")), summary);
        assertTrue(summary.contains("the agent runs it as a process"), summary);
        assertTrue(Files.readString(dir.resolve("results").resolve("agent-0.log")).contains("registered as agent"));
        assertFiles();
    }

    private String run(final String... flags)
    {
        final List<String> args = new ArrayList<>(List.of("bench", "offer-rtt", "--warmup", "1s", "--out",
            dir.resolve("results").toString(), "--master-heap", "128m", "--master-jvm-opts=-XX:+UseSerialGC -XX:TieredStopAtLevel=1"));
        args.addAll(List.of(flags));
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final int status = Allot.run(args.toArray(new String[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
        final String summary = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, status, summary + err.toString(StandardCharsets.UTF_8));
        return summary;
    }

    private void assertFiles() throws IOException
    {
        final Path results = dir.resolve("results");
        final String hgrm = Files.readString(results.resolve("offer-rtt.hgrm"));
        assertTrue(hgrm.trim().startsWith("Value     Percentile TotalCount 1/(1-Percentile)"), hgrm);
        assertTrue(hgrm.contains("#[Max     = "), hgrm);
        final String svg = Files.readString(results.resolve("offer-rtt.svg"));
        assertTrue(svg.contains("Offer round trip (coordinated-omission corrected)"), svg);
        assertTrue(svg.contains(">99.9%</text>") || svg.contains(">99%</text>"), svg);
        final String csv = Files.readString(results.resolve("results.csv"));
        assertTrue(csv.contains("\nrtt_p99,"), csv);
        assertTrue(csv.contains("\nrequests_without_reoffer,0,count\n"), csv);
        assertTrue(Files.readString(results.resolve("summary.txt")).contains("offer round trip: p50 "));
    }
}

/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.examples;

import io.allot.engine.EngineContext;
import io.allot.examples.rtt.RttContext;
import io.allot.examples.rtt.RttFramework;
import io.allot.examples.rtt.RttResult;
import org.junit.jupiter.api.AfterEach;
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
 * The latency-critical example against a real master and real agents: one task per request, each request's offer
 * round trip in the histogram, in a closed loop and at a fixed rate.
 */
class RttFrameworkTest
{
    @TempDir
    Path dir;

    private ExampleTesting testing;

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
    @Timeout(60)
    void shouldRecordTheOfferRoundTripOfEveryRequestInAClosedLoop()
    {
        final String members = testing.launchMaster(new EngineContext());
        testing.launchAgent("node-a", "cpus:1;mem:512", "");

        final RttResult result = RttFramework.run(new RttContext().members(members).requests(30).warmUp(5).timeoutMs(40_000));

        System.out.println(print(result));
        assertTrue(result.isComplete());
        assertEquals(0, result.failures());
        assertEquals(30, result.roundTrips().getTotalCount());
        assertEquals(1, result.agents());
        assertTrue(result.percentileUs(50) > 0);
        assertTrue(result.roundTrips().getMaxValue() >= result.roundTrips().getValueAtPercentile(99));
        final String text = print(result);
        assertTrue(text.startsWith("rtt: 30 offer round trips (after 5 warm-up) on 1 agent in "), text);
        assertTrue(text.matches("(?s).*\nrtt: p50 \\d+ us, p99 \\d+ us, p99\\.9 \\d+ us, max \\d+ us\\R"), text);
    }

    @Test
    @Timeout(60)
    void shouldLaunchRequestsAtAFixedRateOnHeldOffers()
    {
        final String members = testing.launchMaster(new EngineContext());
        testing.launchAgent("node-a", "cpus:1;mem:512", "");
        testing.launchAgent("node-b", "cpus:1;mem:512", "");

        final RttResult result = RttFramework.run(new RttContext()
            .members(members).requests(12).warmUp(2).ratePerSecond(20).timeoutMs(40_000));

        System.out.println(print(result));
        assertTrue(result.isComplete());
        assertEquals(0, result.failures());
        assertEquals(12, result.roundTrips().getTotalCount());
        assertEquals(2, result.agents());
        assertTrue(result.elapsedMs() >= 13 * 1000 / 20, "14 requests 50 ms apart: " + result.elapsedMs() + " ms");
        assertTrue(print(result).contains(", 20.0 requests/s, 0 failed"), print(result));
    }

    private static String print(final RttResult result)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        result.print(new PrintStream(out, true, StandardCharsets.UTF_8), "rtt: ");
        return out.toString(StandardCharsets.UTF_8);
    }
}

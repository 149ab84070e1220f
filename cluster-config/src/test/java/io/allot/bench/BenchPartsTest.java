/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.bench;

import io.allot.resources.ResourceNames;
import io.allot.resources.ResourcesParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The benchmarks' small parts: merging master flags, sizing egress terms, rates over time, the chart.
 */
class BenchPartsTest
{
    @Test
    @Timeout(10)
    void shouldLetGivenMasterFlagsReplaceTheDefaults()
    {
        assertEquals(List.of("--leader-heartbeat-timeout", "200ms", "--election-timeout", "250ms", "--seed", "7"),
            MasterArgs.merge(List.of("--leader-heartbeat-timeout", "500ms", "--election-timeout", "250ms"),
                List.of("--leader_heartbeat_timeout=200ms", "--seed", "7")));
        assertEquals(List.of("--clean"), MasterArgs.merge(List.of(), List.of("--clean")));
    }

    @Test
    @Timeout(10)
    void shouldSizeAnEgressTermToHoldABurstInItsWindow()
    {
        assertEquals(64 * 1024, BenchClients.termLengthFor(0));
        assertEquals(64 * 1024, BenchClients.termLengthFor(32 * 1024));
        assertEquals(128 * 1024, BenchClients.termLengthFor(32 * 1024 + 1));
        assertEquals(128 * 1024 * 1024, BenchClients.termLengthFor(250_000L * 192));
        assertEquals(1024 * 1024 * 1024, BenchClients.termLengthFor(4L * 1024 * 1024 * 1024));
        final int frame = ScaleBench.offerFrameLength(
            ResourcesParser.parse(ScaleBenchContext.DEFAULT_AGENT_RESOURCES, new ResourceNames()));
        assertTrue(frame >= 128 && frame <= 256 && 0 == frame % 32, "one offer frame: " + frame);
    }

    @Test
    @Timeout(10)
    void shouldTurnCumulativeSamplesIntoRates()
    {
        final Timeline timeline = new Timeline("offers");
        timeline.origin(1_000_000_000L);
        timeline.sample(1_000_000_000L, 0);
        timeline.sample(1_500_000_000L, 100);
        timeline.sample(2_000_000_000L, 100);
        assertArrayEquals(new double[]{ 0, 0.5, 1.0 }, timeline.seconds(), 1e-9);
        assertArrayEquals(new double[]{ 0, 200, 0 }, timeline.rates(0), 1e-9);
    }

    @Test
    @Timeout(10)
    void shouldDrawSeriesAndMarkers()
    {
        final String svg = LineChartSvg.render("Title <1>", "sub", "x (s)", "per second",
            List.of(new LineChartSvg.Series("offers/s", new double[]{ -1, 0, 1 }, new double[]{ 10, 0, 30 })),
            List.of(new LineChartSvg.Marker(0, "kill")));
        assertTrue(svg.startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg "), svg);
        assertTrue(svg.contains("Title &lt;1&gt;"), svg);
        assertTrue(svg.contains("<polyline "), svg);
        assertTrue(svg.contains("stroke-dasharray"), svg);
        assertTrue(svg.trim().endsWith("</svg>"), svg);
    }
}

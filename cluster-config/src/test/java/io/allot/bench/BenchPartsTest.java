/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.bench;

import io.allot.resources.ResourceNames;
import io.allot.resources.ResourcesParser;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The benchmarks' small parts: merging master flags, sizing egress terms, rates over time, the charts, the offer round
 * trip's recorder.
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

    @Test
    @Timeout(10)
    void shouldMeasureARoundTripFromItsScheduledTimeInsideTheWindowOnly()
    {
        final OfferRoundTripRecorder recorder = new OfferRoundTripRecorder(2);
        final int a = recorder.slot(71);
        final int b = recorder.slot(72);
        assertEquals(0, a);
        assertEquals(1, b);
        assertEquals(a, recorder.slot(71));
        assertEquals(-1, recorder.slot(73));
        assertEquals(0, recorder.onOffer(a, 5_000) ? 1 : 0, "no request pending: the agent's first offer");

        recorder.window(1_000_000, 2_000_000);
        recorder.onLaunch(a, 999_999, 1_000_100);
        assertTrue(recorder.onOffer(a, 1_500_000));
        assertEquals(0, recorder.roundTrip().getTotalCount(), "scheduled before the window: warm-up");

        recorder.onLaunch(a, 1_000_000, 1_000_400);
        recorder.onRunTask(71, 1_100_400);
        recorder.onLaunch(b, 1_999_999, 2_000_000);
        assertEquals(2, recorder.pending());
        assertEquals(2, recorder.pendingMeasured());
        assertTrue(recorder.onOffer(a, 1_300_000));
        assertEquals(1, recorder.pendingMeasured());
        recorder.cancel(b);
        assertEquals(0, recorder.pending());
        assertEquals(0, recorder.pendingMeasured());

        final Histogram rtt = recorder.roundTrip();
        assertEquals(1, rtt.getTotalCount());
        assertTrue(rtt.valuesAreEquivalent(300_000, rtt.getMaxValue()), "from the scheduled time: " + rtt.getMaxValue());
        assertTrue(recorder.sendDelay().valuesAreEquivalent(400, recorder.sendDelay().getMaxValue()));
        assertEquals(2, recorder.sendDelay().getTotalCount());
        assertTrue(recorder.launchToRunTask().valuesAreEquivalent(100_000, recorder.launchToRunTask().getMaxValue()));
        assertTrue(recorder.runTaskToOffer().valuesAreEquivalent(199_600, recorder.runTaskToOffer().getMaxValue()));
        assertEquals(3, recorder.completed() + 1);
    }

    @Test
    @Timeout(10)
    void shouldPlotPercentilesOnALogarithmicAxis()
    {
        assertEquals(0, PercentilePlotSvg.x(0), 1e-12);
        assertEquals(1, PercentilePlotSvg.x(90), 1e-9);
        assertEquals(3, PercentilePlotSvg.x(99.9), 1e-9);
        final Histogram histogram = new Histogram(3);
        for (int i = 1; i <= 1000; i++)
        {
            histogram.recordValue(i * 1_000L);
        }
        final double[][] points = PercentilePlotSvg.points(histogram);
        assertEquals(3, points[points.length - 1][0], 0.02, "the max at about the rank of the last value");
        assertEquals(1000, points[points.length - 1][1], 1, "microseconds");
        final String svg = PercentilePlotSvg.render("Offer round trip", "sub",
            List.of(new PercentilePlotSvg.Series("rtt", histogram), new PercentilePlotSvg.Series("none", new Histogram(3))));
        assertTrue(svg.contains(">99.9%</text>"), svg);
        assertTrue(svg.contains(">rtt</text>"), svg);
        assertTrue(!svg.contains(">none</text>"), "an empty series is left out");
        assertTrue(svg.trim().endsWith("</svg>"), svg);
    }
}

/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.sim;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Tells a waiting user how far a slow run has got: nothing for the first seconds, then a line about every second.
 */
final class ProgressReporter
{
    private static final long INTERVAL_NS = 1_000_000_000L;
    private static final int CHECK_EVERY = 1024;

    private final PrintStream out;
    private final long startNs;
    private final long runMs;
    private long nextReportNs;
    private int calls;

    ProgressReporter(final PrintStream out, final long afterMs, final long runMs)
    {
        this.out = out;
        this.startNs = System.nanoTime();
        this.nextReportNs = startNs + afterMs * 1_000_000L;
        this.runMs = runMs;
    }

    void onStep(final long nowMs)
    {
        if (null == out || ++calls < CHECK_EVERY)
        {
            return;
        }
        calls = 0;

        final long nowNs = System.nanoTime();
        if (nowNs - nextReportNs >= 0)
        {
            nextReportNs = nowNs + INTERVAL_NS;
            out.println(String.format(Locale.ROOT, "simulate: %.1fs of %.1fs virtual time (%d%%), %.1fs wall",
                nowMs / 1e3, runMs / 1e3, runMs > 0 ? nowMs * 100 / runMs : 100, (nowNs - startNs) / 1e9));
            out.flush();
        }
    }
}

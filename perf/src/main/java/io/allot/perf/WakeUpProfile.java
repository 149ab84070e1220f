/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.perf;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where the threads of a latency path spend their time, from a JDK Flight Recording made with {@code jdk.ThreadPark}
 * at a 0 ms threshold and {@code jdk.ThreadCPULoad} every second (see {@code perf/README.md}): per thread, its CPU
 * load, how often it parked and for how long (parks of up to 1 ms are an idle strategy backing off: a message that
 * arrives meanwhile waits for the park to end), and the methods its Java samples were in.
 * <pre>{@code
 * java -cp perf/target/benchmarks.jar io.allot.perf.WakeUpProfile master.jfr [top]
 * }</pre>
 */
public final class WakeUpProfile
{
    private static final long[] BOUNDS_US = { 10, 50, 100, 200, 500, 1_000, 2_000, Long.MAX_VALUE };

    private WakeUpProfile()
    {
    }

    private static final class ThreadStats
    {
        final long[] parksByBound = new long[BOUNDS_US.length];
        final Map<String, Integer> topFrames = new HashMap<>();
        long parks;
        long parkedNs;
        double cpuUser;
        double cpuSystem;
        int cpuSamples;
        int javaSamples;
    }

    /**
     * @param args the recording, and optionally how many methods to show per thread (default 3).
     * @throws IOException when the recording cannot be read.
     */
    public static void main(final String[] args) throws IOException
    {
        final int top = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        final Map<String, ThreadStats> threads = new TreeMap<>();
        double firstS = Double.MAX_VALUE;
        double lastS = 0;
        try (RecordingFile recording = new RecordingFile(Path.of(args[0])))
        {
            while (recording.hasMoreEvents())
            {
                final RecordedEvent event = recording.readEvent();
                final String type = event.getEventType().getName();
                final double atS = event.getStartTime().toEpochMilli() / 1e3;
                switch (type)
                {
                    case "jdk.ThreadPark":
                        firstS = Math.min(firstS, atS);
                        lastS = Math.max(lastS, atS);
                        park(stats(threads, event.getThread()), event.getDuration().toNanos());
                        break;
                    case "jdk.ThreadCPULoad":
                        final ThreadStats cpu = stats(threads, event.getThread("eventThread"));
                        cpu.cpuUser += event.getFloat("user");
                        cpu.cpuSystem += event.getFloat("system");
                        cpu.cpuSamples++;
                        break;
                    case "jdk.ExecutionSample":
                        sample(stats(threads, event.getThread("sampledThread")), event.getStackTrace());
                        break;
                    default:
                        break;
                }
            }
        }
        final double seconds = Math.max(lastS - firstS, 1e-9);
        System.out.printf(Locale.ROOT, "%s: %.1f s of parks%n", args[0], seconds);
        System.out.printf(Locale.ROOT, "%-44s %6s %6s %9s %9s  %s%n", "thread", "user", "system", "parks/s", "mean us",
            "parks by duration: <=10us <=50 <=100 <=200 <=500 <=1ms <=2ms >2ms");
        for (final Map.Entry<String, ThreadStats> entry : threads.entrySet())
        {
            final ThreadStats stats = entry.getValue();
            if (0 == stats.parks && stats.cpuUser + stats.cpuSystem < 0.005 * Math.max(1, stats.cpuSamples))
            {
                continue;
            }
            final StringBuilder parks = new StringBuilder();
            for (final long count : stats.parksByBound)
            {
                parks.append(String.format(Locale.ROOT, " %5.1f%%", stats.parks > 0 ? 100.0 * count / stats.parks : 0));
            }
            System.out.printf(Locale.ROOT, "%-44s %5.1f%% %5.1f%% %9.0f %9.1f %s%n", entry.getKey(),
                stats.cpuSamples > 0 ? 100 * stats.cpuUser / stats.cpuSamples : 0,
                stats.cpuSamples > 0 ? 100 * stats.cpuSystem / stats.cpuSamples : 0, stats.parks / seconds,
                stats.parks > 0 ? stats.parkedNs / 1e3 / stats.parks : 0, parks);
            final List<Map.Entry<String, Integer>> frames = new ArrayList<>(stats.topFrames.entrySet());
            frames.sort((a, b) -> b.getValue() - a.getValue());
            for (int i = 0; i < Math.min(top, frames.size()); i++)
            {
                System.out.printf(Locale.ROOT, "    %5.1f%% of %d Java samples in %s%n",
                    100.0 * frames.get(i).getValue() / stats.javaSamples, stats.javaSamples, frames.get(i).getKey());
            }
        }
    }

    private static ThreadStats stats(final Map<String, ThreadStats> threads, final RecordedThread thread)
    {
        final String name = null == thread ? "?" : thread.getJavaName() != null ? thread.getJavaName() : thread.getOSName();
        return threads.computeIfAbsent(name, (key) -> new ThreadStats());
    }

    private static void park(final ThreadStats stats, final long ns)
    {
        stats.parks++;
        stats.parkedNs += ns;
        for (int i = 0; i < BOUNDS_US.length; i++)
        {
            if (ns <= BOUNDS_US[i] * 1_000)
            {
                stats.parksByBound[i]++;
                return;
            }
        }
    }

    private static void sample(final ThreadStats stats, final RecordedStackTrace stack)
    {
        stats.javaSamples++;
        if (null == stack || stack.getFrames().isEmpty())
        {
            return;
        }
        final RecordedFrame frame = stack.getFrames().get(0);
        final String method = frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
        stats.topFrames.merge(method, 1, Integer::sum);
    }
}

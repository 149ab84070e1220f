/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.bench;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A profile of the master over one step of a benchmark: a JDK Flight Recording started and stopped in the master's
 * process with {@code jcmd PID JFR.start / JFR.stop}, then its execution samples summed by method, for the service
 * thread (where the engine runs) and for the whole process: the methods most often on top of the stack (self time) and
 * most often anywhere in it (total time).
 */
final class MasterProfile
{
    static final String RECORDING = "allot-bench";
    static final String SERVICE_THREAD = "clustered-service";
    static final int TOP = 40;
    static final long JCMD_TIMEOUT_MS = 60_000;

    private final long pid;
    private final Path file;
    private boolean isStarted;

    MasterProfile(final long pid, final Path file)
    {
        this.pid = pid;
        this.file = file;
    }

    /**
     * Start recording with the JDK's {@code profile} settings: a Java sample every 10 ms per thread (the 1 ms of
     * {@code method-profiling=max} made the allocation pass nearly three times slower).
     *
     * @return true when recording; false when jcmd or JFR is not available.
     */
    boolean start()
    {
        isStarted = jcmd("JFR.start", "name=" + RECORDING, "settings=profile");
        return isStarted;
    }

    /**
     * Stop recording and summarise the samples taken in a window.
     *
     * @param from samples before this are left out.
     * @param to   samples after this are left out.
     * @return the summary, or a line saying why there is none.
     */
    String stop(final Instant from, final Instant to)
    {
        if (!isStarted)
        {
            return "no profile: jcmd could not start a flight recording in the master\n";
        }
        if (!jcmd("JFR.stop", "name=" + RECORDING, "filename=" + file.toAbsolutePath()))
        {
            return "no profile: jcmd could not stop the flight recording\n";
        }
        try
        {
            return summarise(file, from, to);
        }
        catch (final IOException | LinkageError ex)
        {
            return "no profile: cannot read " + file + ": " + ex + "\n";
        }
    }

    /**
     * Sum the execution samples of a recording by method.
     *
     * @param recording a JFR file.
     * @param from      samples before this are left out.
     * @param to        samples after this are left out.
     * @return a text table per thread group.
     * @throws IOException when the file cannot be read.
     */
    static String summarise(final Path recording, final Instant from, final Instant to) throws IOException
    {
        final Map<String, int[]> serviceSelf = new HashMap<>();
        final Map<String, int[]> serviceTotal = new HashMap<>();
        final Map<String, int[]> allSelf = new HashMap<>();
        final Map<String, Integer> threads = new HashMap<>();
        int serviceSamples = 0;
        int samples = 0;
        for (final RecordedEvent event : RecordingFile.readAllEvents(recording))
        {
            if (!"jdk.ExecutionSample".equals(event.getEventType().getName()) || null == event.getStackTrace() ||
                event.getStartTime().isBefore(from) || event.getStartTime().isAfter(to))
            {
                continue;
            }
            final RecordedThread thread = event.getThread("sampledThread");
            final String threadName = null == thread ? "?" : String.valueOf(thread.getJavaName());
            threads.merge(threadName, 1, Integer::sum);
            final RecordedStackTrace stack = event.getStackTrace();
            final List<RecordedFrame> frames = stack.getFrames();
            if (frames.isEmpty())
            {
                continue;
            }
            samples++;
            count(allSelf, name(frames.get(0)));
            if (threadName.contains(SERVICE_THREAD))
            {
                serviceSamples++;
                count(serviceSelf, name(frames.get(0)));
                final Set<String> seen = new HashSet<>();
                for (final RecordedFrame frame : frames)
                {
                    final String name = name(frame);
                    if (seen.add(name))
                    {
                        count(serviceTotal, name);
                    }
                }
            }
        }
        final StringBuilder text = new StringBuilder(8192);
        text.append("from ").append(from).append(" to ").append(to).append(" (").append(Duration.between(from, to).toMillis())
            .append(" ms): execution samples: ").append(samples).append(" in all threads, ").append(serviceSamples)
            .append(" in the service thread (where the engine runs); samples by thread:\n");
        threads.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(12)
            .forEach((e) -> text.append(String.format(Locale.ROOT, "  %6d  %s%n", e.getValue(), e.getKey())));
        table(text, "service thread, self (the method on top of the stack)", serviceSelf, serviceSamples);
        table(text, "service thread, total (the method anywhere on the stack)", serviceTotal, serviceSamples);
        table(text, "all threads, self", allSelf, samples);
        return text.toString();
    }

    private static void count(final Map<String, int[]> counts, final String name)
    {
        counts.computeIfAbsent(name, (key) -> new int[1])[0]++;
    }

    private static String name(final RecordedFrame frame)
    {
        final RecordedMethod method = frame.getMethod();
        if (null == method)
        {
            return "?";
        }
        final String type = method.getType().getName();
        return type.substring(type.lastIndexOf('.') + 1) + "." + method.getName() + (frame.isJavaFrame() ? "" : " (native)");
    }

    private static void table(final StringBuilder text, final String title, final Map<String, int[]> counts, final int total)
    {
        text.append('\n').append(title).append(":\n");
        final List<Map.Entry<String, int[]>> entries = new ArrayList<>(counts.entrySet());
        entries.sort((a, b) -> b.getValue()[0] - a.getValue()[0]);
        for (int i = 0; i < Math.min(TOP, entries.size()); i++)
        {
            final int count = entries.get(i).getValue()[0];
            text.append(String.format(Locale.ROOT, "  %5.1f %%  %6d  %s%n", 100.0 * count / Math.max(total, 1), count,
                entries.get(i).getKey()));
        }
    }

    private boolean jcmd(final String... command)
    {
        final List<String> args = new ArrayList<>();
        args.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
        args.add(Long.toString(pid));
        args.addAll(List.of(command));
        try
        {
            final Process process = new ProcessBuilder(args).redirectErrorStream(true).start();
            try (InputStream in = process.getInputStream())
            {
                in.readAllBytes();
            }
            return process.waitFor(JCMD_TIMEOUT_MS, TimeUnit.MILLISECONDS) && 0 == process.exitValue();
        }
        catch (final IOException ex)
        {
            return false;
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}

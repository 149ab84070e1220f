/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The memory of a master's process, read from outside it: resident memory from {@code /proc/PID/status}
 * ({@code VmRSS}, split into anonymous memory, which is the JVM's heap, metaspace, stacks and native buffers, and
 * file-backed or shared pages, which are mostly the Aeron log buffers the master maps), and the live heap from the
 * JDK's {@code jcmd PID GC.class_histogram} (a full collection first, so only reachable objects count) and
 * {@code jcmd PID GC.heap_info} (the committed heap). The master has no heap counter of its own.
 *
 * @param vmRssBytes         resident set size.
 * @param rssAnonBytes       resident anonymous memory.
 * @param rssFileBytes       resident file-backed pages (memory-mapped files such as the Aeron log buffers).
 * @param rssShmemBytes      resident shared memory (tmpfs mappings).
 * @param heapLiveBytes      bytes of reachable objects after a full collection; -1 when jcmd was not available.
 * @param heapCommittedBytes heap committed by the JVM; -1 when unknown.
 * @param histogram          the first lines of the class histogram, largest first; empty without jcmd.
 */
record MasterMemory(
    long vmRssBytes,
    long rssAnonBytes,
    long rssFileBytes,
    long rssShmemBytes,
    long heapLiveBytes,
    long heapCommittedBytes,
    List<String> histogram)
{
    private static final Pattern HEAP_LINE = Pattern.compile("total (\\d+)K, used (\\d+)K");
    private static final Pattern TOTAL_LINE = Pattern.compile("^Total\\s+(\\d+)\\s+(\\d+)\\s*$");
    private static final int HISTOGRAM_LINES = 25;
    private static final long JCMD_TIMEOUT_MS = 120_000;

    /**
     * Measure a process.
     *
     * @param pid      the master's process id.
     * @param withHeap also run jcmd (a full collection in the master, a pause of up to a second with a large state).
     * @return what was measured.
     */
    static MasterMemory measure(final long pid, final boolean withHeap)
    {
        final long[] rss = readStatus(pid);
        long live = -1;
        long committed = -1;
        final List<String> histogram = new ArrayList<>();
        if (withHeap)
        {
            final List<String> classes = jcmd(pid, "GC.class_histogram");
            for (final String line : classes)
            {
                final Matcher total = TOTAL_LINE.matcher(line.trim());
                if (total.matches())
                {
                    live = Long.parseLong(total.group(2));
                }
                else if (histogram.size() < HISTOGRAM_LINES && !line.isBlank() && !line.startsWith(Long.toString(pid) + ":"))
                {
                    histogram.add(line);
                }
            }
            committed = committedHeap(jcmd(pid, "GC.heap_info"));
        }
        return new MasterMemory(rss[0], rss[1], rss[2], rss[3], live, committed, histogram);
    }

    /**
     * @return true when the live heap was measured.
     */
    boolean hasHeap()
    {
        return heapLiveBytes >= 0;
    }

    private static long[] readStatus(final long pid)
    {
        final long[] values = { 0, 0, 0, 0 };
        try
        {
            for (final String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"), StandardCharsets.US_ASCII))
            {
                if (line.startsWith("VmRSS:"))
                {
                    values[0] = kib(line);
                }
                else if (line.startsWith("RssAnon:"))
                {
                    values[1] = kib(line);
                }
                else if (line.startsWith("RssFile:"))
                {
                    values[2] = kib(line);
                }
                else if (line.startsWith("RssShmem:"))
                {
                    values[3] = kib(line);
                }
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            throw new BenchException("cannot read the memory of the master (pid " + pid + "): " + ex.getMessage(), ex);
        }
        return values;
    }

    private static long kib(final String line)
    {
        return Long.parseLong(line.substring(line.indexOf(':') + 1).replace("kB", "").trim()) * 1024;
    }

    private static long committedHeap(final List<String> lines)
    {
        long committed = 0;
        boolean found = false;
        for (final String line : lines)
        {
            final Matcher matcher = HEAP_LINE.matcher(line);
            if (matcher.find())
            {
                committed += Long.parseLong(matcher.group(1)) * 1024;
                found = true;
            }
        }
        return found ? committed : -1;
    }

    /**
     * Run {@code jcmd PID COMMAND} from this JVM's JDK.
     *
     * @return its output lines, or none when jcmd is missing or failed.
     */
    private static List<String> jcmd(final long pid, final String command)
    {
        final Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        if (!Files.isExecutable(jcmd))
        {
            return List.of();
        }
        try
        {
            final Process process = new ProcessBuilder(jcmd.toString(), Long.toString(pid), command).redirectErrorStream(true).start();
            final String output;
            try (InputStream in = process.getInputStream())
            {
                output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!process.waitFor(JCMD_TIMEOUT_MS, TimeUnit.MILLISECONDS))
            {
                process.destroyForcibly();
                return List.of();
            }
            return 0 == process.exitValue() ? output.lines().toList() : List.of();
        }
        catch (final IOException ex)
        {
            return List.of();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }
}

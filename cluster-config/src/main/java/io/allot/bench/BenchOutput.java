/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.bench;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * What a benchmark reports: summary lines printed and kept for {@code summary.txt}, figures for {@code results.csv}
 * ({@code metric,value,unit}), and other files in the output directory.
 */
final class BenchOutput
{
    private final File dir;
    private final PrintStream out;
    private final StringBuilder summary = new StringBuilder(4096);
    private final List<String> files = new ArrayList<>();
    private final StringBuilder csv = new StringBuilder("metric,value,unit\n");

    BenchOutput(final File dir, final PrintStream out)
    {
        this.dir = dir;
        this.out = out;
    }

    /**
     * @param requested the directory asked for, or null for a new temporary one.
     * @param prefix    of a temporary directory's name.
     * @return the directory, created.
     */
    static File prepare(final File requested, final String prefix)
    {
        try
        {
            if (null == requested)
            {
                return Files.createTempDirectory(prefix).toFile();
            }
            Files.createDirectories(requested.toPath());
            return requested;
        }
        catch (final IOException | RuntimeException ex)
        {
            throw new BenchException("cannot create the output directory " + (null == requested ? "" : requested + " ") + "(" +
                ex.getMessage() + ")", ex);
        }
    }

    /**
     * @return the output directory.
     */
    File dir()
    {
        return dir;
    }

    /**
     * Print a summary line and keep it for {@code summary.txt}.
     */
    void line(final String text)
    {
        out.println(text);
        out.flush();
        summary.append(text).append('\n');
    }

    /**
     * Record a figure for {@code results.csv}.
     */
    void metric(final String name, final double value, final String unit)
    {
        csv.append(name).append(',').append(value == Math.rint(value) && Math.abs(value) < 1e15 ?
            Long.toString((long)value) : Numbers.plain(value)).append(',').append(unit).append('\n');
    }

    /**
     * Write a file into the output directory.
     */
    void write(final String name, final String content)
    {
        try
        {
            Files.writeString(dir.toPath().resolve(name), content, StandardCharsets.UTF_8);
            files.add(name);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * @param name of a file another writer put into the output directory.
     * @return its path.
     */
    Path file(final String name)
    {
        files.add(name);
        return dir.toPath().resolve(name);
    }

    /**
     * Write {@code summary.txt} and {@code results.csv}, and print where everything is.
     */
    void finish()
    {
        files.add(0, "summary.txt");
        files.add(1, "results.csv");
        line("results: " + dir.getAbsolutePath() + File.separator + " " + String.join(", ", files));
        write("summary.txt", summary.toString());
        write("results.csv", csv.toString());
    }

    /**
     * Delete a directory and everything in it, quietly.
     */
    static void deleteTree(final File root)
    {
        if (!root.exists())
        {
            return;
        }
        try (Stream<Path> paths = Files.walk(root.toPath()))
        {
            paths.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
        }
        catch (final IOException | UncheckedIOException ex)
        {
            // Best effort: a directory left behind is reported by nothing and harms nothing.
            return;
        }
    }
}

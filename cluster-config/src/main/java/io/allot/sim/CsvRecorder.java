/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.sim;

import io.allot.codecs.sbe.TaskState;
import io.allot.resources.Resources;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Writes {@code offers.csv}, {@code tasks.csv} and {@code shares.csv} into a directory as the simulation runs, and
 * {@code shares.svg} when it is closed.
 */
final class CsvRecorder implements SimRecorder
{
    /** Header of {@code offers.csv}. */
    static final String OFFERS_HEADER = "time_ms,framework,offer,agent,resources";
    /** Header of {@code tasks.csv}. */
    static final String TASKS_HEADER = "time_ms,framework,task,agent,state";

    private final Path directory;
    private final String title;
    private final List<String> frameworkIds;
    private final long runMs;
    private final BufferedWriter offers;
    private final BufferedWriter tasks;
    private final BufferedWriter shares;
    private final StringBuilder line = new StringBuilder(256);
    private final List<double[]> sampleValues = new ArrayList<>();
    private long[] sampleTimes = new long[64];

    CsvRecorder(final Path directory, final String title, final List<String> frameworkIds, final long runMs) throws IOException
    {
        this.directory = directory;
        this.title = title;
        this.frameworkIds = frameworkIds;
        this.runMs = runMs;
        Files.createDirectories(directory);
        offers = open("offers.csv", OFFERS_HEADER);
        tasks = open("tasks.csv", TASKS_HEADER);
        shares = open("shares.csv", "time_ms," + String.join(",", frameworkIds));
    }

    public boolean wantsShares()
    {
        return true;
    }

    public void offer(final long timeMs, final String framework, final long offerId, final String agent, final Resources resources)
    {
        line.setLength(0);
        line.append(timeMs).append(',').append(framework).append(',').append(offerId).append(',').append(agent).append(',');
        final int start = line.length();
        resources.appendTo(line);
        if (line.indexOf(",", start) >= 0)
        {
            line.insert(start, '"').append('"');
        }
        write(offers);
    }

    public void task(final long timeMs, final String framework, final long taskId, final String agent, final TaskState state)
    {
        line.setLength(0);
        line.append(timeMs).append(',').append(framework).append(',').append(taskId).append(',').append(agent).append(',')
            .append(state.name());
        write(tasks);
    }

    public void shares(final long timeMs, final double[] values)
    {
        final int count = sampleValues.size();
        if (count == sampleTimes.length)
        {
            sampleTimes = Arrays.copyOf(sampleTimes, count * 2);
        }
        sampleTimes[count] = timeMs;
        sampleValues.add(values.clone());

        line.setLength(0);
        line.append(timeMs);
        for (final double value : values)
        {
            line.append(',');
            if (!Double.isNaN(value))
            {
                line.append(String.format(Locale.ROOT, "%.4f", value));
            }
        }
        write(shares);
    }

    public void close() throws IOException
    {
        try
        {
            offers.close();
        }
        finally
        {
            try
            {
                tasks.close();
            }
            finally
            {
                shares.close();
            }
        }

        final double[][] values = sampleValues.toArray(new double[0][]);
        final String svg = new SharesSvg(title, frameworkIds, runMs).render(sampleTimes, values, values.length);
        Files.writeString(directory.resolve("shares.svg"), svg, StandardCharsets.UTF_8);
    }

    private BufferedWriter open(final String name, final String header) throws IOException
    {
        final BufferedWriter writer = Files.newBufferedWriter(directory.resolve(name), StandardCharsets.UTF_8);
        writer.write(header);
        writer.write('\n');
        return writer;
    }

    private void write(final BufferedWriter writer)
    {
        try
        {
            writer.append(line).append('\n');
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}

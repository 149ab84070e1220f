/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Counters sampled over time (cumulative values such as offers received), with the rate per second between
 * consecutive samples, for a CSV file and a chart.
 */
final class Timeline
{
    private final String[] names;
    private final List<Long> timesNs = new ArrayList<>();
    private final List<long[]> values = new ArrayList<>();
    private long originNs;

    /**
     * @param names of the sampled counters, in the order {@link #sample} takes them.
     */
    Timeline(final String... names)
    {
        this.names = names;
    }

    /**
     * @param nowNs the time that is 0 s in the CSV file and the chart.
     */
    void origin(final long nowNs)
    {
        originNs = nowNs;
    }

    /**
     * @param nowNs  when the values were read.
     * @param sample the cumulative value of every counter, in the order of the names.
     */
    void sample(final long nowNs, final long... sample)
    {
        timesNs.add(nowNs);
        values.add(sample.clone());
    }

    /**
     * @return the number of samples.
     */
    int size()
    {
        return timesNs.size();
    }

    /**
     * @return each sample's time in seconds from the origin.
     */
    double[] seconds()
    {
        final double[] seconds = new double[size()];
        for (int i = 0; i < seconds.length; i++)
        {
            seconds[i] = (timesNs.get(i) - originNs) / 1e9;
        }
        return seconds;
    }

    /**
     * @param series index of a counter.
     * @return its rate per second over the interval before each sample (0 for the first).
     */
    double[] rates(final int series)
    {
        final double[] rates = new double[size()];
        for (int i = 1; i < rates.length; i++)
        {
            final double seconds = (timesNs.get(i) - timesNs.get(i - 1)) / 1e9;
            rates[i] = seconds > 0 ? (values.get(i)[series] - values.get(i - 1)[series]) / seconds : 0;
        }
        return rates;
    }

    /**
     * Write {@code t_s} and, per counter, its cumulative value and its rate per second.
     *
     * @param file where.
     */
    void writeCsv(final Path file)
    {
        final StringBuilder csv = new StringBuilder(64 * (size() + 1));
        csv.append("t_s");
        for (final String name : names)
        {
            csv.append(',').append(name).append(',').append(name).append("_per_s");
        }
        csv.append('\n');
        final double[] seconds = seconds();
        final double[][] rates = new double[names.length][];
        for (int n = 0; n < names.length; n++)
        {
            rates[n] = rates(n);
        }
        for (int i = 0; i < size(); i++)
        {
            csv.append(Numbers.plain(seconds[i]));
            for (int n = 0; n < names.length; n++)
            {
                csv.append(',').append(values.get(i)[n]).append(',').append(Numbers.plain(rates[n][i]));
            }
            csv.append('\n');
        }
        try
        {
            Files.writeString(file, csv, StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}

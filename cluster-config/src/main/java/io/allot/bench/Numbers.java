/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.bench;

import java.util.Locale;

/**
 * Formatting of the figures a benchmark prints: counts with thousands separators, rates, durations and sizes.
 */
final class Numbers
{
    static final double KIB = 1024.0;
    static final double MIB = 1024.0 * 1024.0;
    static final double GIB = 1024.0 * 1024.0 * 1024.0;

    private Numbers()
    {
    }

    /**
     * @return e.g. {@code 1,000,000}.
     */
    static String count(final long value)
    {
        return String.format(Locale.ROOT, "%,d", value);
    }

    /**
     * @return a rate rounded to a whole number with separators, e.g. {@code 103,000}.
     */
    static String rate(final double perSecond)
    {
        return String.format(Locale.ROOT, "%,.0f", perSecond);
    }

    /**
     * @return milliseconds with one decimal below 100 ms, whole above, e.g. {@code 45.2 ms}, {@code 812 ms}.
     */
    static String ms(final double ms)
    {
        return ms < 100 ? String.format(Locale.ROOT, "%.1f ms", ms) : String.format(Locale.ROOT, "%,.0f ms", ms);
    }

    /**
     * @return seconds with two decimals, e.g. {@code 3.21 s}.
     */
    static String seconds(final double seconds)
    {
        return String.format(Locale.ROOT, "%.2f s", seconds);
    }

    /**
     * @return a size in KiB, MiB or GiB, e.g. {@code 123.4 MiB}.
     */
    static String bytes(final double bytes)
    {
        if (bytes >= GIB)
        {
            return String.format(Locale.ROOT, "%.2f GiB", bytes / GIB);
        }
        if (bytes >= MIB)
        {
            return String.format(Locale.ROOT, "%.1f MiB", bytes / MIB);
        }
        return String.format(Locale.ROOT, "%.1f KiB", bytes / KIB);
    }

    /**
     * @return bytes with one decimal, e.g. {@code 812.5 B}, for per-agent figures.
     */
    static String bytesEach(final double bytes)
    {
        return bytes >= 10 * KIB ? String.format(Locale.ROOT, "%.1f KiB", bytes / KIB) : String.format(Locale.ROOT, "%.0f B", bytes);
    }

    /**
     * @return a plain decimal for CSV files, e.g. {@code 45.213}.
     */
    static String plain(final double value)
    {
        return String.format(Locale.ROOT, "%.3f", value);
    }
}

/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.sim;

import java.math.BigDecimal;

/**
 * Durations of a scenario: a decimal and a unit ({@code 500ms}, {@code 5s}, {@code 1.5s}, {@code 2m}, {@code 1h}),
 * {@code 0} without a unit, and {@code inf} where a scenario allows it. Values are whole milliseconds.
 */
public final class Durations
{
    /**
     * The value of {@code inf}: the event never happens.
     */
    public static final long INFINITE = -1;

    private Durations()
    {
    }

    /**
     * Parse a duration into milliseconds.
     *
     * @param text          such as {@code 1.5s}.
     * @param allowInfinite whether {@code inf} is accepted.
     * @return the duration in milliseconds, or {@link #INFINITE}.
     * @throws IllegalArgumentException naming the text and the reason.
     */
    public static long parseMs(final String text, final boolean allowInfinite)
    {
        if ("inf".equals(text))
        {
            if (!allowInfinite)
            {
                throw new IllegalArgumentException("'inf' is not allowed here");
            }
            return INFINITE;
        }

        if ("0".equals(text))
        {
            return 0;
        }

        int unitStart = 0;
        while (unitStart < text.length() && (Character.isDigit(text.charAt(unitStart)) || '.' == text.charAt(unitStart)))
        {
            unitStart++;
        }

        final long unitMs = unitMs(text.substring(unitStart));
        final String number = text.substring(0, unitStart);
        if (unitMs <= 0 || number.isEmpty() || '.' == number.charAt(0) || '.' == number.charAt(number.length() - 1) ||
            number.indexOf('.') != number.lastIndexOf('.'))
        {
            throw badDuration(text);
        }

        try
        {
            final BigDecimal ms = new BigDecimal(number).multiply(BigDecimal.valueOf(unitMs));
            if (ms.stripTrailingZeros().scale() > 0)
            {
                throw new IllegalArgumentException("duration '" + text + "' is not a whole number of milliseconds");
            }
            return ms.longValueExact();
        }
        catch (final ArithmeticException ex)
        {
            throw new IllegalArgumentException("duration '" + text + "' is too large", ex);
        }
    }

    /**
     * Format milliseconds in the largest unit that keeps them exact, e.g. {@code 1500ms} as {@code 1.5s}.
     *
     * @param ms duration, or {@link #INFINITE}.
     * @return the text form.
     */
    public static String format(final long ms)
    {
        if (INFINITE == ms)
        {
            return "inf";
        }
        if (0 == ms)
        {
            return "0s";
        }
        if (ms % 3_600_000 == 0)
        {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0 && ms >= 600_000)
        {
            return ms / 60_000 + "m";
        }
        if (ms % 1000 == 0)
        {
            return ms / 1000 + "s";
        }
        if (ms > 1000 && ms % 100 == 0)
        {
            return ms / 1000 + "." + ms % 1000 / 100 + "s";
        }

        return ms + "ms";
    }

    private static long unitMs(final String unit)
    {
        switch (unit)
        {
            case "ms":
                return 1;
            case "s":
                return 1000;
            case "m":
                return 60_000;
            case "h":
                return 3_600_000;
            default:
                return -1;
        }
    }

    private static IllegalArgumentException badDuration(final String text)
    {
        return new IllegalArgumentException("bad duration '" + text + "' (expected e.g. 500ms, 5s, 1.5s, 2m, 1h)");
    }
}

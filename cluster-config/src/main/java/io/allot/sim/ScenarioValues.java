/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.sim;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The values of one scenario line (ids, numbers, durations, weights, {@code key=value} options), each parse error a
 * {@link ScenarioException} naming the line and the reason.
 */
final class ScenarioValues
{
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.\\-]*");
    private static final Pattern WEIGHT = Pattern.compile("[0-9]+(\\.[0-9]{1,3})?");

    private final String source;
    private int line;

    ScenarioValues(final String source)
    {
        this.source = source;
    }

    /**
     * @param line 1-based number of the line being parsed, named by errors.
     */
    void line(final int line)
    {
        this.line = line;
    }

    /**
     * @return the weight in thousandths, as UpdateWeight carries it.
     */
    long parseWeight(final String text)
    {
        if (!WEIGHT.matcher(text).matches())
        {
            throw error(text.startsWith("-") ? "weight must be positive: " + text :
                "bad weight '" + text + "' (a positive number with at most 3 decimals, e.g. 3 or 0.5)");
        }

        final long milli = new BigDecimal(text).movePointRight(3).longValueExact();
        if (milli <= 0)
        {
            throw error("weight must be positive: " + text);
        }

        return milli;
    }

    Map<String, String> parseOptions(final String[] tokens, final int from)
    {
        final Map<String, String> options = new LinkedHashMap<>();
        for (int i = from; i < tokens.length; i++)
        {
            final String token = tokens[i];
            final int equals = token.indexOf('=');
            final String key = equals < 0 ? token : token.substring(0, equals);
            final String value = equals < 0 ? null : token.substring(equals + 1);
            if (options.containsKey(key))
            {
                throw error("duplicate option '" + key + "'");
            }
            if (null != value && value.isEmpty())
            {
                throw error("option '" + key + "' has no value");
            }
            options.put(key, value);
        }

        return options;
    }

    String takeOption(final Map<String, String> options, final String key, final String defaultValue)
    {
        if (!options.containsKey(key))
        {
            return defaultValue;
        }

        final String value = options.remove(key);
        if (null == value)
        {
            throw error("option '" + key + "' needs a value: " + key + "=...");
        }

        return value;
    }

    void rejectRemaining(final Map<String, String> options, final String expected)
    {
        if (!options.isEmpty())
        {
            final String key = options.keySet().iterator().next();
            throw error("unknown option '" + key + "' (expected " + expected + ")");
        }
    }

    String parseId(final String what, final String text)
    {
        if (!ID.matcher(text).matches() && !(FrameworkSpec.DEFAULT_ROLE.equals(text) && "role".equals(what)))
        {
            throw error("bad " + what + " id '" + text + "' (letters, digits, '_', '-' and '.', starting with a letter or digit)");
        }

        return text;
    }

    long parseLong(final String what, final String text)
    {
        try
        {
            return Long.parseLong(text);
        }
        catch (final NumberFormatException ex)
        {
            throw error("bad number '" + text + "' for " + what);
        }
    }

    long parseCount(final String what, final String text, final long max)
    {
        final long value = parseLong(what, text);
        if (value < 1 || value > max)
        {
            throw error(what + " must be between 1 and " + max + ": " + text);
        }

        return value;
    }

    long parseDuration(final String text, final boolean allowInfinite)
    {
        try
        {
            return Durations.parseMs(text, allowInfinite);
        }
        catch (final IllegalArgumentException ex)
        {
            throw error(ex.getMessage());
        }
    }

    long parsePositiveDuration(final String what, final String text)
    {
        final long ms = parseDuration(text, false);
        if (ms <= 0)
        {
            throw error(what + " must be longer than 0");
        }

        return ms;
    }

    void expectCount(final String[] tokens, final int count, final String usage)
    {
        if (tokens.length != count)
        {
            throw error(tokens.length < count ? "expected '" + usage + "'" : "unexpected '" + tokens[count] + "' (expected '" +
                usage + "')");
        }
    }

    ScenarioException error(final String reason)
    {
        return new ScenarioException(source, line, reason);
    }
}

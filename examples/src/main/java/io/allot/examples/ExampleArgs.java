/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.examples;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The command-line flags of an example's {@code main}, Mesos style: {@code --name value} or {@code --name=value}, and
 * {@code -h}/{@code --help}. An unknown flag, a stray argument, a missing or bad value is an
 * {@link IllegalArgumentException} whose message is ready for the user; {@link #exitOnError} prints it with the usage
 * and exits with status 2.
 */
public final class ExampleArgs
{
    /** Exit status for bad usage. */
    public static final int USAGE_STATUS = 2;

    private final String program;
    private final Map<String, String> values = new HashMap<>();
    private boolean isHelp;

    private ExampleArgs(final String program)
    {
        this.program = program;
    }

    /**
     * @param program the program's name, for messages.
     * @param args    the arguments.
     * @param flags   the flags it takes, each with a value, e.g. {@code --master}.
     * @return the flags given.
     * @throws IllegalArgumentException for an unknown flag, a stray argument, a missing value or a repeated flag.
     */
    public static ExampleArgs parse(final String program, final String[] args, final List<String> flags)
    {
        final ExampleArgs parsed = new ExampleArgs(program);
        for (int i = 0; i < args.length; i++)
        {
            final String arg = args[i];
            if ("-h".equals(arg) || "--help".equals(arg))
            {
                parsed.isHelp = true;
                return parsed;
            }
            final int equals = arg.indexOf('=');
            final String name = arg.startsWith("--") && equals > 0 ? arg.substring(0, equals) : arg;
            if (!flags.contains(name))
            {
                throw parsed.error(arg.startsWith("-") ? "unknown option '" + name + "'" : "unexpected argument '" + arg + "'");
            }
            final String value;
            if (equals > 0)
            {
                value = arg.substring(equals + 1);
            }
            else if (i + 1 < args.length && !args[i + 1].startsWith("--"))
            {
                value = args[++i];
            }
            else
            {
                throw parsed.error(name + " needs a value");
            }
            if (null != parsed.values.put(name, value))
            {
                throw parsed.error(name + " is given twice");
            }
        }
        return parsed;
    }

    /**
     * Parse, or print the error and the usage and exit with status 2; print the usage and exit 0 for {@code --help}.
     *
     * @param program the program's name.
     * @param args    the arguments.
     * @param flags   the flags it takes.
     * @param usage   the usage text.
     * @return the flags given.
     */
    public static ExampleArgs parseOrExit(final String program, final String[] args, final List<String> flags, final String usage)
    {
        try
        {
            final ExampleArgs parsed = parse(program, args, flags);
            if (parsed.isHelp)
            {
                System.out.println(usage);
                System.exit(0);
            }
            return parsed;
        }
        catch (final IllegalArgumentException ex)
        {
            exitOnError(ex, usage);
            return null;
        }
    }

    /**
     * Print a usage error and exit with status 2.
     *
     * @param ex    the error.
     * @param usage the usage text.
     */
    public static void exitOnError(final IllegalArgumentException ex, final String usage)
    {
        System.err.println(ex.getMessage());
        System.err.println(usage);
        System.exit(USAGE_STATUS);
    }

    /**
     * @return true when help was asked for.
     */
    public boolean isHelp()
    {
        return isHelp;
    }

    /**
     * @param name         the flag.
     * @param defaultValue when it was not given.
     * @return its value.
     */
    public String get(final String name, final String defaultValue)
    {
        return values.getOrDefault(name, defaultValue);
    }

    /**
     * @param name the flag.
     * @return its value.
     * @throws IllegalArgumentException when it was not given.
     */
    public String required(final String name)
    {
        final String value = values.get(name);
        if (null == value || value.isBlank())
        {
            throw error(name + " is required");
        }
        return value;
    }

    /**
     * @param name         the flag.
     * @param defaultValue when it was not given.
     * @param min          smallest value accepted.
     * @param max          largest value accepted.
     * @return its value.
     * @throws IllegalArgumentException when it is not a whole number in range.
     */
    public int getInt(final String name, final int defaultValue, final int min, final int max)
    {
        final String text = values.get(name);
        if (null == text)
        {
            return defaultValue;
        }
        final int value;
        try
        {
            value = Integer.parseInt(text.trim());
        }
        catch (final NumberFormatException ex)
        {
            throw error(name + " needs a whole number, got '" + text + "'");
        }
        if (value < min || value > max)
        {
            throw error(name + " must be from " + min + " to " + max + ", got " + value);
        }
        return value;
    }

    /**
     * @param name         the flag.
     * @param defaultValue when it was not given.
     * @return its value in milliseconds: a number and a unit ({@code 500ms}, {@code 10s}, {@code 2m}, {@code 1h}) or a
     *         plain number of seconds.
     * @throws IllegalArgumentException when it is not a duration of zero or more.
     */
    public long getDurationMs(final String name, final long defaultValue)
    {
        final String text = values.get(name);
        if (null == text)
        {
            return defaultValue;
        }
        final long ms = parseDurationMs(text);
        if (ms < 0)
        {
            throw error(name + ": '" + text + "' is not a duration (e.g. 500ms, 10s, 2m)");
        }
        return ms;
    }

    /**
     * @param text a number and a unit ({@code 500ms}, {@code 10s}, {@code 1.5s}, {@code 2m}, {@code 1h}) or a plain
     *             number of seconds.
     * @return milliseconds, or -1 when the text is not a duration of zero or more.
     */
    public static long parseDurationMs(final String text)
    {
        final String trimmed = text.trim();
        int unitStart = 0;
        while (unitStart < trimmed.length() && (Character.isDigit(trimmed.charAt(unitStart)) || '.' == trimmed.charAt(unitStart)))
        {
            unitStart++;
        }
        final long unitMs;
        switch (trimmed.substring(unitStart))
        {
            case "ms" -> unitMs = 1;
            case "", "s" -> unitMs = 1_000;
            case "m" -> unitMs = 60_000;
            case "h" -> unitMs = 3_600_000;
            default ->
            {
                return -1;
            }
        }
        try
        {
            return new BigDecimal(trimmed.substring(0, unitStart)).multiply(BigDecimal.valueOf(unitMs)).longValueExact();
        }
        catch (final NumberFormatException | ArithmeticException ex)
        {
            return -1;
        }
    }

    /**
     * @param message what is wrong.
     * @return an exception whose message starts with the program's name.
     */
    public IllegalArgumentException error(final String message)
    {
        return new IllegalArgumentException(program + ": " + message);
    }
}

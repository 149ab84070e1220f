/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.cli;

import io.allot.cluster.MasterConfig;

import java.io.File;
import java.math.BigDecimal;
import java.util.List;

/**
 * The options of the operator commands {@code allot state}, {@code allot stat} and {@code allot snapshot}:
 * {@code --master ENDPOINTS}, {@code --dir DIR}, {@code --timeout DURATION}, {@code --watch SECONDS},
 * {@code --egress HOST}, {@code -h}/{@code --help}, each as {@code --flag value} or {@code --flag=value}. A command
 * names the flags it accepts; any other is an error.
 */
final class OperatorOptions
{
    String master;
    File dir;
    long timeoutMs;
    long watchMs = -1;
    String egressHost = "localhost";
    boolean help;

    /**
     * @param command          name of the command, for error messages.
     * @param args             the arguments after the command's name.
     * @param defaultTimeoutMs the timeout when {@code --timeout} is not given.
     * @param accepted         the flags the command accepts, such as {@code --dir}.
     * @return the options.
     * @throws IllegalArgumentException with a one-line message for the user, starting with {@code allot COMMAND:}.
     */
    static OperatorOptions parse(final String command, final String[] args, final long defaultTimeoutMs, final String... accepted)
    {
        final OperatorOptions options = new OperatorOptions();
        options.timeoutMs = defaultTimeoutMs;
        final List<String> flags = List.of(accepted);
        final String prefix = "allot " + command + ": ";
        for (int i = 0; i < args.length; i++)
        {
            final String arg = args[i];
            if ("-h".equals(arg) || "--help".equals(arg))
            {
                options.help = true;
                return options;
            }
            final int equals = arg.indexOf('=');
            final String flag = arg.startsWith("--") && equals > 0 ? arg.substring(0, equals) : arg;
            if (!flags.contains(flag))
            {
                throw new IllegalArgumentException(prefix + (arg.startsWith("-") ?
                    "unknown option '" + flag + "'" : "unexpected argument '" + arg + "'"));
            }
            String value = equals > 0 ? arg.substring(equals + 1) : null;
            if (null == value)
            {
                if (i + 1 >= args.length || args[i + 1].startsWith("--"))
                {
                    throw new IllegalArgumentException(prefix + flag + " needs a value");
                }
                value = args[++i];
            }
            options.set(prefix, flag, value.trim());
        }

        return options;
    }

    private void set(final String prefix, final String flag, final String value)
    {
        switch (flag)
        {
            case "--master" -> master = value;
            case "--dir" -> dir = new File(value);
            case "--egress" -> egressHost = value;
            case "--timeout" -> timeoutMs = positiveMs(prefix, flag, value);
            case "--watch" -> watchMs = positiveMs(prefix, flag, value);
            default -> throw new IllegalArgumentException(prefix + "unknown option '" + flag + "'");
        }
    }

    /**
     * @return milliseconds of a duration ({@code 500ms}, {@code 10s}, {@code 1m}) or of a number of seconds
     *         ({@code 2}, {@code 0.5}); more than zero.
     */
    private static long positiveMs(final String prefix, final String flag, final String value)
    {
        long ms;
        try
        {
            ms = !value.isEmpty() && (Character.isDigit(value.charAt(value.length() - 1))) ?
                new BigDecimal(value).movePointRight(3).longValue() : MasterConfig.parseDurationMs(value);
        }
        catch (final IllegalArgumentException | ArithmeticException ex)
        {
            ms = -1;
        }
        if (ms <= 0)
        {
            throw new IllegalArgumentException(prefix + flag + ": '" + value + "' is not a positive duration (e.g. 2, 0.5, 500ms, 10s)");
        }

        return ms;
    }

    /**
     * @return the directory given with {@code --dir}.
     * @throws IllegalArgumentException when none was given.
     */
    File requireDir(final String command)
    {
        if (null == dir)
        {
            throw new IllegalArgumentException("allot " + command + ": --dir DIR is required (the member's directory, as given to " +
                "allot master --dir)");
        }
        return dir;
    }
}

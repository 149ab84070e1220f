/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Command-line flags of a command, Mesos style: {@code --name value} or {@code --name=value}, a boolean flag alone
 * ({@code --real}), {@code -h}/{@code --help}. Each command declares the flags it accepts; anything else is an error
 * whose message is ready for the user ({@code allot COMMAND: unknown option '--x'}).
 */
final class Flags
{
    private final String command;
    private final Map<String, String> values = new LinkedHashMap<>();
    private boolean isHelp;

    private Flags(final String command)
    {
        this.command = command;
    }

    /**
     * @param command    the command's name, for messages.
     * @param args       the arguments after the command's name.
     * @param withValue  flags that take a value, such as {@code --master}.
     * @param switches   flags without a value, such as {@code --real}.
     * @return the flags given.
     * @throws IllegalArgumentException for an unknown flag, a stray argument, a missing value or a repeated flag.
     */
    static Flags parse(final String command, final String[] args, final List<String> withValue, final List<String> switches)
    {
        final Flags flags = new Flags(command);
        for (int i = 0; i < args.length; i++)
        {
            final String arg = args[i];
            if ("-h".equals(arg) || "--help".equals(arg))
            {
                flags.isHelp = true;
                return flags;
            }
            final int equals = arg.indexOf('=');
            final String name = arg.startsWith("--") && equals > 0 ? arg.substring(0, equals) : arg;
            final String value;
            if (withValue.contains(name))
            {
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
                    throw flags.error(name + " needs a value");
                }
            }
            else if (switches.contains(name) && equals < 0)
            {
                value = "true";
            }
            else
            {
                throw flags.error(arg.startsWith("-") ? "unknown option '" + name + "'" : "unexpected argument '" + arg + "'");
            }
            if (null != flags.values.put(name, value))
            {
                throw flags.error(name + " is given twice");
            }
        }

        return flags;
    }

    /**
     * @return true when help was asked for.
     */
    boolean isHelp()
    {
        return isHelp;
    }

    /**
     * @param name of the flag.
     * @return true when the flag was given.
     */
    boolean has(final String name)
    {
        return values.containsKey(name);
    }

    /**
     * @param name         of the flag.
     * @param defaultValue when it was not given.
     * @return its value.
     */
    String get(final String name, final String defaultValue)
    {
        return values.getOrDefault(name, defaultValue);
    }

    /**
     * @param name of the flag.
     * @return its value.
     * @throws IllegalArgumentException when it was not given.
     */
    String required(final String name)
    {
        final String value = values.get(name);
        if (null == value || value.isBlank())
        {
            throw error(name + " is required");
        }
        return value;
    }

    /**
     * @param name         of the flag.
     * @param defaultValue when it was not given.
     * @param min          smallest value accepted.
     * @param max          largest value accepted.
     * @return its value as a long.
     * @throws IllegalArgumentException when it is not a whole number in range.
     */
    long getLong(final String name, final long defaultValue, final long min, final long max)
    {
        final String text = values.get(name);
        if (null == text)
        {
            return defaultValue;
        }
        final long value;
        try
        {
            value = Long.parseLong(text.trim());
        }
        catch (final NumberFormatException ex)
        {
            throw error(name + " needs a whole number, got '" + text + "'");
        }
        if (value < min || value > max)
        {
            throw error(name + " must be between " + min + " and " + max + ", got " + value);
        }
        return value;
    }

    /**
     * @param name         of the flag.
     * @param defaultValue when it was not given.
     * @param choices      the values accepted.
     * @return its value, one of the choices.
     * @throws IllegalArgumentException when it is not one of them.
     */
    String choice(final String name, final String defaultValue, final String... choices)
    {
        final String value = values.get(name);
        if (null == value)
        {
            return defaultValue;
        }
        for (final String choice : choices)
        {
            if (choice.equals(value))
            {
                return value;
            }
        }
        throw error(name + " must be one of " + String.join(", ", choices) + ", got '" + value + "'");
    }

    /**
     * @param message what is wrong.
     * @return an exception whose message starts with {@code allot COMMAND: }.
     */
    IllegalArgumentException error(final String message)
    {
        return new IllegalArgumentException("allot " + command + ": " + message);
    }
}

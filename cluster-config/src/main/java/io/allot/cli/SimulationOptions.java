/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The options of {@code allot simulate} and {@code allot demo}: {@code --seed N}, {@code --out DIR} (also as
 * {@code --seed=N}, {@code --out=DIR}), {@code -h}/{@code --help}, and positional arguments.
 */
final class SimulationOptions
{
    final List<String> positional = new ArrayList<>();
    boolean help;
    boolean hasSeed;
    long seed;
    Path outputDirectory;

    /**
     * Parse the arguments of a command.
     *
     * @param command name of the command, for error messages.
     * @param args    the arguments after the command's name.
     * @return the options.
     * @throws IllegalArgumentException with a message for the user.
     */
    static SimulationOptions parse(final String command, final String[] args)
    {
        final SimulationOptions options = new SimulationOptions();
        for (int i = 0; i < args.length; i++)
        {
            final String arg = args[i];
            final int equals = arg.indexOf('=');
            final String flag = arg.startsWith("--") && equals > 0 ? arg.substring(0, equals) : arg;
            switch (flag)
            {
                case "-h":
                case "--help":
                    options.help = true;
                    break;
                case "--seed":
                {
                    final String value = equals > 0 ? arg.substring(equals + 1) : value(command, args, ++i, flag);
                    try
                    {
                        options.seed = Long.parseLong(value);
                        options.hasSeed = true;
                    }
                    catch (final NumberFormatException ex)
                    {
                        throw new IllegalArgumentException("allot " + command + ": --seed needs a whole number, got '" + value + "'");
                    }
                    break;
                }
                case "--out":
                    options.outputDirectory = Path.of(equals > 0 ? arg.substring(equals + 1) : value(command, args, ++i, flag));
                    break;
                default:
                    if (arg.startsWith("-") && arg.length() > 1)
                    {
                        throw new IllegalArgumentException("allot " + command + ": unknown option '" + arg + "'");
                    }
                    options.positional.add(arg);
            }
        }

        return options;
    }

    private static String value(final String command, final String[] args, final int index, final String flag)
    {
        if (index >= args.length || args[index].isEmpty())
        {
            throw new IllegalArgumentException("allot " + command + ": " + flag + " needs a value");
        }

        return args[index];
    }
}

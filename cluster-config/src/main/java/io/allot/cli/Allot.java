/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The {@code allot} command: {@code allot <command> [options]}. {@code bin/allot} runs this class from the shaded
 * {@code cluster-config/target/allot.jar}.
 */
public final class Allot
{
    private static final List<Command> COMMANDS = List.of(
        new DemoCommand(),
        new SimulateCommand(),
        new MasterCommand(),
        new StateCommand(),
        new StatCommand(),
        new SnapshotCommand(),
        new AgentCommand(),
        new LocalCommand(),
        new ExecuteCommand(),
        new BenchCommand());

    private Allot()
    {
    }

    /**
     * Entry point of {@code bin/allot}.
     *
     * @param args the command and its arguments.
     */
    public static void main(final String[] args)
    {
        final int status = run(args, System.out, System.err);
        System.out.flush();
        System.err.flush();
        System.exit(status);
    }

    /**
     * Run a command line.
     *
     * @param args the command and its arguments.
     * @param out  where results go.
     * @param err  where errors, warnings and progress go.
     * @return the exit status: 0 done, 2 bad usage or input, 1 failure.
     */
    public static int run(final String[] args, final PrintStream out, final PrintStream err)
    {
        if (0 == args.length || "--help".equals(args[0]) || "-h".equals(args[0]) || "help".equals(args[0]))
        {
            if (args.length > 1 && "help".equals(args[0]))
            {
                return run(new String[]{ args[1], "--help" }, out, err);
            }
            usage(out);
            return ExitCodes.OK;
        }

        final String name = args[0];
        for (final Command command : COMMANDS)
        {
            if (command.name().equals(name))
            {
                return command.run(Arrays.copyOfRange(args, 1, args.length), out, err);
            }
        }

        err.println(name.startsWith("-") ? "allot: unknown option '" + name + "'" : "allot: unknown command '" + name + "'");
        err.println("Run 'allot --help' for the list of commands.");
        return ExitCodes.USAGE;
    }

    static void usage(final PrintStream out)
    {
        out.println("usage: allot <command> [options]");
        out.println();
        out.println("Allot, a two-level cluster resource manager in the line of Mesos.");
        out.println();
        out.println("Commands:");
        for (final Command command : COMMANDS)
        {
            out.println(String.format(Locale.ROOT, "  %-10s %s", command.name(), command.summary()));
        }
        out.println();
        out.println("Run 'allot <command> --help' for the options of a command.");
    }
}

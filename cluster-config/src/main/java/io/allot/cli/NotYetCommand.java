/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.cli;

import java.io.PrintStream;

/**
 * A command users will find in a later build: it says so and exits with status 2.
 */
final class NotYetCommand implements Command
{
    private final String name;
    private final String summary;

    NotYetCommand(final String name, final String summary)
    {
        this.name = name;
        this.summary = summary;
    }

    public String name()
    {
        return name;
    }

    public String summary()
    {
        return summary + " (not in this build yet)";
    }

    public int run(final String[] args, final PrintStream out, final PrintStream err)
    {
        err.println("allot " + name + ": not in this build yet. Try 'allot demo' or 'allot simulate --help'.");
        return ExitCodes.USAGE;
    }
}

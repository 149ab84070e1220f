/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.cli;

import java.io.PrintStream;

/**
 * One subcommand of {@code allot}.
 */
interface Command
{
    /**
     * @return the word that selects the command.
     */
    String name();

    /**
     * @return one line for the usage listing.
     */
    String summary();

    /**
     * Run the command.
     *
     * @param args the arguments after the command's name.
     * @param out  where results go.
     * @param err  where errors, warnings and progress go.
     * @return the exit status: 0 done, 2 bad usage or input, 1 failure.
     */
    int run(String[] args, PrintStream out, PrintStream err);
}

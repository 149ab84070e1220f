/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.cli;

/**
 * Exit statuses of {@code allot}.
 */
final class ExitCodes
{
    /** Done. */
    static final int OK = 0;
    /** The command failed while running. */
    static final int FAILURE = 1;
    /** Bad usage or bad input (an unknown command or flag, an error in a scenario). */
    static final int USAGE = 2;

    private ExitCodes()
    {
    }
}

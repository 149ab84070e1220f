/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.bench;

/**
 * A benchmark that could not run to its end: a master that did not start or became unreachable, a step that did not
 * finish in time. The message is one line for the user.
 */
public final class BenchException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param message what went wrong, for the user.
     */
    public BenchException(final String message)
    {
        super(message);
    }

    /**
     * @param message what went wrong, for the user.
     * @param cause   the underlying error.
     */
    public BenchException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}

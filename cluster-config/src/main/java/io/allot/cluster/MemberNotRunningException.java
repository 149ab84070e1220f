/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.cluster;

/**
 * No running member uses the given directory: there is no media driver there, it stopped, its process is gone, or it
 * has not heartbeaten within Aeron's driver timeout.
 */
public final class MemberNotRunningException extends IllegalStateException
{
    private static final long serialVersionUID = 1L;

    MemberNotRunningException(final String message)
    {
        super(message);
    }
}

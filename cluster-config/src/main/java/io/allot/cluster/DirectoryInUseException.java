/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.cluster;

import java.util.Locale;

/**
 * The member's directory is used by a running member, or by one that died so recently that its media driver or
 * archive still looks alive (Aeron's liveness timeout, 10 s by default): retry after the timeout, or stop the other
 * member.
 */
public final class DirectoryInUseException extends IllegalStateException
{
    private static final long serialVersionUID = 1L;

    DirectoryInUseException(final String message)
    {
        super(message);
    }

    /**
     * @param ex a failure to launch a member.
     * @return true when it says the member's directory, or its archive's mark file, is still in use.
     */
    public static boolean isDirectoryInUse(final RuntimeException ex)
    {
        return ex instanceof DirectoryInUseException ||
            (null != ex.getMessage() && ex.getMessage().toLowerCase(Locale.ROOT).contains("active mark file"));
    }
}

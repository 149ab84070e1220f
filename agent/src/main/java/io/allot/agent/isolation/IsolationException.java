/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.agent.isolation;

/**
 * An isolation step that failed: a cgroup file that could not be read or written (the message names the file and
 * gives the operating system's reason), a cgroup that could not be created or removed, an isolation that is not usable
 * on this machine, or a refused argument (a bad container id, a negative limit).
 * <p>
 * Checked, so that the agent decides for each step what a failure means for the task (a failed {@code prepare} is a
 * failed launch; a failed {@code destroy} is an error to record, the task's end is still reported).
 */
public final class IsolationException extends Exception
{
    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed, naming the file or directory and the reason.
     */
    public IsolationException(final String message)
    {
        super(message);
    }

    /**
     * @param message what failed, naming the file or directory and the reason.
     * @param cause   the underlying error.
     */
    public IsolationException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}

/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.agent.checkpoint;

/**
 * The agent's checkpoint could not be opened or written: the work dir is unwritable or in use by another agent, the disk
 * is full, or the checkpoint is at its capacity. The message names the path and the reason. Bad content found in the
 * checkpoint is not an exception: it is reported by {@link AgentCheckpoint#problems()}.
 */
public final class CheckpointException extends Exception
{
    private static final long serialVersionUID = 5416357146032958417L;

    /**
     * A failure with no underlying exception.
     *
     * @param message what failed, with the path and the reason.
     */
    public CheckpointException(final String message)
    {
        super(message);
    }

    /**
     * A failure caused by an I/O or Chronicle Map exception.
     *
     * @param message what failed, with the path and the reason.
     * @param cause   the underlying exception.
     */
    public CheckpointException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}

/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.cluster;

/**
 * Bad configuration of a master member: the message is one line for the user, naming the key or flag and the reason.
 */
public final class ConfigException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param message one line naming the key or flag and what is wrong with it.
     */
    public ConfigException(final String message)
    {
        super(message);
    }
}

/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.driver;

/**
 * Mesos's {@code Filters} of a decline or of the unused rest of an accept: the agent's resources are not offered to this
 * framework again for {@code refuse_seconds} (default {@value #DEFAULT_REFUSE_SECONDS} s, as in Mesos), unless its free
 * resources grow beyond what was refused, or the framework revives. Immutable: make one per kind of answer and reuse
 * it, so answering an offer allocates nothing.
 * <p>
 * Where Allot differs: a refusal of 0 s lasts until the master's next periodic pass rather than not at all, as allocation
 * is event driven and would otherwise offer the same resources back in the same instant (docs/engine.md).
 */
public final class Filters
{
    /**
     * Mesos's default {@code refuse_seconds}.
     */
    public static final double DEFAULT_REFUSE_SECONDS = 5.0;

    /**
     * The default filter: refuse for {@value #DEFAULT_REFUSE_SECONDS} s.
     */
    public static final Filters DEFAULT = new Filters(DEFAULT_REFUSE_SECONDS);

    private final double refuseSeconds;
    private final long refuseMs;

    private Filters(final double refuseSeconds)
    {
        if (!(refuseSeconds >= 0) || Double.isInfinite(refuseSeconds))
        {
            throw new IllegalArgumentException("refuse seconds must be a finite number >= 0: " + refuseSeconds);
        }
        this.refuseSeconds = refuseSeconds;
        this.refuseMs = Math.round(refuseSeconds * 1000.0);
    }

    /**
     * @param refuseSeconds how long the refused resources are not offered to this framework again, in seconds
     *                      (millisecond precision).
     * @return the filter.
     * @throws IllegalArgumentException when negative or not finite.
     */
    public static Filters refuseSeconds(final double refuseSeconds)
    {
        return new Filters(refuseSeconds);
    }

    /**
     * @return how long the refused resources are not offered again, in seconds.
     */
    public double refuseSeconds()
    {
        return refuseSeconds;
    }

    /**
     * @return the same in milliseconds, as the wire carries it.
     */
    public long refuseMs()
    {
        return refuseMs;
    }

    /**
     * @param filters a filter, or null for the default.
     * @return its refusal in milliseconds, the wire's negative "default" for null.
     */
    static long refuseMs(final Filters filters)
    {
        return null == filters ? -1 : filters.refuseMs;
    }

    /**
     * {@inheritDoc}
     */
    public String toString()
    {
        return "Filters{refuseSeconds=" + refuseSeconds + '}';
    }
}

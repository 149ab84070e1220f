/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.driver;

/**
 * Mesos's {@code FrameworkInfo}: who the framework is and how it subscribes. The driver copies it when it is built;
 * later changes are not seen.
 * <pre>{@code
 * new FrameworkInfo().name("batch").role("analytics").failoverTimeoutSeconds(60).partitionAware(true)
 * }</pre>
 * Where Allot differs from Mesos: ids are {@code long} (Mesos: strings), a framework has one role, the failover timeout
 * has millisecond precision, and {@code prefer} (agents the framework would rather run on, by attributes or ids and
 * hostnames) drives the master's lottery placement.
 */
public final class FrameworkInfo
{
    /**
     * Mesos's default failover timeout: the framework is removed as soon as its driver disconnects.
     */
    public static final double DEFAULT_FAILOVER_TIMEOUT_SECONDS = 0.0;

    private String name = "";
    private String role = "*";
    private double failoverTimeoutSeconds = DEFAULT_FAILOVER_TIMEOUT_SECONDS;
    private boolean partitionAware;
    private long frameworkId;
    private String prefer = "";

    /**
     * An empty framework: no name, role {@code *}, failover timeout 0, not partition aware, a new framework.
     */
    public FrameworkInfo()
    {
    }

    /**
     * @param other framework to copy.
     */
    public FrameworkInfo(final FrameworkInfo other)
    {
        name = other.name;
        role = other.role;
        failoverTimeoutSeconds = other.failoverTimeoutSeconds;
        partitionAware = other.partitionAware;
        frameworkId = other.frameworkId;
        prefer = other.prefer;
    }

    /**
     * @param name the framework's name, for operators.
     * @return this for a fluent API.
     */
    public FrameworkInfo name(final String name)
    {
        this.name = null == name ? "" : name;
        return this;
    }

    /**
     * @return the framework's name.
     */
    public String name()
    {
        return name;
    }

    /**
     * @param role the role whose share and guarantee the framework's resources count toward; {@code *} by default.
     * @return this for a fluent API.
     */
    public FrameworkInfo role(final String role)
    {
        this.role = null == role || role.isEmpty() ? "*" : role;
        return this;
    }

    /**
     * @return the framework's role.
     */
    public String role()
    {
        return role;
    }

    /**
     * @param seconds how long the master keeps the framework and its tasks after its driver disconnects, waiting for
     *                it to fail over (subscribe again with its id). 0 (Mesos's default) removes it at once.
     * @return this for a fluent API.
     */
    public FrameworkInfo failoverTimeoutSeconds(final double seconds)
    {
        if (!(seconds >= 0))
        {
            throw new IllegalArgumentException("failover timeout must be >= 0: " + seconds);
        }
        this.failoverTimeoutSeconds = seconds;
        return this;
    }

    /**
     * @return the failover timeout in seconds.
     */
    public double failoverTimeoutSeconds()
    {
        return failoverTimeoutSeconds;
    }

    /**
     * @return the failover timeout in milliseconds, as the wire carries it (saturated for huge values).
     */
    public long failoverTimeoutMs()
    {
        final double ms = failoverTimeoutSeconds * 1000.0;
        return ms >= Long.MAX_VALUE ? Long.MAX_VALUE : Math.round(ms);
    }

    /**
     * @param partitionAware Mesos's {@code PARTITION_AWARE} capability: tasks on an unreachable agent are
     *                       {@code TASK_UNREACHABLE} rather than {@code TASK_LOST}, and unknown ones {@code TASK_UNKNOWN}.
     * @return this for a fluent API.
     */
    public FrameworkInfo partitionAware(final boolean partitionAware)
    {
        this.partitionAware = partitionAware;
        return this;
    }

    /**
     * @return whether the framework is partition aware.
     */
    public boolean partitionAware()
    {
        return partitionAware;
    }

    /**
     * @param frameworkId the id of a framework to fail over (a scheduler restarted within its failover timeout gets
     *                    its tasks back); 0 (the default) subscribes a new framework.
     * @return this for a fluent API.
     */
    public FrameworkInfo frameworkId(final long frameworkId)
    {
        if (frameworkId < 0)
        {
            throw new IllegalArgumentException("framework id must be >= 0: " + frameworkId);
        }
        this.frameworkId = frameworkId;
        return this;
    }

    /**
     * @return the id to fail over, 0 for a new framework.
     */
    public long frameworkId()
    {
        return frameworkId;
    }

    /**
     * @param prefer agents to prefer: attributes ({@code rack:r1;zone:a}, every pair must match) or agent ids and
     *               hostnames ({@code a1,a2}); empty for none.
     * @return this for a fluent API.
     */
    public FrameworkInfo prefer(final String prefer)
    {
        this.prefer = null == prefer ? "" : prefer;
        return this;
    }

    /**
     * @return the preferred agents, empty for none.
     */
    public String prefer()
    {
        return prefer;
    }

    /**
     * {@inheritDoc}
     */
    public String toString()
    {
        return "FrameworkInfo{name='" + name + "', role='" + role + "', failoverTimeoutSeconds=" + failoverTimeoutSeconds +
            ", partitionAware=" + partitionAware + ", frameworkId=" + frameworkId + ", prefer='" + prefer + "'}";
    }
}

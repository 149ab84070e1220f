/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.driver;

import io.allot.resources.ResourceNames;
import io.allot.resources.Resources;

/**
 * Mesos's {@code Offer}: resources of one agent that the master offers to this framework until it accepts, declines, or
 * the offer is rescinded.
 * <p>
 * <b>Valid only during {@link Scheduler#resourceOffers}</b>: the driver reuses the objects it passes for the next
 * offers, so that receiving offers allocates nothing. Keep the {@link #offerId()} (a {@code long}) to answer later, or
 * {@link #copy()} the offer. Where Allot differs from Mesos: ids are {@code long}s, the resources are one
 * {@link Resources} vector (scalars in thousandths, plus {@code ports} ranges) rather than a list of {@code Resource}
 * messages, and attributes are Mesos's text form ({@code rack:r1;zone:a}).
 */
public final class Offer
{
    private final Resources resources;
    private long offerId;
    private long frameworkId;
    private long agentId;
    private String hostname = "";
    private String attributes = "";

    /**
     * An empty offer whose resources use the given registry of resource names.
     *
     * @param names registry of scalar names.
     */
    public Offer(final ResourceNames names)
    {
        resources = new Resources(names);
    }

    void set(final long frameworkId, final long offerId, final long agentId, final String hostname, final String attributes)
    {
        this.frameworkId = frameworkId;
        this.offerId = offerId;
        this.agentId = agentId;
        this.hostname = hostname;
        this.attributes = attributes;
    }

    /**
     * @return the offer's id, unique and increasing; what accept and decline name.
     */
    public long offerId()
    {
        return offerId;
    }

    /**
     * @return the framework it is made to.
     */
    public long frameworkId()
    {
        return frameworkId;
    }

    /**
     * @return the agent whose resources these are.
     */
    public long agentId()
    {
        return agentId;
    }

    /**
     * @return the agent's hostname.
     */
    public String hostname()
    {
        return hostname;
    }

    /**
     * @return the agent's attributes in Mesos's text form, e.g. {@code rack:r1;zone:a}; empty for none.
     */
    public String attributes()
    {
        return attributes;
    }

    /**
     * @return the offered resources; read only (the driver overwrites them with the next offer).
     */
    public Resources resources()
    {
        return resources;
    }

    /**
     * @param name a scalar resource, e.g. {@code cpus}, {@code mem} (MiB), {@code disk} (MiB), {@code gpus} or a custom
     *             one.
     * @return how much of it is offered, in its unit (0 when none).
     */
    public double scalar(final String name)
    {
        final int dim = resources.names().indexOf(name);
        return dim < 0 ? 0.0 : resources.scalar(dim) / (double)Resources.MILLI_PER_UNIT;
    }

    /**
     * @return offered cpus.
     */
    public double cpus()
    {
        return resources.scalar(ResourceNames.CPUS) / (double)Resources.MILLI_PER_UNIT;
    }

    /**
     * @return offered memory in MiB.
     */
    public double mem()
    {
        return resources.scalar(ResourceNames.MEM) / (double)Resources.MILLI_PER_UNIT;
    }

    /**
     * @return a copy that stays valid after the callback (allocates).
     */
    public Offer copy()
    {
        final Offer copy = new Offer(resources.names());
        copy.set(frameworkId, offerId, agentId, hostname, attributes);
        copy.resources.copyFrom(resources);
        return copy;
    }

    /**
     * {@inheritDoc}
     */
    public String toString()
    {
        return "Offer{offerId=" + offerId + ", agentId=" + agentId + ", hostname='" + hostname + "', resources=" + resources +
            (attributes.isEmpty() ? "" : ", attributes='" + attributes + '\'') + '}';
    }
}

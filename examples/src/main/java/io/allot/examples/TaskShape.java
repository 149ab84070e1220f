/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.examples;

import io.allot.driver.Offer;
import io.allot.driver.TaskInfo;
import io.allot.resources.ResourceNames;
import io.allot.resources.Resources;
import io.allot.resources.ResourcesParser;

/**
 * The resources of one task, and how many such tasks an offer holds: the examples pack as many tasks into an offer as
 * fit, as Mesos frameworks do. An offer's resources are copied by name into this shape's registry, so custom scalars of
 * the master ({@code fpgas}) are matched by name rather than by index. Not thread safe: one per scheduler.
 */
public final class TaskShape
{
    private final String text;
    private final ResourceNames names = new ResourceNames();
    private final Resources resources;
    private final Resources remaining = new Resources(names);

    /**
     * @param text the task's resources in Mesos syntax, e.g. {@code cpus:0.1;mem:32}.
     * @throws io.allot.resources.ResourceParseException when the text is not valid.
     * @throws IllegalArgumentException                 when it asks for nothing.
     */
    public TaskShape(final String text)
    {
        this.resources = ResourcesParser.parse(text, names);
        if (resources.isEmpty())
        {
            throw new IllegalArgumentException("a task needs some resources, e.g. cpus:0.1;mem:32: '" + text + "'");
        }
        this.text = resources.toString();
    }

    /**
     * @return the task's resources in Mesos syntax, normalised ({@code cpus:0.1;mem:32}).
     */
    public String text()
    {
        return text;
    }

    /**
     * @return the task's resources; read only.
     */
    public Resources resources()
    {
        return resources;
    }

    /**
     * Start packing an offer: its resources become the {@link #remaining()} ones.
     *
     * @param offer the offer.
     * @return the remaining resources, to {@link #take()} tasks from.
     */
    public Resources startPacking(final Offer offer)
    {
        remaining.clear();
        final Resources offered = offer.resources();
        final ResourceNames offerNames = offered.names();
        for (int dim = 0; dim < offerNames.size(); dim++)
        {
            final long value = offered.scalar(dim);
            if (0 != value)
            {
                final int own = names.indexOf(offerNames.name(dim));
                if (own >= 0)
                {
                    remaining.setScalar(own, value);
                }
            }
        }
        remaining.ports().copyFrom(offered.ports());
        return remaining;
    }

    /**
     * @return what is left of the offer being packed.
     */
    public Resources remaining()
    {
        return remaining;
    }

    /**
     * @return true when one more task fits in what is left of the offer being packed.
     */
    public boolean fits()
    {
        return remaining.contains(resources);
    }

    /**
     * Take one task's resources from what is left of the offer being packed.
     *
     * @return true when it fitted and was taken, false when it does not fit.
     */
    public boolean take()
    {
        if (!remaining.contains(resources))
        {
            return false;
        }
        remaining.subtract(resources);
        return true;
    }

    /**
     * @param offer an offer.
     * @return true when at least one task fits in the offer (leaves {@link #remaining()} set to the offer).
     */
    public boolean fitsIn(final Offer offer)
    {
        startPacking(offer);
        return fits();
    }

    /**
     * @param taskId  the new task's id.
     * @param name    its name.
     * @param command its shell command.
     * @return a new task of this shape.
     */
    public TaskInfo newTask(final long taskId, final String name, final String command)
    {
        return new TaskInfo(names).taskId(taskId).name(name).command(command).resources(resources);
    }

    /**
     * {@inheritDoc}
     */
    public String toString()
    {
        return text;
    }
}

/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.agent.isolation;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Removing the containers of a hierarchy that are not to be kept, trying them all before reporting failures.
 */
final class Sweeper
{
    private Sweeper()
    {
    }

    static List<String> sweep(
        final Isolator isolator,
        final Set<String> ids,
        final Set<String> keep,
        final Function<String, Container> containerOf) throws IsolationException
    {
        final List<String> removed = new ArrayList<>();
        final List<String> failed = new ArrayList<>();
        final List<IsolationException> failures = new ArrayList<>();
        for (final String id : ids)
        {
            if (keep.contains(id))
            {
                continue;
            }
            try
            {
                isolator.destroy(containerOf.apply(id));
                removed.add(id);
            }
            catch (final IsolationException ex)
            {
                failed.add(id);
                failures.add(ex);
            }
        }
        if (!failures.isEmpty())
        {
            final IsolationException summary = new IsolationException("cannot sweep " + isolator + ": containers " + failed +
                " not removed (" + removed + " removed); first failure: " + failures.get(0).getMessage(), failures.get(0));
            for (int i = 1; i < failures.size(); i++)
            {
                summary.addSuppressed(failures.get(i));
            }
            throw summary;
        }
        return removed;
    }
}

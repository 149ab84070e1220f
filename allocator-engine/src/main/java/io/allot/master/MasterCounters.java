/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.master;

import io.allot.engine.Engine;
import io.aeron.Aeron;
import io.aeron.Counter;
import org.agrona.CloseHelper;

/**
 * The master's interesting state as Aeron counters, written by the service thread after each input and read by
 * {@code allot stat} from another process, like {@code AeronStat}. Counter type ids start at
 * {@link #TYPE_ID_BASE}; labels start with {@code allot}.
 */
public final class MasterCounters implements AutoCloseable
{
    /** First type id of Allot's counters. */
    public static final int TYPE_ID_BASE = 7_531_000;
    /** Labels, in type id order from {@link #TYPE_ID_BASE}. */
    static final String[] LABELS = {
        "allot agents",
        "allot frameworks",
        "allot tasks",
        "allot outstanding offers",
        "allot offers sent",
        "allot tasks launched",
        "allot allocation passes",
        "allot allocation pass max ns",
        "allot errors",
        "allot egress dropped",
    };

    private final Counter[] counters = new Counter[LABELS.length];
    private long maxPassNs;

    MasterCounters(final Aeron aeron)
    {
        for (int i = 0; i < LABELS.length; i++)
        {
            counters[i] = aeron.addCounter(TYPE_ID_BASE + i, LABELS[i]);
        }
    }

    void update(final Engine engine, final long elapsedNs, final long egressDropped)
    {
        if (elapsedNs > maxPassNs)
        {
            maxPassNs = elapsedNs;
        }
        counters[0].setRelease(engine.agentCount());
        counters[1].setRelease(engine.frameworkCount());
        counters[2].setRelease(engine.taskCount());
        counters[3].setRelease(engine.offerCount());
        counters[4].setRelease(engine.offersSent());
        counters[5].setRelease(engine.tasksLaunched());
        counters[6].setRelease(engine.allocationPasses());
        counters[7].setRelease(maxPassNs);
        counters[8].setRelease(engine.errorCount());
        counters[9].setRelease(egressDropped);
    }

    public void close()
    {
        CloseHelper.closeAll(counters);
    }
}

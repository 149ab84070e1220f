/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.bench;

import io.allot.cluster.MemberCnc;
import io.allot.cluster.NodeCounters;
import org.agrona.concurrent.status.CountersReader;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Allot counters of a running master member, read from its media driver's CnC file as {@code allot stat} does,
 * keyed by their labels ({@code io.allot.master.MasterCounters}).
 */
final class MasterStats
{
    static final String AGENTS = "allot agents";
    static final String FRAMEWORKS = "allot frameworks";
    static final String OFFERS_SENT = "allot offers sent";
    static final String TASKS_LAUNCHED = "allot tasks launched";
    static final String ALLOCATION_PASSES = "allot allocation passes";
    static final String MAX_INPUT_NS = "allot allocation pass max ns";
    static final String ERRORS = "allot errors";
    static final String EGRESS_DROPPED = "allot egress dropped";

    private final Map<String, Long> values;

    private MasterStats(final Map<String, Long> values)
    {
        this.values = values;
    }

    /**
     * @param cnc the member's mapped CnC file.
     * @return every Allot counter now.
     */
    static MasterStats read(final MemberCnc cnc)
    {
        final Map<String, Long> values = new LinkedHashMap<>();
        final CountersReader counters = cnc.counters();
        counters.forEach((counterId, typeId, keyBuffer, label) ->
        {
            if (NodeCounters.isAllotCounter(typeId))
            {
                values.put(label, counters.getCounterValue(counterId));
            }
        });
        return new MasterStats(values);
    }

    /**
     * @param label a counter's label, such as {@link #OFFERS_SENT}.
     * @return its value, or 0 when the member has no such counter (yet).
     */
    long get(final String label)
    {
        return values.getOrDefault(label, 0L);
    }

    /**
     * @param earlier counters read before these.
     * @param label   a counter's label.
     * @return how much the counter grew since {@code earlier}.
     */
    long since(final MasterStats earlier, final String label)
    {
        return get(label) - earlier.get(label);
    }
}

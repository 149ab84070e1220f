/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.cluster;

import io.allot.master.MasterCounters;

/**
 * Counters a master member publishes besides the engine's {@link MasterCounters}, in the member's media driver so
 * {@code allot stat} can read them from another process. Their type ids follow the engine's, from
 * {@link MasterCounters#TYPE_ID_BASE} + {@value #OFFSET}.
 */
public final class NodeCounters
{
    /** Offset of these type ids from {@link MasterCounters#TYPE_ID_BASE}, clear of the engine's. */
    public static final int OFFSET = 100;
    /** The leader of the latest leadership term this member applied, or -1 before the first. */
    public static final int LEADER_MEMBER_ID_TYPE_ID = MasterCounters.TYPE_ID_BASE + OFFSET;
    /** The engine's state digest when this member last applied a GetState: equal on every member at a position. */
    public static final int STATE_DIGEST_TYPE_ID = MasterCounters.TYPE_ID_BASE + OFFSET + 1;
    /** Label of {@link #LEADER_MEMBER_ID_TYPE_ID}. */
    public static final String LEADER_MEMBER_ID_LABEL = "allot leader member id";
    /** Label of {@link #STATE_DIGEST_TYPE_ID}. */
    public static final String STATE_DIGEST_LABEL = "allot state digest";
    /** Every Allot counter has a type id in {@code [TYPE_ID_BASE, TYPE_ID_BASE + TYPE_ID_RANGE)}. */
    public static final int TYPE_ID_RANGE = 1_000;

    private NodeCounters()
    {
    }

    /**
     * @param typeId a counter's type id.
     * @return true for the engine's and the member's own counters.
     */
    public static boolean isAllotCounter(final int typeId)
    {
        return typeId >= MasterCounters.TYPE_ID_BASE && typeId < MasterCounters.TYPE_ID_BASE + TYPE_ID_RANGE;
    }
}

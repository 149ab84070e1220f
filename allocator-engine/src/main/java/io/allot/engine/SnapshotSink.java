/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.engine;

import org.agrona.DirectBuffer;

/**
 * Receives the records of an engine snapshot, one SBE message (header and body) per call, in order.
 */
@FunctionalInterface
public interface SnapshotSink
{
    /**
     * @param buffer holding the record, valid for the duration of the call.
     * @param offset of the record's header.
     * @param length of the record.
     */
    void append(DirectBuffer buffer, int offset, int length);
}

/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.engine;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The conformance tests with the DRF sorter, plus what only Dominant Resource Fairness promises.
 */
class DrfAllocatorTest extends AllocatorConformanceTest
{
    String sorter()
    {
        return Sorter.DRF;
    }

    @Test
    void shouldAllocateByDominantResourceFairnessAcrossAgents()
    {
        final long a1 = h.addAgent("cpus:2;mem:1024");
        final long fw1 = h.subscribe(FW1, "*");
        final long fw2 = h.subscribe(FW2, "*");
        assertEquals(a1, h.lastOffer(fw1).agentId());
        assertNull(h.lastOffer(fw2));

        final long a2 = h.addAgent("cpus:1;mem:512");
        assertEquals(a2, h.lastOffer(fw2).agentId());

        final long a3 = h.addAgent("cpus:3;mem:2048");
        assertEquals(a3, h.lastOffer(fw2).agentId(), "fw2 has the lower dominant share (1/6 < 2/6)");

        final long a4 = h.addAgent("cpus:4;mem:4096");
        assertEquals(a4, h.lastOffer(fw1).agentId(), "fw1 now has the lower dominant share (0.2 < 0.4)");
        assertEquals(5120.0 / 7680.0, h.engine.dominantShare(fw1), 1e-9, "mem is fw1's dominant resource");
        assertEquals(0.4, h.engine.dominantShare(fw2), 1e-9, "cpus is fw2's dominant resource");
    }


    @Test
    void shouldSortRolesBeforeFrameworks()
    {
        final long fwA = h.subscribe(FW1, "analytics");
        final long fwB = h.subscribe(FW2, "web");
        final long fwC = h.subscribe(103, "web");
        h.addAgent("cpus:4;mem:4096");
        h.addAgent("cpus:4;mem:4096");
        h.addAgent("cpus:4;mem:4096");
        h.addAgent("cpus:4;mem:4096");
        final long offersA = h.out.all(RecordingOutput.Offer.class, (o) -> o.frameworkId() == fwA).size();
        final long offersB = h.out.all(RecordingOutput.Offer.class, (o) -> o.frameworkId() == fwB).size();
        final long offersC = h.out.all(RecordingOutput.Offer.class, (o) -> o.frameworkId() == fwC).size();
        assertEquals(2, offersA, "each role gets half the agents");
        assertEquals(1, offersB, "frameworks within a role split its half");
        assertEquals(1, offersC);
    }
}

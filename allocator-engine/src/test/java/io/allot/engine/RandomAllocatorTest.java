/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.engine;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The conformance tests with Mesos's random sorter, the baseline.
 */
class RandomAllocatorTest extends AllocatorConformanceTest
{
    String sorter()
    {
        return Sorter.RANDOM;
    }

    @Test
    void shouldSpreadAgentsOverFrameworksWithoutRegardToShares()
    {
        final long fw1 = h.subscribe(FW1, "*");
        final long fw2 = h.subscribe(FW2, "*");
        for (int i = 0; i < 40; i++)
        {
            h.addAgent("cpus:1;mem:256");
        }
        final long toFw1 = h.out.all(RecordingOutput.Offer.class, (o) -> o.frameworkId() == fw1).size();
        final long toFw2 = h.out.all(RecordingOutput.Offer.class, (o) -> o.frameworkId() == fw2).size();
        assertTrue(toFw1 > 5 && toFw2 > 5, "both frameworks get agents: " + toFw1 + " / " + toFw2);
        assertTrue(toFw1 != toFw2 || toFw1 == 20, "a coin, not a strict alternation");
    }
}

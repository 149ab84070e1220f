package io.allot.resources;

import org.junit.jupiter.api.Test;

import static io.allot.resources.ResourceNames.CPUS;
import static io.allot.resources.ResourceNames.MEM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MinAllocatableTest
{
    private final ResourceNames names = new ResourceNames();

    @Test
    void shouldParseMesosDefault()
    {
        final MinAllocatable min = MinAllocatable.defaults(names);

        assertEquals("cpus:0.01|mem:32", MinAllocatable.DEFAULT_SPEC);
        assertEquals(2, min.alternativeCount());
        assertEquals(10, min.alternative(0).scalar(CPUS));
        assertEquals(0, min.alternative(0).scalar(MEM));
        assertEquals(32_000, min.alternative(1).scalar(MEM));
        assertEquals(MinAllocatable.DEFAULT_SPEC, min.toString());
    }

    @Test
    void shouldBeSatisfiedByAnyAlternative()
    {
        final MinAllocatable min = MinAllocatable.defaults(names);

        assertTrue(min.isSatisfiedBy(resources("cpus:0.01")));
        assertTrue(min.isSatisfiedBy(resources("mem:32")));
        assertTrue(min.isSatisfiedBy(resources("cpus:0.01;mem:1")));
        assertTrue(min.isSatisfiedBy(resources("cpus:2;mem:1024;disk:4096;ports:[31000-32000]")));
        assertFalse(min.isSatisfiedBy(resources("cpus:0.009;mem:31.999")));
        assertFalse(min.isSatisfiedBy(resources("disk:4096;gpus:1;ports:[31000-32000]")));
        assertFalse(min.isSatisfiedBy(new Resources(names)));
    }

    @Test
    void shouldRequireEveryQuantityOfAnAlternative()
    {
        final MinAllocatable min = MinAllocatable.parse("disk:1|cpus:1;mem:32", names);

        assertEquals(2, min.alternativeCount());
        assertTrue(min.isSatisfiedBy(resources("disk:1")));
        assertTrue(min.isSatisfiedBy(resources("cpus:1;mem:32")));
        assertFalse(min.isSatisfiedBy(resources("cpus:1;mem:31")));
        assertFalse(min.isSatisfiedBy(resources("cpus:0.5;mem:64")));
        assertFalse(min.isSatisfiedBy(resources("cpus:8")));
    }

    @Test
    void shouldCountPortsAsQuantityLikeMesos()
    {
        final MinAllocatable min = MinAllocatable.parse("disk:1|cpus:1;mem:32;ports:2", names);

        assertEquals(0, min.portQuantity(0));
        assertEquals(2, min.portQuantity(1));
        assertTrue(min.alternative(1).ports().isEmpty());
        assertTrue(min.isSatisfiedBy(resources("cpus:1;mem:32;ports:[80-80,443-443]")));
        assertTrue(min.isSatisfiedBy(resources("cpus:1;mem:32;ports:[31000-32000]")));
        assertFalse(min.isSatisfiedBy(resources("cpus:1;mem:32;ports:[80-80]")));
        assertFalse(min.isSatisfiedBy(resources("cpus:1;mem:32")));
        assertTrue(min.isSatisfiedBy(resources("disk:1")));
        assertEquals("disk:1|cpus:1;mem:32;ports:2", min.toString());
        assertEquals("ports:1", MinAllocatable.parse("ports:1", names).toString());
    }

    @Test
    void shouldTreatEmptySpecAsEverythingAllocatable()
    {
        assertSame(MinAllocatable.NONE, MinAllocatable.parse("", names));
        assertSame(MinAllocatable.NONE, MinAllocatable.parse("  ", names));
        assertSame(MinAllocatable.NONE, MinAllocatable.parse(null, names));
        assertEquals(0, MinAllocatable.NONE.alternativeCount());
        assertEquals("", MinAllocatable.NONE.toString());
        assertTrue(MinAllocatable.NONE.isSatisfiedBy(new Resources(names)));
        assertTrue(MinAllocatable.NONE.isSatisfiedBy(resources("cpus:0.001")));
    }

    @Test
    void shouldParseCustomScalarsAndWhitespace()
    {
        final MinAllocatable min = MinAllocatable.parse(" gpus:1 | fpgas:0.5 ; cpus:1 ", names);

        assertEquals("gpus:1|cpus:1;fpgas:0.5", min.toString());
        assertTrue(min.isSatisfiedBy(resources("cpus:1;fpgas:1")));
        assertTrue(min.isSatisfiedBy(resources("gpus:2")));
        assertFalse(min.isSatisfiedBy(resources("fpgas:1")));
    }

    @Test
    void shouldRoundTripPrintAndParse()
    {
        for (final String spec : new String[]{ "cpus:0.01|mem:32", "disk:1|cpus:1;mem:32;ports:1", "gpus:1", "bugs:0.5|mem:32" })
        {
            final MinAllocatable min = MinAllocatable.parse(spec, names);
            assertEquals(spec, min.toString());
            assertEquals(min, MinAllocatable.parse(min.toString(), names));
            assertEquals(min.hashCode(), MinAllocatable.parse(min.toString(), names).hashCode());
        }
        assertNotEquals(MinAllocatable.parse("cpus:1|mem:32", names), MinAllocatable.parse("mem:32|cpus:1", names));
    }

    @Test
    void shouldRejectEmptyAlternative()
    {
        assertError("cpus:1||mem:32", 7, "empty alternative");
        assertError("cpus:1|", 7, "empty alternative");
        assertError("| mem:32", 0, "empty alternative");
        assertError("cpus:1| ;|mem:32", 8, "empty alternative");
        assertError("mem:32|cpus:0", 7, "empty alternative");
    }

    @Test
    void shouldRejectInvalidQuantityWithPositionInWholeSpec()
    {
        assertError("cpus:0.01|mem:x", 14, "expected a number");
        assertError("cpus:0.01|mem 32", 14, "expected ':' after 'mem'");
        assertError("cpus:0.0001|mem:32", 10, "more than 3 decimal digits");
        assertError("cpus:-1|mem:32", 5, "negative value");
        assertError("mem:32|gpus:0.5", 12, "gpus must be a whole number");
        assertError("mem:32|ports:1.5", 13, "a ports quantity must be a whole number");
        assertError("mem:32|ports:[1-2]", 13, "a ports quantity is a number of ports, like ports:1");
        assertError("mem:32|cpus:[1-2]", 12, "'cpus' must be a scalar value");
        assertError("cpus(web):1", 5, "reserved resources (role 'web') are not supported");
    }

    private Resources resources(final String text)
    {
        return ResourcesParser.parse(text, names);
    }

    private void assertError(final String spec, final int position, final String reason)
    {
        final ResourceParseException ex = assertThrows(
            ResourceParseException.class, () -> MinAllocatable.parse(spec, names), spec);
        assertEquals(reason, ex.reason(), spec);
        assertEquals(position, ex.position(), spec);
        assertEquals("invalid resources at position " + position + ": " + reason + " in \"" + spec + "\"", ex.getMessage());
    }
}

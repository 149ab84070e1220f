package io.allot.resources;

import org.junit.jupiter.api.Test;

import static io.allot.resources.ResourceNames.CPUS;
import static io.allot.resources.ResourceNames.DISK;
import static io.allot.resources.ResourceNames.GPUS;
import static io.allot.resources.ResourceNames.MEM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResourcesTest
{
    private final ResourceNames names = new ResourceNames();

    @Test
    void shouldStartEmpty()
    {
        final Resources resources = new Resources(names);
        assertTrue(resources.isEmpty());
        assertFalse(resources.hasNegative());
        assertEquals("", resources.toString());
        assertEquals(0, resources.scalar(CPUS));
        assertTrue(resources.ports().isEmpty());
    }

    @Test
    void shouldHoldScalarsInMilliUnits()
    {
        final Resources resources = resources("cpus:0.5;mem:1024;gpus:1");
        assertEquals(500, resources.scalar(CPUS));
        assertEquals(1_024_000, resources.scalar(MEM));
        assertEquals(1000, resources.scalar(GPUS));
        assertEquals(0, resources.scalar(DISK));
    }

    @Test
    void shouldPrintMesosSyntaxInRegistryOrder()
    {
        final Resources resources = new Resources(names);
        resources.ports().add(40000, 40010);
        resources.ports().add(31000, 32000);
        resources.setScalar(GPUS, 1000);
        resources.setScalar(DISK, 10_240_000);
        resources.setScalar(MEM, 8_192_000);
        resources.setScalar(CPUS, 4000);

        assertEquals("cpus:4;mem:8192;disk:10240;gpus:1;ports:[31000-32000,40000-40010]", resources.toString());
    }

    @Test
    void shouldOmitZeroScalarsAndEmptyPorts()
    {
        final Resources resources = new Resources(names);
        resources.setScalar(MEM, 32_000);
        assertEquals("mem:32", resources.toString());

        resources.setScalar(MEM, 0);
        resources.ports().add(80, 80);
        assertEquals("ports:[80-80]", resources.toString());
    }

    @Test
    void shouldPrintCustomScalarsAfterPredefinedOnes()
    {
        final Resources resources = resources("fpgas:2;cpus:1;bugs:0.25");
        assertEquals("cpus:1;fpgas:2;bugs:0.25", resources.toString());
    }

    @Test
    void shouldAppendToBuilder()
    {
        final StringBuilder builder = new StringBuilder("offer ");
        resources("cpus:2;ports:[1-2]").appendTo(builder);
        assertEquals("offer cpus:2;ports:[1-2]", builder.toString());
    }

    @Test
    void shouldFormatMilli()
    {
        assertEquals("0", Resources.formatMilli(0));
        assertEquals("0.5", Resources.formatMilli(500));
        assertEquals("1", Resources.formatMilli(1000));
        assertEquals("1.234", Resources.formatMilli(1234));
        assertEquals("0.01", Resources.formatMilli(10));
        assertEquals("0.001", Resources.formatMilli(1));
        assertEquals("2.05", Resources.formatMilli(2050));
        assertEquals("24576", Resources.formatMilli(24_576_000));
        assertEquals("-0.5", Resources.formatMilli(-500));
        assertEquals("-1.234", Resources.formatMilli(-1234));
        assertEquals("9223372036854775.807", Resources.formatMilli(Long.MAX_VALUE));
        assertEquals("-9223372036854775.808", Resources.formatMilli(Long.MIN_VALUE));
    }

    @Test
    void shouldParseMilli()
    {
        assertEquals(0, Resources.parseMilli("0"));
        assertEquals(500, Resources.parseMilli("0.5"));
        assertEquals(500, Resources.parseMilli(".5"));
        assertEquals(1000, Resources.parseMilli("1"));
        assertEquals(1000, Resources.parseMilli("1.000"));
        assertEquals(1234, Resources.parseMilli("1.234"));
        assertEquals(10, Resources.parseMilli("0.01"));
        assertEquals(1_024_000, Resources.parseMilli("1024"));
        assertEquals(Long.MAX_VALUE, Resources.parseMilli("9223372036854775.807"));
        assertEquals(2500, Resources.parseMilli("x=2.5;", 2, 5));
    }

    @Test
    void shouldRoundTripMilli()
    {
        for (final long milli : new long[]{ 0, 1, 10, 100, 999, 1000, 1001, 123_456_789, Long.MAX_VALUE })
        {
            assertEquals(milli, Resources.parseMilli(Resources.formatMilli(milli)));
        }
    }

    @Test
    void shouldRejectInvalidMilli()
    {
        assertMilliError("", 0, "expected a number");
        assertMilliError("abc", 0, "expected a number");
        assertMilliError("-1", 0, "negative value");
        assertMilliError("+1", 0, "expected a number");
        assertMilliError("1.2345", 5, "more than 3 decimal digits");
        assertMilliError("1.", 2, "expected a digit after '.'");
        assertMilliError("1.2.3", 3, "invalid character '.' in number");
        assertMilliError("1e3", 1, "invalid character 'e' in number");
        assertMilliError("9223372036854775.808", 0, "value too large");
        assertMilliError("9223372036854776", 0, "value too large");
        assertMilliError("99999999999999999999", 0, "value too large");
    }

    @Test
    void shouldAddScalarsAndPorts()
    {
        final Resources resources = resources("cpus:1;mem:512;ports:[31000-31499]");
        resources.add(resources("cpus:0.5;gpus:1;ports:[31500-32000,40000-40010]"));

        assertEquals("cpus:1.5;mem:512;gpus:1;ports:[31000-32000,40000-40010]", resources.toString());
        assertEquals(2, resources.ports().rangeCount());
    }

    @Test
    void shouldSubtractSplittingPortRange()
    {
        final Resources agent = resources("cpus:4;mem:8192;ports:[31000-32000]");
        agent.subtract(resources("cpus:1.5;mem:1024;ports:[31500-31500]"));

        assertEquals("cpus:2.5;mem:7168;ports:[31000-31499,31501-32000]", agent.toString());
        assertEquals(2, agent.ports().rangeCount());
        assertFalse(agent.hasNegative());
    }

    @Test
    void shouldGoNegativeWhenSubtractingMoreThanHeld()
    {
        final Resources resources = resources("cpus:1");
        resources.subtract(resources("cpus:1.5;mem:32"));

        assertTrue(resources.hasNegative());
        assertEquals(-500, resources.scalar(CPUS));
        assertEquals("cpus:-0.5;mem:-32", resources.toString());
        assertFalse(resources.isEmpty());
    }

    @Test
    void shouldBecomeEmptyWhenSubtractingEverything()
    {
        final Resources resources = resources("cpus:2;mem:1024;ports:[31000-32000]");
        resources.subtract(resources("cpus:2;mem:1024;ports:[31000-32000]"));
        assertTrue(resources.isEmpty());
        assertEquals("", resources.toString());
    }

    @Test
    void shouldContainSmallerResources()
    {
        final Resources agent = resources("cpus:2;mem:1024;disk:4096;ports:[31000-32000]");

        assertTrue(agent.contains(agent));
        assertTrue(agent.contains(new Resources(names)));
        assertTrue(agent.contains(resources("cpus:2;mem:1024")));
        assertTrue(agent.contains(resources("cpus:0.001;ports:[31000-31000,31999-32000]")));
        assertFalse(agent.contains(resources("cpus:2.001")));
        assertFalse(agent.contains(resources("gpus:1")));
        assertFalse(agent.contains(resources("bugs:1")));
        assertFalse(agent.contains(resources("cpus:1;ports:[30999-31000]")));
        assertFalse(agent.contains(resources("ports:[80-80]")));
        assertFalse(new Resources(names).contains(agent));
    }

    @Test
    void shouldMergeAdjacentPortsOnAdd()
    {
        final Resources resources = resources("ports:[1-2]");
        resources.add(resources("ports:[3-4]"));
        assertEquals("ports:[1-4]", resources.toString());
        assertEquals(1, resources.ports().rangeCount());
    }

    @Test
    void shouldCopyClearAndCompareByContent()
    {
        final Resources resources = resources("cpus:2;mem:1024;ports:[31000-32000]");
        final Resources copy = resources("gpus:1;ports:[1-1]");
        copy.copyFrom(resources);

        assertEquals(resources, copy);
        assertEquals(resources.hashCode(), copy.hashCode());
        assertEquals(resources("mem:1024;ports:[31000-32000];cpus:2"), copy);

        copy.addScalar(CPUS, 1);
        assertNotEquals(resources, copy);
        copy.addScalar(CPUS, -1);
        copy.ports().subtract(31000, 31000);
        assertNotEquals(resources, copy);

        copy.clear();
        assertTrue(copy.isEmpty());
        assertEquals(new Resources(names), copy);
    }

    @Test
    void shouldRejectNullRegistry()
    {
        assertThrows(NullPointerException.class, () -> new Resources(null));
    }

    private Resources resources(final String text)
    {
        return ResourcesParser.parse(text, names);
    }

    private static void assertMilliError(final String text, final int position, final String reason)
    {
        final ResourceParseException ex = assertThrows(ResourceParseException.class, () -> Resources.parseMilli(text));
        assertEquals(position, ex.position(), text);
        assertEquals(reason, ex.reason(), text);
    }
}

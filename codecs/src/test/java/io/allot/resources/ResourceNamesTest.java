package io.allot.resources;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResourceNamesTest
{
    private final ResourceNames names = new ResourceNames();

    @Test
    void shouldPredefineCpusMemDiskGpus()
    {
        assertEquals(4, names.size());
        assertEquals("cpus", names.name(ResourceNames.CPUS));
        assertEquals("mem", names.name(ResourceNames.MEM));
        assertEquals("disk", names.name(ResourceNames.DISK));
        assertEquals("gpus", names.name(ResourceNames.GPUS));
        assertEquals(ResourceNames.CPUS, names.indexOf("cpus"));
        assertEquals(ResourceNames.MEM, names.indexOf("mem"));
        assertEquals(ResourceNames.DISK, names.indexOf("disk"));
        assertEquals(ResourceNames.GPUS, names.indexOf("gpus"));
    }

    @Test
    void shouldReturnMinusOneForUnknownName()
    {
        assertEquals(-1, names.indexOf("bugs"));
        assertEquals(-1, names.indexOf("cpu"));
        assertEquals(-1, names.indexOf("CPUS"));
        assertEquals(-1, names.indexOf(""));
        assertEquals(-1, names.indexOf("ports"));
    }

    @Test
    void shouldRegisterCustomNamesInInsertionOrder()
    {
        assertEquals(4, names.register("bugs"));
        assertEquals(5, names.register("fpgas"));
        assertEquals(4, names.register("bugs"));
        assertEquals(ResourceNames.MEM, names.register("mem"));
        assertEquals(6, names.size());
        assertEquals("bugs", names.name(4));
        assertEquals("fpgas", names.name(5));
        assertEquals(5, names.indexOf("fpgas"));
    }

    @Test
    void shouldGiveSameIndicesForSameRegistrationOrder()
    {
        final ResourceNames other = new ResourceNames();
        for (final String name : new String[]{ "bugs", "fpgas", "nvidia.com/gpu", "bugs" })
        {
            assertEquals(names.register(name), other.register(name));
        }
        assertEquals(names.toString(), other.toString());
    }

    @Test
    void shouldLookUpRegionWithoutAllocating()
    {
        final String text = "xx;mem:1";
        assertEquals(ResourceNames.MEM, names.indexOf(text, 3, 6));
        assertEquals(-1, names.indexOf(text, 3, 5));
        assertTrue(ResourceNames.isPorts("a;ports:[1-2]", 2, 7));
        assertFalse(ResourceNames.isPorts("a;ports:[1-2]", 2, 6));
    }

    @Test
    void shouldReturnMinusOneWhenFull()
    {
        for (int i = names.size(); i < ResourceNames.MAX_SCALARS; i++)
        {
            assertEquals(i, names.register("custom" + i));
        }

        assertEquals(ResourceNames.MAX_SCALARS, names.size());
        assertEquals(-1, names.register("oneTooMany"));
        assertEquals(-1, names.indexOf("oneTooMany"));
        assertEquals(5, names.register("custom5"));
        assertEquals(ResourceNames.MAX_SCALARS, names.size());
    }

    @Test
    void shouldRejectPortsAsScalar()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> names.register("ports"));
        assertTrue(ex.getMessage().contains("ports"));
        assertEquals(4, names.size());
    }

    @Test
    void shouldRejectEmptyOrInvalidName()
    {
        assertThrows(IllegalArgumentException.class, () -> names.register(""));
        assertThrows(IllegalArgumentException.class, () -> names.register("a b"));
        assertThrows(IllegalArgumentException.class, () -> names.register("cpus:1"));
        assertThrows(IllegalArgumentException.class, () -> names.register("x;y"));
        assertEquals(4, names.size());
    }

    @Test
    void shouldRejectUnregisteredIndex()
    {
        assertThrows(IndexOutOfBoundsException.class, () -> names.name(4));
        assertThrows(IndexOutOfBoundsException.class, () -> names.name(-1));
    }
}

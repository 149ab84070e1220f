/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.agent.isolation;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * posix isolation: no cgroups, nothing enforced, a warning to print at start.
 */
class PosixIsolatorTest
{
    @TempDir
    Path root;

    @Test
    @Timeout(5)
    void shouldBeANoOpWithAWarning() throws IsolationException
    {
        final Isolator isolator = Isolators.create(Isolators.POSIX, root, Isolators.DEFAULT_HIERARCHY);
        assertEquals("posix", isolator.name());
        assertNotNull(isolator.warning());
        assertTrue(isolator.warning().contains("cpu and memory of tasks are not enforced"), isolator.warning());
        assertFalse(isolator.warning().contains("\n"));

        final Container container = isolator.prepare("f3-t17-s2", 1500, 64);
        assertEquals("f3-t17-s2", container.containerId());
        assertFalse(container.hasCgroups());
        assertEquals(List.of(), container.paths());
        assertEquals("", isolator.enterScript(container));
        assertFalse(isolator.oomKilled(container));
        assertEquals(0, isolator.killAll(container));
        assertEquals(-1, isolator.processCount(container));
        isolator.destroy(container);
        isolator.destroy(container);
        assertEquals(container, isolator.recover("f3-t17-s2"));
        assertEquals(List.of(), isolator.sweep(Set.of()));
        assertEquals(0, root.toFile().list().length, "posix isolation touches no cgroup");
    }

    @Test
    @Timeout(5)
    void shouldStillRefuseBadIds() throws IsolationException
    {
        final Isolator isolator = Isolators.create(Isolators.POSIX, root, Isolators.DEFAULT_HIERARCHY);
        assertThrows(IsolationException.class, () -> isolator.prepare("a/b", 1000, 64));
        assertThrows(IsolationException.class, () -> isolator.recover(""));
    }
}

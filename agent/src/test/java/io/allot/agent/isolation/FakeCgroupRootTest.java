/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.agent.isolation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Detection, layout, clean-up on failure and the reading of counters, against a temp directory laid out like a cgroup
 * root. The kernel's side (limits enforced, processes moved and killed) is {@link CgroupIsolatorTest}'s.
 */
class FakeCgroupRootTest
{
    @TempDir
    Path root;

    @Test
    @Timeout(5)
    void shouldPickV2WhenTheRootListsCpuAndMemoryAndEnableThem() throws Exception
    {
        write(root.resolve("cgroup.controllers"), "cpuset cpu io memory hugetlb pids rdma misc\n");
        write(root.resolve("cgroup.subtree_control"), "");
        write(root.resolve("allot/cgroup.controllers"), "cpu memory\n");
        write(root.resolve("allot/cgroup.subtree_control"), "");

        final Isolator isolator = Isolators.create(Isolators.CGROUPS, root, "allot");

        assertEquals("cgroups-v2", isolator.name());
        assertNull(isolator.warning());
        assertEquals("+cpu +memory", read(root.resolve("cgroup.subtree_control")));
        assertEquals("+cpu +memory", read(root.resolve("allot/cgroup.subtree_control")));
        final Container container = isolator.recover("t1");
        assertNull(container);
        Files.createDirectory(root.resolve("allot/t1"));
        assertEquals(List.of(root.resolve("allot/t1")), isolator.recover("t1").paths());
    }

    @Test
    @Timeout(5)
    void shouldNotEnableControllersAlreadyEnabled() throws Exception
    {
        write(root.resolve("cgroup.controllers"), "cpu memory\n");
        write(root.resolve("cgroup.subtree_control"), "memory cpu io\n");
        write(root.resolve("allot/cgroup.controllers"), "cpu io memory\n");
        write(root.resolve("allot/cgroup.subtree_control"), "cpu memory\n");

        assertEquals("cgroups-v2", Isolators.create(null, root, "allot").name());
        assertEquals("memory cpu io\n", read(root.resolve("cgroup.subtree_control")));
        assertEquals("cpu memory\n", read(root.resolve("allot/cgroup.subtree_control")));
    }

    @Test
    @Timeout(5)
    void shouldNotPickAnEmptyCgroup2MountAsV2() throws Exception
    {
        write(root.resolve("cgroup.controllers"), "hugetlb\n");
        write(root.resolve("cgroup.subtree_control"), "");

        final IsolationException ex = assertThrows(IsolationException.class, () -> Isolators.create("cgroups", root, "allot"));
        assertTrue(ex.getMessage().contains("[hugetlb], not cpu and memory"), ex.getMessage());
        assertTrue(ex.getMessage().contains("no cpu hierarchy"), ex.getMessage());
        assertTrue(ex.getMessage().endsWith("use --isolation posix to run without cgroups"), ex.getMessage());
        assertFalse(Files.exists(root.resolve("allot")));
    }

    @Test
    @Timeout(5)
    void shouldPickV1WhereCpuIsMountedWithCpuacct() throws Exception
    {
        write(root.resolve("cpu,cpuacct/cpu.shares"), "1024\n");
        write(root.resolve("memory/memory.limit_in_bytes"), "9223372036854771712\n");

        final Isolator isolator = Isolators.create(Isolators.CGROUPS, root, "allot");

        assertEquals("cgroups-v1", isolator.name());
        assertTrue(Files.isDirectory(root.resolve("cpu,cpuacct/allot")));
        assertTrue(Files.isDirectory(root.resolve("memory/allot")));
        Files.createDirectory(root.resolve("memory/allot/t1"));
        final Container container = isolator.recover("t1");
        assertEquals(root.resolve("cpu,cpuacct/allot/t1"), container.cpuDir());
        assertEquals(root.resolve("memory/allot/t1"), container.memoryDir());
    }

    @Test
    @Timeout(5)
    void shouldPickV1ThroughACpuSymlink() throws Exception
    {
        write(root.resolve("cpu,cpuacct/cpu.shares"), "1024\n");
        Files.createSymbolicLink(root.resolve("cpu"), root.resolve("cpu,cpuacct"));
        write(root.resolve("memory/memory.limit_in_bytes"), "9223372036854771712\n");

        final Isolator isolator = Isolators.create(Isolators.AUTO, root, "allot");

        assertEquals("cgroups-v1", isolator.name());
        assertTrue(Files.isDirectory(root.resolve("cpu,cpuacct/allot")));
    }

    @Test
    @Timeout(5)
    void shouldRefuseCgroupsWhenThereAreNoneAndSayWhatWasLookedFor()
    {
        final IsolationException ex = assertThrows(IsolationException.class, () -> Isolators.create("cgroups", root, "allot"));
        final String message = ex.getMessage();
        assertTrue(message.contains(root.resolve("cgroup.controllers").toString()), message);
        assertTrue(message.contains("cpu.shares"), message);
        assertTrue(message.contains("memory.limit_in_bytes"), message);
        assertTrue(message.contains("--isolation posix"), message);
    }

    @Test
    @Timeout(5)
    void shouldFallBackToPosixWithTheReasonInAuto() throws IsolationException
    {
        final Isolator isolator = Isolators.create(Isolators.AUTO, root, "allot");

        assertEquals("posix", isolator.name());
        assertTrue(isolator.warning().contains("cpu and memory of tasks are not enforced"), isolator.warning());
        assertTrue(isolator.warning().contains("cgroups are not usable: no usable cgroups"), isolator.warning());
        assertFalse(isolator.warning().contains("\n"));
    }

    @Test
    @Timeout(5)
    void shouldRefuseAnUnknownIsolationOrHierarchy()
    {
        final IsolationException unknown = assertThrows(IsolationException.class, () -> Isolators.create("docker", root, "allot"));
        assertTrue(unknown.getMessage().contains("unknown isolation 'docker'"), unknown.getMessage());
        for (final String hierarchy : new String[] {null, "", "..", "a/b", "al lot"})
        {
            final IsolationException ex = assertThrows(IsolationException.class, () -> Isolators.create("posix", root, hierarchy));
            assertTrue(ex.getMessage().contains("invalid cgroup hierarchy name"), ex.getMessage());
        }
    }

    @Test
    @Timeout(5)
    void shouldRemoveWhatItMadeWhenAV1PrepareFails() throws Exception
    {
        final Isolator isolator = v1();

        // a fake cgroup directory has no control files, so writing the limits fails
        final IsolationException ex = assertThrows(IsolationException.class, () -> isolator.prepare("t1", 1500, 64));

        final Path shares = root.resolve("cpu/allot/t1/cpu.shares");
        assertEquals("cannot write '1536' to " + shares + ": no such file or directory", ex.getMessage());
        assertFalse(Files.exists(root.resolve("cpu/allot/t1")));
        assertFalse(Files.exists(root.resolve("memory/allot/t1")));
        assertTrue(Files.isDirectory(root.resolve("memory/allot")));
    }

    @Test
    @Timeout(5)
    void shouldRemoveWhatItMadeWhenAV2PrepareFails() throws Exception
    {
        final Isolator isolator = v2();

        final IsolationException ex = assertThrows(IsolationException.class, () -> isolator.prepare("t1", 0, 64));

        assertTrue(ex.getMessage().startsWith("cannot write '67108864' to " + root.resolve("allot/t1/memory.max")), ex.getMessage());
        assertFalse(Files.exists(root.resolve("allot/t1")));
    }

    @Test
    @Timeout(5)
    void shouldRefuseAContainerThatIsAlreadyThereAndLeaveIt() throws Exception
    {
        final Isolator isolator = v1();
        Files.createDirectory(root.resolve("memory/allot/t1"));

        final IsolationException ex = assertThrows(IsolationException.class, () -> isolator.prepare("t1", 1000, 64));

        assertTrue(ex.getMessage().contains("container t1 already exists at " + root.resolve("memory/allot/t1")), ex.getMessage());
        assertTrue(Files.isDirectory(root.resolve("memory/allot/t1")));
        assertFalse(Files.exists(root.resolve("cpu/allot/t1")), "the cpu directory made before is removed");
    }

    @Test
    @Timeout(5)
    void shouldRefuseBadContainerIds() throws Exception
    {
        final Isolator isolator = v1();
        for (final String id : new String[] {null, "", ".", "..", "../x", "a/b", "a b", "t\n1", "t'1", "ü", "x".repeat(201)})
        {
            final IsolationException prepare = assertThrows(IsolationException.class, () -> isolator.prepare(id, 1000, 64));
            assertTrue(prepare.getMessage().startsWith("invalid container id"), prepare.getMessage());
            assertThrows(IsolationException.class, () -> isolator.recover(id));
        }
        assertTrue(Container.isValidId("f3-t17-s2"));
        assertTrue(Container.isValidId("A.b_C-9"));
        assertEquals(Set.of(), CgroupFiles.childDirs(root.resolve("cpu/allot")));
        assertEquals(Set.of(), CgroupFiles.childDirs(root.resolve("memory/allot")));
    }

    @Test
    @Timeout(5)
    void shouldQuotePathsInTheEnterScript() throws Exception
    {
        final Path odd = Files.createDirectory(root.resolve("it's a root"));
        write(odd.resolve("cpu/cpu.shares"), "1024\n");
        write(odd.resolve("memory/memory.limit_in_bytes"), "1\n");
        final Isolator isolator = Isolators.create("cgroups", odd, "allot");
        Files.createDirectory(odd.resolve("cpu/allot/t1"));
        Files.createDirectory(odd.resolve("memory/allot/t1"));
        final Container container = isolator.recover("t1");

        final Process shell = new ProcessBuilder("/bin/sh", "-c", isolator.enterScript(container) + " && echo $$").start();
        final String pid = new String(shell.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
        assertTrue(shell.waitFor(5, TimeUnit.SECONDS));

        assertEquals(0, shell.exitValue());
        assertEquals(Long.toString(shell.pid()), pid);
        assertEquals(pid + "\n", read(odd.resolve("cpu/allot/t1/cgroup.procs")));
        assertEquals(pid + "\n", read(odd.resolve("memory/allot/t1/cgroup.procs")));
    }

    @Test
    @Timeout(5)
    void shouldSweepEveryContainerNotKept() throws Exception
    {
        final Isolator isolator = v1();
        for (final String dir : new String[] {"cpu/allot/a", "memory/allot/a", "cpu/allot/b", "memory/allot/c", "memory/allot/d"})
        {
            Files.createDirectory(root.resolve(dir));
        }

        assertEquals(List.of("b", "c"), isolator.sweep(Set.of("a", "d", "x")));

        assertEquals(Set.of("a"), CgroupFiles.childDirs(root.resolve("cpu/allot")));
        assertEquals(Set.of("a", "d"), CgroupFiles.childDirs(root.resolve("memory/allot")));
        assertNotNull(isolator.recover("a"));
        assertNull(isolator.recover("b"));
        assertEquals(List.of(), isolator.sweep(Set.of("a", "d")));
    }

    @Test
    @Timeout(5)
    void shouldReportContainersItCouldNotSweep() throws Exception
    {
        final Isolator isolator = v2();
        Files.createDirectory(root.resolve("allot/a"));
        write(root.resolve("allot/b/stray-file"), "x");

        final IsolationException ex = assertThrows(IsolationException.class, () -> isolator.sweep(Set.of()));

        assertTrue(ex.getMessage().contains("containers [b] not removed ([a] removed)"), ex.getMessage());
        assertTrue(ex.getMessage().contains("cannot remove " + root.resolve("allot/b")), ex.getMessage());
        assertFalse(Files.exists(root.resolve("allot/a")));
    }

    @Test
    @Timeout(5)
    void shouldReadV1OomCountersAsTheKernelOffersThem() throws Exception
    {
        final Isolator isolator = v1();
        final Path memory = Files.createDirectory(root.resolve("memory/allot/t1"));
        Files.createDirectory(root.resolve("cpu/allot/t1"));
        final Container container = isolator.recover("t1");

        write(memory.resolve("memory.oom_control"), "oom_kill_disable 0\nunder_oom 0\noom_kill 0\n");
        write(memory.resolve("memory.failcnt"), "12\n");
        assertFalse(isolator.oomKilled(container), "oom_kill, where there, decides");
        write(memory.resolve("memory.oom_control"), "oom_kill_disable 0\nunder_oom 0\noom_kill 1\n");
        assertTrue(isolator.oomKilled(container));

        write(memory.resolve("memory.oom_control"), "oom_kill_disable 0\nunder_oom 0\n");
        write(memory.resolve("memory.failcnt"), "0\n");
        assertFalse(isolator.oomKilled(container));
        write(memory.resolve("memory.failcnt"), "3\n");
        assertTrue(isolator.oomKilled(container));
        write(memory.resolve("memory.memsw.failcnt"), "0\n");
        assertFalse(isolator.oomKilled(container), "memory plus swap, where there, decides");
        write(memory.resolve("memory.oom_control"), "oom_kill_disable 0\nunder_oom 1\n");
        assertTrue(isolator.oomKilled(container));

        Files.delete(memory.resolve("memory.oom_control"));
        final IsolationException ex = assertThrows(IsolationException.class, () -> isolator.oomKilled(container));
        assertEquals("cannot read " + memory.resolve("memory.oom_control") + ": no such file or directory", ex.getMessage());
    }

    @Test
    @Timeout(5)
    void shouldReadV2OomCounters() throws Exception
    {
        final Isolator isolator = v2();
        final Path dir = Files.createDirectory(root.resolve("allot/t1"));
        final Container container = isolator.recover("t1");

        write(dir.resolve("memory.events"), "low 0\nhigh 0\nmax 40\noom 1\noom_kill 0\noom_group_kill 0\n");
        assertFalse(isolator.oomKilled(container));
        write(dir.resolve("memory.events"), "low 0\nhigh 0\nmax 40\noom 1\noom_kill 1\noom_group_kill 0\n");
        assertTrue(isolator.oomKilled(container));
        write(dir.resolve("memory.events"), "low 0\nhigh 0\nmax 40\noom 1\n");
        assertTrue(isolator.oomKilled(container));
    }

    @Test
    @Timeout(5)
    void shouldCountProcessesOfBothV1Controllers() throws Exception
    {
        final Isolator isolator = v1();
        write(root.resolve("cpu/allot/t1/cgroup.procs"), "12\n34\n");
        write(root.resolve("memory/allot/t1/cgroup.procs"), "34\n56\n");
        final Container container = isolator.recover("t1");

        assertEquals(3, isolator.processCount(container));
        write(root.resolve("memory/allot/t1/cgroup.procs"), "34\nfoo\n");
        final IsolationException ex = assertThrows(IsolationException.class, () -> isolator.processCount(container));
        assertTrue(ex.getMessage().contains("'foo' is not a pid"), ex.getMessage());
        assertEquals(0, isolator.processCount(new Container("gone", root.resolve("cpu/allot/gone"), root.resolve("memory/allot/gone"))));
    }

    private Isolator v1() throws Exception
    {
        write(root.resolve("cpu/cpu.shares"), "1024\n");
        write(root.resolve("memory/memory.limit_in_bytes"), "9223372036854771712\n");
        final Isolator isolator = Isolators.create(Isolators.CGROUPS, root, "allot");
        assertEquals("cgroups-v1", isolator.name());
        return isolator;
    }

    private Isolator v2() throws Exception
    {
        write(root.resolve("cgroup.controllers"), "cpu memory\n");
        write(root.resolve("cgroup.subtree_control"), "cpu memory\n");
        write(root.resolve("allot/cgroup.controllers"), "cpu memory\n");
        write(root.resolve("allot/cgroup.subtree_control"), "cpu memory\n");
        final Isolator isolator = Isolators.create(Isolators.CGROUPS, root, "allot");
        assertEquals("cgroups-v2", isolator.name());
        return isolator;
    }

    private static void write(final Path file, final String content) throws IOException
    {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.US_ASCII);
    }

    private static String read(final Path file) throws IOException
    {
        return Files.readString(file, StandardCharsets.US_ASCII);
    }
}

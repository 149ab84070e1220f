/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.agent.isolation;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The cgroups isolator of this machine (v2, else v1) with real cgroups and real processes, under a hierarchy of its own
 * ({@code allot-test-RANDOM}) that is removed after each test. Skipped, saying why, where the tests do not run as root
 * or the machine has no usable cgroups.
 */
class CgroupIsolatorTest
{
    private static final Path ROOT = Isolators.DEFAULT_CGROUP_ROOT;
    private static final long MB = 1024L * 1024;
    private static final File SETSID = new File("/usr/bin/setsid");

    @TempDir
    Path sandbox;

    private final List<Process> processes = new ArrayList<>();
    private String hierarchy;
    private Isolator isolator;

    @BeforeEach
    void setUp()
    {
        final long uid = CgroupFiles.effectiveUid();
        assumeTrue(0 == uid, "real cgroup tests need root; the tests run as uid " + uid);
        hierarchy = "allot-test-" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1);
        try
        {
            isolator = Isolators.create(Isolators.CGROUPS, ROOT, hierarchy);
        }
        catch (final IsolationException ex)
        {
            assumeTrue(false, "no usable cgroups on this machine: " + ex.getMessage());
        }
    }

    @AfterEach
    void tearDown() throws Exception
    {
        for (final Process process : processes)
        {
            process.destroyForcibly();
        }
        if (null != isolator)
        {
            isolator.sweep(Set.of());
            for (final String mount : new String[] {"", "cpu", "cpu,cpuacct", "cpuacct,cpu", "memory"})
            {
                CgroupFiles.rmdir(ROOT.resolve(mount).resolve(hierarchy), CgroupFiles.RMDIR_WAIT_NS);
            }
        }
    }

    @Test
    @Timeout(10)
    void shouldWriteTheLimitsAsked() throws Exception
    {
        final Container container = isolator.prepare("f3-t17-s2", 1500, 64);

        assertEquals("f3-t17-s2", container.containerId());
        if (isV1())
        {
            assertEquals(ROOT.resolve("memory").resolve(hierarchy).resolve("f3-t17-s2"), container.memoryDir());
            assertEquals(container.cpuDir().getParent().getParent().resolve(hierarchy + "/f3-t17-s2"), container.cpuDir());
            assertEquals(2, container.paths().size());
            assertEquals(1536, readLong(container.cpuDir().resolve("cpu.shares")));
            assertEquals(100_000, readLong(container.cpuDir().resolve("cpu.cfs_period_us")));
            assertEquals(150_000, readLong(container.cpuDir().resolve("cpu.cfs_quota_us")));
            assertEquals(64 * MB, readLong(container.memoryDir().resolve("memory.limit_in_bytes")));
            final Path memsw = container.memoryDir().resolve("memory.memsw.limit_in_bytes");
            if (Files.exists(memsw))
            {
                assertEquals(64 * MB, readLong(memsw));
            }
        }
        else
        {
            assertEquals(List.of(ROOT.resolve(hierarchy).resolve("f3-t17-s2")), container.paths());
            assertEquals(150, readLong(container.cpuDir().resolve("cpu.weight")));
            assertEquals("150000 100000", read(container.cpuDir().resolve("cpu.max")));
            assertEquals(64 * MB, readLong(container.memoryDir().resolve("memory.max")));
            final Path swapMax = container.memoryDir().resolve("memory.swap.max");
            if (Files.exists(swapMax))
            {
                assertEquals(0, readLong(swapMax));
            }
        }
        assertEquals(0, isolator.processCount(container));
        assertFalse(isolator.oomKilled(container));
    }

    @Test
    @Timeout(10)
    void shouldApplyTheMinimumsAndNoLimitForZero() throws Exception
    {
        final Container tiny = isolator.prepare("tiny", 1, 8);
        final Container unlimited = isolator.prepare("unlimited", 0, 0);

        if (isV1())
        {
            assertEquals(2, readLong(tiny.cpuDir().resolve("cpu.shares")));
            assertEquals(1_000, readLong(tiny.cpuDir().resolve("cpu.cfs_quota_us")));
            assertEquals(32 * MB, readLong(tiny.memoryDir().resolve("memory.limit_in_bytes")));
            assertEquals(1024, readLong(unlimited.cpuDir().resolve("cpu.shares")));
            assertEquals(-1, readLong(unlimited.cpuDir().resolve("cpu.cfs_quota_us")));
            assertTrue(readLong(unlimited.memoryDir().resolve("memory.limit_in_bytes")) > 1L << 50);
        }
        else
        {
            assertEquals(1, readLong(tiny.cpuDir().resolve("cpu.weight")));
            assertEquals("1000 100000", read(tiny.cpuDir().resolve("cpu.max")));
            assertEquals(32 * MB, readLong(tiny.memoryDir().resolve("memory.max")));
            assertEquals(100, readLong(unlimited.cpuDir().resolve("cpu.weight")));
            assertEquals("max 100000", read(unlimited.cpuDir().resolve("cpu.max")));
            assertEquals("max", read(unlimited.memoryDir().resolve("memory.max")));
        }
    }

    @Test
    @Timeout(15)
    void shouldRunTheTaskInsideItsContainer() throws Exception
    {
        final Container container = isolator.prepare("t1", 500, 64);

        final Process task = start(container, "exec sleep 30");

        awaitProcessCount(container, 1);
        for (final Path dir : container.paths())
        {
            assertEquals(Set.of(task.pid()), CgroupFiles.pids(List.of(dir)), dir.toString());
        }
        final String cgroups = read(Path.of("/proc/" + task.pid() + "/cgroup"));
        assertTrue(List.of(cgroups.split("\n")).stream().anyMatch(line -> line.endsWith("/" + hierarchy + "/t1")), cgroups);
        assertTrue(task.isAlive());

        isolator.destroy(container);

        assertTrue(task.waitFor(5, TimeUnit.SECONDS));
        assertEquals(137, task.exitValue());
        assertNoDirs(container);
    }

    @Test
    @Timeout(30)
    void shouldReportTheKernelKillingAMemoryHog() throws Exception
    {
        final Container hog = isolator.prepare("hog", 1000, 40);
        final Container calm = isolator.prepare("calm", 1000, 40);
        assumeTrue(swapIsLimited(hog), "this kernel cannot limit the swap of a cgroup and the machine has swap on");

        // tail keeps the whole of an endless line in memory
        final Process hogTask = start(hog, "exec tail /dev/zero");
        final Process calmTask = start(calm, "exec sleep 0.2");

        assertTrue(hogTask.waitFor(20, TimeUnit.SECONDS), "the hog was not killed");
        assertTrue(calmTask.waitFor(5, TimeUnit.SECONDS));
        assertEquals(137, hogTask.exitValue(), "killed by SIGKILL");
        assertTrue(isolator.oomKilled(hog));
        assertEquals(0, calmTask.exitValue(), stderr(calmTask));
        assertFalse(isolator.oomKilled(calm));

        isolator.destroy(hog);
        isolator.destroy(calm);
        assertNoDirs(hog);
    }

    @Test
    @Timeout(20)
    void shouldKillEveryProcessOfTheContainerEvenThoseThatLeftTheProcessGroup() throws Exception
    {
        final Container container = isolator.prepare("tree", 1000, 64);
        final Process task = start(container,
            "{ sleep 30 & sleep 30 & " + (SETSID.canExecute() ? "setsid " : "") + "sleep 30 & exec sleep 30; }");
        awaitProcessCount(container, 4);
        final Set<Long> pids = CgroupFiles.pids(container.paths());

        assertEquals(4, isolator.killAll(container));

        assertEquals(0, isolator.processCount(container));
        assertTrue(task.waitFor(5, TimeUnit.SECONDS));
        for (final long pid : pids)
        {
            final ProcessHandle handle = ProcessHandle.of(pid).orElse(null);
            assertTrue(null == handle || !handle.isAlive() || isZombie(pid), "pid " + pid + " is alive");
        }
        assertEquals(0, isolator.killAll(container));
        isolator.destroy(container);
        assertNoDirs(container);
    }

    @Test
    @Timeout(15)
    void shouldDestroyIdempotently() throws Exception
    {
        final Container container = isolator.prepare("t1", 1000, 64);
        final Process task = start(container, "exec sleep 30");
        awaitProcessCount(container, 1);

        isolator.destroy(container);
        isolator.destroy(container);

        assertTrue(task.waitFor(5, TimeUnit.SECONDS));
        assertNoDirs(container);
        assertNull(isolator.recover("t1"));
        assertEquals(0, isolator.processCount(container));
        final IsolationException ex = assertThrows(IsolationException.class, () -> isolator.oomKilled(container));
        assertTrue(ex.getMessage().contains("no such file or directory"), ex.getMessage());
    }

    @Test
    @Timeout(15)
    void shouldFailTheEnterScriptWhenTheContainerIsGone() throws Exception
    {
        final Container container = isolator.prepare("t1", 1000, 64);
        isolator.destroy(container);

        final Process task = start(container, "echo not reached");

        assertTrue(task.waitFor(5, TimeUnit.SECONDS));
        assertNotEquals(0, task.exitValue());
        assertEquals("", read(sandbox.resolve("out-" + processes.indexOf(task))));
        assertTrue(stderr(task).contains("cgroup.procs"), stderr(task));
    }

    @Test
    @Timeout(20)
    void shouldSweepLeftoversNotKept() throws Exception
    {
        final Container kept = isolator.prepare("f1-t1-s1", 1000, 64);
        final Container busy = isolator.prepare("f1-t2-s1", 1000, 64);
        isolator.prepare("f1-t3-s1", 1000, 64);
        final Process keptTask = start(kept, "exec sleep 30");
        final Process busyTask = start(busy, "{ sleep 30 & exec sleep 30; }");
        awaitProcessCount(kept, 1);
        awaitProcessCount(busy, 2);

        assertEquals(List.of("f1-t2-s1", "f1-t3-s1"), isolator.sweep(Set.of("f1-t1-s1", "f9-t9-s9")));

        assertTrue(busyTask.waitFor(5, TimeUnit.SECONDS));
        assertNoDirs(busy);
        assertNull(isolator.recover("f1-t3-s1"));
        assertEquals(kept, isolator.recover("f1-t1-s1"));
        assertTrue(keptTask.isAlive());
        assertEquals(1, isolator.processCount(kept));
        assertEquals(List.of(), isolator.sweep(Set.of("f1-t1-s1")));
    }

    @Test
    @Timeout(10)
    void shouldRecoverAnExistingContainerAndNotAGoneOne() throws Exception
    {
        final Container container = isolator.prepare("f3-t17-s2", 1000, 64);

        final Container recovered = isolator.recover("f3-t17-s2");

        assertNotNull(recovered);
        assertEquals(container, recovered);
        assertEquals(isolator.enterScript(container), isolator.enterScript(recovered));
        assertNull(isolator.recover("f3-t18-s2"));
    }

    @Test
    @Timeout(10)
    void shouldRefuseBadIdsAndContainersThatExist() throws Exception
    {
        for (final String id : new String[] {"", "..", "../../escape", "a/b", "a b", "a;rm"})
        {
            final IsolationException ex = assertThrows(IsolationException.class, () -> isolator.prepare(id, 1000, 64));
            assertTrue(ex.getMessage().startsWith("invalid container id '" + id + "'"), ex.getMessage());
        }
        assertEquals(List.of(), isolator.sweep(Set.of()), "nothing was created");

        final Container container = isolator.prepare("t1", 1000, 64);
        final IsolationException exists = assertThrows(IsolationException.class, () -> isolator.prepare("t1", 2000, 128));
        assertTrue(exists.getMessage().contains("container t1 already exists"), exists.getMessage());
        for (final Path dir : container.paths())
        {
            assertTrue(Files.isDirectory(dir), dir + " of the first prepare is left as it was");
        }
    }

    private boolean isV1()
    {
        return "cgroups-v1".equals(isolator.name());
    }

    private boolean swapIsLimited(final Container container) throws IOException
    {
        final boolean limited = isV1() ? Files.exists(container.memoryDir().resolve("memory.memsw.limit_in_bytes")) :
            Files.exists(container.memoryDir().resolve("memory.swap.max"));
        for (final String line : read(Path.of("/proc/meminfo")).split("\n"))
        {
            if (line.startsWith("SwapTotal:"))
            {
                return limited || "0".equals(line.substring("SwapTotal:".length()).trim().split("\\s+")[0]);
            }
        }
        return limited;
    }

    private Process start(final Container container, final String command) throws IOException
    {
        final String script = isolator.enterScript(container) + " && " + command;
        final ProcessBuilder builder = SETSID.canExecute() ?
            new ProcessBuilder(SETSID.getPath(), "/bin/sh", "-c", script) : new ProcessBuilder("/bin/sh", "-c", script);
        final Process process = builder
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .redirectOutput(sandbox.resolve("out-" + processes.size()).toFile())
            .redirectError(sandbox.resolve("err-" + processes.size()).toFile())
            .start();
        processes.add(process);
        return process;
    }

    private String stderr(final Process process) throws IOException
    {
        return read(sandbox.resolve("err-" + processes.indexOf(process)));
    }

    private void awaitProcessCount(final Container container, final int count) throws Exception
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (isolator.processCount(container) != count)
        {
            if (System.nanoTime() - deadline >= 0)
            {
                fail("expected " + count + " processes in " + container + ", found " + CgroupFiles.pids(container.paths()));
            }
            Thread.sleep(5);
        }
    }

    private static void assertNoDirs(final Container container)
    {
        for (final Path dir : container.paths())
        {
            assertFalse(Files.exists(dir), dir + " is still there");
        }
    }

    private static boolean isZombie(final long pid)
    {
        try
        {
            final String stat = read(Path.of("/proc/" + pid + "/stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        }
        catch (final IOException ex)
        {
            return true;
        }
    }

    private static long readLong(final Path file) throws IOException
    {
        return Long.parseLong(read(file));
    }

    private static String read(final Path file) throws IOException
    {
        return Files.readString(file, StandardCharsets.US_ASCII).trim();
    }
}

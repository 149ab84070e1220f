/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.agent;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.allot.agent.isolation.IsolationException;
import io.allot.agent.isolation.Isolator;
import io.allot.agent.isolation.Isolators;
import io.allot.codecs.sbe.TaskReason;
import io.allot.codecs.sbe.TaskState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Tasks in real cgroups (v2 where mounted, else v1; the tests are skipped, saying why, where neither is usable,
 * e.g. not root): the task's cgroup has the limits its resources ask for and is removed when it ends, and a task over
 * its memory is killed by the kernel and reported {@code TASK_FAILED} with reason {@code MEMORY_LIMIT}.
 */
final class AgentIsolationTest
{
    private static final Path CGROUP_ROOT = Isolators.DEFAULT_CGROUP_ROOT;
    private static final String HIERARCHY = "allot-test-" + Long.toHexString(System.nanoTime());

    @TempDir
    File workDir;

    private final InMemoryMaster master = new InMemoryMaster();
    private AllotAgent agent;
    private String isolation;

    @BeforeEach
    void setUp()
    {
        try
        {
            final Isolator probe = Isolators.create(Isolators.CGROUPS, CGROUP_ROOT, HIERARCHY);
            isolation = probe.name();
        }
        catch (final IsolationException ex)
        {
            assumeTrue(false, "cgroups are not usable here: " + ex.getMessage());
        }
        agent = AllotAgent.launch(new AgentContext()
            .transport(master)
            .workDir(workDir)
            .resources("cpus:4;mem:1024")
            .isolation(Isolators.CGROUPS)
            .cgroupHierarchy(HIERARCHY)
            .initialBackoffMs(100)
            .maxBackoffMs(400)
            .defaultKillGraceMs(200));
        master.subscribeFramework();
    }

    @AfterEach
    void tearDown() throws Exception
    {
        if (null != agent)
        {
            agent.close();
            Isolators.create(Isolators.CGROUPS, CGROUP_ROOT, HIERARCHY).sweep(java.util.Set.of());
            for (final Path dir : List.of(CGROUP_ROOT.resolve(HIERARCHY), CGROUP_ROOT.resolve("cpu").resolve(HIERARCHY),
                CGROUP_ROOT.resolve("memory").resolve(HIERARCHY)))
            {
                Files.deleteIfExists(dir);
            }
        }
    }

    @Test
    @Timeout(20)
    void shouldRunATaskInACgroupWithTheLimitsOfItsResourcesAndRemoveItAfter() throws Exception
    {
        master.launch(1, "cpus:0.5;mem:64", "cat /proc/self/cgroup > cgroups; exec sleep 60");
        final File sandbox = TaskProcesses.sandbox(workDir, master.frameworkId, 1);
        master.awaitUntil(() -> new File(sandbox, "cgroups").length() > 0);
        final List<String> lines = Files.readAllLines(new File(sandbox, "cgroups").toPath());

        final Path memoryDir;
        final Path cpuDir;
        if ("cgroups-v2".equals(isolation))
        {
            memoryDir = CGROUP_ROOT.resolve(relative(lines, "0::"));
            cpuDir = memoryDir;
            assertEquals(Long.toString(64L * 1024 * 1024), read(memoryDir.resolve("memory.max")));
            assertEquals("50000 100000", read(cpuDir.resolve("cpu.max")));
        }
        else
        {
            memoryDir = CGROUP_ROOT.resolve("memory").resolve(relative(lines, ":memory:"));
            cpuDir = v1CpuRoot().resolve(relative(lines, ":cpu"));
            assertEquals(Long.toString(64L * 1024 * 1024), read(memoryDir.resolve("memory.limit_in_bytes")));
            assertEquals("50000", read(cpuDir.resolve("cpu.cfs_quota_us")));
            assertEquals("512", read(cpuDir.resolve("cpu.shares")));
        }
        assertTrue(memoryDir.toString().contains(HIERARCHY), memoryDir.toString());

        master.kill(1);
        master.awaitUntil(() -> TaskState.TASK_KILLED == stateOf(1));
        master.awaitUntil(() -> !Files.exists(memoryDir) && !Files.exists(cpuDir)); // removed when the task ends
    }

    @Test
    @Timeout(30)
    void shouldReportMemoryLimitWhenTheKernelKillsATaskOverItsMemory()
    {
        master.launch(1, "cpus:0.5;mem:32", "exec tail /dev/zero");
        master.awaitUntil(() -> null != master.lastUpdateOf(1) && TaskState.TASK_RUNNING != master.lastUpdateOf(1).state());

        final InMemoryMaster.FrameworkUpdate update = master.lastUpdateOf(1);
        assertEquals(TaskState.TASK_FAILED, update.state(), update.toString());
        assertEquals(TaskReason.MEMORY_LIMIT, update.reason(), update.toString());
        assertTrue(update.message().contains("memory limit"), update.message());

        master.launch(2, "cpus:0.5;mem:32", "true");
        master.awaitUntil(() -> TaskState.TASK_FINISHED == stateOf(2));
        assertEquals(TaskReason.NONE, master.lastUpdateOf(2).reason(), "a task within its memory is not MEMORY_LIMIT");
    }

    private TaskState stateOf(final long taskId)
    {
        final InMemoryMaster.FrameworkUpdate update = master.lastUpdateOf(taskId);
        return null == update ? null : update.state();
    }

    private static String relative(final List<String> cgroupLines, final String marker)
    {
        for (final String line : cgroupLines)
        {
            if (line.contains(marker) && line.contains(HIERARCHY))
            {
                final String path = line.substring(line.indexOf(':', line.indexOf(':') + 1) + 1);
                return path.startsWith("/") ? path.substring(1) : path;
            }
        }
        throw new AssertionError("no " + marker + " line in " + cgroupLines);
    }

    private static Path v1CpuRoot()
    {
        for (final String name : new String[]{ "cpu", "cpu,cpuacct", "cpuacct,cpu" })
        {
            if (Files.isDirectory(CGROUP_ROOT.resolve(name)))
            {
                return CGROUP_ROOT.resolve(name);
            }
        }
        throw new AssertionError("no v1 cpu hierarchy under " + CGROUP_ROOT);
    }

    private static String read(final Path file) throws java.io.IOException
    {
        return Files.readString(file).trim();
    }
}

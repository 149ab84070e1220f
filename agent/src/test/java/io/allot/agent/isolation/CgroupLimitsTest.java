/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.agent.isolation;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The limit math (as Mesos's cgroups/cpu and cgroups/mem isolators) and the parsing of cgroup files.
 */
class CgroupLimitsTest
{
    private static final long MB = 1024L * 1024;

    @Test
    @Timeout(5)
    void shouldGiveV1SharesOf1024ACpuAndAtLeast2()
    {
        assertEquals(1024, CgroupLimits.cpuShares(1000));
        assertEquals(1536, CgroupLimits.cpuShares(1500));
        assertEquals(102, CgroupLimits.cpuShares(100));
        assertEquals(2, CgroupLimits.cpuShares(1));
        assertEquals(65536, CgroupLimits.cpuShares(64_000));
    }

    @Test
    @Timeout(5)
    void shouldGiveAQuotaOfCpusTimesThePeriodAndAtLeastOneMillisecond()
    {
        assertEquals(100_000, CgroupLimits.CFS_PERIOD_US);
        assertEquals(150_000, CgroupLimits.cfsQuotaUs(1500));
        assertEquals(10_000, CgroupLimits.cfsQuotaUs(100));
        assertEquals(1_000, CgroupLimits.cfsQuotaUs(5));
        assertEquals("250000 100000", CgroupLimits.cpuMax(2500));
    }

    @Test
    @Timeout(5)
    void shouldGiveV2WeightOf100ACpuClampedToTheKernelRange()
    {
        assertEquals(100, CgroupLimits.cpuWeight(1000));
        assertEquals(150, CgroupLimits.cpuWeight(1500));
        assertEquals(1, CgroupLimits.cpuWeight(5));
        assertEquals(1, CgroupLimits.cpuWeight(10));
        assertEquals(10_000, CgroupLimits.cpuWeight(100_000));
        assertEquals(10_000, CgroupLimits.cpuWeight(500_000));
    }

    @Test
    @Timeout(5)
    void shouldGiveMemoryInBytesAndAtLeast32Megabytes()
    {
        assertEquals(64 * MB, CgroupLimits.memoryBytes(64));
        assertEquals(32 * MB, CgroupLimits.memoryBytes(1));
        assertEquals(32 * MB, CgroupLimits.memoryBytes(32));
        assertEquals(4096 * MB, CgroupLimits.memoryBytes(4096));
    }

    @Test
    @Timeout(5)
    void shouldRefuseNegativeOrHugeLimits() throws IsolationException
    {
        CgroupLimits.check(0, 0);
        CgroupLimits.check(CgroupLimits.MAX_CPUS_MILLI, CgroupLimits.MAX_MEM_MEGABYTES);
        final IsolationException cpus = assertThrows(IsolationException.class, () -> CgroupLimits.check(-1, 64));
        assertTrue(cpus.getMessage().contains("invalid cpus -1"), cpus.getMessage());
        final IsolationException mem = assertThrows(IsolationException.class, () -> CgroupLimits.check(1000, -5));
        assertTrue(mem.getMessage().contains("invalid mem -5 MB"), mem.getMessage());
        assertThrows(IsolationException.class, () -> CgroupLimits.check(CgroupLimits.MAX_CPUS_MILLI + 1, 0));
        assertThrows(IsolationException.class, () -> CgroupLimits.check(0, Long.MAX_VALUE));
    }

    @Test
    @Timeout(5)
    void shouldReadKeyedCgroupFiles()
    {
        final String oomControl = "oom_kill_disable 0\nunder_oom 0\noom_kill 3\n";
        assertEquals(3, CgroupFiles.keyedValue(oomControl, "oom_kill"));
        assertEquals(0, CgroupFiles.keyedValue(oomControl, "under_oom"));
        assertEquals(-1, CgroupFiles.keyedValue("oom_kill_disable 0\nunder_oom 0\n", "oom_kill"));
        final String events = "low 0\nhigh 0\nmax 12\noom 1\noom_kill 1\noom_group_kill 0\n";
        assertEquals(1, CgroupFiles.keyedValue(events, "oom_kill"));
        assertEquals(12, CgroupFiles.keyedValue(events, "max"));
        assertEquals(-1, CgroupFiles.keyedValue("", "oom"));
    }

    @Test
    @Timeout(5)
    void shouldReadControllerLists()
    {
        assertEquals(List.of("cpuset", "cpu", "io", "memory", "pids"),
            List.copyOf(CgroupFiles.words("cpuset cpu io memory pids\n")));
        assertEquals(Set.of(), CgroupFiles.words("\n"));
        assertTrue(CgroupFiles.words("hugetlb\n").contains("hugetlb"));
    }

    @Test
    @Timeout(5)
    void shouldQuotePathsForTheShell()
    {
        assertEquals("'/sys/fs/cgroup/allot/t1/cgroup.procs'", CgroupFiles.shellQuote("/sys/fs/cgroup/allot/t1/cgroup.procs"));
        assertEquals("'/tmp/it'\\''s here'", CgroupFiles.shellQuote("/tmp/it's here"));
    }
}

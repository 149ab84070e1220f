/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.agent.isolation;

/**
 * The cgroup values for a task's cpus and memory, as Mesos's {@code cgroups/cpu} and {@code cgroups/mem} isolators
 * write them.
 */
final class CgroupLimits
{
    /** v1 {@code cpu.shares} for one cpu. */
    static final long CPU_SHARES_PER_CPU = 1024;
    /** The kernel's minimum {@code cpu.shares}. */
    static final long MIN_CPU_SHARES = 2;
    /** The CFS period, v1 {@code cpu.cfs_period_us} and the second field of v2 {@code cpu.max}. */
    static final long CFS_PERIOD_US = 100_000;
    /** The smallest quota written (1 ms a period), as Mesos's {@code MIN_CPU_CFS_QUOTA}. */
    static final long MIN_CFS_QUOTA_US = 1_000;
    /** v2 {@code cpu.weight} for one cpu: the kernel's default weight, as 1024 shares is v1's default. */
    static final long CPU_WEIGHT_PER_CPU = 100;
    /** The range of v2 {@code cpu.weight}. */
    static final long MIN_CPU_WEIGHT = 1;
    /** The range of v2 {@code cpu.weight}. */
    static final long MAX_CPU_WEIGHT = 10_000;
    /** The smallest memory limit written, Mesos's {@code MIN_MEMORY} (32 MB). */
    static final long MIN_MEMORY_BYTES = 32L * 1024 * 1024;
    /** The largest cpus accepted, in thousandths (a million cpus). */
    static final long MAX_CPUS_MILLI = 1_000_000_000L;
    /** The largest memory accepted, in MB (an exabyte). */
    static final long MAX_MEM_MEGABYTES = 1L << 40;

    private static final long MILLI = 1_000;
    private static final long MEGABYTE = 1024L * 1024;

    private CgroupLimits()
    {
    }

    static void check(final long cpusMilli, final long memMegabytes) throws IsolationException
    {
        if (cpusMilli < 0 || cpusMilli > MAX_CPUS_MILLI)
        {
            throw new IsolationException("invalid cpus " + cpusMilli + " (thousandths): use 0 (no limit) to " + MAX_CPUS_MILLI);
        }
        if (memMegabytes < 0 || memMegabytes > MAX_MEM_MEGABYTES)
        {
            throw new IsolationException("invalid mem " + memMegabytes + " MB: use 0 (no limit) to " + MAX_MEM_MEGABYTES);
        }
    }

    /**
     * v1 {@code cpu.shares}: 1024 a cpu, at least 2.
     */
    static long cpuShares(final long cpusMilli)
    {
        return Math.max(MIN_CPU_SHARES, cpusMilli * CPU_SHARES_PER_CPU / MILLI);
    }

    /**
     * v1 {@code cpu.cfs_quota_us} and the first field of v2 {@code cpu.max}: cpus times the period, at least 1 ms.
     */
    static long cfsQuotaUs(final long cpusMilli)
    {
        return Math.max(MIN_CFS_QUOTA_US, cpusMilli * CFS_PERIOD_US / MILLI);
    }

    /**
     * v2 {@code cpu.weight}: 100 a cpu (so one cpu has the default weight, as 1024 shares in v1), clamped to the
     * kernel's range 1..10000; 0.01 cpus is weight 1, 100 cpus or more is 10000.
     */
    static long cpuWeight(final long cpusMilli)
    {
        return Math.min(MAX_CPU_WEIGHT, Math.max(MIN_CPU_WEIGHT, cpusMilli * CPU_WEIGHT_PER_CPU / MILLI));
    }

    /**
     * v2 {@code cpu.max}: {@code "QUOTA PERIOD"}.
     */
    static String cpuMax(final long cpusMilli)
    {
        return cfsQuotaUs(cpusMilli) + " " + CFS_PERIOD_US;
    }

    /**
     * The memory limit in bytes (v1 {@code memory.limit_in_bytes}, v2 {@code memory.max}), at least 32 MB.
     */
    static long memoryBytes(final long memMegabytes)
    {
        return Math.max(MIN_MEMORY_BYTES, memMegabytes * MEGABYTE);
    }
}

/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.agent.isolation;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * cgroups v1: each container is {@code CPU/HIERARCHY/ID} in the cpu hierarchy and {@code MEMORY/HIERARCHY/ID} in the
 * memory hierarchy.
 */
final class CgroupsV1Isolator implements Isolator
{
    static final String NAME = "cgroups-v1";
    static final String CPU_SHARES = "cpu.shares";
    static final String CFS_PERIOD = "cpu.cfs_period_us";
    static final String CFS_QUOTA = "cpu.cfs_quota_us";
    static final String MEMORY_LIMIT = "memory.limit_in_bytes";
    static final String MEMSW_LIMIT = "memory.memsw.limit_in_bytes";
    static final String OOM_CONTROL = "memory.oom_control";
    static final String FAILCNT = "memory.failcnt";
    static final String MEMSW_FAILCNT = "memory.memsw.failcnt";

    private final Path cpuHierarchy;
    private final Path memoryHierarchy;

    private CgroupsV1Isolator(final Path cpuHierarchy, final Path memoryHierarchy)
    {
        this.cpuHierarchy = cpuHierarchy;
        this.memoryHierarchy = memoryHierarchy;
    }

    /**
     * Create (where missing) the hierarchy directories in the cpu and memory mounts.
     *
     * @param cpuMount    the cpu controller's mount, e.g. /sys/fs/cgroup/cpu (a symlink to cpu,cpuacct is fine).
     * @param memoryMount the memory controller's mount.
     * @param hierarchy   the hierarchy's name, e.g. "allot".
     */
    static CgroupsV1Isolator open(final Path cpuMount, final Path memoryMount, final String hierarchy) throws IsolationException
    {
        final Path cpuHierarchy = cpuMount.resolve(hierarchy);
        final Path memoryHierarchy = memoryMount.resolve(hierarchy);
        CgroupFiles.mkdir(cpuHierarchy);
        CgroupFiles.mkdir(memoryHierarchy);
        return new CgroupsV1Isolator(cpuHierarchy, memoryHierarchy);
    }

    @Override
    public String name()
    {
        return NAME;
    }

    @Override
    public String warning()
    {
        return null;
    }

    @Override
    public Container prepare(final String containerId, final long cpusMilli, final long memMegabytes) throws IsolationException
    {
        final Container container = container(Container.checkId(containerId));
        CgroupLimits.check(cpusMilli, memMegabytes);
        final List<Path> created = new ArrayList<>(2);
        try
        {
            for (final Path dir : container.paths())
            {
                if (!CgroupFiles.mkdir(dir))
                {
                    throw new IsolationException("container " + containerId + " already exists at " + dir +
                        " (a leftover: destroy or sweep it first)");
                }
                created.add(dir);
            }
            if (cpusMilli > 0)
            {
                final Path cpu = container.cpuDir();
                CgroupFiles.write(cpu.resolve(CPU_SHARES), CgroupLimits.cpuShares(cpusMilli));
                CgroupFiles.write(cpu.resolve(CFS_PERIOD), CgroupLimits.CFS_PERIOD_US);
                CgroupFiles.write(cpu.resolve(CFS_QUOTA), CgroupLimits.cfsQuotaUs(cpusMilli));
            }
            if (memMegabytes > 0)
            {
                final long bytes = CgroupLimits.memoryBytes(memMegabytes);
                final Path memory = container.memoryDir();
                CgroupFiles.write(memory.resolve(MEMORY_LIMIT), bytes);
                // memory plus swap: the same limit, so that swapping does not hide the overrun
                if (Files.exists(memory.resolve(MEMSW_LIMIT)))
                {
                    CgroupFiles.write(memory.resolve(MEMSW_LIMIT), bytes);
                }
            }
            return container;
        }
        catch (final IsolationException ex)
        {
            for (int i = created.size() - 1; i >= 0; i--)
            {
                try
                {
                    CgroupFiles.rmdir(created.get(i), CgroupFiles.RMDIR_WAIT_NS);
                }
                catch (final IsolationException cleanup)
                {
                    ex.addSuppressed(cleanup);
                }
            }
            throw ex;
        }
    }

    @Override
    public String enterScript(final Container container)
    {
        return "echo $$ > " + CgroupFiles.shellQuote(container.memoryDir().resolve(CgroupFiles.PROCS).toString()) +
            " && echo $$ > " + CgroupFiles.shellQuote(container.cpuDir().resolve(CgroupFiles.PROCS).toString());
    }

    @Override
    public boolean oomKilled(final Container container) throws IsolationException
    {
        final Path memory = container.memoryDir();
        final String oomControl = CgroupFiles.read(memory.resolve(OOM_CONTROL));
        final long oomKills = CgroupFiles.keyedValue(oomControl, "oom_kill");
        if (oomKills >= 0)
        {
            return oomKills > 0;
        }
        // kernels before 4.13 count no kills: under OOM now, or the limit was hit and allocations failed
        if (CgroupFiles.keyedValue(oomControl, "under_oom") > 0)
        {
            return true;
        }
        final Path failcnt = Files.exists(memory.resolve(MEMSW_FAILCNT)) ? memory.resolve(MEMSW_FAILCNT) : memory.resolve(FAILCNT);
        return parseLong(failcnt, CgroupFiles.read(failcnt)) > 0;
    }

    @Override
    public int killAll(final Container container) throws IsolationException
    {
        return CgroupFiles.killLoop(container.paths(), CgroupFiles.KILL_WAIT_NS);
    }

    @Override
    public void destroy(final Container container) throws IsolationException
    {
        killAll(container);
        IsolationException failure = null;
        for (final Path dir : container.paths())
        {
            try
            {
                CgroupFiles.rmdir(dir, CgroupFiles.RMDIR_WAIT_NS);
            }
            catch (final IsolationException ex)
            {
                if (null == failure)
                {
                    failure = ex;
                }
                else
                {
                    failure.addSuppressed(ex);
                }
            }
        }
        if (null != failure)
        {
            throw failure;
        }
    }

    @Override
    public Container recover(final String containerId) throws IsolationException
    {
        final Container container = container(Container.checkId(containerId));
        return Files.isDirectory(container.cpuDir()) || Files.isDirectory(container.memoryDir()) ? container : null;
    }

    @Override
    public List<String> sweep(final Set<String> keep) throws IsolationException
    {
        final Set<String> ids = new TreeSet<>(CgroupFiles.childDirs(cpuHierarchy));
        ids.addAll(CgroupFiles.childDirs(memoryHierarchy));
        return Sweeper.sweep(this, ids, keep, this::container);
    }

    @Override
    public int processCount(final Container container) throws IsolationException
    {
        return CgroupFiles.pids(container.paths()).size();
    }

    @Override
    public String toString()
    {
        return NAME + " (" + cpuHierarchy + ", " + memoryHierarchy + ")";
    }

    private Container container(final String containerId)
    {
        return new Container(containerId, cpuHierarchy.resolve(containerId), memoryHierarchy.resolve(containerId));
    }

    private static long parseLong(final Path file, final String content) throws IsolationException
    {
        try
        {
            return Long.parseLong(content.trim());
        }
        catch (final NumberFormatException ex)
        {
            throw new IsolationException("cannot read " + file + ": '" + content.trim() + "' is not a number", ex);
        }
    }

    /**
     * {@inheritDoc}
     */
    public boolean removeHierarchyIfEmpty()
    {
        boolean removed = true;
        for (final Path dir : new Path[]{ cpuHierarchy, memoryHierarchy })
        {
            try
            {
                Files.deleteIfExists(dir);
            }
            catch (final java.io.IOException ex)
            {
                removed = false;
            }
        }
        return removed;
    }
}

/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.agent.isolation;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * cgroups v2 (the unified hierarchy): each container is {@code ROOT/HIERARCHY/ID}, with the cpu and memory controllers
 * enabled for the children of the root and of the hierarchy directory.
 */
final class CgroupsV2Isolator implements Isolator
{
    static final String NAME = "cgroups-v2";
    static final String CONTROLLERS = "cgroup.controllers";
    static final String SUBTREE_CONTROL = "cgroup.subtree_control";
    static final String KILL = "cgroup.kill";
    static final String CPU_WEIGHT = "cpu.weight";
    static final String CPU_MAX = "cpu.max";
    static final String MEMORY_MAX = "memory.max";
    static final String MEMORY_SWAP_MAX = "memory.swap.max";
    static final String MEMORY_EVENTS = "memory.events";
    static final List<String> REQUIRED = List.of("cpu", "memory");

    private final Path hierarchy;

    private CgroupsV2Isolator(final Path hierarchy)
    {
        this.hierarchy = hierarchy;
    }

    /**
     * Enable cpu and memory for the root's children, create (where missing) the hierarchy directory and enable them
     * for its children.
     *
     * @param root      the cgroup2 mount, e.g. /sys/fs/cgroup, whose cgroup.controllers lists cpu and memory.
     * @param hierarchy the hierarchy's name, e.g. "allot".
     */
    static CgroupsV2Isolator open(final Path root, final String hierarchy) throws IsolationException
    {
        enableControllers(root);
        final Path dir = root.resolve(hierarchy);
        CgroupFiles.mkdir(dir);
        final Set<String> available = CgroupFiles.words(CgroupFiles.read(dir.resolve(CONTROLLERS)));
        if (!available.containsAll(REQUIRED))
        {
            throw new IsolationException(dir.resolve(CONTROLLERS) + " lists " + available + ", not cpu and memory, although " +
                root.resolve(SUBTREE_CONTROL) + " enables them");
        }
        enableControllers(dir);
        return new CgroupsV2Isolator(dir);
    }

    private static void enableControllers(final Path dir) throws IsolationException
    {
        final Path subtreeControl = dir.resolve(SUBTREE_CONTROL);
        if (!CgroupFiles.words(CgroupFiles.read(subtreeControl)).containsAll(REQUIRED))
        {
            try
            {
                CgroupFiles.write(subtreeControl, "+cpu +memory");
            }
            catch (final IsolationException ex)
            {
                throw new IsolationException(ex.getMessage() +
                    " (a cgroup with processes of its own cannot enable controllers for its children: the agent needs a" +
                    " cgroup v2 root or a delegated, empty sub-tree)", ex.getCause());
            }
        }
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
        final Path dir = container.cpuDir();
        if (!CgroupFiles.mkdir(dir))
        {
            throw new IsolationException("container " + containerId + " already exists at " + dir +
                " (a leftover: destroy or sweep it first)");
        }
        try
        {
            if (cpusMilli > 0)
            {
                CgroupFiles.write(dir.resolve(CPU_WEIGHT), CgroupLimits.cpuWeight(cpusMilli));
                CgroupFiles.write(dir.resolve(CPU_MAX), CgroupLimits.cpuMax(cpusMilli));
            }
            if (memMegabytes > 0)
            {
                CgroupFiles.write(dir.resolve(MEMORY_MAX), CgroupLimits.memoryBytes(memMegabytes));
                // no swap, so that swapping does not hide the overrun
                if (Files.exists(dir.resolve(MEMORY_SWAP_MAX)))
                {
                    CgroupFiles.write(dir.resolve(MEMORY_SWAP_MAX), 0);
                }
            }
            return container;
        }
        catch (final IsolationException ex)
        {
            try
            {
                CgroupFiles.rmdir(dir, CgroupFiles.RMDIR_WAIT_NS);
            }
            catch (final IsolationException cleanup)
            {
                ex.addSuppressed(cleanup);
            }
            throw ex;
        }
    }

    @Override
    public String enterScript(final Container container)
    {
        return "echo $$ > " + CgroupFiles.shellQuote(container.cpuDir().resolve(CgroupFiles.PROCS).toString());
    }

    @Override
    public boolean oomKilled(final Container container) throws IsolationException
    {
        final String events = CgroupFiles.read(container.memoryDir().resolve(MEMORY_EVENTS));
        final long oomKills = CgroupFiles.keyedValue(events, "oom_kill");
        // kernels before 4.13 have no oom_kill count: an OOM event in the container is the best there is
        return oomKills >= 0 ? oomKills > 0 : CgroupFiles.keyedValue(events, "oom") > 0;
    }

    @Override
    public int killAll(final Container container) throws IsolationException
    {
        final List<Path> dirs = container.paths();
        final Path kill = container.cpuDir().resolve(KILL);
        final Set<Long> pids = CgroupFiles.pids(dirs);
        if (pids.isEmpty())
        {
            return 0;
        }
        if (!Files.exists(kill) || pids.contains(ProcessHandle.current().pid()))
        {
            return CgroupFiles.killLoop(dirs, CgroupFiles.KILL_WAIT_NS);
        }
        // the kernel kills the whole cgroup at once, processes forked meanwhile included
        CgroupFiles.write(kill, "1");
        CgroupFiles.awaitEmpty(dirs, CgroupFiles.KILL_WAIT_NS);
        return pids.size();
    }

    @Override
    public void destroy(final Container container) throws IsolationException
    {
        killAll(container);
        CgroupFiles.rmdir(container.cpuDir(), CgroupFiles.RMDIR_WAIT_NS);
    }

    @Override
    public Container recover(final String containerId) throws IsolationException
    {
        final Container container = container(Container.checkId(containerId));
        return Files.isDirectory(container.cpuDir()) ? container : null;
    }

    @Override
    public List<String> sweep(final Set<String> keep) throws IsolationException
    {
        return Sweeper.sweep(this, CgroupFiles.childDirs(hierarchy), keep, this::container);
    }

    @Override
    public int processCount(final Container container) throws IsolationException
    {
        return CgroupFiles.pids(container.paths()).size();
    }

    @Override
    public String toString()
    {
        return NAME + " (" + hierarchy + ")";
    }

    private Container container(final String containerId)
    {
        final Path dir = hierarchy.resolve(containerId);
        return new Container(containerId, dir, dir);
    }

    /**
     * {@inheritDoc}
     */
    public boolean removeHierarchyIfEmpty()
    {
        boolean removed = true;
        for (final Path dir : new Path[]{ hierarchy })
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

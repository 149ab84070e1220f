/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.agent.isolation;

import java.util.List;
import java.util.Set;

/**
 * No cgroups: a task is only its process group. Its cpu and memory are not enforced, and a process that leaves the
 * group (a daemon that calls setsid) is not found by a kill.
 */
final class PosixIsolator implements Isolator
{
    static final String NAME = "posix";
    static final String WARNING = "posix isolation: cpu and memory of tasks are not enforced and a task over its memory is not" +
        " detected; a kill reaches only the task's process group and descendants (run the agent as root with cgroups for" +
        " enforcement)";

    private final String warning;

    PosixIsolator(final String warning)
    {
        this.warning = warning;
    }

    @Override
    public String name()
    {
        return NAME;
    }

    @Override
    public String warning()
    {
        return warning;
    }

    @Override
    public Container prepare(final String containerId, final long cpusMilli, final long memMegabytes) throws IsolationException
    {
        CgroupLimits.check(cpusMilli, memMegabytes);
        return new Container(Container.checkId(containerId), null, null);
    }

    @Override
    public String enterScript(final Container container)
    {
        return "";
    }

    @Override
    public boolean oomKilled(final Container container)
    {
        return false;
    }

    @Override
    public int killAll(final Container container)
    {
        return 0;
    }

    @Override
    public void destroy(final Container container)
    {
    }

    @Override
    public Container recover(final String containerId) throws IsolationException
    {
        return new Container(Container.checkId(containerId), null, null);
    }

    @Override
    public List<String> sweep(final Set<String> keep)
    {
        return List.of();
    }

    @Override
    public int processCount(final Container container)
    {
        return -1;
    }

    @Override
    public String toString()
    {
        return NAME;
    }
}

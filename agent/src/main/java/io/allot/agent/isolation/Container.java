/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.agent.isolation;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The container of one task: its id and the cgroup directories that hold its processes. With cgroups v2 the cpu and
 * the memory directory are the same ({@code ROOT/allot/ID}); with v1 they are {@code ROOT/cpu/allot/ID} and
 * {@code ROOT/memory/allot/ID}; with posix isolation there is none. An immutable value, made by an {@link Isolator}.
 */
public final class Container
{
    /** The longest container id accepted (a cgroup directory name is at most 255 bytes). */
    public static final int MAX_ID_LENGTH = 200;

    private final String containerId;
    private final Path cpuDir;
    private final Path memoryDir;

    Container(final String containerId, final Path cpuDir, final Path memoryDir)
    {
        this.containerId = Objects.requireNonNull(containerId, "containerId");
        this.cpuDir = cpuDir;
        this.memoryDir = memoryDir;
    }

    /**
     * Whether a container id is usable: 1 to {@link #MAX_ID_LENGTH} characters of {@code [A-Za-z0-9._-]}, and not
     * {@code "."} or {@code ".."}.
     *
     * @param containerId the id to check, may be null.
     * @return true when the id may name a container.
     */
    public static boolean isValidId(final String containerId)
    {
        if (null == containerId || containerId.isEmpty() || containerId.length() > MAX_ID_LENGTH ||
            ".".equals(containerId) || "..".equals(containerId))
        {
            return false;
        }
        for (int i = 0; i < containerId.length(); i++)
        {
            final char c = containerId.charAt(i);
            final boolean valid = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                c == '.' || c == '_' || c == '-';
            if (!valid)
            {
                return false;
            }
        }
        return true;
    }

    static String checkId(final String containerId) throws IsolationException
    {
        if (!isValidId(containerId))
        {
            throw new IsolationException("invalid container id " + (null == containerId ? "null" : "'" + containerId + "'") +
                ": use 1 to " + MAX_ID_LENGTH + " characters of [A-Za-z0-9._-], not '.' or '..'");
        }
        return containerId;
    }

    /**
     * @return the id the agent gave this container.
     */
    public String containerId()
    {
        return containerId;
    }

    /**
     * @return the cgroup directory of the cpu controller, or null with posix isolation.
     */
    public Path cpuDir()
    {
        return cpuDir;
    }

    /**
     * @return the cgroup directory of the memory controller (the same as {@link #cpuDir()} with cgroups v2), or null
     * with posix isolation.
     */
    public Path memoryDir()
    {
        return memoryDir;
    }

    /**
     * @return the distinct cgroup directories of this container: one with v2, two with v1, none with posix.
     */
    public List<Path> paths()
    {
        final List<Path> paths = new ArrayList<>(2);
        if (null != cpuDir)
        {
            paths.add(cpuDir);
        }
        if (null != memoryDir && !memoryDir.equals(cpuDir))
        {
            paths.add(memoryDir);
        }
        return Collections.unmodifiableList(paths);
    }

    /**
     * @return whether this container has cgroups (false with posix isolation).
     */
    public boolean hasCgroups()
    {
        return null != cpuDir || null != memoryDir;
    }

    @Override
    public boolean equals(final Object other)
    {
        if (this == other)
        {
            return true;
        }
        if (!(other instanceof Container))
        {
            return false;
        }
        final Container that = (Container)other;
        return containerId.equals(that.containerId) && Objects.equals(cpuDir, that.cpuDir) &&
            Objects.equals(memoryDir, that.memoryDir);
    }

    @Override
    public int hashCode()
    {
        return Objects.hash(containerId, cpuDir, memoryDir);
    }

    @Override
    public String toString()
    {
        return "Container{id=" + containerId + ", paths=" + paths() + "}";
    }
}

/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.agent;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

import io.allot.resources.ResourceNames;
import io.allot.resources.Resources;
import io.allot.resources.ResourcesParser;

/**
 * What the machine has, as Mesos's agent computes its default resources ({@code Containerizer::resources}): all the
 * cpus; the memory less 1 GB when there are at least 2 GB, else half of it (left to the system and the agent); the
 * disk of the work dir's file system less 5 GB when it has at least 10 GB, else half of it; ports 31000-32000.
 * Given resources are checked against the machine: more cpus, memory or disk than it has is refused.
 */
public final class MachineResources
{
    /**
     * Mesos's default port range for an agent.
     */
    public static final String DEFAULT_PORTS = "[31000-32000]";

    private static final long MB = 1024L * 1024L;
    private static final long GB = 1024L * MB;

    private final int cpus;
    private final long memoryBytes;
    private final long diskBytes;

    private MachineResources(final int cpus, final long memoryBytes, final long diskBytes)
    {
        this.cpus = cpus;
        this.memoryBytes = memoryBytes;
        this.diskBytes = diskBytes;
    }

    /**
     * Read the machine: cpus from the JVM's view (which follows the process's cpu set), memory from
     * {@code /proc/meminfo} (or the JVM's view of physical memory), disk from the file system holding the work dir.
     *
     * @param workDir the agent's work dir (it need not exist yet: its nearest existing parent is measured).
     * @return the machine's totals.
     */
    public static MachineResources detect(final File workDir)
    {
        return new MachineResources(Runtime.getRuntime().availableProcessors(), physicalMemoryBytes(), diskBytes(workDir));
    }

    /**
     * A machine of the given size (tests, and machines measured elsewhere).
     *
     * @param cpus        cpus.
     * @param memoryBytes physical memory.
     * @param diskBytes   size of the work dir's file system.
     * @return the machine.
     */
    public static MachineResources of(final int cpus, final long memoryBytes, final long diskBytes)
    {
        return new MachineResources(cpus, memoryBytes, diskBytes);
    }

    /**
     * @return the machine's cpus.
     */
    public int cpus()
    {
        return cpus;
    }

    /**
     * @return the machine's physical memory in bytes.
     */
    public long memoryBytes()
    {
        return memoryBytes;
    }

    /**
     * @return the size of the work dir's file system in bytes.
     */
    public long diskBytes()
    {
        return diskBytes;
    }

    /**
     * The agent's resources in Mesos syntax: the given ones, each of cpus, mem, disk and ports that is missing
     * taken from the machine's defaults.
     *
     * @param given the {@code --resources} text, or null or blank for all defaults.
     * @return the resources the agent offers, e.g. {@code cpus:8;mem:15360;disk:95000;ports:[31000-32000]}.
     * @throws IllegalArgumentException when the text does not parse, or asks for more than the machine has.
     */
    public String resolve(final String given)
    {
        final ResourceNames names = new ResourceNames();
        final Resources resources = null == given || given.isBlank() ? new Resources(names) : ResourcesParser.parse(given, names);
        final boolean hasPorts = resources.ports().rangeCount() > 0;
        final StringBuilder problems = new StringBuilder();
        check(problems, "cpus", resources.scalar(ResourceNames.CPUS), cpus * 1000L, Integer.toString(cpus));
        check(problems, "mem", resources.scalar(ResourceNames.MEM), memoryBytes / MB * 1000L, memoryBytes / MB + " MB");
        check(problems, "disk", resources.scalar(ResourceNames.DISK), diskBytes / MB * 1000L, diskBytes / MB + " MB");
        if (problems.length() > 0)
        {
            throw new IllegalArgumentException("--resources asks for more than this machine has: " + problems);
        }
        if (0 == resources.scalar(ResourceNames.CPUS))
        {
            resources.setScalar(ResourceNames.CPUS, cpus * 1000L);
        }
        if (0 == resources.scalar(ResourceNames.MEM))
        {
            resources.setScalar(ResourceNames.MEM, defaultMemoryMb() * 1000L);
        }
        if (0 == resources.scalar(ResourceNames.DISK))
        {
            resources.setScalar(ResourceNames.DISK, defaultDiskMb() * 1000L);
        }
        final String text = resources.toString();
        return hasPorts ? text : text + ";" + ResourceNames.PORTS + ":" + DEFAULT_PORTS;
    }

    /**
     * @return memory offered by default, in MB: all but 1 GB from 2 GB up, else half.
     */
    public long defaultMemoryMb()
    {
        return (memoryBytes >= 2 * GB ? memoryBytes - GB : memoryBytes / 2) / MB;
    }

    /**
     * @return disk offered by default, in MB: all but 5 GB from 10 GB up, else half.
     */
    public long defaultDiskMb()
    {
        return (diskBytes >= 10 * GB ? diskBytes - 5 * GB : diskBytes / 2) / MB;
    }

    private static void check(
        final StringBuilder problems, final String name, final long askedMilli, final long haveMilli, final String have)
    {
        if (askedMilli > haveMilli)
        {
            problems.append(problems.length() > 0 ? "; " : "").append(name).append(':')
                .append(Resources.formatMilli(askedMilli)).append(" but the machine has ").append(have);
        }
    }

    private static long physicalMemoryBytes()
    {
        try
        {
            for (final String line : Files.readAllLines(Path.of("/proc/meminfo")))
            {
                if (line.startsWith("MemTotal:"))
                {
                    final String[] parts = line.trim().split("\\s+");
                    return Long.parseLong(parts[1]) * 1024L;
                }
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            // not Linux, or an unreadable /proc: ask the JVM
        }
        final java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean bean ? bean.getTotalMemorySize() : 0;
    }

    private static long diskBytes(final File workDir)
    {
        File dir = workDir.getAbsoluteFile();
        while (null != dir && !dir.exists())
        {
            dir = dir.getParentFile();
        }
        return null == dir ? 0 : dir.getTotalSpace();
    }
}

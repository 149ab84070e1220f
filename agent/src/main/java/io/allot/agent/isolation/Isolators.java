/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.agent.isolation;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Picks and opens the isolator of this machine.
 * <ul>
 * <li>cgroups v2 when {@code ROOT/cgroup.controllers} exists and lists cpu and memory (an empty cgroup2 mount, such as
 * the {@code unified} one of a hybrid system, is not picked);</li>
 * <li>else cgroups v1 when {@code ROOT/cpu} (or {@code ROOT/cpu,cpuacct}) and {@code ROOT/memory} are cpu and memory
 * hierarchies;</li>
 * <li>else, and with {@code posix} asked for, posix isolation, which enforces nothing.</li>
 * </ul>
 */
public final class Isolators
{
    /** The isolation that picks cgroups when usable, else posix with a warning. */
    public static final String AUTO = "auto";
    /** The isolation that requires cgroups (v2, else v1). */
    public static final String CGROUPS = "cgroups";
    /** The isolation with no cgroups. */
    public static final String POSIX = "posix";
    /** The usual cgroup root. */
    public static final Path DEFAULT_CGROUP_ROOT = Path.of("/sys/fs/cgroup");
    /** The usual hierarchy name, the directory under the root (v2) or under each controller's mount (v1). */
    public static final String DEFAULT_HIERARCHY = "allot";

    private static final String[] V1_CPU_MOUNTS = {"cpu", "cpu,cpuacct", "cpuacct,cpu"};
    private static final String V1_MEMORY_MOUNT = "memory";

    private Isolators()
    {
    }

    /**
     * Open the isolator asked for.
     *
     * @param isolation  {@code "cgroups"}, {@code "posix"}, or null or {@code "auto"} (cgroups when usable, else posix,
     *                   whose {@link Isolator#warning()} then says why cgroups were not usable).
     * @param cgroupRoot where cgroups are mounted, normally {@link #DEFAULT_CGROUP_ROOT}; tests may pass another (a temp
     *                   directory laid out like one); not used, and may be null, with posix.
     * @param hierarchy  the directory that holds the containers, normally {@link #DEFAULT_HIERARCHY}; of the
     *                   characters {@code [A-Za-z0-9._-]}.
     * @return the isolator, its hierarchy directories created where cgroups are used.
     * @throws IsolationException for an unknown isolation or a bad hierarchy name, or with {@code cgroups} when no
     *                            usable cgroups were found (the message says what was looked for and suggests
     *                            {@code --isolation posix}).
     */
    public static Isolator create(final String isolation, final Path cgroupRoot, final String hierarchy) throws IsolationException
    {
        final String mode = null == isolation ? AUTO : isolation;
        if (!Container.isValidId(hierarchy))
        {
            throw new IsolationException("invalid cgroup hierarchy name " + (null == hierarchy ? "null" : "'" + hierarchy + "'") +
                ": use characters of [A-Za-z0-9._-], not '.' or '..'");
        }
        switch (mode)
        {
            case POSIX:
                return new PosixIsolator(PosixIsolator.WARNING);

            case CGROUPS:
                try
                {
                    return openCgroups(cgroupRoot, hierarchy);
                }
                catch (final IsolationException ex)
                {
                    throw new IsolationException(ex.getMessage() + "; use --isolation posix to run without cgroups", ex);
                }

            case AUTO:
                try
                {
                    return openCgroups(cgroupRoot, hierarchy);
                }
                catch (final IsolationException ex)
                {
                    return new PosixIsolator(PosixIsolator.WARNING + "; cgroups are not usable: " + ex.getMessage());
                }

            default:
                throw new IsolationException("unknown isolation '" + isolation + "': use " + CGROUPS + ", " + POSIX + " or " + AUTO);
        }
    }

    private static Isolator openCgroups(final Path root, final String hierarchy) throws IsolationException
    {
        Objects.requireNonNull(root, "cgroupRoot");
        final List<String> lookedFor = new ArrayList<>(2);
        final Path controllers = root.resolve(CgroupsV2Isolator.CONTROLLERS);
        if (Files.isRegularFile(controllers))
        {
            final Set<String> available = CgroupFiles.words(CgroupFiles.read(controllers));
            if (available.containsAll(CgroupsV2Isolator.REQUIRED))
            {
                try
                {
                    return CgroupsV2Isolator.open(root, hierarchy);
                }
                catch (final IsolationException ex)
                {
                    throw new IsolationException("cgroups v2 found at " + root + " but not usable: " + ex.getMessage(), ex);
                }
            }
            lookedFor.add("cgroup v2: " + controllers + " lists " + available + ", not cpu and memory");
        }
        else
        {
            lookedFor.add("cgroup v2: no " + controllers);
        }

        final Path cpu = v1Mount(root, CgroupsV1Isolator.CPU_SHARES, V1_CPU_MOUNTS);
        final Path memory = v1Mount(root, CgroupsV1Isolator.MEMORY_LIMIT, V1_MEMORY_MOUNT);
        if (null != cpu && null != memory)
        {
            try
            {
                return CgroupsV1Isolator.open(cpu, memory, hierarchy);
            }
            catch (final IsolationException ex)
            {
                throw new IsolationException("cgroups v1 found at " + cpu + " and " + memory + " but not usable: " +
                    ex.getMessage(), ex);
            }
        }
        lookedFor.add("cgroup v1: " + (null == cpu ? "no cpu hierarchy (" + root.resolve("cpu") + "/" +
            CgroupsV1Isolator.CPU_SHARES + ")" : "cpu at " + cpu) + ", " + (null == memory ? "no memory hierarchy (" +
            root.resolve(V1_MEMORY_MOUNT) + "/" + CgroupsV1Isolator.MEMORY_LIMIT + ")" : "memory at " + memory));

        final long uid = CgroupFiles.effectiveUid();
        throw new IsolationException("no usable cgroups with cpu and memory controllers at " + root + " (" +
            String.join("; ", lookedFor) + ")" + (uid > 0 ? "; the agent runs as uid " + uid + ", not root" : ""));
    }

    private static Path v1Mount(final Path root, final String controlFile, final String... names)
    {
        for (final String name : names)
        {
            final Path mount = root.resolve(name);
            if (Files.isRegularFile(mount.resolve(controlFile)))
            {
                return mount;
            }
        }
        return null;
    }
}

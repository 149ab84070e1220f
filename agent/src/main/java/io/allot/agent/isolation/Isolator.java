/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.agent.isolation;

import java.util.List;
import java.util.Set;

/**
 * Puts each task in its own container and enforces its cpu and memory there (Mesos's {@code cgroups/cpu} and
 * {@code cgroups/mem} isolators). Made by {@link Isolators#create}.
 * <p>
 * The life of a container, as the agent drives it:
 * <ol>
 * <li>{@link #prepare} before the launch creates the cgroups and writes the limits;</li>
 * <li>the task runs as {@code setsid /bin/sh -c WRAPPER}, where the wrapper starts with {@link #enterScript} and
 * then execs the user's command, so that every process of the task is in the container;</li>
 * <li>a kill is SIGTERM to the task's process group, the grace period, then {@link #killAll};</li>
 * <li>when the task's process has exited, {@link #oomKilled} tells a death by the memory limit
 * ({@code TASK_FAILED}, reason {@code MEMORY_LIMIT}) from others; it must be asked before {@link #destroy};</li>
 * <li>{@link #destroy} kills what is left and removes the cgroups;</li>
 * <li>after an agent restart, {@link #recover} finds the containers of the tasks it recovers, and {@link #sweep}
 * removes all the others.</li>
 * </ol>
 * Implementations hold no mutable state; every method may be called from any thread. Calls that wait (killAll,
 * destroy, sweep) are bounded: a few seconds at worst, for processes that do not die at once.
 */
public interface Isolator
{
    /**
     * @return {@code "cgroups-v2"}, {@code "cgroups-v1"} or {@code "posix"}.
     */
    String name();

    /**
     * @return null, or the one-line warning the agent prints at start (posix: cpu and memory are not enforced).
     */
    String warning();

    /**
     * Create the container of a task and write its limits. Nothing is left behind when this fails.
     *
     * @param containerId   the id, chosen by the agent: 1 to 200 characters of {@code [A-Za-z0-9._-]}.
     * @param cpusMilli     the task's cpus in thousandths (1.5 cpus = 1500); 0 for no cpu limit.
     * @param memMegabytes  the task's memory in MB (raised to 32 MB at least); 0 for no memory limit.
     * @return the container.
     * @throws IsolationException for a bad id or limit, a container that already exists, or a cgroup that could not
     *                            be made (the message names the file and the reason).
     */
    Container prepare(String containerId, long cpusMilli, long memMegabytes) throws IsolationException;

    /**
     * The POSIX sh fragment that the task's wrapper shell runs before anything else: it moves the shell ({@code $$})
     * into the container, so that every process the task starts is in it. It exits non-zero when a move fails, so
     * chain it with {@code &&}: {@code enterScript(c) + " && exec " + command}. Empty with posix isolation.
     *
     * @param container the container, from {@link #prepare}.
     * @return the fragment, or an empty string.
     */
    String enterScript(Container container);

    /**
     * Whether the kernel OOM-killed a process of this container, i.e. the task went over its memory limit. Ask it
     * after the task's process has exited and before {@link #destroy}. v2 reads {@code memory.events} ({@code
     * oom_kill}); v1 reads {@code memory.oom_control} ({@code oom_kill}, kernels from 4.13) and falls back to
     * {@code under_oom} and the failure counts on older kernels (an approximation: combine it with the task having
     * died by SIGKILL).
     *
     * @param container the container.
     * @return true when a process of the container was killed by the out-of-memory killer; always false with posix.
     * @throws IsolationException when the counters cannot be read (e.g. the container was destroyed).
     */
    boolean oomKilled(Container container) throws IsolationException;

    /**
     * SIGKILL every process in the container, again until it is empty (bounded: about 2 seconds). v2 writes
     * {@code cgroup.kill} where the kernel has it (5.14 on), else signals each pid of {@code cgroup.procs}.
     *
     * @param container the container.
     * @return how many processes were signalled; 0 with posix isolation or when the container is gone.
     * @throws IsolationException when the container's process list cannot be read.
     */
    int killAll(Container container) throws IsolationException;

    /**
     * {@link #killAll}, then remove the container's cgroup directories (retried for about 2 seconds while the kernel
     * says they are busy). Idempotent: a container already gone is not an error.
     *
     * @param container the container.
     * @throws IsolationException naming the directory and the reason when it could not be removed.
     */
    void destroy(Container container) throws IsolationException;

    /**
     * The container of a task found again after the agent restarted.
     *
     * @param containerId the id the task's container was prepared with.
     * @return the container, or null when its cgroups are gone (posix: always a container with no cgroup).
     * @throws IsolationException for a bad id.
     */
    Container recover(String containerId) throws IsolationException;

    /**
     * Remove every container under the hierarchy whose id is not in {@code keep}, killing its processes first. Run it
     * once at agent start, after recovery, with the ids of the recovered tasks.
     *
     * @param keep the ids of the containers to keep.
     * @return the ids removed, in order; empty with posix isolation.
     * @throws IsolationException when the hierarchy cannot be listed, or when some containers could not be removed
     *                            (after trying them all; the message names them).
     */
    List<String> sweep(Set<String> keep) throws IsolationException;

    /**
     * @param container the container.
     * @return the number of processes now in the container (0 when it is gone), or -1 when unknown (posix).
     * @throws IsolationException when the process list cannot be read.
     */
    int processCount(Container container) throws IsolationException;

    /**
     * Remove the hierarchy's own directories when no container is left in them (an agent that killed all its tasks
     * as it closed, such as an in-process agent of {@code allot local}); a hierarchy still holding containers is kept.
     *
     * @return true when the directories were removed (or there are none).
     */
    default boolean removeHierarchyIfEmpty()
    {
        return true;
    }
}

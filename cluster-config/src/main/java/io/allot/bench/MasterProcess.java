/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.bench;

import io.allot.cli.Allot;
import io.allot.cluster.AllotJvm;
import io.allot.cluster.MemberCnc;
import io.allot.cluster.NodeCounters;
import io.aeron.cluster.service.Cluster;
import org.agrona.CloseHelper;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One {@code allot master} member in a process of its own, started from this JVM's class path (the running
 * {@code allot.jar}, or the test class path) with {@code bin/allot}'s JVM flags, so that its heap and resident memory
 * are the master's alone and it can be killed with SIGKILL. Its output goes to a log file; its counters are read from
 * its CnC file.
 */
final class MasterProcess implements AutoCloseable
{
    static final long STOP_WAIT_MS = 15_000;
    static final long POLL_INTERVAL_NS = TimeUnit.MILLISECONDS.toNanos(5);

    private final int memberId;
    private final File dir;
    private final File log;
    private final Process process;
    private MemberCnc cnc;

    private MasterProcess(final int memberId, final File dir, final File log, final Process process)
    {
        this.memberId = memberId;
        this.dir = dir;
        this.log = log;
        this.process = process;
    }

    /**
     * Start a member with a clean directory.
     *
     * @param memberId   its id in {@code members}.
     * @param members    the members list, {@code id=host:port,...}.
     * @param dir        its directory.
     * @param log        where its output goes.
     * @param jvmOptions JVM options besides {@link AllotJvm#FLAGS}, such as {@code -Xmx4g}.
     * @param masterArgs flags of {@code allot master} besides id, members, dir and clean.
     * @return the started process.
     */
    static MasterProcess start(
        final int memberId,
        final String members,
        final File dir,
        final File log,
        final List<String> jvmOptions,
        final List<String> masterArgs)
    {
        return start(memberId, members, dir, log, jvmOptions, masterArgs, null);
    }

    /**
     * Start a member with a clean directory, as {@code allot master}, or as {@link BenchMaster} with another idle
     * strategy.
     *
     * @param memberId   its id in {@code members}.
     * @param members    the members list, {@code id=host:port,...}.
     * @param dir        its directory.
     * @param log        where its output goes.
     * @param jvmOptions JVM options besides {@link AllotJvm#FLAGS}, such as {@code -Xmx4g}.
     * @param masterArgs flags of {@code allot master} besides id, members, dir and clean.
     * @param idleMode   null for {@code allot master} itself, else an {@link IdleMode} for {@link BenchMaster}.
     * @return the started process.
     */
    static MasterProcess start(
        final int memberId,
        final String members,
        final File dir,
        final File log,
        final List<String> jvmOptions,
        final List<String> masterArgs,
        final String idleMode)
    {
        final List<String> command = new ArrayList<>();
        command.add(new File(new File(System.getProperty("java.home"), "bin"), "java").getAbsolutePath());
        command.addAll(AllotJvm.FLAGS);
        command.addAll(jvmOptions);
        if (null == idleMode)
        {
            command.addAll(List.of("-cp", classPath(), Allot.class.getName(), "master"));
        }
        else
        {
            command.addAll(List.of("-D" + IdleMode.PROPERTY + "=" + idleMode, "-cp", classPath(), BenchMaster.class.getName()));
        }
        command.addAll(List.of(
            "--id", Integer.toString(memberId), "--members", members, "--dir", dir.getAbsolutePath(), "--clean"));
        command.addAll(masterArgs);
        try
        {
            final Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
            return new MasterProcess(memberId, dir, log, process);
        }
        catch (final IOException ex)
        {
            throw new BenchException("cannot start master " + memberId + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * @return this JVM's class path with absolute entries: the running {@code allot.jar}, or a test class path.
     */
    static String classPath()
    {
        final StringJoiner joiner = new StringJoiner(File.pathSeparator);
        for (final String entry : System.getProperty("java.class.path", "").split(File.pathSeparator))
        {
            if (!entry.isEmpty())
            {
                joiner.add(new File(entry).getAbsolutePath());
            }
        }
        return joiner.toString();
    }

    /**
     * @return the member's id.
     */
    int memberId()
    {
        return memberId;
    }

    /**
     * @return the member's directory.
     */
    File dir()
    {
        return dir;
    }

    /**
     * @return the process id.
     */
    long pid()
    {
        return process.pid();
    }

    /**
     * @return true while the process runs.
     */
    boolean isAlive()
    {
        return process.isAlive();
    }

    /**
     * @return the member's CnC file, mapped once its media driver runs; null before that or once the process is gone.
     */
    MemberCnc cnc()
    {
        if (null == cnc && process.isAlive())
        {
            try
            {
                cnc = MemberCnc.open(dir, false);
            }
            catch (final IllegalStateException ex)
            {
                return null;
            }
        }
        return cnc;
    }

    /**
     * @return the member's role from its consensus module's counter, or null while unknown.
     */
    Cluster.Role role()
    {
        final MemberCnc memberCnc = cnc();
        return null == memberCnc ? null : memberCnc.role();
    }

    /**
     * @return the leader this member last applied, or -1 while unknown.
     */
    long leaderSeen()
    {
        final MemberCnc memberCnc = cnc();
        return null == memberCnc ? -1 : memberCnc.value(NodeCounters.LEADER_MEMBER_ID_TYPE_ID, -1);
    }

    /**
     * Send the process SIGKILL, without waiting for it to be gone.
     */
    void kill()
    {
        CloseHelper.quietClose(cnc);
        cnc = null;
        process.destroyForcibly();
    }

    /**
     * @return the exit status once the process ended, waiting for it up to {@value #STOP_WAIT_MS} ms; -1 if it runs on.
     */
    int awaitExit()
    {
        try
        {
            return process.waitFor(STOP_WAIT_MS, TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /**
     * @return the process's exit status once it ended, or -1 while it runs.
     */
    int exitValue()
    {
        return process.isAlive() ? -1 : process.exitValue();
    }

    /**
     * @param lines how many.
     * @return the last lines of the member's output, for an error message.
     */
    String logTail(final int lines)
    {
        try
        {
            final List<String> all = Files.readAllLines(log.toPath(), StandardCharsets.UTF_8);
            return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
        }
        catch (final IOException ex)
        {
            return "(no output: " + ex.getMessage() + ")";
        }
    }

    /**
     * Wait until every member runs, one of them is LEADER and every other FOLLOWER of that leader.
     *
     * @param masters   the members.
     * @param timeoutMs how long to wait.
     * @return the leader.
     * @throws BenchException when a member exits or no leader is agreed in time.
     */
    static MasterProcess awaitLeader(final List<MasterProcess> masters, final long timeoutMs)
    {
        return awaitLeader(masters, timeoutMs, 0);
    }

    /**
     * Wait until every member runs, one of them is LEADER and every other FOLLOWER of that leader, and that has held
     * for a while: members starting together on a small machine may hold a few elections before they settle.
     *
     * @param masters   the members.
     * @param timeoutMs how long to wait.
     * @param stableMs  how long the same leader must hold.
     * @return the leader.
     * @throws BenchException when a member exits or no leader is agreed in time.
     */
    static MasterProcess awaitLeader(final List<MasterProcess> masters, final long timeoutMs, final long stableMs)
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        MasterProcess stable = null;
        long stableSinceNs = 0;
        while (System.nanoTime() - deadlineNs < 0)
        {
            MasterProcess leader = null;
            int followers = 0;
            for (final MasterProcess master : masters)
            {
                if (!master.isAlive())
                {
                    throw new BenchException("master " + master.memberId + " exited with status " + master.exitValue() + ": " +
                        master.logTail(5));
                }
                final Cluster.Role role = master.role();
                if (Cluster.Role.LEADER == role)
                {
                    leader = master;
                }
                else if (Cluster.Role.FOLLOWER == role)
                {
                    followers++;
                }
            }
            final long nowNs = System.nanoTime();
            if (null != leader && followers == masters.size() - 1 && allSee(masters, leader.memberId))
            {
                if (leader != stable)
                {
                    stable = leader;
                    stableSinceNs = nowNs;
                }
                if (nowNs - stableSinceNs >= TimeUnit.MILLISECONDS.toNanos(stableMs))
                {
                    return leader;
                }
            }
            else
            {
                stable = null;
            }
            LockSupport.parkNanos(POLL_INTERVAL_NS);
        }
        throw new BenchException("no leader among " + masters.size() + " masters within " + timeoutMs + " ms: " +
            masters.get(0).logTail(5));
    }

    private static boolean allSee(final List<MasterProcess> masters, final int leaderId)
    {
        for (final MasterProcess master : masters)
        {
            if (master.leaderSeen() != leaderId)
            {
                return false;
            }
        }
        return true;
    }

    /**
     * Stop the member with SIGTERM (it closes cleanly), with SIGKILL if it does not end within {@value #STOP_WAIT_MS}
     * ms.
     */
    public void close()
    {
        CloseHelper.quietClose(cnc);
        cnc = null;
        if (process.isAlive())
        {
            process.destroy();
            try
            {
                if (!process.waitFor(STOP_WAIT_MS, TimeUnit.MILLISECONDS))
                {
                    process.destroyForcibly().waitFor(STOP_WAIT_MS, TimeUnit.MILLISECONDS);
                }
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }
}

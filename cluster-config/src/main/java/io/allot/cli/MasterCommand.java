/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.cli;

import io.allot.cluster.ConfigException;
import io.allot.cluster.DirectoryInUseException;
import io.allot.cluster.MasterConfig;
import io.allot.cluster.MasterNode;
import io.aeron.cluster.service.Cluster;
import org.agrona.concurrent.ShutdownSignalBarrier;

import java.io.PrintStream;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code allot master [--id N] [--members LIST] [--dir DIR] [--config FILE] [--clean]}: runs one member of the
 * replicated master until SIGINT or SIGTERM, printing its role and the leader as they change.
 */
final class MasterCommand implements Command
{
    static final String USAGE = String.join(System.lineSeparator(),
        "usage: allot master [--id N] [--members LIST] [--dir DIR] [--config FILE] [--clean] [--KEY VALUE ...]",
        "",
        "Runs one member of the master cluster (Aeron Cluster, Raft) until SIGINT or SIGTERM, and prints",
        "its role and the leader whenever they change:",
        "  allot master 0: role LEADER, leader 0, term 1",
        "Without --members it is the embedded single member 0=localhost:9000.",
        "",
        "Options:",
        "  --id N          this member's id in LIST (default 0)",
        "  --members LIST  id=host:port,... with each member's base port; a member uses base..base+6",
        "                  (archive, ingress, consensus, log, catch-up, archive and cluster replication)",
        "  --dir DIR       the member's directory (default <tmp>/allot-master-<cluster_id>-<id>); created",
        "                  when missing; a restart on it recovers from the latest snapshot and the log",
        "  --config FILE   read the keys below from a Java properties file; flags override it",
        "  --clean         delete the member's archive and cluster state first (a new, empty master)",
        "  --KEY VALUE     any key below (words joined by - or _)",
        "  -h, --help      show this help",
        "",
        "Keys (durations as 500ms, 1s, 1.5s, 2m, 1h):",
        "  id, members, dir, clean, cluster_id,",
        "  leader_heartbeat_timeout (1s), leader_heartbeat_interval (100ms), election_timeout (500ms),",
        "  session_timeout (5s), snapshot_interval (0: off; the leader asks for a snapshot this often),",
        "  idle_strategy (backoff: park up to 1 ms when idle | yield | spin: for latency, a core per thread),",
        "  allocation_interval (1s), offer_timeout (none), refuse_seconds (5s),",
        "  min_allocatable_resources (cpus:0.01|mem:32), agent_ping_timeout (15s), max_agent_ping_timeouts (5),",
        "  heartbeat_interval (15s), revocation_grace (5s), seed (0), role_sorter, framework_sorter (drf|random)",
        "Every member must be given the same engine keys. More in docs/master.md.",
        "",
        "Exit status: 2 bad configuration; 1 the member failed; after SIGINT or SIGTERM the member stops",
        "cleanly and the JVM exits with the signal's usual status (130, 143).");

    static final long REPORT_INTERVAL_MS = 50;
    static final long DIRECTORY_IN_USE_WAIT_MS = 15_000;
    static final long DIRECTORY_IN_USE_RETRY_MS = 500;

    public String name()
    {
        return "master";
    }

    public String summary()
    {
        return "run a master member of the cluster";
    }

    public int run(final String[] args, final PrintStream out, final PrintStream err)
    {
        final MasterConfig config;
        try
        {
            config = MasterConfig.parse(args);
            if (config.isHelp())
            {
                out.println(USAGE);
                return ExitCodes.OK;
            }
        }
        catch (final ConfigException ex)
        {
            err.println("allot master: " + ex.getMessage());
            return ExitCodes.USAGE;
        }

        final String prefix = "allot master " + config.memberId() + ": ";
        final CountDownLatch stop = new CountDownLatch(1);
        try (ShutdownSignalBarrier barrier = new ShutdownSignalBarrier(stop::countDown);
            MasterNode node = launch(config, prefix, stop, err))
        {
            Objects.requireNonNull(barrier);
            if (null == node)
            {
                out.println(prefix + "stopping");
                return ExitCodes.OK;
            }
            out.println(prefix + "members " + node.context().members() + ", dir " + node.context().dir().getAbsolutePath() +
                (node.context().cleanStart() ? ", clean start" : ""));
            return awaitStop(node, stop, prefix, out, err);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return ExitCodes.FAILURE;
        }
        catch (final RuntimeException ex)
        {
            err.println(prefix + "failed: " + (null == ex.getMessage() ? ex.toString() : ex.getMessage()));
            return ExitCodes.FAILURE;
        }
    }

    /**
     * Launch the member; while its directory is still held by a member that died moments ago (Aeron's liveness
     * timeout), wait for it to expire.
     *
     * @return the member, or null when stopped while waiting.
     */
    private static MasterNode launch(final MasterConfig config, final String prefix, final CountDownLatch stop, final PrintStream err)
        throws InterruptedException
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DIRECTORY_IN_USE_WAIT_MS);
        boolean isWaiting = false;
        while (true)
        {
            try
            {
                return MasterNode.launch(config.toContext().errorHandler((throwable) -> err.println(
                    prefix + (MasterNode.isWarning(throwable) ? "warning: " : "error: ") + throwable)));
            }
            catch (final RuntimeException ex)
            {
                if (!DirectoryInUseException.isDirectoryInUse(ex) || System.nanoTime() > deadlineNs)
                {
                    throw ex;
                }
                if (!isWaiting)
                {
                    isWaiting = true;
                    err.println(prefix + "the member directory is still in use, waiting up to " + DIRECTORY_IN_USE_WAIT_MS / 1000 +
                        " s for it to be released");
                }
            }
            if (stop.await(DIRECTORY_IN_USE_RETRY_MS, TimeUnit.MILLISECONDS))
            {
                return null;
            }
        }
    }

    private static int awaitStop(
        final MasterNode node, final CountDownLatch stop, final String prefix, final PrintStream out, final PrintStream err)
        throws InterruptedException
    {
        String lastReport = "";
        while (!stop.await(REPORT_INTERVAL_MS, TimeUnit.MILLISECONDS))
        {
            final String report = report(node);
            if (!report.equals(lastReport))
            {
                out.println(prefix + report);
                lastReport = report;
            }
            if (node.isTerminated())
            {
                err.println(prefix + "the cluster terminated this member");
                return ExitCodes.FAILURE;
            }
        }

        out.println(prefix + "stopping");
        return ExitCodes.OK;
    }

    private static String report(final MasterNode node)
    {
        final Cluster.Role role = node.role();
        final int leader = node.leaderMemberId();
        return "role " + role + ", leader " + (leader < 0 ? "unknown" : Integer.toString(leader)) +
            ", term " + node.leadershipTermId();
    }
}

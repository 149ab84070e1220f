/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.cli;

import io.allot.cluster.MemberCnc;
import io.allot.cluster.MemberNotRunningException;
import io.allot.cluster.NodeCounters;
import io.aeron.AeronCounters;
import io.aeron.cluster.ConsensusModule;
import io.aeron.cluster.ElectionState;
import io.aeron.cluster.service.Cluster;
import org.agrona.concurrent.status.CountersReader;

import java.io.File;
import java.io.PrintStream;
import java.util.Locale;

/**
 * {@code allot stat --dir DIR [--watch SECONDS]}: prints the counters of the member whose directory is DIR, read
 * from its media driver's CnC file as Aeron's {@code AeronStat} does, so it works from any process on the member's
 * machine: the consensus module's role, leader, term and snapshot counters, then every Allot counter.
 */
final class StatCommand implements Command
{
    static final String USAGE = String.join(System.lineSeparator(),
        "usage: allot stat --dir DIR [--watch SECONDS]",
        "",
        "Prints the counters of the master member whose directory is DIR (as given to allot master --dir),",
        "read from its media driver (DIR/aeron/cnc.dat) like Aeron's AeronStat, from any process on its machine:",
        "  cluster role                  LEADER, FOLLOWER or CANDIDATE",
        "  cluster leader                the leader of the latest term this member applied",
        "  cluster leadership term       the current term",
        "  cluster snapshots             snapshots taken since the member started",
        "  ...",
        "  allot agents                  the engine's counters: agents, frameworks, tasks, offers, launches,",
        "  ...                           allocation passes and the slowest input, errors, egress drops",
        "  allot state digest            the engine's digest at the last GetState (equal on every member)",
        "",
        "Options:",
        "  --dir DIR          the member's directory",
        "  --watch SECONDS    print again every SECONDS (2, 0.5, 500ms) until the member stops or Ctrl-C",
        "  -h, --help         show this help",
        "",
        "Exit status: 0 printed; 1 no running member uses DIR (or it stopped while watched); 2 bad usage.");

    static final int LABEL_WIDTH = 30;

    public String name()
    {
        return "stat";
    }

    public String summary()
    {
        return "print the counters of a running master member";
    }

    public int run(final String[] args, final PrintStream out, final PrintStream err)
    {
        final OperatorOptions options;
        final File dir;
        try
        {
            options = OperatorOptions.parse(name(), args, 0, "--dir", "--watch");
            if (options.help)
            {
                out.println(USAGE);
                return ExitCodes.OK;
            }
            dir = options.requireDir(name());
        }
        catch (final IllegalArgumentException ex)
        {
            err.println(ex.getMessage());
            return ExitCodes.USAGE;
        }

        try
        {
            while (true)
            {
                try (MemberCnc cnc = MemberCnc.open(dir, false))
                {
                    print(dir, cnc, out);
                }
                if (options.watchMs <= 0)
                {
                    return ExitCodes.OK;
                }
                out.println();
                out.flush();
                Thread.sleep(options.watchMs);
            }
        }
        catch (final MemberNotRunningException ex)
        {
            err.println("allot stat: " + ex.getMessage());
            return ExitCodes.FAILURE;
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return ExitCodes.OK;
        }
    }

    static void print(final File dir, final MemberCnc cnc, final PrintStream out)
    {
        final StringBuilder text = new StringBuilder(2048);
        text.append("allot stat: member ").append(dir).append(" (media driver pid ").append(cnc.driverPid())
            .append(", heartbeat ").append(cnc.heartbeatAgeMs()).append(" ms ago)").append(System.lineSeparator());

        final Cluster.Role role = cnc.role();
        if (null != role)
        {
            line(text, "cluster role", role.name());
            final long leader = cnc.value(NodeCounters.LEADER_MEMBER_ID_TYPE_ID, -1);
            line(text, "cluster leader", leader < 0 ? "unknown" : Long.toString(leader));
            cluster(text, cnc, "cluster leadership term", AeronCounters.CLUSTER_LEADERSHIP_TERM_ID_TYPE_ID);
            cluster(text, cnc, "cluster commit position", AeronCounters.CLUSTER_COMMIT_POSITION_TYPE_ID);
            cluster(text, cnc, "cluster snapshots", AeronCounters.CLUSTER_SNAPSHOT_COUNTER_TYPE_ID);
            cluster(text, cnc, "cluster elections", AeronCounters.CLUSTER_ELECTION_COUNT_TYPE_ID);
            final long state = cnc.value(AeronCounters.CLUSTER_CONSENSUS_MODULE_STATE_TYPE_ID, -1);
            if (state >= 0 && state < ConsensusModule.State.values().length)
            {
                line(text, "cluster module state", ConsensusModule.State.get(state).name());
            }
            final long election = cnc.value(AeronCounters.CLUSTER_ELECTION_STATE_TYPE_ID, -1);
            if (election >= 0 && election < ElectionState.values().length)
            {
                line(text, "cluster election state", ElectionState.get(election).name());
            }
            cluster(text, cnc, "cluster errors", AeronCounters.CLUSTER_CONSENSUS_MODULE_ERROR_COUNT_TYPE_ID);
        }
        else
        {
            line(text, "cluster role", "unknown");
        }

        final CountersReader counters = cnc.counters();
        counters.forEach((counterId, typeId, keyBuffer, label) ->
        {
            if (NodeCounters.isAllotCounter(typeId))
            {
                final long value = counters.getCounterValue(counterId);
                line(text, label, NodeCounters.STATE_DIGEST_TYPE_ID == typeId ?
                    String.format(Locale.ROOT, "%016x", value) : Long.toString(value));
            }
        });
        out.print(text);
    }

    private static void cluster(final StringBuilder text, final MemberCnc cnc, final String name, final int typeId)
    {
        final int counterId = cnc.findCounter(typeId);
        if (CountersReader.NULL_COUNTER_ID != counterId)
        {
            line(text, name, Long.toString(cnc.counters().getCounterValue(counterId)));
        }
    }

    private static void line(final StringBuilder text, final String name, final String value)
    {
        text.append(name);
        for (int i = name.length(); i < LABEL_WIDTH; i++)
        {
            text.append(' ');
        }
        text.append(' ').append(value).append(System.lineSeparator());
    }
}

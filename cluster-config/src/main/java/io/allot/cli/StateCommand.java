/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.cli;

import io.allot.client.MasterConnection;
import io.allot.client.ClusterMembers;
import io.allot.codecs.IngressEncoder;
import org.agrona.ExpandableDirectByteBuffer;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code allot state [--master ENDPOINTS] [--timeout DURATION]}: connects to the master as an operator, sends a
 * GetState, and prints the answer (the engine's snapshot records, SnapshotBegin to SnapshotEnd) as JSON in the manner
 * of Mesos's {@code /state}, with the leader and term the session follows.
 */
final class StateCommand implements Command
{
    static final String USAGE = String.join(System.lineSeparator(),
        "usage: allot state [--master ENDPOINTS] [--timeout DURATION] [--egress HOST]",
        "",
        "Prints the master's state as JSON, like Mesos's /state: the leader and term, the agents with their",
        "resources and free resources, the frameworks with their roles, allocations and dominant shares, the",
        "tasks with their states, the outstanding offers and the roles with weights and guarantees. The state",
        "is read at one position of the replicated log; its digest equals every member's at that position.",
        "",
        "Options:",
        "  --master ENDPOINTS   the members list (0=host:port,1=host:port,...) or the host:port of one member,",
        "                       with base ports as given to allot master (ingress is base + 1); a member that",
        "                       is not the leader redirects to it. Default: " + ClusterMembers.DEFAULT_MEMBERS,
        "  --timeout DURATION   give up when no master answers within this (default 10s)",
        "  --egress HOST        an address of this machine the members can reach for the answer (default",
        "                       localhost: the members run on this machine)",
        "  -h, --help           show this help",
        "",
        "Exit status: 0 printed; 1 no master answered in time; 2 bad usage or bad ENDPOINTS.");

    static final long DEFAULT_TIMEOUT_MS = 10_000;
    /** The whole state arrives at once: a large egress term keeps a big cluster's answer whole. */
    static final String EGRESS_TERM_LENGTH = "16m";

    public String name()
    {
        return "state";
    }

    public String summary()
    {
        return "print the state of the cluster as JSON";
    }

    public int run(final String[] args, final PrintStream out, final PrintStream err)
    {
        final OperatorOptions options;
        final ClusterMembers members;
        try
        {
            options = OperatorOptions.parse(name(), args, DEFAULT_TIMEOUT_MS, "--master", "--timeout", "--egress");
            if (options.help)
            {
                out.println(USAGE);
                return ExitCodes.OK;
            }
            members = parseMembers(options.master);
        }
        catch (final IllegalArgumentException ex)
        {
            err.println(ex.getMessage());
            return ExitCodes.USAGE;
        }

        final StateJson state = new StateJson();
        final List<Throwable> errors = new ArrayList<>();
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(options.timeoutMs);
        try (MasterConnection connection = MasterConnection.connect(new MasterConnection.Context()
            .members(members.toString())
            .egressChannel("aeron:udp?endpoint=" + options.egressHost + ":0|term-length=" + EGRESS_TERM_LENGTH)
            .messageTimeoutNs(TimeUnit.MILLISECONDS.toNanos(options.timeoutMs))
            .egressHandler(state::onRecord)
            .errorHandler(errors::add)))
        {
            if (!awaitState(connection, state, deadlineNs))
            {
                err.println("allot state: no answer from the master at " + members + " within " + options.timeoutMs + " ms" +
                    (connection.isClosed() ? " (the session closed: no leader)" : ""));
                return ExitCodes.FAILURE;
            }
            out.print(state.render(connection.leaderMemberId(), connection.leadershipTermId()));
            return ExitCodes.OK;
        }
        catch (final RuntimeException ex)
        {
            err.println("allot state: no master answered at " + members + " within " + options.timeoutMs + " ms: " +
                (null == ex.getMessage() ? ex.toString() : firstLine(ex.getMessage())));
            return ExitCodes.FAILURE;
        }
    }

    private static ClusterMembers parseMembers(final String endpoints)
    {
        try
        {
            return ClusterMembers.parseEndpoints(endpoints);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException("allot state: --master: " + ex.getMessage());
        }
    }

    /**
     * Send a GetState until the leader takes it, then poll until its SnapshotEnd arrives; send it again after a
     * leader change, since the old leader may have taken it without answering.
     *
     * @return false at the deadline.
     */
    private static boolean awaitState(final MasterConnection connection, final StateJson state, final long deadlineNs)
    {
        final IngressEncoder encoder = new IngressEncoder(new ExpandableDirectByteBuffer(64));
        final int length = encoder.getState(System.currentTimeMillis());
        final IdleStrategy idle = new BackoffIdleStrategy(10, 10, 1_000, 1_000_000);
        boolean isSent = false;
        long leaderChanges = connection.newLeaderCount();
        while (!state.isComplete())
        {
            if (System.nanoTime() - deadlineNs > 0 || connection.isClosed())
            {
                return false;
            }
            int work = connection.poll();
            if (connection.newLeaderCount() != leaderChanges)
            {
                leaderChanges = connection.newLeaderCount();
                isSent = false;
            }
            if (!isSent && connection.offer(encoder.buffer(), 0, length))
            {
                isSent = true;
                work++;
            }
            idle.idle(work);
        }

        return true;
    }

    private static String firstLine(final String message)
    {
        final int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}

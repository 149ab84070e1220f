/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.cli;

import io.allot.cluster.MemberCnc;
import io.allot.cluster.MemberNotRunningException;
import io.allot.cluster.NodeCounters;
import io.aeron.cluster.ClusterControl;
import io.aeron.cluster.service.Cluster;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.agrona.concurrent.status.AtomicCounter;

import java.io.File;
import java.io.PrintStream;
import java.util.concurrent.TimeUnit;

/**
 * {@code allot snapshot --dir DIR [--timeout DURATION]}: asks the cluster for a snapshot through the consensus module
 * of the member whose directory is DIR, by moving its control toggle to {@link ClusterControl.ToggleState#SNAPSHOT}
 * in the member's CnC file (as Aeron's {@code ClusterControl} does), and waits for the member's snapshot counter to
 * move. Only the leader acts on the toggle, so DIR must be the leader's.
 */
final class SnapshotCommand implements Command
{
    static final String USAGE = String.join(System.lineSeparator(),
        "usage: allot snapshot --dir DIR [--timeout DURATION]",
        "",
        "Asks the master cluster for a snapshot through the member whose directory is DIR (as given to",
        "allot master --dir), from any process on its machine, and waits until the member has taken it:",
        "  allot snapshot: taken (3 snapshots)",
        "Every member takes the snapshot at the same log position. Only the leader acts on the request:",
        "give the leader's directory ('allot stat --dir DIR' shows a member's role).",
        "",
        "Options:",
        "  --dir DIR            the leader's directory",
        "  --timeout DURATION   give up after this (default 10s)",
        "  -h, --help           show this help",
        "",
        "Exit status: 0 taken; 1 no running member uses DIR, it is not the leader, or no snapshot in time;",
        "2 bad usage.");

    static final long DEFAULT_TIMEOUT_MS = 10_000;

    public String name()
    {
        return "snapshot";
    }

    public String summary()
    {
        return "ask the master cluster for a snapshot";
    }

    public int run(final String[] args, final PrintStream out, final PrintStream err)
    {
        final OperatorOptions options;
        final File dir;
        try
        {
            options = OperatorOptions.parse(name(), args, DEFAULT_TIMEOUT_MS, "--dir", "--timeout");
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

        try (MemberCnc cnc = MemberCnc.open(dir, true))
        {
            final String failure = snapshot(cnc, options.timeoutMs);
            if (null != failure)
            {
                err.println("allot snapshot: " + failure);
                return ExitCodes.FAILURE;
            }
            out.println("allot snapshot: taken (" + cnc.snapshotCount() + " snapshots)");
            return ExitCodes.OK;
        }
        catch (final MemberNotRunningException ex)
        {
            err.println("allot snapshot: " + ex.getMessage());
            return ExitCodes.FAILURE;
        }
    }

    /**
     * @return null when the snapshot was taken, else why not.
     */
    private static String snapshot(final MemberCnc cnc, final long timeoutMs)
    {
        final Cluster.Role role = cnc.role();
        final AtomicCounter toggle = cnc.controlToggle();
        if (null == role || null == toggle)
        {
            return "the member's consensus module is not running yet";
        }
        if (Cluster.Role.LEADER != role)
        {
            final long leader = cnc.value(NodeCounters.LEADER_MEMBER_ID_TYPE_ID, -1);
            return "the member is a " + role + ", and only the leader takes snapshot requests: give the leader's " +
                "directory" + (leader < 0 ? "" : " (member " + leader + ")");
        }

        final long before = cnc.snapshotCount();
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        final IdleStrategy idle = new SleepingMillisIdleStrategy(1);
        boolean isToggled = false;
        while (cnc.snapshotCount() <= before)
        {
            if (!isToggled)
            {
                isToggled = ClusterControl.ToggleState.SNAPSHOT.toggle(toggle);
            }
            if (System.nanoTime() - deadlineNs > 0)
            {
                // A toggle left set would make this member snapshot whenever it next leads.
                final boolean isWithdrawn = isToggled && toggle.compareAndSet(
                    ClusterControl.ToggleState.SNAPSHOT.code(), ClusterControl.ToggleState.NEUTRAL.code());
                return "no snapshot within " + timeoutMs + " ms" + (isToggled ?
                    (isWithdrawn ? " (the request was withdrawn)" : "") :
                    " (the control toggle stayed busy with another action)");
            }
            idle.idle();
        }

        return null;
    }
}

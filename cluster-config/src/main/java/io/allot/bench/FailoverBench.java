/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.bench;

import io.allot.cluster.MemberCnc;
import io.aeron.AeronCounters;
import io.aeron.cluster.ElectionState;
import io.aeron.cluster.service.Cluster;
import org.agrona.CloseHelper;

import java.io.File;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * {@code allot bench failover}: three (or five) {@code allot master} processes, and in this process emulated agents
 * and frameworks that launch small tasks continuously, each task finished by its agent the moment it arrives. After a
 * warm-up the leader's process gets SIGKILL. Measured from just before the kill: <b>new leader</b>, when a survivor's
 * consensus-module role counter reads LEADER (read from its CnC file, as {@code allot stat} does, along with every
 * survivor's election state as it moves: where the time goes); <b>clients follow</b>, when a framework's session hears
 * of the new leader; <b>first offer</b>, the first offer a framework gets after that (offers the old leader sent just
 * before it died may arrive after the kill and do not count). The load runs on, then launching stops and every task
 * accepted must end TASK_FINISHED exactly once: a task lost or launched twice fails the run.
 */
public final class FailoverBench
{
    static final String PREFIX = "allot bench failover: ";
    static final int EGRESS_TERM = 4 * 1024 * 1024;
    static final int MAX_REGISTRATIONS_IN_FLIGHT = 256;
    static final long RESEND_MS = 250;
    static final long ACCEPT_RESEND_MS = 500;
    static final long LEADER_TIMEOUT_MS = 60_000;
    static final long FAILOVER_TIMEOUT_MS = 30_000;
    static final long DRAIN_TIMEOUT_MS = 30_000;
    static final long SAMPLE_MS = 50;
    /** Members starting together may hold a few elections (short timeouts, a busy machine) before they settle. */
    static final long STABLE_LEADER_MS = 1_000;

    private final FailoverBenchContext ctx;
    private final PrintStream err;
    private final BenchOutput output;
    private final Machine machine = Machine.describe();
    private final Timeline timeline = new Timeline("offers", "launches", "finished");
    private final List<MasterProcess> masters = new ArrayList<>();
    private BenchClients clients;
    private EmulatedAgents agents;
    private EmulatedFrameworks frameworks;
    private BenchLoop loop;
    private String members;

    private static final class Watch
    {
        final MasterProcess master;
        final StringBuilder profile = new StringBuilder();
        long lastState = -2;
        long leaderNs;

        Watch(final MasterProcess master)
        {
            this.master = master;
        }
    }

    private FailoverBench(final FailoverBenchContext ctx, final PrintStream out, final PrintStream err)
    {
        this.ctx = ctx;
        this.err = err;
        this.output = new BenchOutput(BenchOutput.prepare(ctx.outDir(), "allot-bench-failover-"), out);
    }

    /**
     * Run the benchmark and report.
     *
     * @param ctx its configuration, concluded here when it was not already.
     * @param out where the summary goes.
     * @param err where progress goes.
     * @return true when no task was lost or launched twice.
     * @throws BenchException when a step could not be completed (no leader, no failover in time).
     */
    public static boolean run(final FailoverBenchContext ctx, final PrintStream out, final PrintStream err)
    {
        if (null == ctx.effectiveMasterArgs())
        {
            ctx.conclude();
        }
        return new FailoverBench(ctx, out, err).execute();
    }

    private boolean execute()
    {
        final Thread cleanup = new Thread(this::close, "allot-bench-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        try
        {
            err.println(PREFIX + "results go to " + output.dir().getAbsolutePath());
            final MasterProcess leader = startMasters();
            connect();
            final long[] before = warmUp();
            final long killNs = System.nanoTime();
            final Watch[] watches = kill(leader, killNs);
            final long leaderNs = awaitFailover(watches, killNs);
            final long firstOfferNs = frameworks.firstOfferAfterNewLeaderNs();
            final long[] atFirstOffer = { frameworks.offersReceived(), agents.runTasks(), System.nanoTime() };
            loop.runFor(ctx.afterMs());
            final long[] after = { frameworks.offersReceived() - atFirstOffer[0], agents.runTasks() - atFirstOffer[1],
                System.nanoTime() - atFirstOffer[2] };
            final long stuck = drain();
            report(leader, watches, killNs, leaderNs, firstOfferNs, before, after, stuck);
            return 0 == frameworks.lost() + stuck && 0 == agents.launchedTwice();
        }
        finally
        {
            close();
            try
            {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            }
            catch (final IllegalStateException ex)
            {
                // The JVM is shutting down and runs the hook itself.
                err.flush();
            }
        }
    }

    private MasterProcess startMasters()
    {
        members = FreePorts.members(ctx.members(), ctx.basePort());
        final List<String> jvm = new ArrayList<>();
        jvm.add("-Xmx" + ctx.masterHeap());
        jvm.addAll(ctx.masterJvmOptions());
        final long startNs = System.nanoTime();
        for (int id = 0; id < ctx.members(); id++)
        {
            masters.add(MasterProcess.start(id, members, new File(output.dir(), "master-" + id),
                output.file("master-" + id + ".log").toFile(), jvm, ctx.effectiveMasterArgs()));
        }
        final MasterProcess leader = MasterProcess.awaitLeader(masters, LEADER_TIMEOUT_MS, STABLE_LEADER_MS);
        err.println(PREFIX + ctx.members() + " masters on " + members + ", member " + leader.memberId() + " leader after " +
            Numbers.seconds((System.nanoTime() - startNs) / 1e9));
        return leader;
    }

    private void connect()
    {
        clients = new BenchClients(members, new File(output.dir(), "emulator-aeron"));
        agents = new EmulatedAgents(clients, ctx.agents(), 1, EGRESS_TERM, ctx.parsedAgentResources(), MAX_REGISTRATIONS_IN_FLIGHT,
            RESEND_MS);
        frameworks = new EmulatedFrameworks(clients, ctx.frameworks(), Math.min(ctx.frameworks(), 4), EGRESS_TERM, "bench-",
            ctx.parsedTaskResources(), true, 1, ACCEPT_RESEND_MS);
        loop = new BenchLoop().add(agents::doWork).add(frameworks::doWork);
        frameworks.subscribe();
        loop.runUntil("every framework to subscribe", LEADER_TIMEOUT_MS, () -> frameworks.subscribedCount() == ctx.frameworks());
        agents.startRegistering();
        loop.runUntil("every agent to register", LEADER_TIMEOUT_MS, () -> agents.registeredCount() == ctx.agents());
    }

    private long[] warmUp()
    {
        final long startNs = System.nanoTime();
        timeline.origin(startNs);
        loop.every(SAMPLE_MS, (nowNs) -> timeline.sample(nowNs, frameworks.offersReceived(), agents.runTasks(), agents.finished()));
        frameworks.startLaunching(Math.max(1, ctx.inFlight() / ctx.frameworks()));
        final long offers0 = frameworks.offersReceived();
        loop.runFor(ctx.warmupMs());
        loop.runUntil("a task to finish before the kill", LEADER_TIMEOUT_MS, () -> agents.finished() > 0);
        return new long[]{ frameworks.offersReceived() - offers0, agents.runTasks(), System.nanoTime() - startNs };
    }

    private Watch[] kill(final MasterProcess leader, final long killNs)
    {
        final List<Watch> watches = new ArrayList<>();
        for (final MasterProcess master : masters)
        {
            if (master != leader && null != master.cnc())
            {
                watches.add(new Watch(master));
            }
        }
        frameworks.mark(killNs);
        agents.mark(killNs);
        err.println(PREFIX + "SIGKILL of the leader, member " + leader.memberId() + " (pid " + leader.pid() + ")");
        leader.kill();
        timeline.origin(killNs);
        return watches.toArray(new Watch[0]);
    }

    private long awaitFailover(final Watch[] watches, final long killNs)
    {
        final long[] leaderNs = { 0 };
        final BenchLoop.Ticker watcher = (nowNs) ->
        {
            for (final Watch watch : watches)
            {
                final MemberCnc cnc = watch.master.cnc();
                if (null == cnc)
                {
                    continue;
                }
                final long state = cnc.value(AeronCounters.CLUSTER_ELECTION_STATE_TYPE_ID, -1);
                if (state != watch.lastState)
                {
                    watch.lastState = state;
                    watch.profile.append(watch.profile.length() > 0 ? ", " : "")
                        .append(state >= 0 && state < ElectionState.values().length ? ElectionState.get(state).name() : "none")
                        .append(" +").append((nowNs - killNs) / 1_000_000).append(" ms");
                }
                if (0 == watch.leaderNs && Cluster.Role.LEADER == cnc.role())
                {
                    watch.leaderNs = nowNs;
                    if (0 == leaderNs[0])
                    {
                        leaderNs[0] = nowNs;
                    }
                }
            }
        };
        loop.every(1, watcher);
        final BooleanSupplier done = () -> 0 != leaderNs[0] && 0 != frameworks.firstOfferAfterNewLeaderNs();
        loop.runUntil("a new leader and an offer from it", FAILOVER_TIMEOUT_MS, done);
        loop.runFor(200);
        loop.remove(watcher);
        return leaderNs[0];
    }

    private long drain()
    {
        frameworks.stopLaunching();
        try
        {
            loop.runUntil("every task to end", DRAIN_TIMEOUT_MS, () -> frameworks.isQuiet() && 0 == agents.tasksInFlight());
        }
        catch (final BenchException ex)
        {
            err.println(PREFIX + ex.getMessage());
        }
        return frameworks.tasksInFlight();
    }

    private void report(
        final MasterProcess leader,
        final Watch[] watches,
        final long killNs,
        final long leaderNs,
        final long firstOfferNs,
        final long[] before,
        final long[] after,
        final long stuck)
    {
        final double leaderMs = (leaderNs - killNs) / 1e6;
        final double followMs = (frameworks.firstNewLeaderNs() - killNs) / 1e6;
        final double offerMs = (firstOfferNs - killNs) / 1e6;
        int newLeader = -1;
        for (final Watch watch : watches)
        {
            newLeader = watch.leaderNs == leaderNs ? watch.master.memberId() : newLeader;
        }
        output.line(PREFIX + ctx.members() + " masters, " + Numbers.count(ctx.agents()) + " agents, " +
            Numbers.count(ctx.frameworks()) + " frameworks; " + machine);
        output.line("  masters: -Xmx" + ctx.masterHeap() + " " + String.join(" ", ctx.masterJvmOptions()) + ", " +
            String.join(" ", ctx.effectiveMasterArgs()) + ", " + members);
        output.line("  load: at most " + ctx.inFlight() + " tasks in flight, agents " + ctx.agentResources() + ", tasks " +
            ctx.taskResources() + ", updates resent every " + RESEND_MS + " ms, Accepts every " + ACCEPT_RESEND_MS + " ms");
        output.line("failover: SIGKILL of leader " + leader.memberId() + " (exit status " + leader.awaitExit() + ") after " +
            Numbers.seconds(before[2] / 1e9) + " of load; member " + newLeader + " LEADER after " + Numbers.ms(leaderMs) +
            ", clients followed after " + Numbers.ms(followMs) + ", first offer after " + Numbers.ms(offerMs));
        output.line("  after the kill: frameworks follow " + Numbers.ms(followMs) + ", agents follow " + since(agents.firstNewLeaderNs(),
            killNs) + ", first update to a framework " + since(frameworks.firstUpdateAfterNewLeaderNs(), killNs) +
            ", first acknowledgement to an agent " + since(agents.firstAckAfterNewLeaderNs(), killNs) + ", first RunTask " +
            since(agents.firstRunTaskAfterNewLeaderNs(), killNs) + ", first offer " + Numbers.ms(offerMs));
        for (final Watch watch : watches)
        {
            output.line("  member " + watch.master.memberId() + " election states after the kill: " + watch.profile);
        }
        final long lost = frameworks.lost() + stuck;
        output.line("tasks: " + Numbers.count(frameworks.acceptsSent()) + " accepted, " + Numbers.count(agents.runTasks()) +
            " launched, " + Numbers.count(agents.finished()) + " finished, " + Numbers.count(lost) + " lost, " +
            Numbers.count(agents.launchedTwice()) + " launched twice; " + Numbers.count(agents.repeatedRunTasks()) +
            " RunTasks sent again by the master, " + Numbers.count(frameworks.acceptResends()) + " Accepts sent again (" +
            Numbers.count(frameworks.acceptsRefused()) + " refused as repeats)" + firstErrors());
        final double beforeS = Math.max(before[2] / 1e9, 1e-9);
        final double afterS = Math.max(after[2] / 1e9, 1e-9);
        output.line("load: " + Numbers.rate(before[0] / beforeS) + " offers/s and " + Numbers.rate(before[1] / beforeS) +
            " launches/s before the kill; " + Numbers.rate(after[0] / afterS) + " offers/s and " + Numbers.rate(after[1] / afterS) +
            " launches/s after the first offer from the new leader");
        output.metric("members", ctx.members(), "count");
        output.metric("cores", machine.cores(), "count");
        output.metric("kill_to_new_leader", leaderMs, "ms");
        output.metric("kill_to_clients_follow", followMs, "ms");
        output.metric("kill_to_first_offer", offerMs, "ms");
        output.metric("tasks_launched", agents.runTasks(), "count");
        output.metric("tasks_finished", agents.finished(), "count");
        output.metric("tasks_lost", lost, "count");
        output.metric("tasks_launched_twice", agents.launchedTwice(), "count");
        output.metric("runtasks_resent", agents.repeatedRunTasks(), "count");
        timeline.writeCsv(output.file("timeline.csv"));
        output.write("failover.svg", LineChartSvg.render("Offers and task launches around the leader's SIGKILL",
            ctx.members() + " masters, " + ctx.agents() + " agents, " + ctx.frameworks() + " frameworks; " + machine.cores() +
            " cores; 50 ms bins", "time since the kill (s)", "per second",
            List.of(new LineChartSvg.Series("offers received/s", timeline.seconds(), timeline.rates(0)),
                new LineChartSvg.Series("task launches/s", timeline.seconds(), timeline.rates(1))),
            List.of(new LineChartSvg.Marker(0, "SIGKILL of the leader"),
                new LineChartSvg.Marker(leaderMs / 1e3, "new leader " + Numbers.ms(leaderMs)),
                new LineChartSvg.Marker(offerMs / 1e3, "first offer " + Numbers.ms(offerMs)))));
        output.finish();
    }

    private static String since(final long ns, final long killNs)
    {
        return 0 == ns ? "-" : Numbers.ms((ns - killNs) / 1e6);
    }

    private String firstErrors()
    {
        final List<String> errors = new ArrayList<>(frameworks.errors());
        errors.addAll(agents.errors());
        final long count = frameworks.unexpectedErrors() + agents.errorCount();
        return 0 == count && errors.isEmpty() ? "" : "; " + count + " unexpected errors" + (errors.isEmpty() ? "" : ", first: " +
            errors.get(0));
    }

    private synchronized void close()
    {
        CloseHelper.quietCloseAll(frameworks, agents, clients);
        CloseHelper.quietCloseAll(masters);
        if (!ctx.keepDirs())
        {
            for (final MasterProcess master : masters)
            {
                BenchOutput.deleteTree(master.dir());
            }
        }
        masters.clear();
        frameworks = null;
        agents = null;
        clients = null;
    }
}

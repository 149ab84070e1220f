/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.bench;

import org.HdrHistogram.Histogram;
import org.agrona.CloseHelper;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * {@code allot bench offer-rtt}: the offer round trip of ARCHITECTURE.md against real {@code allot master} processes
 * (one, three or five). Frameworks with real drivers in poll mode, all on this process's one benchmark thread, launch
 * requests at a fixed rate: each takes a held offer and launches one task on the whole of it; the agent runs the task
 * and reports it finished, the master recovers the agent and offers it again, and the framework that receives that
 * offer completes the request's round trip, measured from the request's scheduled send time (coordinated omission
 * corrected) into an HdrHistogram. The agents are emulated in this process and finish a task the moment its RunTask
 * arrives (so the figure is Allot's own path), or with {@code --real} are {@code allot agent} processes running
 * {@code true} (which adds the process launch).
 */
public final class OfferRttBench
{
    static final String PREFIX = "allot bench offer-rtt: ";
    static final long LEADER_TIMEOUT_MS = 60_000;
    static final long STABLE_LEADER_MS = 1_000;
    static final long READY_TIMEOUT_MS = 120_000;
    static final long DRAIN_TIMEOUT_MS = 10_000;
    static final long LATE_MS = 60_000;
    static final int AGENT_EGRESS_TERM = 16 * 1024 * 1024;
    static final int MAX_REGISTRATIONS_IN_FLIGHT = 256;
    static final long RESEND_MS = 1_000;

    private final OfferRttBenchContext ctx;
    private final PrintStream err;
    private final BenchOutput output;
    private final Machine machine = Machine.describe();
    private final List<MasterProcess> masters = new ArrayList<>();
    private final OfferRoundTripRecorder recorder;
    private BenchClients clients;
    private EmulatedAgents emulatedAgents;
    private RealAgents realAgents;
    private RttFrameworks frameworks;
    private BenchLoop loop;
    private String members;
    private long incomplete;
    private long egressDropped;

    private OfferRttBench(final OfferRttBenchContext ctx, final PrintStream out, final PrintStream err)
    {
        this.ctx = ctx;
        this.err = err;
        this.output = new BenchOutput(BenchOutput.prepare(ctx.outDir(), "allot-bench-offer-rtt-"), out);
        this.recorder = new OfferRoundTripRecorder(ctx.agents());
    }

    /**
     * Run the benchmark and report.
     *
     * @param ctx its configuration, concluded here when it was not already.
     * @param out where the summary goes.
     * @param err where progress goes.
     * @return true when every request completed its round trip and no task failed.
     * @throws BenchException when a step could not be completed (no leader, agents not offered in time).
     */
    public static boolean run(final OfferRttBenchContext ctx, final PrintStream out, final PrintStream err)
    {
        if (!ctx.isConcluded())
        {
            ctx.conclude();
        }
        return new OfferRttBench(ctx, out, err).execute();
    }

    private boolean execute()
    {
        final Thread cleanup = new Thread(this::close, "allot-bench-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        try
        {
            err.println(PREFIX + "results go to " + output.dir().getAbsolutePath());
            startMasters();
            prepare();
            measure();
            return report();
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

    private void startMasters()
    {
        members = FreePorts.members(ctx.members(), ctx.basePort());
        final List<String> jvm = new ArrayList<>();
        jvm.add("-Xmx" + ctx.masterHeap());
        jvm.addAll(ctx.masterJvmOptions());
        final String idleMode = IdleMode.BACKOFF.equals(ctx.idle()) ? null : ctx.idle();
        final long startNs = System.nanoTime();
        for (int id = 0; id < ctx.members(); id++)
        {
            masters.add(MasterProcess.start(id, members, new File(output.dir(), "master-" + id),
                output.file("master-" + id + ".log").toFile(), jvm, MasterArgs.merge(List.of(), ctx.masterArgs()), idleMode));
        }
        final MasterProcess leader = MasterProcess.awaitLeader(masters, LEADER_TIMEOUT_MS, ctx.members() > 1 ? STABLE_LEADER_MS : 0);
        err.println(PREFIX + ctx.members() + (1 == ctx.members() ? " master" : " masters") + " on " + members + ", member " +
            leader.memberId() + " leader after " + Numbers.seconds((System.nanoTime() - startNs) / 1e9));
    }

    private void prepare()
    {
        final long startNs = System.nanoTime();
        clients = new BenchClients(members, new File(output.dir(), "emulator-aeron"), IdleMode.supplier(ctx.idle()).get());
        frameworks = new RttFrameworks(ctx.frameworks(), members, clients.aeronDirectoryName(), IdleMode.supplier(ctx.idle()),
            recorder, ctx.agents());
        loop = new BenchLoop(IdleMode.benchThread(ctx.idle())).add(frameworks::doWork);
        loop.runUntil("every framework to subscribe", LEADER_TIMEOUT_MS, () -> frameworks.subscribedCount() == ctx.frameworks());
        if (ctx.real())
        {
            realAgents = new RealAgents(ctx.agents(), members, new File(output.dir(), "agents"), output.dir(), ctx.agentResources());
            loop.every(500, (nowNs) -> realAgents.checkAlive());
        }
        else
        {
            emulatedAgents = new EmulatedAgents(clients, ctx.agents(), 1, AGENT_EGRESS_TERM, ctx.parsedAgentResources(),
                MAX_REGISTRATIONS_IN_FLIGHT, RESEND_MS)
                .finishAtOnce(true)
                .runTaskListener((agentId, taskId, nowNs) -> recorder.onRunTask(agentId, nowNs));
            loop.add(emulatedAgents::doWork);
            emulatedAgents.startRegistering();
        }
        loop.runUntil("every agent to be offered", READY_TIMEOUT_MS,
            () -> recorder.agentsSeen() == ctx.agents() && frameworks.heldCount() == ctx.agents());
        final String what = ctx.real() ? (1 == ctx.agents() ? " agent process" : " agent processes") : " emulated agents";
        err.println(PREFIX + ctx.agents() + what + " registered and offered after " +
            Numbers.seconds((System.nanoTime() - startNs) / 1e9) + "; " + (ctx.warmupMs() > 0 ? "warming up for " +
            Numbers.seconds(ctx.warmupMs() / 1e3) + ", then " : "") + "measuring for " + Numbers.seconds(ctx.durationMs() / 1e3) +
            " at " + Numbers.count(ctx.rate()) + " requests/s");
    }

    private void measure()
    {
        final long startNs = System.nanoTime();
        final long measureStartNs = startNs + TimeUnit.MILLISECONDS.toNanos(ctx.warmupMs());
        final long endNs = measureStartNs + TimeUnit.MILLISECONDS.toNanos(ctx.durationMs());
        recorder.window(measureStartNs, endNs);
        frameworks.startLaunching(ctx.rate(), startNs, endNs);
        loop.runUntil("the last request to be launched", ctx.warmupMs() + ctx.durationMs() + LATE_MS, () -> !frameworks.isLaunching());
        try
        {
            loop.runUntil("every request's round trip", DRAIN_TIMEOUT_MS, () -> 0 == recorder.pending());
        }
        catch (final BenchException ex)
        {
            err.println(PREFIX + ex.getMessage());
        }
        incomplete = recorder.pendingMeasured();
        for (final MasterProcess master : masters)
        {
            if (null != master.cnc())
            {
                egressDropped += MasterStats.read(master.cnc()).get(MasterStats.EGRESS_DROPPED);
            }
        }
    }

    private boolean report()
    {
        final Histogram rtt = recorder.roundTrip();
        final String agents = Numbers.count(ctx.agents()) + (ctx.real() ? (1 == ctx.agents() ? " real agent" : " real agents") +
            " (allot agent, posix isolation)" : " emulated agents");
        output.line(PREFIX + ctx.members() + (1 == ctx.members() ? " member, " : " members, ") + agents + ", " +
            Numbers.count(ctx.frameworks()) + (1 == ctx.frameworks() ? " framework" : " frameworks") + "; " +
            Numbers.count(ctx.rate()) + " requests/s for " + Numbers.seconds(ctx.durationMs() / 1e3) + " after a " +
            Numbers.seconds(ctx.warmupMs() / 1e3) + " warm-up; idle " + ctx.idle() + "; " + machine);
        output.line("offer round trip: " + percentiles(rtt) + " (" + Numbers.count(rtt.getTotalCount()) +
            " samples, coordinated-omission corrected)");
        output.line("  each round trip is measured from its request's scheduled send time at the fixed rate, not from when it was " +
            "sent; parts (p50 / p99 / max): scheduled to sent " + parts(recorder.sendDelay()) + (ctx.real() ?
            "; sent to TASK_RUNNING at the framework " + parts(recorder.launchToRunning()) + "; TASK_RUNNING to TASK_FINISHED " +
            parts(recorder.runningToFinished()) + "; TASK_FINISHED to re-offer " + parts(recorder.finishedToOffer()) :
            "; sent to RunTask at the agent " + parts(recorder.launchToRunTask()) + "; RunTask to re-offer " +
            parts(recorder.runTaskToOffer())));
        output.line("  requests: each launches one task ('" + RttFrameworks.TASK_COMMAND + "') on the whole offer of an agent (" +
            ctx.agentResources() + "); " + (ctx.real() ? "the agent runs it as a process" :
            "the agent sends TASK_RUNNING and TASK_FINISHED back to back as the RunTask arrives") + "; masters -Xmx" +
            ctx.masterHeap() + (ctx.masterJvmOptions().isEmpty() ? "" : " " + String.join(" ", ctx.masterJvmOptions())) +
            (ctx.masterArgs().isEmpty() ? "" : ", " + String.join(" ", ctx.masterArgs())) + " on " + members);
        final long measured = rtt.getTotalCount() + incomplete;
        output.line("requests: " + Numbers.count(frameworks.launched()) + " launched (" + Numbers.count(measured) + " measured), " +
            Numbers.count(frameworks.finished()) + " tasks finished, " + Numbers.count(frameworks.failed()) + " failed, " +
            Numbers.count(incomplete) + " without a re-offer; " + Numbers.count(frameworks.waits()) +
            " times a due request found no held offer (every agent busy); " + Numbers.count(frameworks.staleAcknowledgements()) +
            " stale acknowledgements, " + Numbers.count(frameworks.errors()) + " errors, " + Numbers.count(egressDropped) +
            " messages the master dropped" +
            (null == frameworks.firstProblem() ? "" : ", first: " + frameworks.firstProblem()));
        metrics(rtt, measured);
        writeFiles(rtt);
        output.finish();
        return 0 == incomplete && 0 == frameworks.failed() && 0 == frameworks.errors() && rtt.getTotalCount() > 0;
    }

    private void metrics(final Histogram rtt, final long measured)
    {
        output.metric("members", ctx.members(), "count");
        output.metric("agents", ctx.agents(), "count");
        output.metric("real_agents", ctx.real() ? 1 : 0, "boolean");
        output.metric("frameworks", ctx.frameworks(), "count");
        output.metric("rate", ctx.rate(), "per_s");
        output.metric("duration", ctx.durationMs() / 1e3, "s");
        output.metric("cores", machine.cores(), "count");
        output.metric("rtt_p50", micros(rtt.getValueAtPercentile(50)), "us");
        output.metric("rtt_p99", micros(rtt.getValueAtPercentile(99)), "us");
        output.metric("rtt_p99_9", micros(rtt.getValueAtPercentile(99.9)), "us");
        output.metric("rtt_max", micros(rtt.getMaxValue()), "us");
        output.metric("rtt_mean", rtt.getTotalCount() > 0 ? rtt.getMean() / 1e3 : 0, "us");
        output.metric("samples", rtt.getTotalCount(), "count");
        output.metric("requests_measured", measured, "count");
        output.metric("requests_without_reoffer", incomplete, "count");
        output.metric("send_delay_p99", micros(recorder.sendDelay().getValueAtPercentile(99)), "us");
        output.metric("waits_for_offer", frameworks.waits(), "count");
        output.metric("tasks_failed", frameworks.failed(), "count");
        output.metric("errors", frameworks.errors(), "count");
        output.metric("master_egress_dropped", egressDropped, "count");
    }

    private void writeFiles(final Histogram rtt)
    {
        try (PrintStream hgrm = new PrintStream(output.file("offer-rtt.hgrm").toFile(), StandardCharsets.UTF_8))
        {
            rtt.outputPercentileDistribution(hgrm, 1_000.0);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        final List<PercentilePlotSvg.Series> series = new ArrayList<>();
        series.add(new PercentilePlotSvg.Series("offer round trip", rtt));
        series.add(new PercentilePlotSvg.Series("scheduled to sent", recorder.sendDelay()));
        if (ctx.real())
        {
            series.add(new PercentilePlotSvg.Series("sent to TASK_RUNNING", recorder.launchToRunning()));
            series.add(new PercentilePlotSvg.Series("TASK_RUNNING to TASK_FINISHED", recorder.runningToFinished()));
            series.add(new PercentilePlotSvg.Series("TASK_FINISHED to re-offer", recorder.finishedToOffer()));
        }
        else
        {
            series.add(new PercentilePlotSvg.Series("sent to RunTask", recorder.launchToRunTask()));
            series.add(new PercentilePlotSvg.Series("RunTask to re-offer", recorder.runTaskToOffer()));
        }
        output.write("offer-rtt.svg", PercentilePlotSvg.render("Offer round trip (coordinated-omission corrected)",
            ctx.members() + (1 == ctx.members() ? " member, " : " members, ") + ctx.agents() + (ctx.real() ? " real" : " emulated") +
            (1 == ctx.agents() ? " agent, " : " agents, ") + ctx.frameworks() + (1 == ctx.frameworks() ? " framework, " : " frameworks, ") +
            ctx.rate() + " requests/s, " + Numbers.count(rtt.getTotalCount()) + " samples; idle " + ctx.idle() + "; " + machine.cores() +
            " cores", series));
        if (null != realAgents)
        {
            realAgents.logNames().forEach(output::file);
        }
    }

    private static String percentiles(final Histogram histogram)
    {
        return "p50 " + us(histogram.getValueAtPercentile(50)) + " us, p99 " + us(histogram.getValueAtPercentile(99)) +
            " us, p99.9 " + us(histogram.getValueAtPercentile(99.9)) + " us, max " + us(histogram.getMaxValue()) + " us";
    }

    private static String parts(final Histogram histogram)
    {
        return 0 == histogram.getTotalCount() ? "-" : us(histogram.getValueAtPercentile(50)) + " / " +
            us(histogram.getValueAtPercentile(99)) + " / " + us(histogram.getMaxValue()) + " us";
    }

    private static String us(final long ns)
    {
        return String.format(Locale.ROOT, "%,d", Math.round(ns / 1e3));
    }

    private static double micros(final long ns)
    {
        return Math.round(ns / 1e3);
    }

    private synchronized void close()
    {
        CloseHelper.quietCloseAll(frameworks, emulatedAgents, realAgents, clients);
        CloseHelper.quietCloseAll(masters);
        if (!ctx.keepDirs())
        {
            for (final MasterProcess master : masters)
            {
                BenchOutput.deleteTree(master.dir());
            }
            if (null != realAgents)
            {
                BenchOutput.deleteTree(realAgents.dir());
            }
        }
        masters.clear();
        frameworks = null;
        emulatedAgents = null;
        realAgents = null;
        clients = null;
    }
}

/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.bench;

import io.allot.codecs.EgressEncoder;
import io.allot.resources.Resources;
import org.agrona.CloseHelper;
import org.agrona.ExpandableDirectByteBuffer;

import java.io.File;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * {@code allot bench scale}: one master in a process of its own, and in this process many emulated agents and
 * frameworks over a few cluster sessions. In order:
 * <ol>
 *     <li><b>registration</b>: a holder framework subscribes, then every agent registers (a bounded number in flight
 *     per session, with a progress line every second); the master offers each agent to the holder as it registers;</li>
 *     <li><b>subscription</b> of the frameworks (each Subscribe visits every agent, finding none free);</li>
 *     <li><b>one full allocation pass</b>: the holder tears down, and in that one input the master rescinds every
 *     offer, allocates every agent among the frameworks by DRF and sends every offer. Its time is the master's own
 *     counter of its slowest input ({@code allot allocation pass max ns}); the time until every offer arrived is
 *     measured here too;</li>
 *     <li><b>memory</b>: the master's live heap (after a full collection) and resident memory, against a baseline taken
 *     before the first agent;</li>
 *     <li><b>load</b>: the frameworks accept offers with small tasks (a bounded number in flight), the agents finish each
 *     task at once; offers and launches per second from both sides;</li>
 *     <li><b>drain</b>: launching stops and every task in flight must end TASK_FINISHED (else it is lost).</li>
 * </ol>
 */
public final class ScaleBench
{
    static final String PREFIX = "allot bench scale: ";
    static final int AGENT_EGRESS_TERM = 16 * 1024 * 1024;
    static final int MAX_REGISTRATIONS_IN_FLIGHT = 2_048;
    /** Offers to the holder not yet received, at most: a few MiB, well within its session's egress window. */
    static final long MAX_HOLDER_BACKLOG = 20_000;
    static final long RESEND_MS = 1_000;
    static final long ACCEPT_RESEND_MS = 5_000;
    static final long LEADER_TIMEOUT_MS = 60_000;
    static final long DRAIN_TIMEOUT_MS = 30_000;
    static final long LOAD_SAMPLE_MS = 100;
    /** The cluster's session message header and Aeron's data frame header, around each egress message. */
    static final int EGRESS_FRAMING = 64;

    private final ScaleBenchContext ctx;
    private final PrintStream err;
    private final BenchOutput output;
    private final Machine machine = Machine.describe();
    private final Timeline registration = new Timeline("registered", "holder_offers", "pings");
    private final Timeline load = new Timeline("offers", "accepts", "launches", "finished");
    private MasterProcess master;
    private BenchClients clients;
    private EmulatedAgents agents;
    private EmulatedFrameworks holder;
    private EmulatedFrameworks frameworks;
    private BenchLoop loop;
    private String members;
    private int frameworkTerm;
    private MasterMemory baseline;

    private ScaleBench(final ScaleBenchContext ctx, final PrintStream out, final PrintStream err)
    {
        this.ctx = ctx;
        this.err = err;
        this.output = new BenchOutput(BenchOutput.prepare(ctx.outDir(), "allot-bench-scale-"), out);
    }

    /**
     * Run the benchmark and report.
     *
     * @param ctx its configuration, concluded here when it was not already.
     * @param out where the summary goes.
     * @param err where progress goes.
     * @return true when every task launched ended TASK_FINISHED once; false when a task was lost or launched twice.
     * @throws BenchException when a step could not be completed.
     */
    public static boolean run(final ScaleBenchContext ctx, final PrintStream out, final PrintStream err)
    {
        if (null == ctx.parsedAgentResources())
        {
            ctx.conclude();
        }
        return new ScaleBench(ctx, out, err).execute();
    }

    private boolean execute()
    {
        final Thread cleanup = new Thread(this::close, "allot-bench-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        try
        {
            err.println(PREFIX + "results go to " + output.dir().getAbsolutePath());
            startMaster();
            connect();
            register();
            subscribe();
            final Pass pass = allocationPass();
            final MasterMemory memory = MasterMemory.measure(master.pid(), true);
            final Load loadResult = runLoad();
            final long stuck = drain();
            report(pass, memory, loadResult, stuck);
            return 0 == frameworks.lost() + stuck && 0 == agents.launchedTwice();
        }
        finally
        {
            close();
            removeHook(cleanup);
        }
    }

    private void startMaster()
    {
        members = FreePorts.members(1, ctx.basePort());
        final List<String> jvm = new ArrayList<>();
        jvm.add("-Xmx" + ctx.masterHeap());
        jvm.addAll(ctx.masterJvmOptions());
        final long startNs = System.nanoTime();
        master = MasterProcess.start(0, members, new File(output.dir(), "master"), output.file("master.log").toFile(), jvm,
            ctx.effectiveMasterArgs());
        MasterProcess.awaitLeader(List.of(master), LEADER_TIMEOUT_MS);
        err.println(PREFIX + "master pid " + master.pid() + " on " + members + " is leader after " +
            Numbers.seconds((System.nanoTime() - startNs) / 1e9));
        baseline = MasterMemory.measure(master.pid(), true);
    }

    private void connect()
    {
        final int offerFrame = offerFrameLength(ctx.parsedAgentResources());
        frameworkTerm = BenchClients.termLengthFor((long)offerFrame * ((ctx.agents() + ctx.frameworkSessions() - 1) /
            ctx.frameworkSessions()) + 64 * 1024);
        clients = new BenchClients(members, new File(output.dir(), "emulator-aeron"));
        agents = new EmulatedAgents(clients, ctx.agents(), ctx.agentSessions(), AGENT_EGRESS_TERM, ctx.parsedAgentResources(),
            MAX_REGISTRATIONS_IN_FLIGHT, RESEND_MS);
        holder = new EmulatedFrameworks(clients, 1, 1, AGENT_EGRESS_TERM, "bench-holder-", ctx.parsedTaskResources(), false, 1,
            ACCEPT_RESEND_MS);
        frameworks = new EmulatedFrameworks(clients, ctx.frameworks(), ctx.frameworkSessions(), frameworkTerm, "bench-",
            ctx.parsedTaskResources(), true, 1, ACCEPT_RESEND_MS);
        loop = new BenchLoop().add(agents::doWork).add(holder::doWork).add(frameworks::doWork).every(200, this::checkAlive);
    }

    private void checkAlive(final long nowNs)
    {
        if (!master.isAlive())
        {
            throw new BenchException("the master exited with status " + master.exitValue() + ": " + master.logTail(5));
        }
        if (agents.anySessionClosed())
        {
            throw new BenchException("the cluster closed a session of the agents: it received nothing from it for the session " +
                "timeout, most likely because the master's log was full (the pongs of many agents while inputs took long); " +
                "try a longer --agent-ping-timeout in --master-args");
        }
    }

    private void register()
    {
        holder.subscribe();
        loop.runUntil("the holder framework to subscribe", BenchLoop.SEND_TIMEOUT_MS, () -> 1 == holder.subscribedCount());
        final int total = ctx.agents();
        final MasterStats before = MasterStats.read(master.cnc());
        final long startNs = System.nanoTime();
        final long[] last = { startNs, 0 };
        registration.origin(startNs);
        registration.sample(startNs, 0, 0, 0);
        final BenchLoop.Ticker progress = (nowNs) ->
        {
            final int registered = agents.registeredCount();
            final double rate = (registered - last[1]) / ((nowNs - last[0]) / 1e9);
            registration.sample(nowNs, registered, holder.offersReceived(), agents.pings());
            err.println(PREFIX + "registered " + Numbers.count(registered) + "/" + Numbers.count(total) + " agents (" +
                Numbers.rate(rate) + "/s)");
            last[0] = nowNs;
            last[1] = registered;
        };
        agents.registrationGate(() -> agents.registrationsSent() - holder.offersReceived() < MAX_HOLDER_BACKLOG);
        agents.startRegistering();
        loop.every(1_000, progress);
        loop.runUntil("every agent to register (" + agents.registeredCount() + " of " + total + " did)",
            LEADER_TIMEOUT_MS + total, () -> agents.registeredCount() == total);
        final long endNs = System.nanoTime();
        loop.remove(progress);
        registration.sample(endNs, agents.registeredCount(), holder.offersReceived(), agents.pings());
        final double seconds = (endNs - startNs) / 1e9;
        waitQuietly("the holder to get every agent's offer", BenchLoop.SEND_TIMEOUT_MS, () -> holder.offersReceived() >= total);
        output.line(PREFIX + Numbers.count(total) + " agents, " + Numbers.count(ctx.frameworks()) + " frameworks; " + machine);
        output.line("  master: pid " + master.pid() + ", -Xmx" + ctx.masterHeap() + jvmOptions() + ", " + members +
            (ctx.effectiveMasterArgs().isEmpty() ? "" : ", " + String.join(" ", ctx.effectiveMasterArgs())));
        output.line("  emulator: " + ctx.agentSessions() + " agent sessions, " + ctx.frameworkSessions() +
            " framework sessions (egress term " + Numbers.bytes(frameworkTerm) + "); agents " + ctx.agentResources() + ", tasks " +
            ctx.taskResources());
        final long dropped = MasterStats.read(master.cnc()).since(before, MasterStats.EGRESS_DROPPED);
        output.line("registration: " + Numbers.count(total) + " agents in " + Numbers.seconds(seconds) + " (" +
            Numbers.rate(total / seconds) + " agents/s), each offered to a framework as it registered" +
            (0 == dropped ? "" : "; the master dropped " + Numbers.count(dropped) + " egress messages"));
        output.metric("agents", total, "count");
        output.metric("frameworks", ctx.frameworks(), "count");
        output.metric("cores", machine.cores(), "count");
        output.metric("registration_time", seconds, "s");
        output.metric("registration_rate", total / seconds, "agents/s");
    }

    private void subscribe()
    {
        final long startNs = System.nanoTime();
        final BenchLoop.Ticker progress = (nowNs) -> err.println(PREFIX + "subscribed " + Numbers.count(frameworks.subscribedCount()) +
            "/" + Numbers.count(ctx.frameworks()) + " frameworks");
        loop.every(5_000, progress);
        frameworks.subscribe();
        loop.runUntil("every framework to subscribe (" + frameworks.subscribedCount() + " did)",
            LEADER_TIMEOUT_MS + (long)ctx.frameworks() * ctx.agents() / 1_000, () -> frameworks.subscribedCount() == ctx.frameworks());
        final double seconds = (System.nanoTime() - startNs) / 1e9;
        loop.remove(progress);
        output.line("subscription: " + Numbers.count(ctx.frameworks()) + " frameworks in " + Numbers.seconds(seconds) +
            " (each Subscribe visits every agent)");
        output.metric("subscribe_time", seconds, "s");
    }

    private record Pass(long inputNs, long maxBeforeNs, double allOffersMs, long offers, long dropped)
    {
    }

    private Pass allocationPass()
    {
        final MasterStats before = MasterStats.read(master.cnc());
        final long offersBefore = frameworks.offersReceived();
        final long target = offersBefore + ctx.agents();
        final MasterProfile profile = ctx.profile() ? new MasterProfile(master.pid(), output.file("master-pass.jfr")) : null;
        if (null != profile)
        {
            profile.start();
            loop.runFor(500);
        }
        final Instant from = Instant.now();
        final long startNs = System.nanoTime();
        holder.teardownAll(loop);
        final boolean complete = waitQuietly("every offer of the pass", LEADER_TIMEOUT_MS + ctx.agents() / 10,
            () -> frameworks.offersReceived() >= target);
        final double allOffersMs = (System.nanoTime() - startNs) / 1e6;
        final Instant to = Instant.now();
        loop.runFor(100);
        if (null != profile)
        {
            output.write("master-pass-profile.txt", profile.stop(from, to));
        }
        final MasterStats after = MasterStats.read(master.cnc());
        final long maxBefore = before.get(MasterStats.MAX_INPUT_NS);
        final long maxAfter = after.get(MasterStats.MAX_INPUT_NS);
        final Pass pass = new Pass(maxAfter > maxBefore ? maxAfter : -1, maxBefore, complete ? allOffersMs : -1,
            frameworks.offersReceived() - offersBefore, after.since(before, MasterStats.EGRESS_DROPPED));
        final String shape = Numbers.count(ctx.agents()) + " agents x " + Numbers.count(ctx.frameworks()) + " frameworks: ";
        final String inMaster = pass.inputNs() > 0 ? Numbers.ms(pass.inputNs() / 1e6) + " in the master" :
            "at most " + Numbers.ms(maxBefore / 1e6) + " in the master (not its slowest input, so its counter kept an earlier one)";
        output.line("allocation pass: " + shape + inMaster + " (one input: rescind every offer, allocate every agent by DRF, " +
            "send every offer); every offer received " + (complete ? "after " + Numbers.ms(allOffersMs) :
            "NOT: " + Numbers.count(pass.offers()) + " of " + Numbers.count(ctx.agents()) + " arrived, the master dropped " +
            Numbers.count(pass.dropped()) + " egress messages"));
        output.metric("allocation_pass_master", pass.inputNs() > 0 ? pass.inputNs() / 1e6 : -1, "ms");
        output.metric("allocation_pass_all_offers_received", pass.allOffersMs(), "ms");
        return pass;
    }

    private record Load(
        double seconds, long offers, long launches, long finished, long masterOffers, long masterLaunches, long dropped)
    {
    }

    private Load runLoad()
    {
        final int perFramework = Math.max(1, ctx.inFlight() / ctx.frameworks());
        final MasterStats before = MasterStats.read(master.cnc());
        final long offers0 = frameworks.offersReceived();
        final long launches0 = agents.runTasks();
        final long finished0 = agents.finished();
        final long startNs = System.nanoTime();
        load.origin(startNs);
        final BenchLoop.Ticker sampler = (nowNs) -> load.sample(nowNs, frameworks.offersReceived() - offers0,
            frameworks.acceptsSent(), agents.runTasks() - launches0, agents.finished() - finished0);
        sampler.onTick(startNs);
        loop.every(LOAD_SAMPLE_MS, sampler);
        frameworks.startLaunching(perFramework);
        loop.runFor(ctx.durationMs());
        final long endNs = System.nanoTime();
        loop.remove(sampler);
        sampler.onTick(endNs);
        final MasterStats after = MasterStats.read(master.cnc());
        return new Load((endNs - startNs) / 1e9, frameworks.offersReceived() - offers0, agents.runTasks() - launches0,
            agents.finished() - finished0, after.since(before, MasterStats.OFFERS_SENT), after.since(before, MasterStats.TASKS_LAUNCHED),
            after.since(before, MasterStats.EGRESS_DROPPED));
    }

    private long drain()
    {
        frameworks.stopLaunching();
        waitQuietly("every task to end", DRAIN_TIMEOUT_MS, () -> frameworks.isQuiet() && 0 == agents.tasksInFlight());
        return frameworks.tasksInFlight();
    }

    private void report(final Pass pass, final MasterMemory memory, final Load result, final long stuck)
    {
        final double s = Math.max(result.seconds(), 1e-9);
        output.line("load: " + Numbers.seconds(result.seconds()) + " with at most " + Numbers.count(ctx.inFlight()) +
            " tasks in flight: " + Numbers.rate(result.offers() / s) + " offers/s, " + Numbers.rate(result.launches() / s) +
            " task launches/s, " + Numbers.rate(result.finished() / s) + " tasks finished/s (the master counted " +
            Numbers.rate(result.masterOffers() / s) + " offers/s, " + Numbers.rate(result.masterLaunches() / s) + " launches/s" +
            (0 == result.dropped() ? "" : "; it dropped " + Numbers.count(result.dropped()) + " egress messages") + ")");
        final long lost = frameworks.lost() + stuck;
        output.line("tasks: " + Numbers.count(agents.runTasks()) + " launched, " + Numbers.count(agents.finished()) + " finished, " +
            Numbers.count(lost) + " lost, " + Numbers.count(agents.launchedTwice()) + " launched twice");
        reportMemory(memory);
        final MasterStats stats = MasterStats.read(master.cnc());
        final long errors = stats.get(MasterStats.ERRORS);
        final String repeats = 0 == errors ? "" : " (" + Numbers.count(frameworks.acceptsRefused()) + " Accepts sent again and refused, " +
            Numbers.count(frameworks.duplicateAcks()) + " repeated acknowledgements)";
        output.line("master: errors " + Numbers.count(errors) + repeats + ", egress dropped " +
            Numbers.count(stats.get(MasterStats.EGRESS_DROPPED)) + ", periodic passes " +
            Numbers.count(stats.get(MasterStats.ALLOCATION_PASSES)) + ", slowest input " +
            Numbers.ms(stats.get(MasterStats.MAX_INPUT_NS) / 1e6) + "; emulator: " + Numbers.count(agents.pings()) +
            " pings answered, " + Numbers.count(agents.shutdowns()) + " agents shut down, " +
            Numbers.count(frameworks.unexpectedErrors() + agents.errorCount()) + " unexpected errors" + firstErrors());
        output.metric("offers_per_s", result.offers() / s, "1/s");
        output.metric("launches_per_s", result.launches() / s, "1/s");
        output.metric("finished_per_s", result.finished() / s, "1/s");
        output.metric("master_offers_per_s", result.masterOffers() / s, "1/s");
        output.metric("master_launches_per_s", result.masterLaunches() / s, "1/s");
        output.metric("tasks_launched", agents.runTasks(), "count");
        output.metric("tasks_lost", lost, "count");
        output.metric("tasks_launched_twice", agents.launchedTwice(), "count");
        output.metric("master_egress_dropped", stats.get(MasterStats.EGRESS_DROPPED), "count");
        writeCharts();
        output.finish();
    }

    private void reportMemory(final MasterMemory memory)
    {
        final int n = ctx.agents();
        final String heap = memory.hasHeap() ? "live heap " + Numbers.bytes(memory.heapLiveBytes()) + " (+" +
            Numbers.bytes(memory.heapLiveBytes() - baseline.heapLiveBytes()) + " over the empty master, " +
            Numbers.bytesEach((memory.heapLiveBytes() - baseline.heapLiveBytes()) / (double)n) + "/agent; committed " +
            Numbers.bytes(memory.heapCommittedBytes()) + ")" : "heap unknown (no jcmd in this JDK)";
        output.line("master memory: " + heap + "; resident " + Numbers.bytes(memory.vmRssBytes()) + " (anonymous " +
            Numbers.bytes(memory.rssAnonBytes()) + ", " + Numbers.bytesEach((memory.rssAnonBytes() - baseline.rssAnonBytes()) /
            (double)n) + "/agent over the empty master; mapped files " + Numbers.bytes(memory.rssFileBytes() + memory.rssShmemBytes()) +
            ", mostly Aeron log buffers)");
        output.metric("master_heap_live", memory.heapLiveBytes(), "B");
        output.metric("master_heap_live_per_agent", (memory.heapLiveBytes() - baseline.heapLiveBytes()) / (double)n, "B");
        output.metric("master_heap_committed", memory.heapCommittedBytes(), "B");
        output.metric("master_rss", memory.vmRssBytes(), "B");
        output.metric("master_rss_anon", memory.rssAnonBytes(), "B");
        output.metric("master_rss_anon_per_agent", (memory.rssAnonBytes() - baseline.rssAnonBytes()) / (double)n, "B");
        output.metric("master_rss_mapped", memory.rssFileBytes() + memory.rssShmemBytes(), "B");
        if (!memory.histogram().isEmpty())
        {
            output.write("master-heap-histogram.txt", String.join("\n", memory.histogram()) + "\n");
        }
    }

    private String firstErrors()
    {
        final List<String> errors = new ArrayList<>(frameworks.errors());
        errors.addAll(agents.errors());
        return errors.isEmpty() ? "" : " (first: " + errors.get(0) + ")";
    }

    private void writeCharts()
    {
        registration.writeCsv(output.file("registration.csv"));
        output.write("registration.svg", LineChartSvg.render("Agent registrations per second",
            Numbers.count(ctx.agents()) + " agents over " + ctx.agentSessions() + " sessions; " + machine.cores() + " cores",
            "time since the first registration (s)", "per second",
            List.of(new LineChartSvg.Series("registrations/s", registration.seconds(), registration.rates(0))), List.of()));
        load.writeCsv(output.file("load.csv"));
        output.write("load.svg", LineChartSvg.render("Offers and task launches per second",
            Numbers.count(ctx.agents()) + " agents, " + Numbers.count(ctx.frameworks()) + " frameworks, at most " +
            Numbers.count(ctx.inFlight()) + " tasks in flight; " + machine.cores() + " cores",
            "time since launching started (s)", "per second",
            List.of(new LineChartSvg.Series("offers received/s", load.seconds(), load.rates(0)),
                new LineChartSvg.Series("task launches/s", load.seconds(), load.rates(2)),
                new LineChartSvg.Series("tasks finished/s", load.seconds(), load.rates(3))), List.of()));
    }

    private String jvmOptions()
    {
        return ctx.masterJvmOptions().isEmpty() ? "" : " " + String.join(" ", ctx.masterJvmOptions());
    }

    private boolean waitQuietly(final String what, final long timeoutMs, final BooleanSupplier condition)
    {
        try
        {
            loop.runUntil(what, timeoutMs, condition);
            return true;
        }
        catch (final BenchException ex)
        {
            if (!master.isAlive())
            {
                throw ex;
            }
            err.println(PREFIX + ex.getMessage());
            return false;
        }
    }

    /**
     * @param resources an agent's resources.
     * @return bytes one offer of such an agent takes in the master's egress log, framing included.
     */
    static int offerFrameLength(final Resources resources)
    {
        final EgressEncoder encoder = new EgressEncoder(new ExpandableDirectByteBuffer(512));
        final int length = encoder.offer(Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE, resources, "agent-9999999", "");
        return (length + EGRESS_FRAMING + 31) & ~31;
    }

    private synchronized void close()
    {
        CloseHelper.quietCloseAll(frameworks, holder, agents, clients, master);
        if (null != master && !ctx.keepDirs())
        {
            BenchOutput.deleteTree(new File(output.dir(), "master"));
        }
        frameworks = null;
        holder = null;
        agents = null;
        clients = null;
        master = null;
    }

    private static void removeHook(final Thread hook)
    {
        try
        {
            Runtime.getRuntime().removeShutdownHook(hook);
        }
        catch (final IllegalStateException ex)
        {
            // The JVM is shutting down and runs the hook itself.
            return;
        }
    }
}

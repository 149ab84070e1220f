/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.cli;

import io.allot.bench.BenchException;
import io.allot.bench.FailoverBench;
import io.allot.bench.FailoverBenchContext;
import io.allot.bench.OfferRttBench;
import io.allot.bench.OfferRttBenchContext;
import io.allot.bench.ScaleBench;
import io.allot.bench.ScaleBenchContext;
import io.allot.sim.Durations;

import java.io.File;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * {@code allot bench SUBCOMMAND [options]}: the benchmarks that need a running master. Each subcommand is one entry of
 * {@link #SUBCOMMANDS}: its name, summary, usage, flags and the method that runs it.
 */
final class BenchCommand implements Command
{
    static final String SCALE_USAGE = String.join(System.lineSeparator(),
        "usage: allot bench scale --agents N --frameworks F [--out DIR] [options]",
        "",
        "Starts one master in a process of its own and emulates N agents and F frameworks in this one, over a few",
        "cluster sessions (every message carries its agent or framework id). It reports:",
        "  registration   how long N agents take to register (a progress line every second)",
        "  allocation pass one input that allocates every agent among the F frameworks: the master's own time",
        "                 (its counter of its slowest input) and the time until every offer arrived",
        "  load           offers and task launches per second while the frameworks launch small tasks and the",
        "                 agents finish each at once; every task must end TASK_FINISHED (else it is lost)",
        "  master memory  its live heap (jcmd GC.class_histogram: a full collection first) and resident memory,",
        "                 over the empty master and per agent",
        "",
        "Options:",
        "  --agents N              agents to emulate (up to " + ScaleBenchContext.MAX_AGENTS + ")",
        "  --frameworks F          frameworks to emulate (up to " + ScaleBenchContext.MAX_FRAMEWORKS + ")",
        "  --out DIR               where results go: summary.txt, results.csv, registration and load CSV and SVG,",
        "                          the master's log and heap histogram (default a new temporary directory)",
        "  --duration D            how long tasks are launched (default 10s)",
        "  --in-flight K           tasks in flight at most, over all frameworks (default 1000, at least 1 each)",
        "  --agent-resources R     each agent (default " + ScaleBenchContext.DEFAULT_AGENT_RESOURCES + ")",
        "  --task-resources R      each task (default " + ScaleBenchContext.DEFAULT_TASK_RESOURCES + ")",
        "  --agent-sessions S      cluster sessions the agents share (default 4)",
        "  --framework-sessions S  cluster sessions the frameworks share (default one per framework, up to 4);",
        "                          agent and framework sessions may add up to 8 (the master takes 10 at most)",
        "  --master-heap SIZE      the master's -Xmx (default 4g)",
        "  --master-jvm-opts=\"..\"  more JVM options for the master, e.g. -XX:+UseSerialGC",
        "  --master-args=\"..\"      more flags of allot master, e.g. \"--allocation-interval 100ms\"; above",
        "                          150,000 agents the bench adds --agent-ping-timeout 30m (see docs/bench.md)",
        "  --base-port P           the master's base port (default a free one)",
        "  --keep                  keep the master's directory (its recorded log)",
        "  --profile               record the master with JDK Flight Recorder during the allocation pass:",
        "                          master-pass.jfr and the hottest methods in master-pass-profile.txt",
        "  -h, --help              show this help",
        "",
        "Exit status: 0 done; 1 a task was lost or launched twice, or a step failed; 2 bad usage.");

    static final String FAILOVER_USAGE = String.join(System.lineSeparator(),
        "usage: allot bench failover [--members 3] [--agents N] [--frameworks F] [--out DIR] [options]",
        "",
        "Starts three (or five) allot master processes and emulates agents and frameworks that launch small tasks",
        "continuously; after a warm-up the leader's process gets SIGKILL. It reports the time from the kill to a",
        "new leader (and every survivor's election states on the way), until the clients follow it, and until",
        "the first offer from it; the tasks launched, finished, lost and launched twice (both must be 0).",
        "",
        "Options:",
        "  --members M             3 or 5 (default 3)",
        "  --agents N              agents to emulate (default 100)",
        "  --frameworks F          frameworks to emulate (default 2)",
        "  --out DIR               where results go: summary.txt, results.csv, timeline.csv, failover.svg and",
        "                          the masters' logs (default a new temporary directory)",
        "  --warmup D              load before the kill (default 2s)",
        "  --after D               load after the first offer from the new leader (default 3s)",
        "  --in-flight K           tasks in flight at most, over all frameworks (default 20)",
        "  --agent-resources R     each agent (default " + ScaleBenchContext.DEFAULT_AGENT_RESOURCES + ")",
        "  --task-resources R      each task (default " + ScaleBenchContext.DEFAULT_TASK_RESOURCES + ")",
        "  --master-heap SIZE      each master's -Xmx (default 512m)",
        "  --master-jvm-opts=\"..\"  the masters' JVM options besides the heap (default -XX:+UseSerialGC)",
        "  --master-args=\"..\"      flags of allot master that replace or add to the defaults",
        "                          " + String.join(" ", FailoverBenchContext.DEFAULT_MASTER_ARGS),
        "  --base-port P           the first master's base port, the others 10 apart (default free ones)",
        "  --keep                  keep the masters' directories",
        "  -h, --help              show this help",
        "",
        "Exit status: 0 done, no task lost; 1 a task was lost or launched twice, or no failover in time; 2 bad usage.");

    static final String OFFER_RTT_USAGE = String.join(System.lineSeparator(),
        "usage: allot bench offer-rtt [--members 1|3|5] [--agents N] [--frameworks F] [--rate R] [--duration D] [--real]",
        "                             [--out DIR] [options]",
        "",
        "The offer round trip (ARCHITECTURE.md): a framework accepts an offer and launches a task, the agent runs it and",
        "reports it finished, the master recovers the resources and offers them again, the framework receives the new",
        "offer. Starts the masters as processes of their own; F frameworks (real drivers in poll mode on this process's",
        "benchmark thread) hold every offer and, at R requests/s over all of them, launch one task ('true') on the whole",
        "offer of an agent; the next offer of that agent completes the request. Each round trip is measured from its",
        "request's scheduled send time (coordinated omission corrected) into an HdrHistogram, after a warm-up.",
        "By default the agents are emulated in this process and finish a task the moment it arrives (TASK_RUNNING and",
        "TASK_FINISHED back to back), so the figure is Allot's own path; --real starts 'allot agent' processes",
        "(posix isolation) that run each task as a process. Prints p50, p99, p99.9 and max in microseconds.",
        "",
        "Options:",
        "  --members M             masters: 1, 3 or 5 (default 1)",
        "  --agents N              agents (default 100, or 4 agent processes with --real); a request needs a free",
        "                          agent, so N must exceed the rate times the round trip",
        "  --frameworks F          frameworks, each with its own driver and session (default 1, at most 64)",
        "  --rate R                requests per second over all frameworks, at a fixed rate (default 1000)",
        "  --duration D            how long requests are measured (default 10s)",
        "  --warmup D              requests at the same rate before, left out (default 3s)",
        "  --real                  real agent processes running 'true' (adds the process launch)",
        "  --out DIR               where results go: offer-rtt.hgrm (percentiles in microseconds), offer-rtt.svg",
        "                          (percentile plot), summary.txt, results.csv, the masters' and agents' logs",
        "                          (default a new temporary directory)",
        "  --agent-resources R     each agent, and so each task (default " + OfferRttBenchContext.DEFAULT_AGENT_RESOURCES + ")",
        "  --idle MODE             backoff (default: Allot's idle strategy, threads park up to 1 ms), spin (every",
        "                          thread of the masters and of this process busy-spins; needs about 4 cores per",
        "                          master and 2 more) or yield (they yield the core instead of parking)",
        "  --master-heap SIZE      each master's -Xmx (default 1g)",
        "  --master-jvm-opts=\"..\"  more JVM options for the masters",
        "  --master-args=\"..\"      more flags of allot master",
        "  --base-port P           the first master's base port, the others 10 apart (default free ones)",
        "  --keep                  keep the masters' and agents' directories",
        "  -h, --help              show this help",
        "",
        "Exit status: 0 every request completed; 1 a task failed, a request got no re-offer, or a step failed; 2 bad usage.");

    private static final Pattern HEAP = Pattern.compile("\\d+[kmgKMG]?");

    /**
     * Runs a subcommand with its parsed flags.
     */
    @FunctionalInterface
    private interface Runner
    {
        int run(Flags flags, PrintStream out, PrintStream err);
    }

    private record Subcommand(String name, String summary, String usage, List<String> withValue, List<String> switches, Runner runner)
    {
    }

    private static final List<Subcommand> SUBCOMMANDS = List.of(
        new Subcommand("scale", "registration, one allocation pass, offers and launches per second, master memory",
            SCALE_USAGE, List.of("--agents", "--frameworks", "--out", "--duration", "--in-flight", "--agent-resources",
            "--task-resources", "--agent-sessions", "--framework-sessions", "--master-heap", "--master-jvm-opts", "--master-args",
            "--base-port"), List.of("--keep", "--profile"), BenchCommand::scale),
        new Subcommand("failover", "SIGKILL of the leader under load: time to a new leader and to the first offer",
            FAILOVER_USAGE, List.of("--members", "--agents", "--frameworks", "--out", "--warmup", "--after", "--in-flight",
            "--agent-resources", "--task-resources", "--master-heap", "--master-jvm-opts", "--master-args", "--base-port"),
            List.of("--keep"), BenchCommand::failover),
        new Subcommand("offer-rtt", "the offer round trip at a fixed rate: p50, p99, p99.9, max (emulated or real agents)",
            OFFER_RTT_USAGE, List.of("--members", "--agents", "--frameworks", "--rate", "--duration", "--warmup", "--out",
            "--agent-resources", "--idle", "--master-heap", "--master-jvm-opts", "--master-args", "--base-port"),
            List.of("--real", "--keep"), BenchCommand::offerRtt));

    public String name()
    {
        return "bench";
    }

    public String summary()
    {
        return "run the benchmarks against real masters (scale, failover, offer-rtt)";
    }

    public int run(final String[] args, final PrintStream out, final PrintStream err)
    {
        if (0 == args.length)
        {
            err.println("allot bench: a subcommand is required");
            usage(err);
            return ExitCodes.USAGE;
        }
        if ("-h".equals(args[0]) || "--help".equals(args[0]) || "help".equals(args[0]))
        {
            usage(out);
            return ExitCodes.OK;
        }
        for (final Subcommand subcommand : SUBCOMMANDS)
        {
            if (subcommand.name().equals(args[0]))
            {
                return run(subcommand, Arrays.copyOfRange(args, 1, args.length), out, err);
            }
        }
        err.println(args[0].startsWith("-") ? "allot bench: unknown option '" + args[0] + "'" :
            "allot bench: unknown subcommand '" + args[0] + "'");
        err.println("Run 'allot bench --help' for the list of subcommands.");
        return ExitCodes.USAGE;
    }

    private static int run(final Subcommand subcommand, final String[] args, final PrintStream out, final PrintStream err)
    {
        final String prefix = "allot bench " + subcommand.name() + ": ";
        try
        {
            final Flags flags = Flags.parse("bench " + subcommand.name(), args, subcommand.withValue(), subcommand.switches());
            if (flags.isHelp())
            {
                out.println(subcommand.usage());
                return ExitCodes.OK;
            }
            return subcommand.runner().run(flags, out, err);
        }
        catch (final IllegalArgumentException ex)
        {
            final String message = String.valueOf(ex.getMessage());
            err.println(message.startsWith("allot ") ? message : prefix + message);
            err.println("Run 'allot bench " + subcommand.name() + " --help' for usage.");
            return ExitCodes.USAGE;
        }
        catch (final BenchException ex)
        {
            err.println(prefix + ex.getMessage());
            return ExitCodes.FAILURE;
        }
        catch (final RuntimeException ex)
        {
            err.println(prefix + "failed: " + ex);
            return ExitCodes.FAILURE;
        }
    }

    private static void usage(final PrintStream out)
    {
        out.println("usage: allot bench <subcommand> [options]");
        out.println();
        out.println("Benchmarks against real masters; figures are comparable only on the same machine.");
        out.println();
        out.println("Subcommands:");
        for (final Subcommand subcommand : SUBCOMMANDS)
        {
            out.println(String.format(Locale.ROOT, "  %-10s %s", subcommand.name(), subcommand.summary()));
        }
        out.println();
        out.println("Run 'allot bench <subcommand> --help' for its options.");
    }

    private static int scale(final Flags flags, final PrintStream out, final PrintStream err)
    {
        final ScaleBenchContext ctx = new ScaleBenchContext()
            .agents((int)requiredLong(flags, "--agents", 1, ScaleBenchContext.MAX_AGENTS))
            .frameworks((int)requiredLong(flags, "--frameworks", 1, ScaleBenchContext.MAX_FRAMEWORKS))
            .outDir(flags.has("--out") ? new File(flags.required("--out")) : null)
            .durationMs(durationMs(flags, "--duration", 10_000))
            .inFlight((int)flags.getLong("--in-flight", 1_000, 1, 1_000_000))
            .agentResources(flags.get("--agent-resources", ScaleBenchContext.DEFAULT_AGENT_RESOURCES))
            .taskResources(flags.get("--task-resources", ScaleBenchContext.DEFAULT_TASK_RESOURCES))
            .agentSessions((int)flags.getLong("--agent-sessions", 4, 1, 8))
            .frameworkSessions((int)flags.getLong("--framework-sessions", 0, 1, 8))
            .masterHeap(heap(flags, "4g"))
            .masterJvmOptions(words(flags.get("--master-jvm-opts", "")))
            .masterArgs(words(flags.get("--master-args", "")))
            .basePort((int)flags.getLong("--base-port", 0, 1, 65_000))
            .keepDirs(flags.has("--keep"))
            .profile(flags.has("--profile"));
        ctx.conclude();
        return ScaleBench.run(ctx, out, err) ? ExitCodes.OK : ExitCodes.FAILURE;
    }

    private static int failover(final Flags flags, final PrintStream out, final PrintStream err)
    {
        final FailoverBenchContext ctx = new FailoverBenchContext()
            .members((int)flags.getLong("--members", 3, 3, 5))
            .agents((int)flags.getLong("--agents", 100, 1, 100_000))
            .frameworks((int)flags.getLong("--frameworks", 2, 1, 1_000))
            .outDir(flags.has("--out") ? new File(flags.required("--out")) : null)
            .warmupMs(durationMs(flags, "--warmup", 2_000))
            .afterMs(durationMs(flags, "--after", 3_000))
            .inFlight((int)flags.getLong("--in-flight", 20, 1, 1_000_000))
            .agentResources(flags.get("--agent-resources", ScaleBenchContext.DEFAULT_AGENT_RESOURCES))
            .taskResources(flags.get("--task-resources", ScaleBenchContext.DEFAULT_TASK_RESOURCES))
            .masterHeap(heap(flags, "512m"))
            .masterArgs(words(flags.get("--master-args", "")))
            .basePort((int)flags.getLong("--base-port", 0, 1, 65_000))
            .keepDirs(flags.has("--keep"));
        if (flags.has("--master-jvm-opts"))
        {
            ctx.masterJvmOptions(words(flags.get("--master-jvm-opts", "")));
        }
        ctx.conclude();
        return FailoverBench.run(ctx, out, err) ? ExitCodes.OK : ExitCodes.FAILURE;
    }

    private static int offerRtt(final Flags flags, final PrintStream out, final PrintStream err)
    {
        final OfferRttBenchContext ctx = new OfferRttBenchContext()
            .members((int)flags.getLong("--members", 1, 1, 5))
            .real(flags.has("--real"))
            .agents((int)flags.getLong("--agents", 0, 1, 100_000))
            .frameworks((int)flags.getLong("--frameworks", 1, 1, 64))
            .rate(flags.getLong("--rate", 1_000, 1, 1_000_000))
            .durationMs(durationMs(flags, "--duration", 10_000))
            .warmupMs(durationMs(flags, "--warmup", 3_000))
            .outDir(flags.has("--out") ? new File(flags.required("--out")) : null)
            .agentResources(flags.get("--agent-resources", OfferRttBenchContext.DEFAULT_AGENT_RESOURCES))
            .idle(flags.choice("--idle", "backoff", OfferRttBenchContext.IDLE_MODES.toArray(new String[0])))
            .masterHeap(heap(flags, "1g"))
            .masterJvmOptions(words(flags.get("--master-jvm-opts", "")))
            .masterArgs(words(flags.get("--master-args", "")))
            .basePort((int)flags.getLong("--base-port", 0, 1, 65_000))
            .keepDirs(flags.has("--keep"));
        ctx.conclude();
        return OfferRttBench.run(ctx, out, err) ? ExitCodes.OK : ExitCodes.FAILURE;
    }

    private static long requiredLong(final Flags flags, final String name, final long min, final long max)
    {
        flags.required(name);
        return flags.getLong(name, 0, min, max);
    }

    private static long durationMs(final Flags flags, final String name, final long defaultMs)
    {
        if (!flags.has(name))
        {
            return defaultMs;
        }
        try
        {
            return Durations.parseMs(flags.required(name), false);
        }
        catch (final IllegalArgumentException ex)
        {
            throw flags.error(name + ": " + ex.getMessage());
        }
    }

    private static String heap(final Flags flags, final String defaultHeap)
    {
        final String heap = flags.get("--master-heap", defaultHeap);
        if (!HEAP.matcher(heap).matches())
        {
            throw flags.error("--master-heap must be a size such as 512m or 4g, got '" + heap + "'");
        }
        return heap;
    }

    private static List<String> words(final String text)
    {
        final String trimmed = text.trim();
        return trimmed.isEmpty() ? List.of() : List.of(trimmed.split("\\s+"));
    }
}

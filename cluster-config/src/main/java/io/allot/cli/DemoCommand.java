/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.cli;

import io.allot.cluster.AllotJvm;
import io.allot.cluster.MasterNode;
import io.allot.cluster.MasterNodeContext;
import io.allot.examples.OfferRoundTrips;
import io.allot.examples.batch.BatchContext;
import io.allot.examples.batch.BatchFramework;
import io.allot.examples.batch.BatchResult;
import io.allot.sim.Durations;
import io.allot.sim.Scenario;
import io.allot.sim.ScenarioException;
import io.allot.sim.ScenarioParser;
import io.aeron.cluster.service.Cluster;
import org.agrona.CloseHelper;
import org.agrona.concurrent.ShutdownSignalBarrier;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code allot demo}: the real thing on one machine. A one-member master in this process on a free base port, N agents
 * as {@code allot agent} child processes (this JVM, its class path and its flags; each with its own work dir and cgroup
 * hierarchy, cgroups where usable), the batch example with a few dozen short tasks, a summary (tasks per agent, offer
 * round trip, failures), then everything stopped: the agents with SIGTERM, the master closed, the temporary directory
 * removed. {@code --simulated} runs the bundled scenario through the simulator instead, as the demo did before.
 */
final class DemoCommand implements Command
{
    /** Classpath location of the scenario of {@code --simulated}. */
    static final String RESOURCE = "/io/allot/cli/demo.scenario";
    static final int DEFAULT_AGENTS = 3;
    static final int MAX_AGENTS = 8;
    static final int DEFAULT_TASKS = 36;
    static final String DEFAULT_COMMAND = "sleep 0.1";
    static final String AGENT_RESOURCES = "cpus:1;mem:1024";
    static final String TASK_RESOURCES = "cpus:0.2;mem:64";
    static final int FIRST_BASE_PORT = 9000;
    static final long LEADER_WAIT_MS = 30_000;
    static final long REGISTER_WAIT_MS = 40_000;
    static final long BATCH_WAIT_MS = 120_000;
    static final long AGENT_STOP_WAIT_MS = 15_000;
    static final int SIGTERM_STATUS = 128 + 15;


    /** A small footprint for the agents, which share the machine with the master and each other. */
    static final List<String> AGENT_FOOTPRINT_FLAGS = List.of("-XX:+UseSerialGC", "-Xmx256m", "-XX:TieredStopAtLevel=1");

    static final String USAGE = String.join(System.lineSeparator(),
        "usage: allot demo [--agents N] [--tasks N] [--command CMD] [--isolation cgroups|posix] [--out DIR]",
        "       allot demo --simulated [--seed N] [--out DIR]",
        "",
        "Runs Allot for real on this machine: a one-member master in this process (on base port 9000, or",
        "the next free one), " + DEFAULT_AGENTS + " agents as 'allot agent' child processes (each with its own work dir",
        "and cgroup hierarchy; cgroups where usable, else posix), and the batch example with " + DEFAULT_TASKS + " short",
        "tasks ('" + DEFAULT_COMMAND + "', " + TASK_RESOURCES + " each, agents of " + AGENT_RESOURCES + "). It prints the progress,",
        "then a summary: tasks per agent, the offer round trip (p50, p99, p99.9, max; each round trip",
        "includes starting the task's process and running it), and the failures. Then it stops the agents",
        "with SIGTERM, closes the master, removes its temporary directory and exits. bin/allot builds first",
        "when needed.",
        "",
        "Options:",
        "  --agents N       agents to start, 1 to " + MAX_AGENTS + " (default " + DEFAULT_AGENTS + ")",
        "  --tasks N        tasks of the batch, 1 to 10000 (default " + DEFAULT_TASKS + ")",
        "  --command CMD    each task's shell command (default '" + DEFAULT_COMMAND + "')",
        "  --isolation I    the agents' isolation, cgroups or posix (default: cgroups where usable, else posix)",
        "  --out DIR        also write the round-trip distribution (offer-round-trip.hgrm, microseconds),",
        "                   summary.txt and the agents' logs (agent-<i>.log) into DIR",
        "  --simulated      run the bundled scenario through the simulator instead, as 'allot simulate' does",
        "                   (with --seed N and --out DIR: offers.csv, tasks.csv, shares.csv, shares.svg)",
        "  -h, --help       show this help",
        "",
        "Exit status: 0 every task finished and everything stopped cleanly; 1 something failed; 2 bad usage.");

    private static final Pattern REGISTERED = Pattern.compile("registered as agent (\\d+)");
    private static final Pattern ISOLATION = Pattern.compile(", isolation (\\S+), work dir");
    private static final Pattern WARNING = Pattern.compile("allot agent: warning: (.*)");

    public String name()
    {
        return "demo";
    }

    public String summary()
    {
        return "run a master, three agents and the batch example on this machine";
    }

    public int run(final String[] args, final PrintStream out, final PrintStream err)
    {
        if (Arrays.asList(args).contains("--simulated"))
        {
            return runSimulated(Arrays.stream(args).filter((arg) -> !"--simulated".equals(arg)).toArray(String[]::new), out, err);
        }
        final Options options;
        try
        {
            final Flags flags = Flags.parse(name(), args, List.of("--agents", "--tasks", "--command", "--isolation", "--out"),
                List.of());
            if (flags.isHelp())
            {
                out.println(USAGE);
                return ExitCodes.OK;
            }
            options = new Options(
                (int)flags.getLong("--agents", DEFAULT_AGENTS, 1, MAX_AGENTS),
                (int)flags.getLong("--tasks", DEFAULT_TASKS, 1, 10_000),
                flags.get("--command", DEFAULT_COMMAND),
                flags.choice("--isolation", null, "cgroups", "posix"),
                flags.has("--out") ? Path.of(flags.get("--out", ".")) : null);
        }
        catch (final IllegalArgumentException ex)
        {
            err.println(ex.getMessage());
            err.println("Run 'allot demo --help' for usage.");
            return ExitCodes.USAGE;
        }

        final CountDownLatch stop = new CountDownLatch(1);
        try (ShutdownSignalBarrier barrier = new ShutdownSignalBarrier(stop::countDown))
        {
            Objects.requireNonNull(barrier);
            return new Demo(options, stop, out, err).run();
        }
    }

    record Options(int agents, int tasks, String command, String isolation, Path outDir)
    {
    }

    /**
     * An agent child process.
     */
    record AgentProcess(int index, String hostname, String hierarchy, Process process, Path log, long startNs)
    {
    }

    /**
     * One run of the demo: what it started, to stop in the end.
     */
    private static final class Demo
    {
        private final Options options;
        private final CountDownLatch stop;
        private final PrintStream out;
        private final PrintStream err;
        private final List<AgentProcess> agents = new ArrayList<>();
        private final long startNs = System.nanoTime();
        private Path dir;
        private MasterNode master;
        private boolean isIsolationExplained;

        Demo(final Options options, final CountDownLatch stop, final PrintStream out, final PrintStream err)
        {
            this.options = options;
            this.stop = stop;
            this.out = out;
            this.err = err;
        }

        int run()
        {
            int status = ExitCodes.FAILURE;
            try
            {
                dir = Files.createTempDirectory("allot-demo-");
                status = startAndRun();
            }
            catch (final IOException | RuntimeException ex)
            {
                err.println("allot demo: failed: " + (null == ex.getMessage() ? ex.toString() : ex.getMessage()));
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                err.println("allot demo: interrupted");
            }
            finally
            {
                if (!stopEverything())
                {
                    status = ExitCodes.FAILURE;
                }
            }
            out.println("allot demo: " + (ExitCodes.OK == status ? "done" : "failed") + " in " + secondsSince(startNs));
            return status;
        }

        private int startAndRun() throws IOException, InterruptedException
        {
            final int basePort = freeBasePort();
            final String members = "0=localhost:" + basePort;
            out.println("allot demo: a one-member master and " + options.agents + " agents on this machine, then the batch example " +
                "with " + options.tasks + " tasks of '" + options.command + "'");
            out.println("allot demo: master " + members + " (UDP ports " + basePort + "-" + (basePort + 6) + "), work in " + dir);
            master = MasterNode.launch(new MasterNodeContext()
                .members(members)
                .dir(dir.resolve("master").toFile())
                .cleanStart(true)
                .errorHandler((throwable) ->
                {
                    if (!MasterNode.isWarning(throwable))
                    {
                        err.println("allot demo: master error: " + throwable);
                    }
                }));
            final long leaderNs = System.nanoTime();
            if (!await(() -> Cluster.Role.LEADER == master.role() || master.isTerminated(), LEADER_WAIT_MS) ||
                Cluster.Role.LEADER != master.role())
            {
                err.println("allot demo: the master did not become leader within " + LEADER_WAIT_MS + " ms");
                return ExitCodes.FAILURE;
            }
            out.println("allot demo: master is LEADER after " + secondsSince(leaderNs));

            for (int i = 0; i < options.agents; i++)
            {
                agents.add(startAgent(i, members));
            }
            if (!awaitAgents())
            {
                return ExitCodes.FAILURE;
            }

            out.println("allot demo: running the batch example: " + options.tasks + " tasks of '" + options.command + "' with " +
                TASK_RESOURCES + " each, retrying failures up to " + BatchContext.DEFAULT_MAX_RETRIES + " times");
            final BatchResult result = runBatch(members);
            if (null == result)
            {
                return ExitCodes.FAILURE;
            }
            printSummary(result, out);
            writeOutputs(result);
            return result.isSuccess() ? ExitCodes.OK : ExitCodes.FAILURE;
        }

        private AgentProcess startAgent(final int index, final String members) throws IOException
        {
            final String hostname = "demo-" + index;
            final String hierarchy = "allot-demo-" + ProcessHandle.current().pid() + "-" + index;
            final Path log = dir.resolve("agent-" + index + ".log");
            final List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(childJvmFlags());
            // the agent's client media driver lives in the temporary directory, so it goes with it even when the agent's
            // JVM exits on SIGTERM before removing it
            final Path tmp = Files.createDirectories(dir.resolve("tmp-" + index));
            command.add("-Djava.io.tmpdir=" + tmp);
            command.addAll(List.of("-cp", classPath(), Allot.class.getName(), "agent",
                "--master", members,
                "--work-dir", dir.resolve("agent-" + index).toString(),
                "--resources", AGENT_RESOURCES,
                "--attributes", "rack:r" + (1 + index % 2),
                "--hostname", hostname,
                "--cgroup-hierarchy", hierarchy));
            if (null != options.isolation)
            {
                command.addAll(List.of("--isolation", options.isolation));
            }
            final Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
            return new AgentProcess(index, hostname, hierarchy, process, log, System.nanoTime());
        }

        /**
         * Wait until every agent registered, printing a line for each as it does.
         */
        private boolean awaitAgents() throws IOException, InterruptedException
        {
            final boolean[] reported = new boolean[agents.size()];
            int registered = 0;
            final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(REGISTER_WAIT_MS);
            while (registered < agents.size())
            {
                for (final AgentProcess agent : agents)
                {
                    if (reported[agent.index()])
                    {
                        continue;
                    }
                    final String log = Files.readString(agent.log(), StandardCharsets.UTF_8);
                    final Matcher id = REGISTERED.matcher(log);
                    if (id.find())
                    {
                        reported[agent.index()] = true;
                        registered++;
                        out.println("allot demo: agent " + agent.hostname() + " (pid " + agent.process().pid() + ") registered as agent " +
                            id.group(1) + " after " + secondsSince(agent.startNs()) + ", " + isolationOf(agent, log));
                    }
                    else if (!agent.process().isAlive())
                    {
                        err.println("allot demo: agent " + agent.hostname() + " exited with status " + agent.process().exitValue() +
                            " before registering; its log:");
                        err.println(log.strip());
                        return false;
                    }
                }
                if (registered < agents.size())
                {
                    if (System.nanoTime() - deadlineNs > 0 || stop.await(50, TimeUnit.MILLISECONDS))
                    {
                        err.println(0 == stop.getCount() ? "allot demo: interrupted" :
                            "allot demo: only " + registered + " of " + agents.size() + " agents registered within " +
                            REGISTER_WAIT_MS + " ms (logs in " + dir + ")");
                        return false;
                    }
                }
            }
            return true;
        }

        private String isolationOf(final AgentProcess agent, final String log)
        {
            final Matcher isolation = ISOLATION.matcher(log);
            final String name = isolation.find() ? isolation.group(1) : "unknown";
            if (name.startsWith("cgroups"))
            {
                return "isolation " + name + " (hierarchy " + agent.hierarchy() + ")";
            }
            final Matcher warning = WARNING.matcher(log);
            if (!isIsolationExplained && warning.find())
            {
                isIsolationExplained = true;
                return "isolation " + name + " (" + warning.group(1).strip() + ")";
            }
            return "isolation " + name;
        }

        private BatchResult runBatch(final String members) throws InterruptedException
        {
            final BatchContext ctx = new BatchContext()
                .members(members)
                .frameworkName("batch")
                .command(options.command)
                .taskResources(TASK_RESOURCES)
                .taskCount(options.tasks)
                .progress(out)
                .errorHandler((throwable) -> err.println("allot demo: batch driver: " + throwable));
            try (BatchFramework batch = BatchFramework.launch(ctx))
            {
                final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(BATCH_WAIT_MS);
                boolean isComplete = false;
                while (!isComplete && 0 != stop.getCount())
                {
                    if (System.nanoTime() - deadlineNs > 0)
                    {
                        err.println("allot demo: the batch did not complete within " + BATCH_WAIT_MS + " ms");
                        break;
                    }
                    isComplete = batch.awaitCompletion(500, TimeUnit.MILLISECONDS);
                }
                if (0 == stop.getCount())
                {
                    err.println("allot demo: interrupted; stopping everything");
                    return null;
                }
                return batch.result();
            }
        }

        private void writeOutputs(final BatchResult result) throws IOException
        {
            if (null == options.outDir)
            {
                return;
            }
            Files.createDirectories(options.outDir);
            try (PrintStream hgrm = new PrintStream(options.outDir.resolve("offer-round-trip.hgrm").toFile(), StandardCharsets.UTF_8))
            {
                OfferRoundTrips.writeDistribution(result.roundTrips(), hgrm);
            }
            try (PrintStream summary = new PrintStream(options.outDir.resolve("summary.txt").toFile(), StandardCharsets.UTF_8))
            {
                printSummary(result, summary);
            }
            out.println("allot demo: wrote offer-round-trip.hgrm and summary.txt to " + options.outDir);
        }

        private void copyLogs()
        {
            if (null == options.outDir || agents.isEmpty())
            {
                return;
            }
            try
            {
                Files.createDirectories(options.outDir);
                for (final AgentProcess agent : agents)
                {
                    Files.copy(agent.log(), options.outDir.resolve(agent.log().getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            catch (final IOException ex)
            {
                err.println("allot demo: could not copy the agents' logs to " + options.outDir + ": " + ex.getMessage());
            }
        }

        /**
         * Stop the agents with SIGTERM and wait for them, close the master, remove the directory and the cgroups.
         *
         * @return true when every agent stopped in time: exit status 0, or 143 (the JVM's status after a SIGTERM that its
         *         shutdown hooks handled).
         */
        private boolean stopEverything()
        {
            boolean isClean = true;
            final long stopNs = System.nanoTime();
            agents.forEach((agent) -> agent.process().destroy());
            final List<String> statuses = new ArrayList<>();
            for (final AgentProcess agent : agents)
            {
                try
                {
                    if (agent.process().waitFor(AGENT_STOP_WAIT_MS, TimeUnit.MILLISECONDS))
                    {
                        final int exitValue = agent.process().exitValue();
                        statuses.add(Integer.toString(exitValue));
                        isClean &= 0 == exitValue || SIGTERM_STATUS == exitValue;
                    }
                    else
                    {
                        agent.process().destroyForcibly().waitFor(AGENT_STOP_WAIT_MS, TimeUnit.MILLISECONDS);
                        statuses.add("killed");
                        isClean = false;
                    }
                }
                catch (final InterruptedException ex)
                {
                    agent.process().destroyForcibly();
                    Thread.currentThread().interrupt();
                    isClean = false;
                }
            }
            copyLogs();
            CloseHelper.close(master);
            removeCgroups();
            final boolean isRemoved = null == dir || deleteRecursively(dir);
            if (!agents.isEmpty() || null != master)
            {
                out.println("allot demo: stopped " + agents.size() + (1 == agents.size() ? " agent" : " agents") +
                    " with SIGTERM (exit status " +
                    String.join(", ", statuses) + "), closed the master" + (isRemoved ? ", removed " + dir : "") + " in " +
                    secondsSince(stopNs));
            }
            if (!isRemoved)
            {
                err.println("allot demo: could not remove all of " + dir);
            }
            return isClean;
        }

        private void removeCgroups()
        {
            for (final AgentProcess agent : agents)
            {
                for (final String controller : new String[]{ "", "cpu", "memory", "unified" })
                {
                    try
                    {
                        Files.deleteIfExists(Path.of("/sys/fs/cgroup", controller, agent.hierarchy()));
                    }
                    catch (final IOException | RuntimeException ex)
                    {
                        // not there (posix isolation), or the agent removed it
                    }
                }
            }
        }

        private boolean await(final BooleanSupplier condition, final long timeoutMs) throws InterruptedException
        {
            final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
            while (!condition.getAsBoolean())
            {
                if (System.nanoTime() - deadlineNs > 0 || stop.await(20, TimeUnit.MILLISECONDS))
                {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * Print the demo's summary.
     */
    static void printSummary(final BatchResult result, final PrintStream out)
    {
        out.println("allot demo: summary");
        out.println(String.format(Locale.ROOT, "  tasks             %d of %d finished in %.2f s; %d failures, %d retried, %d given up",
            result.finished(), result.taskCount(), result.elapsedMs() / 1000.0, result.failures(), result.retries(), result.gaveUp()));
        out.println("  tasks per agent   " + result.perAgentText());
        out.println("  offer round trip  " + OfferRoundTrips.summary(result.roundTrips()));
        out.println("                    (launch to the next offer of the agent after the task ended: it includes starting");
        out.println("                    the task's process and running it)");
        if (result.failureLines().isEmpty())
        {
            out.println("  failures          none");
        }
        else
        {
            for (final String line : result.failureLines())
            {
                out.println("  failure           " + line);
            }
        }
    }

    static String secondsSince(final long startNs)
    {
        return String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - startNs) / 1e9);
    }

    /**
     * @return the first base port from 9000 up, 10 apart, whose 7 UDP ports are free on loopback.
     */
    static int freeBasePort()
    {
        for (int base = FIRST_BASE_PORT; base < FIRST_BASE_PORT + 10 * 2_000; base += 10)
        {
            if (udpPortsFree(base, 7))
            {
                return base;
            }
        }
        throw new IllegalStateException("no free range of 7 UDP ports from " + FIRST_BASE_PORT + " up");
    }

    private static boolean udpPortsFree(final int base, final int count)
    {
        for (int port = base; port < base + count; port++)
        {
            try (DatagramSocket socket = new DatagramSocket(null))
            {
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            }
            catch (final IOException ex)
            {
                return false;
            }
        }
        return true;
    }

    /**
     * @return {@code bin/allot}'s JVM flags, this JVM's system properties given on its command line, and a small
     *         footprint.
     */
    static List<String> childJvmFlags()
    {
        final List<String> flags = new ArrayList<>(AllotJvm.FLAGS);
        for (final String arg : ManagementFactory.getRuntimeMXBean().getInputArguments())
        {
            if (arg.startsWith("-D") && !flags.contains(arg))
            {
                flags.add(arg);
            }
        }
        flags.addAll(AGENT_FOOTPRINT_FLAGS);
        return flags;
    }

    /**
     * @return this JVM's class path (the {@code allot.jar} that {@code bin/allot} runs), with absolute entries.
     */
    static String classPath()
    {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
            .filter((entry) -> !entry.isEmpty())
            .map((entry) -> new File(entry).getAbsolutePath())
            .collect(Collectors.joining(File.pathSeparator));
    }

    private static boolean deleteRecursively(final Path root)
    {
        try (Stream<Path> paths = Files.walk(root))
        {
            boolean isDeleted = true;
            for (final Path path : paths.sorted(Comparator.reverseOrder()).toList())
            {
                try
                {
                    Files.deleteIfExists(path);
                }
                catch (final IOException ex)
                {
                    isDeleted = false;
                }
            }
            return isDeleted;
        }
        catch (final IOException ex)
        {
            return !Files.exists(root);
        }
    }

    private int runSimulated(final String[] args, final PrintStream out, final PrintStream err)
    {
        final SimulationOptions options;
        try
        {
            options = SimulationOptions.parse(name(), args);
        }
        catch (final IllegalArgumentException ex)
        {
            err.println(ex.getMessage());
            err.println("usage: allot demo --simulated [--seed N] [--out DIR]   (see 'allot demo --help')");
            return ExitCodes.USAGE;
        }
        if (options.help)
        {
            out.println(USAGE);
            return ExitCodes.OK;
        }
        if (!options.positional.isEmpty())
        {
            err.println("allot demo: unexpected argument '" + options.positional.get(0) + "'");
            return ExitCodes.USAGE;
        }

        final Scenario scenario;
        try
        {
            scenario = ScenarioParser.parse("demo.scenario", readScenario());
        }
        catch (final IOException | ScenarioException ex)
        {
            err.println("allot demo: the bundled scenario is broken: " + ex.getMessage());
            return ExitCodes.FAILURE;
        }
        out.println("allot demo: simulating the bundled scenario demo.scenario on the real allocator engine:");
        out.println("  " + scenario.agentCount() + " agents, " + scenario.frameworkIds().size() + " frameworks, " +
            scenario.events().size() + " timed actions, " + Durations.format(scenario.runMs()) + " of virtual time, seed " +
            (options.hasSeed ? options.seed : scenario.seed()) + ".");
        out.println();
        return SimulationRun.run(name(), scenario, options, out, err);
    }

    static String readScenario() throws IOException
    {
        try (InputStream in = DemoCommand.class.getResourceAsStream(RESOURCE))
        {
            if (null == in)
            {
                throw new IOException("missing classpath resource " + RESOURCE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}

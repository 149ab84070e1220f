/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.cli;

import io.allot.client.MasterConnection;
import io.allot.client.ClusterMembers;
import io.allot.agent.AgentContext;
import io.allot.agent.AllotAgent;
import io.allot.cluster.ClusterAgentTransport;
import io.allot.cluster.MasterNode;
import io.allot.cluster.MasterNodeContext;
import io.allot.resources.ResourceNames;
import io.allot.resources.ResourceParseException;
import io.allot.resources.ResourcesParser;
import io.aeron.cluster.service.Cluster;
import org.agrona.CloseHelper;
import org.agrona.concurrent.ShutdownSignalBarrier;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code allot local --agents N [--resources R] [--dir DIR] [--base-port P]}: a one-member master and N agents in
 * this process for trying things out (Mesos's {@code mesos-local}). Each agent has its own cluster session. Runs until
 * SIGINT or SIGTERM, or until {@link #stop()}.
 */
final class LocalCommand implements Command
{
    static final String DEFAULT_RESOURCES = "cpus:2;mem:2048;disk:10240;ports:[31000-32000]";
    static final int DEFAULT_BASE_PORT = 9000;
    static final int MAX_AGENTS = 64;
    static final long LEADER_WAIT_MS = 30_000;
    static final long REPORT_INTERVAL_MS = 50;

    static final String USAGE = String.join(System.lineSeparator(),
        "usage: allot local --agents N [--resources R] [--dir DIR] [--base-port P]",
        "",
        "Runs a one-member master and N agents in this process, for trying things out, until SIGINT or",
        "SIGTERM. Each agent has its own session with the master and the host name local-<i>.",
        "",
        "Options:",
        "  --agents N       the number of agents, 1 to " + MAX_AGENTS,
        "  --resources R    each agent's resources (default " + DEFAULT_RESOURCES + ")",
        "  --dir DIR        the master's directory DIR/master (started clean) and the agents' work",
        "                   directories DIR/agent-<i> (default a new temporary directory)",
        "  --base-port P    the master's base port; it uses P..P+6 (default " + DEFAULT_BASE_PORT + ")",
        "  -h, --help       show this help",
        "",
        "Exit status: 2 bad usage; 1 the master or an agent failed to start or the master stopped;",
        "0 after SIGINT or SIGTERM, once agents and master are closed.");

    private final CountDownLatch stop = new CountDownLatch(1);

    public String name()
    {
        return "local";
    }

    public String summary()
    {
        return "run a master and agents on this machine";
    }

    /**
     * Ask a running {@link #run} to close its agents and master and return, as SIGINT does.
     */
    void stop()
    {
        stop.countDown();
    }

    public int run(final String[] args, final PrintStream out, final PrintStream err)
    {
        final Options options;
        try
        {
            options = Options.parse(args);
        }
        catch (final IllegalArgumentException ex)
        {
            err.println("allot local: " + ex.getMessage());
            err.println("Run 'allot local --help' for usage.");
            return ExitCodes.USAGE;
        }
        if (options.isHelp)
        {
            out.println(USAGE);
            return ExitCodes.OK;
        }

        final String prefix = "allot local: ";
        final File dir;
        try
        {
            dir = null != options.dir ? options.dir : Files.createTempDirectory("allot-local-").toFile();
        }
        catch (final IOException ex)
        {
            err.println(prefix + "cannot create a temporary directory: " + ex.getMessage());
            return ExitCodes.FAILURE;
        }

        final String members = "0=localhost:" + options.basePort;
        MasterNode node = null;
        final List<ClusterAgentTransport> transports = new ArrayList<>();
        final List<AllotAgent> agents = new ArrayList<>();
        try (ShutdownSignalBarrier barrier = new ShutdownSignalBarrier(stop::countDown))
        {
            Objects.requireNonNull(barrier);
            node = MasterNode.launch(new MasterNodeContext()
                .members(members)
                .dir(new File(dir, "master"))
                .cleanStart(true)
                .errorHandler((throwable) -> err.println(
                    prefix + "master " + (MasterNode.isWarning(throwable) ? "warning: " : "error: ") + throwable)));
            if (!awaitLeader(node))
            {
                if (0 != stop.getCount())
                {
                    err.println(prefix + (node.isTerminated() ? "the master terminated before becoming leader" :
                        "the master did not become leader within " + LEADER_WAIT_MS + " ms"));
                    return ExitCodes.FAILURE;
                }
                out.println(prefix + "stopping");
                return ExitCodes.OK;
            }
            out.println(prefix + "master " + members + ", clients connect to " +
                ClusterMembers.parse(members).ingressEndpoints() + ", dir " + new File(dir, "master").getAbsolutePath());

            for (int i = 0; i < options.agents; i++)
            {
                final String hostname = "local-" + i;
                final ClusterAgentTransport transport = ClusterAgentTransport.connect(new MasterConnection.Context()
                    .members(members)
                    .errorHandler((throwable) -> err.println(prefix + hostname + " connection error: " + throwable)));
                transports.add(transport);
                agents.add(AllotAgent.launch(new AgentContext()
                    .transport(transport)
                    .workDir(new File(dir, "agent-" + i))
                    .resources(options.resources)
                    .hostname(hostname)
                    .cgroupHierarchy("allot-" + hostname)
                    .errorHandler((throwable) -> err.println(prefix + hostname + " error: " + throwable))));
                out.println(prefix + "started agent " + hostname + ", work dir " + new File(dir, "agent-" + i).getAbsolutePath());
            }

            return awaitStop(node, transports, prefix, out, err);
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
        finally
        {
            CloseHelper.closeAll(agents);
            CloseHelper.closeAll(transports);
            CloseHelper.close(node);
        }
    }

    private boolean awaitLeader(final MasterNode node) throws InterruptedException
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(LEADER_WAIT_MS);
        while (Cluster.Role.LEADER != node.role())
        {
            if (node.isTerminated() || System.nanoTime() > deadlineNs || stop.await(REPORT_INTERVAL_MS, TimeUnit.MILLISECONDS))
            {
                return false;
            }
        }

        return true;
    }

    private int awaitStop(
        final MasterNode node,
        final List<ClusterAgentTransport> transports,
        final String prefix,
        final PrintStream out,
        final PrintStream err) throws InterruptedException
    {
        final long[] reportedIds = new long[transports.size()];
        int registered = 0;
        while (!stop.await(REPORT_INTERVAL_MS, TimeUnit.MILLISECONDS))
        {
            for (int i = 0; i < reportedIds.length; i++)
            {
                final long agentId = transports.get(i).agentId();
                if (0 != agentId && agentId != reportedIds[i])
                {
                    if (0 == reportedIds[i])
                    {
                        registered++;
                    }
                    reportedIds[i] = agentId;
                    out.println(prefix + "agent local-" + i + " registered as agent " + agentId);
                    if (registered == reportedIds.length)
                    {
                        out.println(prefix + "all " + registered + " agents registered; SIGINT or SIGTERM stops");
                    }
                }
            }
            if (node.isTerminated())
            {
                err.println(prefix + "the cluster terminated the master");
                return ExitCodes.FAILURE;
            }
        }

        out.println(prefix + "stopping");
        return ExitCodes.OK;
    }

    static final class Options
    {
        boolean isHelp;
        int agents = -1;
        String resources = DEFAULT_RESOURCES;
        File dir;
        int basePort = DEFAULT_BASE_PORT;

        static Options parse(final String[] args)
        {
            final Options options = new Options();
            for (int i = 0; i < args.length; i++)
            {
                final String arg = args[i];
                switch (arg)
                {
                    case "-h", "--help" ->
                    {
                        options.isHelp = true;
                        return options;
                    }
                    case "--agents" -> options.agents = parseInt(arg, value(args, ++i, arg), 1, MAX_AGENTS);
                    case "--resources" -> options.resources = value(args, ++i, arg);
                    case "--dir" -> options.dir = new File(value(args, ++i, arg));
                    case "--base-port" -> options.basePort = parseInt(arg, value(args, ++i, arg), 1, ClusterMembers.MAX_BASE_PORT);
                    default -> throw new IllegalArgumentException(
                        (arg.startsWith("-") ? "unknown option '" : "unexpected argument '") + arg + "'");
                }
            }

            if (options.agents < 0)
            {
                throw new IllegalArgumentException("--agents N is required");
            }
            try
            {
                ResourcesParser.parse(options.resources, new ResourceNames());
            }
            catch (final ResourceParseException ex)
            {
                throw new IllegalArgumentException("--resources: " + ex.getMessage(), ex);
            }

            return options;
        }

        private static String value(final String[] args, final int index, final String flag)
        {
            if (index >= args.length)
            {
                throw new IllegalArgumentException(flag + " needs a value");
            }

            return args[index];
        }

        private static int parseInt(final String flag, final String value, final int min, final int max)
        {
            final int parsed;
            try
            {
                parsed = Integer.parseInt(value);
            }
            catch (final NumberFormatException ex)
            {
                throw new IllegalArgumentException(flag + " must be an integer, got '" + value + "'", ex);
            }
            if (parsed < min || parsed > max)
            {
                throw new IllegalArgumentException(flag + " must be from " + min + " to " + max + ", got " + parsed);
            }

            return parsed;
        }
    }
}

/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.cli;

import java.io.File;
import java.io.PrintStream;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.allot.agent.AgentContext;
import io.allot.agent.AllotAgent;
import io.allot.agent.MachineResources;
import io.allot.client.MasterConnection;
import io.allot.cluster.ClusterAgentTransport;
import io.allot.cluster.IdleStrategies;
import io.allot.resources.ResourceParseException;
import org.agrona.CloseHelper;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.ShutdownSignalBarrier;

/**
 * {@code allot agent --master ENDPOINTS --work-dir DIR [--resources R] [--attributes A] [--isolation cgroups|posix]
 * [--hostname H]}: the agent daemon of this node (Mesos's {@code mesos-agent}). It registers with the master, runs
 * the tasks it is sent, keeps its tasks and pending status updates in a checkpoint in the work dir, and on SIGINT or
 * SIGTERM stops without killing them: started again with the same work dir it recovers them.
 */
final class AgentCommand implements Command
{
    static final long REPORT_INTERVAL_MS = 100;

    static final String USAGE = String.join(System.lineSeparator(),
        "usage: allot agent --master ENDPOINTS --work-dir DIR [--resources R] [--attributes A]",
        "                   [--isolation cgroups|posix] [--hostname H] [--cgroup-hierarchy N] [--idle I]",
        "",
        "Runs the agent daemon of this node until SIGINT or SIGTERM. Its tasks keep running when it stops;",
        "started again with the same --work-dir it finds them, reports those that ended meanwhile and",
        "re-registers with them.",
        "",
        "Options:",
        "  --master ENDPOINTS   the masters: 0=host:port,1=host:port,2=host:port (each member's base port)",
        "                       or host:port of one member",
        "  --work-dir DIR       sandboxes (DIR/frameworks/F/tasks/T) and the checkpoint (DIR/meta); the",
        "                       agent id is kept in DIR/meta/agent_id",
        "  --resources R        what the agent offers, in Mesos syntax, e.g. 'cpus:4;mem:8192;ports:[31000-32000]'.",
        "                       Missing cpus, mem, disk and ports come from the machine as Mesos computes them:",
        "                       all cpus, memory less 1 GB (half below 2 GB), the work dir's disk less 5 GB",
        "                       (half below 10 GB), ports [31000-32000]. More than the machine has is refused.",
        "  --attributes A       attributes in Mesos syntax, e.g. 'rack:r1;zone:a'",
        "  --isolation I        cgroups (cpu and memory limits under an 'allot' cgroup hierarchy, v2 or v1;",
        "                       needs root) or posix (no limits). Default: cgroups where usable, else posix",
        "                       with a warning.",
        "  --hostname H         the host name the master shows (default this machine's)",
        "  --idle I             what its threads do when idle: backoff (park up to 1 ms, the default), yield,",
        "                       or spin (lowest latency, a core per thread)",
        "  --cgroup-hierarchy N the agent's cgroup hierarchy (default allot); agents sharing a machine need",
        "                       one each, since an agent removes the cgroups of its hierarchy it does not know",
        "  -h, --help           show this help",
        "",
        "Exit status: 2 bad usage or configuration; 1 the agent could not start or connect; after SIGINT",
        "or SIGTERM it stops cleanly and the JVM exits with the signal's status (130, 143).");

    private final CountDownLatch stop = new CountDownLatch(1);

    public String name()
    {
        return "agent";
    }

    public String summary()
    {
        return "run the agent daemon of this node";
    }

    /**
     * Ask a running {@link #run} to stop the agent and return, as SIGTERM does.
     */
    void stop()
    {
        stop.countDown();
    }

    public int run(final String[] args, final PrintStream out, final PrintStream err)
    {
        final String prefix = "allot agent: ";
        final AgentContext ctx;
        final String master;
        final Supplier<IdleStrategy> idle;
        try
        {
            final Flags flags = Flags.parse("agent", args,
                List.of("--master", "--work-dir", "--resources", "--attributes", "--isolation", "--hostname",
                    "--cgroup-hierarchy", "--idle"), List.of());
            if (flags.isHelp())
            {
                out.println(USAGE);
                return ExitCodes.OK;
            }
            master = flags.required("--master");
            idle = IdleStrategies.supplier(
                flags.choice("--idle", IdleStrategies.BACKOFF, IdleStrategies.NAMES.toArray(new String[0])));
            ctx = context(flags)
                .idleStrategy(idle.get())
                .errorHandler((throwable) -> err.println(prefix + "error: " + throwable.getMessage()));
        }
        catch (final IllegalArgumentException ex)
        {
            err.println(ex.getMessage());
            err.println("Run 'allot agent --help' for usage.");
            return ExitCodes.USAGE;
        }

        try (ShutdownSignalBarrier barrier = new ShutdownSignalBarrier(stop::countDown))
        {
            Objects.requireNonNull(barrier);
            try
            {
                ctx.conclude();
            }
            catch (final IllegalStateException | IllegalArgumentException ex)
            {
                err.println(prefix + ex.getMessage());
                return ExitCodes.USAGE;
            }
            if (null != ctx.isolationWarning())
            {
                err.println(prefix + "warning: " + ctx.isolationWarning());
            }
            // closed inside the barrier: on SIGTERM the JVM halts once the barrier is closed
            ClusterAgentTransport transport = null;
            AllotAgent agent = null;
            try
            {
                transport = ClusterAgentTransport.connect(new MasterConnection.Context()
                    .members(master)
                    .idleStrategySupplier(idle)
                    .errorHandler((throwable) -> err.println(prefix + "connection: " + throwable)));
                agent = AllotAgent.launch(ctx.transport(transport));
                out.println(prefix + "started on " + ctx.hostname() + " with " + ctx.totalResources() + ", isolation " +
                    ctx.isolationName() + ", work dir " + ctx.workDir().getAbsolutePath());
                return awaitStop(agent, transport, prefix, out, err);
            }
            finally
            {
                if (null == agent)
                {
                    CloseHelper.close(ctx);
                }
                CloseHelper.closeAll(agent, transport);
            }
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

    private static AgentContext context(final Flags flags)
    {
        final File workDir = new File(flags.required("--work-dir"));
        final String resources;
        try
        {
            resources = MachineResources.detect(workDir).resolve(flags.get("--resources", null));
        }
        catch (final ResourceParseException ex)
        {
            throw flags.error("--resources: " + ex.getMessage());
        }
        catch (final IllegalArgumentException ex)
        {
            throw flags.error(ex.getMessage());
        }
        final String attributes = flags.get("--attributes", "");
        checkAttributes(flags, attributes);
        final AgentContext ctx = new AgentContext()
            .workDir(workDir)
            .resources(resources)
            .attributes(attributes)
            .isolation(flags.choice("--isolation", AgentContext.ISOLATION_AUTO, "cgroups", "posix"))
            .killTasksOnClose(false);
        if (flags.has("--cgroup-hierarchy"))
        {
            ctx.cgroupHierarchy(flags.get("--cgroup-hierarchy", null));
        }
        if (flags.has("--hostname"))
        {
            ctx.hostname(flags.get("--hostname", null));
        }
        return ctx;
    }

    private static void checkAttributes(final Flags flags, final String attributes)
    {
        if (attributes.isEmpty())
        {
            return;
        }
        for (final String attribute : attributes.split(";", -1))
        {
            final int colon = attribute.indexOf(':');
            if (colon <= 0 || colon == attribute.length() - 1)
            {
                throw flags.error("--attributes: '" + attribute + "' is not NAME:VALUE (e.g. rack:r1;zone:a)");
            }
        }
    }

    private int awaitStop(
        final AllotAgent agent, final ClusterAgentTransport transport, final String prefix, final PrintStream out, final PrintStream err)
        throws InterruptedException
    {
        long reportedAgentId = 0;
        int reportedLeader = -1;
        while (!stop.await(REPORT_INTERVAL_MS, TimeUnit.MILLISECONDS))
        {
            final long agentId = agent.agentId();
            if (agentId != reportedAgentId)
            {
                reportedAgentId = agentId;
                out.println(0 == agentId ? prefix + "not registered; registering again" :
                    prefix + "registered as agent " + agentId + " (recovered " + agent.recoveredTaskCount() + " tasks)");
            }
            final int leader = transport.connection().leaderMemberId();
            if (leader != reportedLeader)
            {
                reportedLeader = leader;
                out.println(prefix + "master leader is member " + leader);
            }
            if (agent.isClosed())
            {
                err.println(prefix + "the agent stopped");
                return ExitCodes.FAILURE;
            }
        }

        out.println(prefix + agent.launchOverhead());
        out.println(prefix + "stopping; tasks keep running and are recovered by the next start with this work dir");
        return ExitCodes.OK;
    }
}

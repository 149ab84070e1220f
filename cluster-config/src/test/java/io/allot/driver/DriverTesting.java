/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.driver;

import io.allot.agent.AgentContext;
import io.allot.agent.AllotAgent;
import io.allot.client.MasterConnection;
import io.allot.cluster.ClusterAgentTransport;
import io.allot.cluster.MasterNode;
import io.allot.cluster.MasterNodeContext;
import io.allot.engine.EngineContext;
import io.aeron.cluster.service.Cluster;
import org.agrona.CloseHelper;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.SleepingMillisIdleStrategy;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Members, agents, drivers and waiting for the driver's system tests: everything in one JVM on loopback, with
 * parking idle strategies, waiting on conditions rather than sleeping. Closes what it launched, drivers first.
 */
final class DriverTesting implements AutoCloseable
{
    static final long TIMEOUT_MS = 20_000;

    final List<MasterNode> nodes = new ArrayList<>();
    final Queue<Throwable> errors = new ConcurrentLinkedQueue<>();
    private final List<AutoCloseable> drivers = new ArrayList<>();
    private final List<AutoCloseable> agents = new ArrayList<>();
    private final Path dir;
    private String members;
    private long sessionTimeoutNs = MasterNodeContext.DEFAULT_SESSION_TIMEOUT_NS;

    DriverTesting(final Path dir)
    {
        this.dir = dir;
    }

    /**
     * Launch the members and wait for a leader.
     *
     * @return the members list for clients.
     */
    String launchCluster(final int memberCount, final EngineContext engineContext)
    {
        members = freeMembers(memberCount);
        for (int id = 0; id < memberCount; id++)
        {
            nodes.add(MasterNode.launch(member(id, true, engineContext)));
        }
        awaitLeader(nodes);
        return members;
    }

    /**
     * @param timeoutNs the members' session timeout, for members launched from now on.
     * @return this.
     */
    DriverTesting sessionTimeoutNs(final long timeoutNs)
    {
        sessionTimeoutNs = timeoutNs;
        return this;
    }

    String members()
    {
        return members;
    }

    MasterNodeContext member(final int id, final boolean cleanStart, final EngineContext engineContext)
    {
        return new MasterNodeContext()
            .memberId(id)
            .members(members)
            .dir(dir.resolve("member-" + id).toFile())
            .cleanStart(cleanStart)
            .sessionTimeoutNs(sessionTimeoutNs)
            .engineContext(engineContext)
            .errorHandler((throwable) ->
                System.err.println("member " + id + (MasterNode.isWarning(throwable) ? " warning: " : " error: ") + throwable));
    }

    static MasterNode awaitLeader(final List<MasterNode> nodes)
    {
        final MasterNode[] leader = new MasterNode[1];
        await("a leader among " + nodes.size() + " members", () ->
        {
            MasterNode found = null;
            for (final MasterNode node : nodes)
            {
                final Cluster.Role role = node.role();
                if (Cluster.Role.LEADER == role)
                {
                    found = node;
                }
                else if (Cluster.Role.FOLLOWER != role)
                {
                    return false;
                }
            }
            leader[0] = found;
            return null != found;
        });
        return leader[0];
    }

    /**
     * A real agent daemon over its own cluster session, running tasks as processes.
     *
     * @return the agent's transport, whose {@code agentId()} is set once it registered.
     */
    ClusterAgentTransport launchAgent(final String hostname, final String resources)
    {
        final ClusterAgentTransport transport = ClusterAgentTransport.connect(new MasterConnection.Context()
            .members(members)
            .errorHandler((throwable) -> System.err.println(hostname + " connection: " + throwable)));
        final AllotAgent agent = AllotAgent.launch(new AgentContext()
            .transport(transport)
            .workDir(dir.resolve("agent-" + hostname).toFile())
            .resources(resources)
            .hostname(hostname)
            .isolation("posix")
            .errorHandler((throwable) -> System.err.println(hostname + " error: " + throwable)));
        agents.add(0, transport);
        agents.add(0, agent);
        await("agent " + hostname + " to register", () -> 0 != transport.agentId());
        return transport;
    }

    /**
     * An emulated agent speaking the agent protocol on a thread of its own.
     */
    FakeAgent launchFakeAgent(final String hostname, final String resources, final FakeAgent.Mode mode)
    {
        final FakeAgent agent = FakeAgent.launch(members, hostname, resources, mode);
        agents.add(0, agent);
        await("fake agent " + hostname + " to register", () -> 0 != agent.agentId());
        return agent;
    }

    /**
     * A driver context for this cluster with the test's error handler and short timeouts.
     */
    DriverContext driverContext(final Scheduler scheduler, final FrameworkInfo framework)
    {
        return new DriverContext()
            .scheduler(scheduler)
            .frameworkInfo(framework)
            .members(members)
            .subscribeTimeoutNs(1_000_000_000L)
            .errorHandler((throwable) ->
            {
                System.err.println("driver error: " + throwable);
                errors.add(throwable);
            });
    }

    AllotSchedulerDriver launchDriver(final DriverContext ctx)
    {
        final AllotSchedulerDriver driver = new AllotSchedulerDriver(ctx);
        drivers.add(driver);
        driver.start();
        return driver;
    }

    /**
     * Track something to close before the members (a driver built by the test).
     */
    <T extends AutoCloseable> T closeLater(final T closeable)
    {
        drivers.add(closeable);
        return closeable;
    }

    static IdleStrategy idle()
    {
        return new SleepingMillisIdleStrategy(1);
    }

    static void await(final String what, final BooleanSupplier condition)
    {
        await(what, TIMEOUT_MS, condition);
    }

    static void await(final String what, final long timeoutMs, final BooleanSupplier condition)
    {
        final long deadlineNs = System.nanoTime() + timeoutMs * 1_000_000L;
        final IdleStrategy idle = idle();
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() > deadlineNs)
            {
                fail("timed out after " + timeoutMs + " ms waiting for " + what);
            }
            idle.idle();
        }
    }

    /**
     * Check that a condition stays false for a while (where the test needs something not to happen).
     */
    static boolean holdsFor(final long durationMs, final BooleanSupplier condition)
    {
        final long deadlineNs = System.nanoTime() + durationMs * 1_000_000L;
        final IdleStrategy idle = idle();
        while (System.nanoTime() < deadlineNs)
        {
            if (!condition.getAsBoolean())
            {
                return false;
            }
            idle.idle();
        }
        return true;
    }

    static String freeMembers(final int memberCount)
    {
        for (int attempt = 0; attempt < 200; attempt++)
        {
            final int base = 20_000 + 10 * ThreadLocalRandom.current().nextInt(3_000);
            if (portsFree(base, memberCount * 10))
            {
                final StringJoiner list = new StringJoiner(",");
                for (int id = 0; id < memberCount; id++)
                {
                    list.add(id + "=localhost:" + (base + 10 * id));
                }
                return list.toString();
            }
        }
        throw new IllegalStateException("no free port range found");
    }

    private static boolean portsFree(final int base, final int count)
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

    public void close()
    {
        CloseHelper.closeAll(drivers);
        CloseHelper.closeAll(agents);
        CloseHelper.closeAll(nodes);
    }
}

/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.examples;

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
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * A real one-member master and real agents (in-process {@link AllotAgent}s over their own cluster sessions, running
 * tasks as processes with posix isolation) for the tests of the example frameworks and of {@code allot execute}. Closes
 * what it launched, agents before the master.
 */
public final class ExampleTesting implements AutoCloseable
{
    /** How long a test waits for a condition. */
    public static final long TIMEOUT_MS = 30_000;

    /**
     * A running agent: close it to make the master lose it (its tasks are killed, its session closes).
     *
     * @param hostname  its hostname.
     * @param transport its session.
     * @param agent     the agent.
     */
    public record Agent(String hostname, ClusterAgentTransport transport, AllotAgent agent) implements AutoCloseable
    {
        /**
         * @return the id the master gave it.
         */
        public long agentId()
        {
            return transport.agentId();
        }

        /**
         * Stop the agent (killing its tasks) and close its session.
         */
        public void close()
        {
            CloseHelper.closeAll(agent, transport);
        }
    }

    /** Errors the master recorded (warnings left out). */
    public final Queue<Throwable> masterErrors = new ConcurrentLinkedQueue<>();
    private final List<AutoCloseable> agents = new ArrayList<>();
    private final Path dir;
    private MasterNode master;
    private String members;

    /**
     * @param dir where the master's and agents' directories go.
     */
    public ExampleTesting(final Path dir)
    {
        this.dir = dir;
    }

    /**
     * Launch a one-member master on free ports and wait until it leads.
     *
     * @param engineContext the engine's configuration.
     * @return the members list for clients.
     */
    public String launchMaster(final EngineContext engineContext)
    {
        members = freeMembers();
        master = MasterNode.launch(new MasterNodeContext()
            .members(members)
            .dir(dir.resolve("master").toFile())
            .cleanStart(true)
            .engineContext(engineContext)
            .errorHandler((throwable) ->
            {
                if (!MasterNode.isWarning(throwable))
                {
                    System.err.println("master error: " + throwable);
                    masterErrors.add(throwable);
                }
            }));
        await("the master to lead", () -> Cluster.Role.LEADER == master.role());
        return members;
    }

    /**
     * @return the members list.
     */
    public String members()
    {
        return members;
    }

    /**
     * Launch a real agent over its own session and wait until it registered.
     *
     * @param hostname   its hostname.
     * @param resources  its resources.
     * @param attributes its attributes, e.g. {@code rack:r1}.
     * @return the agent.
     */
    public Agent launchAgent(final String hostname, final String resources, final String attributes)
    {
        final ClusterAgentTransport transport = ClusterAgentTransport.connect(new MasterConnection.Context()
            .members(members)
            .errorHandler((throwable) -> System.err.println(hostname + " connection: " + throwable)));
        final AllotAgent agent = AllotAgent.launch(new AgentContext()
            .transport(transport)
            .workDir(dir.resolve("agent-" + hostname).toFile())
            .resources(resources)
            .attributes(attributes)
            .hostname(hostname)
            .isolation("posix")
            .initialBackoffMs(100)
            .maxBackoffMs(500)
            .errorHandler((throwable) -> System.err.println(hostname + " error: " + throwable)));
        final Agent handle = new Agent(hostname, transport, agent);
        agents.add(handle);
        await("agent " + hostname + " to register", () -> 0 != transport.agentId());
        return handle;
    }

    /**
     * Wait for a condition, failing the test after {@link #TIMEOUT_MS}.
     *
     * @param what      what is awaited, for the failure.
     * @param condition the condition.
     */
    public static void await(final String what, final BooleanSupplier condition)
    {
        final long deadlineNs = System.nanoTime() + TIMEOUT_MS * 1_000_000L;
        final IdleStrategy idle = new SleepingMillisIdleStrategy(5);
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() - deadlineNs > 0)
            {
                fail("timed out after " + TIMEOUT_MS + " ms waiting for " + what);
            }
            idle.idle();
        }
    }

    /**
     * @return {@code 0=localhost:P} where the member's UDP ports were all free just now.
     */
    public static String freeMembers()
    {
        return "0=localhost:" + freeBasePort();
    }

    /**
     * @return a base port whose 10 UDP ports were all free just now.
     */
    public static int freeBasePort()
    {
        for (int attempt = 0; attempt < 200; attempt++)
        {
            final int base = 20_000 + 10 * ThreadLocalRandom.current().nextInt(3_000);
            if (portsFree(base, 10))
            {
                return base;
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

    /**
     * Close the agents, then the master.
     */
    public void close()
    {
        for (int i = agents.size() - 1; i >= 0; i--)
        {
            CloseHelper.quietClose(agents.get(i));
        }
        CloseHelper.close(master);
    }
}

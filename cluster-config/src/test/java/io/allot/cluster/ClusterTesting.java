/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.cluster;

import io.allot.client.MasterConnection;
import io.allot.codecs.IngressEncoder;
import io.allot.engine.EngineContext;
import io.aeron.cluster.service.Cluster;
import org.agrona.CloseHelper;
import org.agrona.ExpandableDirectByteBuffer;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Members, clients and waiting for the cluster system tests: everything in one JVM on loopback, with parking idle
 * strategies, waiting on conditions rather than sleeping.
 */
final class ClusterTesting
{
    private ClusterTesting()
    {
    }

    /**
     * @param memberCount members to place 10 ports apart from one base.
     * @return a members list on localhost whose UDP ports were all free just now.
     */
    static String freeMembers(final int memberCount)
    {
        for (int attempt = 0; attempt < 200; attempt++)
        {
            final int base = 20_000 + 10 * ThreadLocalRandom.current().nextInt(3_000);
            if (portsFree(base, memberCount * 10))
            {
                final StringJoiner members = new StringJoiner(",");
                for (int id = 0; id < memberCount; id++)
                {
                    members.add(id + "=localhost:" + (base + 10 * id));
                }
                return members.toString();
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

    static MasterNodeContext member(final String members, final int id, final Path dir, final boolean cleanStart)
    {
        return new MasterNodeContext()
            .memberId(id)
            .members(members)
            .dir(dir.resolve("member-" + id).toFile())
            .cleanStart(cleanStart)
            .engineContext(new EngineContext())
            .errorHandler((throwable) ->
                System.err.println("member " + id + (MasterNode.isWarning(throwable) ? " warning: " : " error: ") + throwable));
    }

    static IdleStrategy idle()
    {
        return new BackoffIdleStrategy(10, 10, 1_000, 1_000_000);
    }

    /**
     * Wait until the condition holds, polling the clients meanwhile.
     */
    static void await(final String what, final long timeoutMs, final BooleanSupplier condition, final Client... clients)
    {
        final long deadlineNs = System.nanoTime() + timeoutMs * 1_000_000L;
        final IdleStrategy idle = idle();
        while (!condition.getAsBoolean())
        {
            int work = 0;
            for (final Client client : clients)
            {
                work += client.connection.poll();
            }
            if (System.nanoTime() > deadlineNs)
            {
                fail("timed out after " + timeoutMs + " ms waiting for " + what);
            }
            idle.idle(work);
        }
    }

    /**
     * @return the leader among the members once exactly one is LEADER and every other is FOLLOWER.
     */
    static MasterNode awaitLeader(final List<MasterNode> nodes, final long timeoutMs, final Client... clients)
    {
        final MasterNode[] leader = new MasterNode[1];
        await("a leader among " + nodes.size() + " members", timeoutMs, () ->
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
        }, clients);
        return leader[0];
    }

    /**
     * A client session with its egress log and an encoder.
     */
    static final class Client implements AutoCloseable
    {
        final EgressLog log = new EgressLog();
        final IngressEncoder encoder = new IngressEncoder(new ExpandableDirectByteBuffer(1024));
        final List<Long> newLeaderNs = new ArrayList<>();
        final MasterConnection connection;

        Client(final String members)
        {
            connection = MasterConnection.connect(new MasterConnection.Context().members(members).egressHandler(log)
                .newLeaderHandler((leaderMemberId, leadershipTermId) -> newLeaderNs.add(System.nanoTime())));
        }

        /**
         * Send the message just encoded with {@link #encoder}, polling until the cluster takes it.
         */
        void send(final int length, final long timeoutMs)
        {
            await("an offer to the cluster", timeoutMs, () -> connection.offer(encoder.buffer(), 0, length), this);
        }

        /**
         * Send once without waiting; false when there is no leader now.
         */
        boolean trySend(final int length)
        {
            return connection.offer(encoder.buffer(), 0, length);
        }

        public void close()
        {
            CloseHelper.close(connection);
        }
    }
}

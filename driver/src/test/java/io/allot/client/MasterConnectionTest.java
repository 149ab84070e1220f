/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.client;

import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The connection's configuration and its non-blocking connection with backoff, against a member that is not there
 * (the system tests in cluster-config connect to real ones).
 */
class MasterConnectionTest
{
    @Test
    @Timeout(10)
    void shouldValidateTheContext()
    {
        final IllegalArgumentException backoff = assertThrows(IllegalArgumentException.class, () -> new MasterConnection.Context()
            .egressHandler((buffer, offset, length) -> {}).reconnectBackoffNs(10).maxReconnectBackoffNs(5).conclude());
        assertEquals("reconnect backoff must be positive and at most its maximum: 10 ns, max 5 ns", backoff.getMessage());

        final MasterConnection.Context ctx = new MasterConnection.Context().members("localhost:9100")
            .egressHandler((buffer, offset, length) -> {}).conclude();
        assertEquals("0=localhost:9101", ctx.clusterMembers().ingressEndpoints(), "one host:port is member 0");
        assertFalse(ctx.reconnect(), "reconnection is asked for");
    }

    @Test
    @Timeout(30)
    void shouldRetryConnectingWithBackoffWithoutBlocking()
    {
        final AtomicInteger connected = new AtomicInteger();
        try (MasterConnection connection = MasterConnection.connectAsync(new MasterConnection.Context()
            .members("localhost:" + (40_000 + (int)(ProcessHandle.current().pid() % 1000) * 10))
            .egressHandler((buffer, offset, length) -> {})
            .messageTimeoutNs(TimeUnit.MILLISECONDS.toNanos(200))
            .reconnect(true)
            .reconnectBackoffNs(TimeUnit.MILLISECONDS.toNanos(50))
            .maxReconnectBackoffNs(TimeUnit.MILLISECONDS.toNanos(100))
            .connectionHandler(new MasterConnection.ConnectionHandler()
            {
                public void onConnected(final long clusterSessionId, final int leaderMemberId, final boolean isReconnect)
                {
                    connected.incrementAndGet();
                }

                public void onDisconnected()
                {
                }
            })))
        {
            assertTrue(connection.isClosed());
            assertFalse(connection.offer(new org.agrona.concurrent.UnsafeBuffer(new byte[8]), 0, 8), "no session yet");
            final SleepingMillisIdleStrategy idle = new SleepingMillisIdleStrategy(1);
            final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (connection.connectFailures() < 2 && System.nanoTime() < deadlineNs)
            {
                final long startNs = System.nanoTime();
                idle.idle(connection.poll());
                assertTrue(System.nanoTime() - startNs < TimeUnit.MILLISECONDS.toNanos(150), "poll() does not block");
            }
            assertTrue(connection.connectFailures() >= 2, "failed attempts are retried");
            assertNotNull(connection.lastConnectError());
            assertEquals(0, connected.get());
            assertEquals(0, connection.connectCount());
            assertFalse(connection.isConnected());
        }
    }
}

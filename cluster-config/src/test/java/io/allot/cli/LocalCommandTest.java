/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.cli;

import io.allot.client.MasterConnection;
import io.allot.codecs.IngressEncoder;
import io.allot.codecs.sbe.AgentRecordDecoder;
import io.allot.codecs.sbe.MessageHeaderDecoder;
import io.allot.codecs.sbe.SnapshotBeginDecoder;
import io.allot.codecs.sbe.SnapshotEndDecoder;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableDirectByteBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@code allot local}: a master and two agents in this JVM, both registered as the master's state shows; bad flags
 * exit with status 2.
 */
class LocalCommandTest
{
    private static final long TIMEOUT_MS = 30_000;

    @TempDir
    Path dir;

    @Test
    @Timeout(90)
    void shouldRunAMasterAndTwoRegisteredAgents() throws Exception
    {
        final int basePort = freeBasePort();
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final LocalCommand command = new LocalCommand();
        final CompletableFuture<Integer> status = CompletableFuture.supplyAsync(() -> command.run(
            new String[]{ "--agents", "2", "--dir", dir.toString(), "--base-port", Integer.toString(basePort) },
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8)));
        try
        {
            await("both agents to be reported registered", TIMEOUT_MS,
                () -> status.isDone() || out.toString(StandardCharsets.UTF_8).contains("all 2 agents registered"), null);
            assertFalse(status.isDone(), "local stopped: " + err.toString(StandardCharsets.UTF_8));

            final StateReader reader = new StateReader();
            try (MasterConnection connection = MasterConnection.connect(
                new MasterConnection.Context().members("0=localhost:" + basePort).egressHandler(reader::onMessage)))
            {
                final IngressEncoder encoder = new IngressEncoder(new ExpandableDirectByteBuffer(256));
                long correlationId = 0;
                while (true)
                {
                    final int length = encoder.getState(++correlationId);
                    await("an offer of GetState", TIMEOUT_MS, () -> connection.offer(encoder.buffer(), 0, length), connection);
                    final int known = reader.states.size();
                    await("the master's state", TIMEOUT_MS, () -> reader.states.size() > known, connection);
                    if (2 == reader.states.get(known).size())
                    {
                        break;
                    }
                    Thread.sleep(100);
                }
                assertTrue(Files.isDirectory(dir.resolve("agent-0")));
                assertTrue(Files.isDirectory(dir.resolve("agent-1")));
            }
        }
        finally
        {
            command.stop();
        }

        assertEquals(0, status.get(30, TimeUnit.SECONDS), err.toString(StandardCharsets.UTF_8));
        final String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.startsWith("allot local: master 0=localhost:" + basePort + ", clients connect to 0=localhost:" +
            (basePort + 1)), text);
        assertTrue(text.contains("allot local: agent local-0 registered as agent "), text);
        assertTrue(text.contains("allot local: agent local-1 registered as agent "), text);
        assertTrue(text.endsWith("allot local: stopping" + System.lineSeparator()), text);
    }

    @Test
    void shouldRefuseBadFlagsWithStatusTwo()
    {
        assertUsageError("--agents N is required");
        assertUsageError("--agents must be an integer, got 'two'", "--agents", "two");
        assertUsageError("--agents must be from 1 to 64, got 0", "--agents", "0");
        assertUsageError("--agents needs a value", "--agents");
        assertUsageError("unknown option '--frobnicate'", "--agents", "1", "--frobnicate");
        assertUsageError("--base-port must be from 1 to ", "--agents", "1", "--base-port", "70000");
        assertUsageError("--resources: invalid resources at position 5: ", "--agents", "1", "--resources", "cpus:x");
    }

    @Test
    void shouldPrintHelpThroughAllot()
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(0, Allot.run(new String[]{ "local", "--help" }, new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8)));
        assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("usage: allot local --agents N"), out.toString(StandardCharsets.UTF_8));
        assertEquals("", err.toString(StandardCharsets.UTF_8));
    }

    private static void assertUsageError(final String expected, final String... args)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final String[] line = new String[args.length + 1];
        line[0] = "local";
        System.arraycopy(args, 0, line, 1, args.length);
        assertEquals(2, Allot.run(line, new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8)), String.join(" ", line));
        final String text = err.toString(StandardCharsets.UTF_8);
        assertTrue(text.startsWith("allot local: " + expected), text);
        assertTrue(text.contains("allot local --help"), text);
        assertEquals("", out.toString(StandardCharsets.UTF_8));
    }

    private static void await(final String what, final long timeoutMs, final BooleanSupplier condition, final MasterConnection connection)
        throws InterruptedException
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() > deadlineNs)
            {
                fail("timed out waiting for " + what);
            }
            if (null == connection || 0 == connection.poll())
            {
                Thread.sleep(1);
            }
        }
    }

    private static int freeBasePort()
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
     * Collects the agent ids of each GetState answer, SnapshotBegin to SnapshotEnd.
     */
    private static final class StateReader
    {
        final List<List<Long>> states = new ArrayList<>();
        private final MessageHeaderDecoder header = new MessageHeaderDecoder();
        private final AgentRecordDecoder agentRecord = new AgentRecordDecoder();
        private List<Long> agentIds;

        void onMessage(final DirectBuffer buffer, final int offset, final int length)
        {
            header.wrap(buffer, offset);
            switch (header.templateId())
            {
                case SnapshotBeginDecoder.TEMPLATE_ID -> agentIds = new ArrayList<>();
                case AgentRecordDecoder.TEMPLATE_ID ->
                {
                    if (null != agentIds)
                    {
                        agentIds.add(agentRecord.wrapAndApplyHeader(buffer, offset, header).agentId());
                    }
                }
                case SnapshotEndDecoder.TEMPLATE_ID ->
                {
                    if (null != agentIds)
                    {
                        states.add(agentIds);
                        agentIds = null;
                    }
                }
                default ->
                {
                }
            }
        }
    }
}

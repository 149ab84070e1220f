/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.cluster;

import io.allot.cli.Allot;
import org.agrona.concurrent.ShutdownSignalBarrier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.allot.cluster.ClusterTesting.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code allot master} with the single member on a free port: it reports itself LEADER, serves a client, and stops
 * cleanly on the shutdown signal.
 */
class MasterCommandTest
{
    @TempDir
    Path dir;

    @Test
    @Timeout(30)
    void shouldRunTheEmbeddedMemberUntilSignalled() throws Exception
    {
        final String members = ClusterTesting.freeMembers(1);
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final Path memberDir = dir.resolve("master");
        final CompletableFuture<Integer> status = CompletableFuture.supplyAsync(() -> Allot.run(
            new String[]{ "master", "--members", members, "--dir", memberDir.toString(), "--clean" },
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8)));
        try
        {
            await("the member to report itself leader", 20_000,
                () -> status.isDone() || out.toString(StandardCharsets.UTF_8).contains("allot master 0: role LEADER, leader 0, term "));
            assertTrue(!status.isDone(), "the member stopped: " + err.toString(StandardCharsets.UTF_8));

            try (ClusterTesting.Client client = new ClusterTesting.Client(members))
            {
                client.send(client.encoder.getState(1), 10_000);
                await("the master's state", 10_000, () -> !client.log.states.isEmpty(), client);
            }

            final DirectoryInUseException ex = assertThrows(DirectoryInUseException.class,
                () -> MasterNode.launch(new MasterNodeContext().members(members).dir(memberDir.toFile())));
            assertTrue(ex.getMessage().startsWith("the member directory " + memberDir + " is in use"), ex.getMessage());
        }
        finally
        {
            try (ShutdownSignalBarrier barrier = new ShutdownSignalBarrier())
            {
                barrier.signalAll();
            }
        }

        assertEquals(0, status.get(20, TimeUnit.SECONDS), err.toString(StandardCharsets.UTF_8));
        final String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.startsWith("allot master 0: members " + members + ", dir " + memberDir.toAbsolutePath() + ", clean start"),
            text);
        assertTrue(text.endsWith("allot master 0: stopping" + System.lineSeparator()), text);
        assertEquals("", err.toString(StandardCharsets.UTF_8));
        assertTrue(Files.isDirectory(memberDir.resolve("cluster")));
        assertTrue(!Files.exists(memberDir.resolve("aeron")), "the driver's directory is removed on close");
    }
}

/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import io.allot.agent.MachineResources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code allot agent}'s flags and configuration: help, and a clear error with exit status 2 for every bad input,
 * before anything connects. The agent at work is tested by RealAgentTest and the agent module.
 */
class AgentCommandTest
{
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    @Timeout(10)
    void shouldDocumentItsFlags()
    {
        assertEquals(0, run("--help"));
        final String usage = out.toString(StandardCharsets.UTF_8);
        for (final String flag : new String[]{ "--master", "--work-dir", "--resources", "--attributes", "--isolation", "--hostname",
            "--cgroup-hierarchy", "--idle" })
        {
            assertTrue(usage.contains(flag), flag + " in " + usage);
        }
    }

    @Test
    @Timeout(30)
    void shouldRefuseBadConfigurationWithStatusTwo()
    {
        final String workDir = dir.resolve("agent").toString();
        assertUsageError("allot agent: --master is required", "--work-dir", workDir);
        assertUsageError("allot agent: --work-dir is required", "--master", "localhost:9000");
        assertUsageError("allot agent: unknown option '--slave'", "--slave", "x");
        assertUsageError("allot agent: --isolation must be one of cgroups, posix, got 'docker'",
            "--master", "localhost:9000", "--work-dir", workDir, "--isolation", "docker");
        assertUsageError("allot agent: --idle must be one of backoff, yield, spin, got 'nap'",
            "--master", "localhost:9000", "--work-dir", workDir, "--idle", "nap");
        assertUsageError("asks for more than this machine has: cpus:100000",
            "--master", "localhost:9000", "--work-dir", workDir, "--resources", "cpus:100000;mem:64");
        assertUsageError("allot agent: --resources:", "--master", "localhost:9000", "--work-dir", workDir, "--resources", "cpus:x");
        assertUsageError("allot agent: --attributes: 'rack' is not NAME:VALUE",
            "--master", "localhost:9000", "--work-dir", workDir, "--attributes", "rack");
        assertUsageError("invalid cgroup hierarchy name '../etc'",
            "--master", "localhost:9000", "--work-dir", workDir, "--isolation", "posix", "--cgroup-hierarchy", "../etc");
    }

    @Test
    @Timeout(10)
    void shouldTakeWhatTheMachineHasForMissingResources()
    {
        final MachineResources machine = MachineResources.of(8, 16L << 30, 100L << 30);
        assertEquals("cpus:2;mem:15360;disk:97280;ports:[31000-32000]", machine.resolve("cpus:2"));
        assertEquals("cpus:8;mem:512;disk:97280;ports:[5000-5009]", machine.resolve("mem:512;ports:[5000-5009]"));
        assertEquals("cpus:1;mem:512;disk:512;ports:[31000-32000]", MachineResources.of(1, 1L << 30, 1L << 30).resolve(""));
        final IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> machine.resolve("cpus:9;mem:20000"));
        assertTrue(error.getMessage().contains("cpus:9 but the machine has 8; mem:20000 but the machine has 16384 MB"), error.getMessage());
    }

    private void assertUsageError(final String expected, final String... args)
    {
        err.reset();
        assertEquals(2, run(args), err.toString(StandardCharsets.UTF_8));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains(expected), err.toString(StandardCharsets.UTF_8));
    }

    private int run(final String... args)
    {
        return new AgentCommand().run(
            args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }
}

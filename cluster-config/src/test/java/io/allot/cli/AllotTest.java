/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AllotTest
{
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void shouldListTheCommandsForHelpAndWithoutArguments()
    {
        assertEquals(0, run("--help"));
        final String usage = out();
        assertTrue(usage.startsWith("usage: allot <command> [options]"), usage);
        for (final String command : new String[]{ "demo", "simulate", "master", "state", "stat", "snapshot", "agent", "local", "execute",
            "bench" })
        {
            assertTrue(usage.contains("\n  " + command + " "), command + " in " + usage);
        }
        assertFalse(usage.contains("(not in this build yet)"), usage);

        out.reset();
        assertEquals(0, run());
        assertEquals(usage, out());
    }

    @Test
    void shouldRefuseAnUnknownCommandOrFlagWithStatusTwo()
    {
        assertEquals(2, run("frobnicate"));
        assertTrue(err().contains("allot: unknown command 'frobnicate'"), err());
        assertTrue(err().contains("allot --help"), err());
        assertEquals("", out());

        err.reset();
        assertEquals(2, run("--frobnicate"));
        assertTrue(err().contains("allot: unknown option '--frobnicate'"), err());
    }

    @Test
    void shouldDocumentEveryCommand()
    {
        for (final String command : new String[]{ "demo", "simulate", "master", "state", "stat", "snapshot", "agent", "local", "execute",
            "bench" })
        {
            out.reset();
            assertEquals(0, run(command, "--help"), command);
            assertTrue(out().startsWith("usage: allot " + command), out());
        }
    }

    @Test
    void shouldDocumentSimulate()
    {
        assertEquals(0, run("simulate", "--help"));
        assertTrue(out().startsWith("usage: allot simulate SCENARIO [--seed N] [--out DIR]"), out());
        assertTrue(out().contains("docs/simulate.md"), out());

        out.reset();
        assertEquals(0, run("help", "simulate"));
        assertTrue(out().startsWith("usage: allot simulate"), out());
    }

    @Test
    void shouldRefuseBadSimulateUsageWithStatusTwo()
    {
        assertEquals(2, run("simulate"));
        assertTrue(err().contains("allot simulate: missing SCENARIO"), err());

        err.reset();
        assertEquals(2, run("simulate", "a.scenario", "--seed", "seven"));
        assertTrue(err().contains("--seed needs a whole number, got 'seven'"), err());

        err.reset();
        assertEquals(2, run("simulate", "a.scenario", "--speed", "11"));
        assertTrue(err().contains("unknown option '--speed'"), err());

        err.reset();
        assertEquals(2, run("simulate", "a.scenario", "--out"));
        assertTrue(err().contains("--out needs a value"), err());

        err.reset();
        assertEquals(2, run("simulate", "no/such/file.scenario"));
        assertTrue(err().contains("cannot read no/such/file.scenario: no such file"), err());
    }

    @Test
    @Timeout(30)
    void shouldReportAScenarioErrorWithItsLineAndStatusTwo(@TempDir final Path dir) throws IOException
    {
        final Path scenario = dir.resolve("bad.scenario");
        Files.writeString(scenario, "agent a1 cpus:1\n\nagent a1 cpus:2\nrun 10s\n");

        assertEquals(2, run("simulate", scenario.toString()));
        assertEquals(scenario + ":3: duplicate agent id 'a1' (first declared at line 1)" + System.lineSeparator(), err());
        assertEquals("", out());

        err.reset();
        Files.writeString(scenario,
            "agent a1 cpus:4;mem:1024\nframework F task=cpus:1 role=prod\n\nat 2s set-quota prod cpus:5\nrun 10s\n");
        assertEquals(2, run("simulate", scenario.toString()));
        assertEquals(scenario + ":4: the engine refused UpdateQuota: quota of role 'prod' (cpus:5) with the other guarantees " +
            "exceeds the cluster's total cpus of 4: use force to set it anyway" + System.lineSeparator(), err());
        assertEquals("", out());
    }

    @Test
    @Timeout(30)
    void shouldSimulateAScenarioAndWriteTheOutputs(@TempDir final Path dir) throws IOException
    {
        final Path scenario = dir.resolve("drf.scenario");
        Files.writeString(scenario, String.join("\n",
            "seed 1",
            "agent node-1 cpus:9;mem:18432",
            "framework A task=cpus:1;mem:4096 tasks=unlimited per_offer=1 duration=inf refuse=0s",
            "framework B task=cpus:3;mem:1024 tasks=unlimited per_offer=1 duration=inf refuse=0s",
            "run 30s",
            ""));
        final Path outDir = dir.resolve("out");

        assertEquals(0, run("simulate", scenario.toString(), "--seed=5", "--out", outDir.toString()));

        final String[] lines = out().split("\\R");
        assertEquals(3, lines.length, out());
        assertEquals("framework A running=3 launched=3 finished=0 share=0.667 role=* revoked=0", lines[0]);
        assertEquals("framework B running=2 launched=2 finished=0 share=0.667 role=* revoked=0", lines[1]);
        assertTrue(lines[2].matches("digest [0-9a-f]{16}"), lines[2]);
        for (final String file : new String[]{ "offers.csv", "tasks.csv", "shares.csv", "shares.svg" })
        {
            assertTrue(Files.size(outDir.resolve(file)) > 0, file);
        }
    }

    @Test
    @Timeout(30)
    void shouldRunTheDemo()
    {
        assertEquals(0, run("demo", "--simulated"));

        final String text = out();
        assertTrue(text.startsWith("allot demo: simulating the bundled scenario"), text);
        assertTrue(text.contains("\nframework analytics running="), text);
        assertTrue(text.contains("\nframework cache running="), text);
        assertTrue(text.contains("\nframework web running="), text);
        assertTrue(text.matches("(?s).*\ndigest [0-9a-f]{16}\\R$"), text);
    }

    @Test
    void shouldDocumentTheDemo()
    {
        assertEquals(0, run("demo", "--help"));
        assertTrue(out().startsWith("usage: allot demo"), out());

        out.reset();
        assertEquals(2, run("demo", "extra"));
        assertTrue(err().contains("allot demo: unexpected argument 'extra'"), err());
    }

    @Test
    void shouldBundleTheDemoScenarioOfTheExamples() throws IOException
    {
        final Path example = Path.of("..", "examples", "scenarios", "demo.scenario");
        assertEquals(Files.readString(example, StandardCharsets.UTF_8), DemoCommand.readScenario(),
            "cluster-config/src/main/resources/io/allot/cli/demo.scenario must be a copy of " + example);
    }

    private int run(final String... args)
    {
        return Allot.run(
            args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out()
    {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err()
    {
        return err.toString(StandardCharsets.UTF_8);
    }
}

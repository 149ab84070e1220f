/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.bench;

import io.allot.cli.Allot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code allot bench}: the subcommands it lists, their help, and the clear refusal of bad usage (status 2), all without
 * starting a master.
 */
class BenchCommandTest
{
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    @Timeout(10)
    void shouldListTheSubcommandsOnHelp()
    {
        assertEquals(0, run("bench", "--help"));
        final String usage = out();
        assertTrue(usage.startsWith("usage: allot bench <subcommand> [options]"), usage);
        assertTrue(usage.contains("\n  scale "), usage);
        assertTrue(usage.contains("\n  failover "), usage);
        assertTrue(usage.contains("\n  offer-rtt "), usage);

        out.reset();
        assertEquals(0, run("help", "bench"));
        assertEquals(usage, out());

        out.reset();
        assertEquals(0, run("--help"));
        assertTrue(out().contains("\n  bench "), out());
    }

    @Test
    @Timeout(10)
    void shouldShowEachSubcommandsHelp()
    {
        assertEquals(0, run("bench", "scale", "--help"));
        assertTrue(out().startsWith("usage: allot bench scale --agents N --frameworks F"), out());
        assertTrue(out().contains("--profile"), out());

        out.reset();
        assertEquals(0, run("bench", "failover", "-h"));
        assertTrue(out().startsWith("usage: allot bench failover [--members 3]"), out());
        assertTrue(out().contains("--leader-heartbeat-timeout 500ms"), out());

        out.reset();
        assertEquals(0, run("bench", "offer-rtt", "--help"));
        assertTrue(out().startsWith("usage: allot bench offer-rtt [--members 1|3|5] [--agents N] [--frameworks F] [--rate R]"), out());
        assertTrue(out().contains("--real"), out());
        assertTrue(out().contains("coordinated omission corrected"), out());
        assertEquals("", err());
    }

    @Test
    @Timeout(10)
    void shouldRefuseAMissingOrUnknownSubcommandWithStatusTwo()
    {
        assertEquals(2, run("bench"));
        assertTrue(err().contains("allot bench: a subcommand is required"), err());
        assertTrue(err().contains("usage: allot bench <subcommand>"), err());

        err.reset();
        assertEquals(2, run("bench", "offer-rtt-please"));
        assertTrue(err().contains("allot bench: unknown subcommand 'offer-rtt-please'"), err());
        assertTrue(err().contains("allot bench --help"), err());

        err.reset();
        assertEquals(2, run("bench", "--agents", "5"));
        assertTrue(err().contains("allot bench: unknown option '--agents'"), err());
        assertEquals("", out());
    }

    @Test
    @Timeout(10)
    void shouldRefuseBadScaleFlagsWithStatusTwo()
    {
        expectUsageError("allot bench scale: --agents is required", "bench", "scale", "--frameworks", "2");
        expectUsageError("allot bench scale: --frameworks is required", "bench", "scale", "--agents", "2");
        expectUsageError("allot bench scale: --agents needs a whole number, got 'many'", "bench", "scale", "--agents", "many",
            "--frameworks", "2");
        expectUsageError("allot bench scale: --agents must be between 1 and 10000000, got 0", "bench", "scale", "--agents", "0",
            "--frameworks", "2");
        expectUsageError("allot bench scale: unknown option '--agnets'", "bench", "scale", "--agnets", "5");
        expectUsageError("allot bench scale: --duration: ", "bench", "scale", "--agents", "5", "--frameworks", "1",
            "--duration", "soon");
        expectUsageError("allot bench scale: --master-heap must be a size such as 512m or 4g, got 'lots'", "bench", "scale",
            "--agents", "5", "--frameworks", "1", "--master-heap", "lots");
        expectUsageError("allot bench scale: --task-resources cpus:4 do not fit on an agent of cpus:2", "bench", "scale",
            "--agents", "5", "--frameworks", "1", "--agent-resources", "cpus:2", "--task-resources", "cpus:4");
        expectUsageError("allot bench scale: --agent-resources: ", "bench", "scale", "--agents", "5", "--frameworks", "1",
            "--agent-resources", "cpus:two");
        expectUsageError("allot bench scale: --agent-sessions and --framework-sessions may add up to 8", "bench", "scale",
            "--agents", "50", "--frameworks", "10", "--agent-sessions", "6", "--framework-sessions", "4");
        expectUsageError("allot bench scale: --master-args: expected a flag, got 'x'", "bench", "scale", "--agents", "5",
            "--frameworks", "1", "--master-args=x");
    }

    @Test
    @Timeout(10)
    void shouldRefuseBadFailoverFlagsWithStatusTwo()
    {
        expectUsageError("allot bench failover: --members must be between 3 and 5, got 7", "bench", "failover", "--members", "7");
        expectUsageError("allot bench failover: --members must be 3 or 5, got 4", "bench", "failover", "--members", "4");
        expectUsageError("allot bench failover: --warmup: ", "bench", "failover", "--warmup", "2 seconds");
        expectUsageError("allot bench failover: unexpected argument 'now'", "bench", "failover", "now");
        expectUsageError("allot bench failover: --out needs a value", "bench", "failover", "--out");
    }

    @Test
    @Timeout(10)
    void shouldRefuseBadOfferRttFlagsWithStatusTwo()
    {
        expectUsageError("allot bench offer-rtt: --members must be 1, 3 or 5, got 2", "bench", "offer-rtt", "--members", "2");
        expectUsageError("allot bench offer-rtt: --members must be between 1 and 5, got 7", "bench", "offer-rtt", "--members", "7");
        expectUsageError("allot bench offer-rtt: --rate needs a whole number, got 'fast'", "bench", "offer-rtt", "--rate", "fast");
        expectUsageError("allot bench offer-rtt: --rate must be between 1 and 1000000, got 0", "bench", "offer-rtt", "--rate", "0");
        expectUsageError("allot bench offer-rtt: --agents must be between 1 and 100000, got 0", "bench", "offer-rtt", "--agents", "0");
        expectUsageError("allot bench offer-rtt: --agents must be between 1 and 64 with --real, got 100", "bench", "offer-rtt",
            "--real", "--agents", "100");
        expectUsageError("allot bench offer-rtt: --frameworks must be between 1 and 64, got 65", "bench", "offer-rtt",
            "--frameworks", "65");
        expectUsageError("allot bench offer-rtt: --duration: ", "bench", "offer-rtt", "--duration", "a while");
        expectUsageError("allot bench offer-rtt: --duration must be positive", "bench", "offer-rtt", "--duration", "0s");
        expectUsageError("allot bench offer-rtt: --idle must be one of backoff, spin, yield, got 'nap'", "bench", "offer-rtt",
            "--idle", "nap");
        expectUsageError("allot bench offer-rtt: --agent-resources: ", "bench", "offer-rtt", "--agent-resources", "cpus:lots");
        expectUsageError("allot bench offer-rtt: unknown option '--in-flight'", "bench", "offer-rtt", "--in-flight", "5");
        expectUsageError("allot bench offer-rtt: unknown option '--real'", "bench", "offer-rtt", "--real=yes");
        expectUsageError("allot bench offer-rtt: --master-args: expected a flag, got 'x'", "bench", "offer-rtt", "--master-args=x");
    }

    private void expectUsageError(final String message, final String... args)
    {
        out.reset();
        err.reset();
        assertEquals(2, run(args), String.join(" ", args) + ": " + err());
        assertTrue(err().startsWith(message), "expected '" + message + "' but got: " + err());
        assertTrue(err().contains("--help' for usage"), err());
        assertEquals("", out());
    }

    private int run(final String... args)
    {
        return Allot.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
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

/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.cluster;

import io.allot.client.ClusterMembers;
import io.allot.cli.Allot;
import io.allot.engine.EngineContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code allot master}'s configuration: members lists, properties files, flags over the file, and a one-line error
 * with status 2 for anything wrong; no member is started here.
 */
class MasterConfigTest
{
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @TempDir
    Path dir;

    @Test
    @Timeout(10)
    void shouldDeriveEveryEndpointFromTheBasePorts()
    {
        final ClusterMembers members = ClusterMembers.parse("0=host-a:9000, 1=host-b:9000,2=host-b:9010");

        assertEquals(3, members.size());
        assertEquals("0=host-a:9001,1=host-b:9001,2=host-b:9011", members.ingressEndpoints());
        assertEquals(
            "0,host-a:9001,host-a:9002,host-a:9003,host-a:9004,host-a:9000|" +
            "1,host-b:9001,host-b:9002,host-b:9003,host-b:9004,host-b:9000|" +
            "2,host-b:9011,host-b:9012,host-b:9013,host-b:9014,host-b:9010",
            members.consensusModuleMembers());
        assertEquals("host-b:9016", members.member(2).endpoint(ClusterMembers.CLUSTER_REPLICATION_OFFSET));
        assertEquals("0=localhost:9000", ClusterMembers.parse(null).toString());
        assertEquals("0=localhost:9000", ClusterMembers.parse(" ").toString());
    }

    @Test
    @Timeout(10)
    void shouldTakeOneMembersHostAndPortAsEndpoints()
    {
        assertEquals("0=localhost:9000", ClusterMembers.parseEndpoints("localhost:9000").toString());
        assertEquals("0=localhost:9001", ClusterMembers.parseEndpoints("localhost:9000").ingressEndpoints());
        assertEquals("1=a:9000,2=b:9000", ClusterMembers.parseEndpoints("1=a:9000,2=b:9000").toString());
        assertEquals(ClusterMembers.DEFAULT_MEMBERS, ClusterMembers.parseEndpoints(null).toString());
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> ClusterMembers.parseEndpoints("a:70000"));
        assertEquals("'a:70000': port 70000 out of range: a base port must be 1..65529 (a member uses base..base+6)", ex.getMessage());
        assertEquals("'nohost' is not host:port or id=host:port,...",
            assertThrows(IllegalArgumentException.class, () -> ClusterMembers.parseEndpoints("nohost")).getMessage());
    }

    @Test
    @Timeout(10)
    void shouldReadTheSnapshotInterval()
    {
        final String dirFlag = "--dir=" + dir;
        assertEquals(0, MasterConfig.parse(new String[]{ dirFlag }).toContext().conclude().snapshotIntervalNs());
        assertEquals(TimeUnit.SECONDS.toNanos(30),
            MasterConfig.parse(new String[]{ dirFlag, "--snapshot-interval", "30s" }).toContext().conclude().snapshotIntervalNs());
        assertEquals(TimeUnit.MINUTES.toNanos(5),
            MasterConfig.parse(new String[]{ dirFlag, "--snapshot_interval=5m" }).toContext().conclude().snapshotIntervalNs());
        assertEquals(0, MasterConfig.parse(new String[]{ dirFlag, "--snapshot-interval", "0" }).toContext().snapshotIntervalNs());
        assertEquals(0, MasterConfig.parse(new String[]{ dirFlag, "--snapshot-interval", "off" }).toContext().snapshotIntervalNs());
        assertUsageError("allot master: --snapshot-interval: 'often' is not a duration (e.g. 500ms, 1s, 1.5s, 2m)",
            "--snapshot-interval", "often", dirFlag);
    }

    @Test
    @Timeout(10)
    void shouldReadTheIdleStrategy()
    {
        final String dirFlag = "--dir=" + dir;
        assertTrue(MasterConfig.parse(new String[]{ dirFlag, "--idle-strategy", "spin" }).toContext().conclude()
            .idleStrategySupplier().get() instanceof org.agrona.concurrent.BusySpinIdleStrategy);
        assertTrue(MasterConfig.parse(new String[]{ dirFlag, "--idle_strategy=yield" }).toContext().conclude()
            .idleStrategySupplier().get() instanceof org.agrona.concurrent.YieldingIdleStrategy);
        final ConfigException error = assertThrows(ConfigException.class,
            () -> MasterConfig.parse(new String[]{ dirFlag, "--idle-strategy", "nap" }).toContext());
        assertTrue(error.getMessage().contains("unknown idle strategy 'nap': use backoff, yield, spin"), error.getMessage());
    }

    @Test
    @Timeout(10)
    void shouldRefuseBadMembersLists()
    {
        assertMembersError("0=localhost", "'0=localhost' is not id=host:port");
        assertMembersError("a=localhost:9000", "'a=localhost:9000': the member id must be a whole number");
        assertMembersError("0=localhost:x", "the port must be a whole number, got 'x'");
        assertMembersError("0=localhost:65530", "port 65530 out of range: a base port must be 1..65529");
        assertMembersError("0=localhost:0", "port 0 out of range");
        assertMembersError("0=a:9000,0=b:9000", "member id 0 appears twice");
        assertMembersError("0=a:9000,1=a:9005", "members 0 and 1 on a have overlapping ports");
        assertMembersError("0=a:9000,", "'' is not id=host:port");
    }

    @Test
    @Timeout(10)
    void shouldReadAPropertiesFileAndLetFlagsOverrideIt() throws IOException
    {
        final Path file = dir.resolve("master.properties");
        Files.writeString(file, String.join("\n",
            "# a three-member cluster",
            "id=1",
            "members=0=localhost:21000,1=localhost:21010,2=localhost:21020",
            "dir=" + dir.resolve("from-file"),
            "allocation_interval=500ms",
            "offer_timeout=30s",
            "min_allocatable_resources=cpus:0.1|mem:64",
            "revocation_grace=2.5s",
            "leader_heartbeat_timeout=2s",
            ""));

        final MasterConfig config = MasterConfig.parse(new String[]{
            "--config", file.toString(), "--id", "2", "--dir=" + dir.resolve("from-flag"), "--offer-timeout", "none" });
        final MasterNodeContext ctx = config.toContext().conclude();

        assertEquals(2, ctx.memberId());
        assertEquals("0=localhost:21000,1=localhost:21010,2=localhost:21020", ctx.members());
        assertEquals(dir.resolve("from-flag").toFile(), ctx.dir());
        assertTrue(Files.isDirectory(dir.resolve("from-flag")));
        assertEquals(TimeUnit.SECONDS.toNanos(2), ctx.leaderHeartbeatTimeoutNs());
        assertEquals(TimeUnit.SECONDS.toNanos(4), ctx.startupCanvassTimeoutNs());
        assertEquals(500, ctx.engineContext().allocationIntervalMs());
        assertEquals(EngineContext.NO_TIMEOUT, ctx.engineContext().offerTimeoutMs());
        assertEquals("cpus:0.1|mem:64", ctx.engineContext().minAllocatableText());
        assertEquals(2_500, ctx.engineContext().revocationGraceMs());
        assertEquals(false, ctx.cleanStart());
        assertEquals(true, MasterConfig.parse(new String[]{ "--clean", "--dir", dir.toString() }).toContext().cleanStart());
    }

    @Test
    @Timeout(10)
    void shouldDefaultToTheEmbeddedSingleMember()
    {
        final MasterNodeContext ctx = MasterConfig.parse(new String[]{ "--dir", dir.toString() }).toContext().conclude();

        assertEquals(0, ctx.memberId());
        assertEquals(ClusterMembers.DEFAULT_MEMBERS, ctx.members());
        assertEquals(TimeUnit.SECONDS.toNanos(1), ctx.leaderHeartbeatTimeoutNs());
        assertEquals(TimeUnit.MILLISECONDS.toNanos(100), ctx.leaderHeartbeatIntervalNs());
        assertEquals(TimeUnit.MILLISECONDS.toNanos(500), ctx.electionTimeoutNs());
        assertEquals(TimeUnit.SECONDS.toNanos(2), ctx.startupCanvassTimeoutNs());
        assertEquals(TimeUnit.SECONDS.toNanos(5), ctx.sessionTimeoutNs());
    }

    @Test
    @Timeout(10)
    void shouldExitWithStatusTwoAndOneLineForBadConfiguration() throws IOException
    {
        final String dirFlag = "--dir=" + dir;
        assertUsageError("allot master: --members: '0=localhost' is not id=host:port", "--members", "0=localhost", dirFlag);
        assertUsageError("allot master: --id: member 3 is not in the members 0=a:9000,1=b:9000 (ids 0, 1)",
            "--members", "0=a:9000,1=b:9000", "--id", "3", dirFlag);
        assertUsageError("allot master: --members: '0=localhost:70000': port 70000 out of range: a base port must be 1..65529 " +
            "(a member uses base..base+6)", "--members", "0=localhost:70000", dirFlag);
        assertUsageError("allot master: --id: 'one' is not a whole number", "--id", "one", dirFlag);
        assertUsageError("allot master: unknown option '--frobnicate'", "--frobnicate", "1");
        assertUsageError("allot master: unexpected argument 'extra'", "extra");
        assertUsageError("allot master: --members needs a value", "--members");
        assertUsageError("allot master: --allocation-interval: '1x' is not a duration (e.g. 500ms, 1s, 1.5s, 2m)",
            "--allocation-interval", "1x", dirFlag);
        assertUsageError("allot master: --min-allocatable-resources: invalid resources at position 5", "--min-allocatable-resources",
            "cpus:x", dirFlag);
        assertUsageError("allot master: engine configuration: role_sorter must be 'drf' or 'random'", "--role-sorter", "fifo", dirFlag);

        final Path file = dir.resolve("file-in-the-way");
        Files.writeString(file, "not a directory");
        assertUsageError("allot master: cannot create the member directory " + file.resolve("member"),
            "--dir", file.resolve("member").toString());

        final Path properties = dir.resolve("bad.properties");
        Files.writeString(properties, "id=0\nallocation_interval=1s\nspeed=11\n");
        assertUsageError("allot master: " + properties + ": unknown key 'speed' (known: id, members, dir",
            "--config", properties.toString());
        assertUsageError("allot master: cannot read no/such.properties: no such file", "--config", "no/such.properties");

        Files.writeString(properties, "revocation_grace=soon\n");
        assertUsageError("allot master: " + properties + ": revocation_grace: 'soon' is not a duration",
            "--config", properties.toString(), dirFlag);
    }

    @Test
    @Timeout(10)
    void shouldDocumentTheMasterCommand()
    {
        assertEquals(0, run("master", "--help"));
        assertTrue(out().startsWith("usage: allot master [--id N] [--members LIST] [--dir DIR] [--config FILE] [--clean]"), out());
        assertTrue(out().contains("docs/master.md"), out());
        assertEquals("", err());
    }

    private static void assertMembersError(final String members, final String expected)
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> ClusterMembers.parse(members));
        assertTrue(ex.getMessage().contains(expected), ex.getMessage());
    }

    private void assertUsageError(final String expectedStart, final String... args)
    {
        out.reset();
        err.reset();
        final String[] command = new String[args.length + 1];
        command[0] = "master";
        System.arraycopy(args, 0, command, 1, args.length);

        assertEquals(2, run(command), err());
        final String text = err();
        assertTrue(text.startsWith(expectedStart), text);
        assertEquals(1, text.split("\\R").length, "one line: " + text);
        assertEquals("", out());
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

/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.cluster;

import io.allot.cli.Allot;
import io.allot.codecs.sbe.TaskReason;
import io.allot.codecs.sbe.TaskState;
import io.allot.engine.EngineContext;
import io.allot.resources.ResourceNames;
import io.allot.resources.ResourcesParser;
import org.agrona.CloseHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.allot.cluster.ClusterTesting.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The operator commands against a running single member in this JVM: {@code allot state} through a client session,
 * {@code allot stat} and {@code allot snapshot} through the member's directory only (its CnC file), and periodic
 * snapshots.
 */
class OperatorCommandsTest
{
    private static final long TIMEOUT_MS = 10_000;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private MasterNode node;
    private ClusterTesting.Client framework;
    private ClusterTesting.Client agent;

    @TempDir
    Path dir;

    @AfterEach
    void after()
    {
        CloseHelper.closeAll(framework, agent, node);
    }

    @Test
    @Timeout(30)
    void shouldPrintTheStateWithAgentFrameworkTaskAndOfferAsJson()
    {
        final String members = ClusterTesting.freeMembers(1);
        node = MasterNode.launch(ClusterTesting.member(members, 0, dir, true)
            .engineContext(new EngineContext().allocationIntervalMs(100)));
        ClusterTesting.awaitLeader(List.of(node), TIMEOUT_MS);
        framework = new ClusterTesting.Client(members);
        agent = new ClusterTesting.Client(members);
        agent.send(agent.encoder.registerAgent(1, ResourcesParser.parse("cpus:2;mem:1024", new ResourceNames()), "host-a", "rack:r1"),
            TIMEOUT_MS);
        await("AgentRegistered", TIMEOUT_MS, () -> !agent.log.agentIds.isEmpty(), agent);
        framework.send(framework.encoder.subscribe(1, 0, 60_000, false, "framework-a", "*"), TIMEOUT_MS);
        await("an offer", TIMEOUT_MS, () -> !framework.log.offers.isEmpty(), framework);
        final long frameworkId = framework.log.frameworkIds.get(0);
        final long agentId = agent.log.agentIds.get(0);

        framework.send(framework.encoder.accept(frameworkId, 0, framework.log.offers.get(0).offerId(), 7, 1,
            ResourcesParser.parse("cpus:1;mem:256", new ResourceNames()), "task-7", "sleep 60"), TIMEOUT_MS);
        await("RunTask 7", TIMEOUT_MS, () -> agent.log.runTaskCount(7) > 0, agent);
        agent.send(agent.encoder.statusUpdate(agentId, frameworkId, 7, TaskState.TASK_RUNNING, TaskReason.NONE, 0, 1, 0, ""),
            TIMEOUT_MS);
        await("TASK_RUNNING and the offer of the rest", TIMEOUT_MS,
            () -> framework.log.updateCount(7, TaskState.TASK_RUNNING) > 0 && framework.log.offers.size() > 1, framework, agent);

        assertEquals(0, run("state", "--master", members), err());
        final String json = out();
        assertTrue(json.startsWith("{\n  \"leader\": 0,\n  \"term\": "), json);
        assertTrue(json.contains("\"hostname\":\"host-a\""), json);
        assertTrue(json.contains("\"resources\":\"cpus:2;mem:1024\",\"free\":\"\""), json);
        assertTrue(json.contains("\"name\":\"framework-a\",\"role\":\"*\""), json);
        assertTrue(json.contains("\"id\":7,\"state\":\"TASK_RUNNING\""), json);
        assertTrue(json.contains("\"name\":\"task-7\",\"resources\":\"cpus:1;mem:256\""), json);
        assertTrue(json.contains("\"offers\": [\n    {\"id\":" + framework.log.offers.get(1).offerId() + ",\"framework_id\":" +
            frameworkId + ",\"agent_id\":" + agentId + ",\"resources\":\"cpus:1;mem:768\"}\n  ]"), json);
        assertTrue(json.contains(String.format(Locale.ROOT, "\"digest\": \"%016x\"", node.masterService().lastStateDigest())), json);
        assertEquals("", err());

        final String hostPort = members.substring(members.indexOf('=') + 1);
        assertEquals(0, run("state", "--master", hostPort, "--timeout", "5s"), err());
        assertTrue(out().contains("\"id\":7,\"state\":\"TASK_RUNNING\""), out());
    }

    @Test
    @Timeout(30)
    void shouldReadTheCountersAndTakeASnapshotThroughTheMembersDirectory()
    {
        final String members = ClusterTesting.freeMembers(1);
        node = MasterNode.launch(ClusterTesting.member(members, 0, dir, true));
        ClusterTesting.awaitLeader(List.of(node), TIMEOUT_MS);
        final String memberDir = node.context().dir().toString();
        await("the member to apply its leadership term", TIMEOUT_MS,
            () -> 0 == run("stat", "--dir", memberDir) && out().contains("\ncluster leader                 0\n"));

        String stat = out();
        assertTrue(stat.startsWith("allot stat: member " + memberDir + " (media driver pid " + ProcessHandle.current().pid()), stat);
        assertEquals("LEADER", field(stat, "cluster role"));
        assertEquals("0", field(stat, "cluster leader"));
        assertEquals(Long.toString(node.leadershipTermId()), field(stat, "cluster leadership term"));
        assertEquals("0", field(stat, "cluster snapshots"));
        assertEquals("ACTIVE", field(stat, "cluster module state"));
        assertEquals("0", field(stat, "allot agents"));
        assertEquals("0", field(stat, "allot errors"));

        assertEquals(0, run("snapshot", "--dir", memberDir), err());
        assertEquals("allot snapshot: taken (1 snapshots)\n", out());
        assertEquals(1, node.snapshotCount());
        assertEquals(1, node.masterService().snapshotsTaken());

        framework = new ClusterTesting.Client(members);
        framework.send(framework.encoder.getState(1), TIMEOUT_MS);
        await("the state", TIMEOUT_MS, () -> !framework.log.states.isEmpty(), framework);
        assertEquals(0, run("stat", "--dir", memberDir), err());
        stat = out();
        assertEquals("1", field(stat, "cluster snapshots"));
        assertEquals(String.format(Locale.ROOT, "%016x", framework.log.states.get(0).digest()), field(stat, "allot state digest"));
        assertEquals(0, node.errorCount());
    }

    @Test
    @Timeout(30)
    void shouldTakeSnapshotsPeriodicallyWhileLeader()
    {
        final String members = ClusterTesting.freeMembers(1);
        node = MasterNode.launch(ClusterTesting.member(members, 0, dir, true).snapshotIntervalNs(TimeUnit.MILLISECONDS.toNanos(200)));
        ClusterTesting.awaitLeader(List.of(node), TIMEOUT_MS);

        await("three periodic snapshots", TIMEOUT_MS, () -> node.snapshotCount() >= 3);
        assertTrue(node.periodicSnapshotRequests() >= 3, "requests " + node.periodicSnapshotRequests());
        assertEquals(0, run("stat", "--dir", node.context().dir().toString()), err());
        assertTrue(Long.parseLong(field(out(), "cluster snapshots")) >= 3, out());
        assertEquals(0, node.errorCount());
    }

    @Test
    @Timeout(30)
    void shouldWatchUntilTheMemberStops() throws Exception
    {
        final String members = ClusterTesting.freeMembers(1);
        node = MasterNode.launch(ClusterTesting.member(members, 0, dir, true));
        ClusterTesting.awaitLeader(List.of(node), TIMEOUT_MS);
        final CompletableFuture<Integer> status = CompletableFuture.supplyAsync(
            () -> run("stat", "--dir", node.context().dir().toString(), "--watch", "0.05"));
        await("two reports", TIMEOUT_MS, () -> out().split("allot stat: member ").length > 2);

        node.close();
        assertEquals(1, status.get(TIMEOUT_MS, TimeUnit.MILLISECONDS));
        assertTrue(err().startsWith("allot stat: no member runs on " + node.context().dir()), err());
    }

    @Test
    @Timeout(30)
    void shouldExitWithOneWhenNoMemberRunsAndTwoForBadUsage()
    {
        final String emptyDir = dir.toString();
        assertStatus(1, "allot stat: no member runs on " + emptyDir + ": " + dir.resolve("aeron") + " has no media driver",
            "stat", "--dir", emptyDir);
        assertStatus(1, "allot snapshot: no member runs on " + emptyDir, "snapshot", "--dir", emptyDir);
        final String nobody = ClusterTesting.freeMembers(1);
        assertStatus(1, "allot state: no master answered at " + nobody + " within 1000 ms: ",
            "state", "--master", nobody, "--timeout", "1s");

        assertStatus(2, "allot state: --master: '0=localhost' is not id=host:port", "state", "--master", "0=localhost");
        assertStatus(2, "allot state: --master: 'localhost:70000': port 70000 out of range", "state", "--master", "localhost:70000");
        assertStatus(2, "allot state: --master: 'localhost' is not host:port or id=host:port,...", "state", "--master", "localhost");
        assertStatus(2, "allot state: --timeout: 'soon' is not a positive duration", "state", "--timeout", "soon");
        assertStatus(2, "allot stat: --dir DIR is required", "stat");
        assertStatus(2, "allot stat: --watch: '0' is not a positive duration", "stat", "--dir", emptyDir, "--watch", "0");
        assertStatus(2, "allot stat: unknown option '--master'", "stat", "--master", "localhost:9000");
        assertStatus(2, "allot snapshot: unexpected argument 'now'", "snapshot", "now");
        assertStatus(2, "allot snapshot: --dir needs a value", "snapshot", "--dir");

        for (final String command : new String[]{ "state", "stat", "snapshot" })
        {
            out.reset();
            assertEquals(0, run(command, "--help"));
            assertTrue(out().startsWith("usage: allot " + command + " "), out());
            assertTrue(out().contains("Exit status: "), out());
        }
    }

    private void assertStatus(final int expected, final String expectedErrorStart, final String... args)
    {
        assertEquals(expected, run(args), err());
        assertTrue(err().startsWith(expectedErrorStart), err());
        assertEquals(1, err().split("\\R").length, "one line: " + err());
        assertEquals("", out());
    }

    /**
     * @return the value of one line of {@code allot stat}.
     */
    static String field(final String stat, final String name)
    {
        final Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(name) + " +(\\S+)$").matcher(stat);
        assertTrue(matcher.find(), name + " in " + stat);
        return matcher.group(1);
    }

    private int run(final String... args)
    {
        out.reset();
        err.reset();
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

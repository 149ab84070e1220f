/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.cluster;

import io.allot.cli.Allot;
import io.allot.master.MasterCounters;
import io.aeron.cluster.service.Cluster;
import org.agrona.CloseHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Three {@code allot master} processes on loopback; a framework and an agent in this JVM launch tasks continuously;
 * the leader's process is killed with SIGKILL. A survivor becomes leader, both clients follow it by themselves, tasks
 * keep being launched and acknowledged, no task is launched twice or lost, the agent never re-registers, and both
 * survivors reach the same state digest, read from their counters by {@code allot stat} as another process would.
 * <p>
 * The members run from this JVM's class path (no packaging needed) with {@code bin/allot}'s JVM flags and tuned
 * timeouts ({@value #TUNED_MASTER_ARGS}); other master flags for a run come from the system property
 * {@value #MASTER_ARGS_PROPERTY}, comma separated, e.g. the defaults with
 * {@code mvn verify -Dallot.test.jvm.args=-Dallot.failover.master.args=--leader-heartbeat-timeout=1s}.
 */
class MultiProcessFailoverTest
{
    static final String MASTER_ARGS_PROPERTY = "allot.failover.master.args";
    static final String TUNED_MASTER_ARGS = "--leader-heartbeat-timeout=500ms,--leader-heartbeat-interval=50ms,--election-timeout=250ms";
    private static final long TIMEOUT_MS = 20_000;
    private static final int EGRESS_DROPPED_TYPE_ID = MasterCounters.TYPE_ID_BASE + 9;

    private final Process[] processes = new Process[3];
    private final MemberCnc[] cncs = new MemberCnc[3];
    private TaskWorkload workload;

    @TempDir
    Path dir;

    @AfterEach
    void after() throws InterruptedException
    {
        CloseHelper.close(workload);
        CloseHelper.closeAll(cncs);
        for (final Process process : processes)
        {
            if (null != process && process.isAlive())
            {
                process.destroy();
            }
        }
        for (final Process process : processes)
        {
            if (null != process && !process.waitFor(10, TimeUnit.SECONDS))
            {
                process.destroyForcibly().waitFor();
            }
        }
    }

    @Test
    @Timeout(60)
    void shouldFailOverWhenTheLeadersProcessIsKilled() throws IOException
    {
        final String members = ClusterTesting.freeMembers(3);
        final long launchNs = System.nanoTime();
        for (int id = 0; id < 3; id++)
        {
            processes[id] = startMember(members, id);
        }
        final int leaderId = awaitLeaderByStat(TIMEOUT_MS);
        System.out.printf("multi-process: three processes launched until LEADER %d ms (member %d)%n",
            (System.nanoTime() - launchNs) / 1_000_000, leaderId);

        workload = new TaskWorkload(members, "cpus:4;mem:4096", "cpus:1;mem:256", 100);
        workload.start(TIMEOUT_MS);
        workload.runUntil("10 tasks", TIMEOUT_MS, () -> workload.launchedCount() >= 10);
        final List<Integer> survivors = new ArrayList<>(List.of(0, 1, 2));
        survivors.remove(Integer.valueOf(leaderId));
        for (final int id : survivors)
        {
            cncs[id] = MemberCnc.open(memberDir(id), false);
        }

        final List<EgressLog.Offer> offers = workload.framework.log.offers;
        final int launchedBefore = workload.launchedCount();
        final long killNs = System.nanoTime();
        processes[leaderId].destroyForcibly();
        final long[] newLeaderNs = { 0 };
        final int[] newLeaderId = { -1 };
        workload.runUntil("a new leader and an offer from it", TIMEOUT_MS, () ->
        {
            if (0 == newLeaderNs[0])
            {
                for (final int id : survivors)
                {
                    if (Cluster.Role.LEADER == cncs[id].role())
                    {
                        newLeaderNs[0] = System.nanoTime();
                        newLeaderId[0] = id;
                    }
                }
            }
            return 0 != newLeaderNs[0] && !workload.framework.newLeaderNs.isEmpty() &&
                offers.get(offers.size() - 1).receivedNs() >= workload.framework.newLeaderNs.get(0);
        });
        // The first offer the new leader made: offers the old one sent just before the kill may arrive after it.
        final long clientFollowedNs = workload.framework.newLeaderNs.get(0);
        final long firstOfferNs = offers.stream().mapToLong(EgressLog.Offer::receivedNs).filter((ns) -> ns >= clientFollowedNs)
            .min().orElseThrow();
        System.out.printf("multi-process failover: SIGKILL of leader %d -> member %d LEADER after %d ms, framework follows " +
            "after %d ms, first offer after %d ms (master flags %s)%n", leaderId, newLeaderId[0], (newLeaderNs[0] - killNs) / 1_000_000,
            (clientFollowedNs - killNs) / 1_000_000, (firstOfferNs - killNs) / 1_000_000, masterArgs());
        assertEquals(137, processes[leaderId].onExit().join().exitValue(), "killed by SIGKILL");

        workload.runUntil("10 tasks after the failover", TIMEOUT_MS, () -> workload.launchedCount() >= launchedBefore + 10);
        System.out.printf("multi-process failover: egress dropped by the new leader %d, by the other survivor %d%n",
            cncs[newLeaderId[0]].value(EGRESS_DROPPED_TYPE_ID, -1),
            survivors.stream().filter((id) -> id != newLeaderId[0]).mapToLong((id) -> cncs[id].value(EGRESS_DROPPED_TYPE_ID, -1)).sum());
        workload.stopLaunching();
        workload.runUntil("every task to finish", TIMEOUT_MS, workload::isQuiet);
        final long digest = workload.getState(100, TIMEOUT_MS).digest();
        workload.runUntil("both survivors to reach the digest " + Long.toHexString(digest), TIMEOUT_MS,
            () -> survivors.stream().allMatch((id) -> digest == cncs[id].value(NodeCounters.STATE_DIGEST_TYPE_ID, 0)));

        assertNotEquals(leaderId, newLeaderId[0]);
        assertTrue(firstOfferNs - killNs < TimeUnit.SECONDS.toNanos(5), "the new leader serves within a few seconds");
        assertEquals(newLeaderId[0], workload.framework.connection.leaderMemberId());
        assertEquals(newLeaderId[0], workload.agent.connection.leaderMemberId());
        assertTrue(workload.framework.connection.newLeaderCount() >= 1, "the framework followed the new leader");
        assertTrue(workload.agent.connection.newLeaderCount() >= 1, "the agent followed the new leader");
        workload.assertEveryTaskRanOnceToItsEnd();
        assertTrue(workload.ackReceivedNs.stream().anyMatch((ns) -> ns > newLeaderNs[0]), "acknowledgements after the failover");
        assertEquals(List.of(), workload.unexpectedErrors());
        assertEquals(1, workload.agent.log.agentIds.size());
        assertEquals(List.of(), workload.agent.log.reregisteredAgentIds);
        assertEquals(1, workload.framework.log.frameworkIds.size());

        for (final int id : survivors)
        {
            final String stat = run("stat", "--dir", memberDir(id).toString());
            assertEquals(String.format(Locale.ROOT, "%016x", digest), OperatorCommandsTest.field(stat, "allot state digest"));
            assertEquals(Integer.toString(newLeaderId[0]), OperatorCommandsTest.field(stat, "cluster leader"));
            final String log = Files.readString(dir.resolve("member-" + id + ".log"));
            assertTrue(!log.contains(" error: "), "member " + id + " printed: " + log);
        }
        final String json = run("state", "--master", members);
        assertTrue(json.startsWith("{\n  \"leader\": " + newLeaderId[0] + ",\n"), json);
        assertTrue(json.contains("\"hostname\":\"host-a\""), json);
        assertTrue(json.contains("\"tasks\": []"), "every task finished and was acknowledged: " + json);
        final String killed = run("stat", "--dir", memberDir(leaderId).toString());
        assertEquals("", killed, "allot stat finds no running member where the leader was killed");
        assertEquals(0, workload.lostRunTasks(), "a RunTask lost with the leader is sent again by the new one: no task lost");
        System.out.printf("multi-process failover: %d tasks started once each, %d acknowledgements after the failover; " +
            "%d RunTasks sent again, %d tasks lost; %d acknowledgements of TASK_FINISHED lost in the failover%n",
            workload.launchedCount(), workload.ackReceivedNs.stream().filter((ns) -> ns > newLeaderNs[0]).count(),
            workload.repeatedRunTasks(), workload.lostRunTasks(), workload.inferredAcks());
    }

    private Process startMember(final String members, final int id) throws IOException
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(AllotJvm.FLAGS);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Allot.class.getName(), "master",
            "--id", Integer.toString(id), "--members", members, "--dir", memberDir(id).toString(), "--clean",
            "--allocation-interval", "100ms"));
        command.addAll(masterArgs());
        final File log = dir.resolve("member-" + id + ".log").toFile();
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
    }

    private static List<String> masterArgs()
    {
        final String args = System.getProperty(MASTER_ARGS_PROPERTY, TUNED_MASTER_ARGS).trim();
        return args.isEmpty() ? List.of() : Arrays.asList(args.split(","));
    }

    private File memberDir(final int id)
    {
        return dir.resolve("member-" + id).toFile();
    }

    /**
     * Read every member's role with {@code allot stat} until one is LEADER, the others FOLLOWER, and all agree on
     * the leader.
     */
    private int awaitLeaderByStat(final long timeoutMs) throws IOException
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        final String[] roles = new String[3];
        final String[] leaders = new String[3];
        while (System.nanoTime() < deadlineNs)
        {
            for (int id = 0; id < 3; id++)
            {
                if (!processes[id].isAlive())
                {
                    fail("member " + id + " exited: " + Files.readString(dir.resolve("member-" + id + ".log")));
                }
                final String stat = run("stat", "--dir", memberDir(id).toString());
                roles[id] = stat.contains("\ncluster role ") ? OperatorCommandsTest.field(stat, "cluster role") : "";
                leaders[id] = stat.contains("\ncluster leader ") ? OperatorCommandsTest.field(stat, "cluster leader") : "";
            }
            final int leader = Arrays.asList(roles).indexOf("LEADER");
            if (leader >= 0 && Arrays.stream(leaders).allMatch(Integer.toString(leader)::equals) &&
                Arrays.stream(roles).filter("FOLLOWER"::equals).count() == 2)
            {
                return leader;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
        fail("no leader within " + timeoutMs + " ms: roles " + Arrays.toString(roles) + ", leaders " + Arrays.toString(leaders) +
            "; member 0 printed: " + Files.readString(dir.resolve("member-0.log")));
        return -1;
    }

    private static String run(final String... args)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        Allot.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }
}

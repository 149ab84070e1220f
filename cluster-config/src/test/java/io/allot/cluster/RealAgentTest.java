/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.cluster;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.allot.agent.AgentContext;
import io.allot.agent.AllotAgent;
import io.allot.cli.Allot;
import io.allot.client.MasterConnection;
import io.allot.codecs.sbe.TaskState;
import io.allot.resources.ResourceNames;
import io.allot.resources.Resources;
import io.allot.resources.ResourcesParser;
import org.agrona.CloseHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static io.allot.cluster.ClusterTesting.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real agent with real members: the agent's process is killed with SIGKILL while its tasks run and started again
 * with the same work dir (it recovers them, re-registers with its old id and loses no update); and a leader failover
 * while the agent's tasks run and report (no task lost or run twice, no re-registration, every member's digest
 * equal). The framework is a plain cluster client speaking our protocol.
 */
final class RealAgentTest
{
    private static final long TIMEOUT_MS = 30_000;
    private static final String TASK_RESOURCES = "cpus:0.1;mem:32";
    private static final String HIERARCHY = "allot-test-" + Long.toHexString(System.nanoTime());

    @TempDir
    Path dir;

    private final List<MasterNode> nodes = new ArrayList<>();
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void tearDown() throws IOException
    {
        try (var logs = Files.list(dir))
        {
            for (final Path log : logs.filter((path) -> path.toString().endsWith(".log")).toList())
            {
                System.out.println("---- " + log.getFileName() + "\n" + Files.readString(log));
            }
        }
        processes.forEach(Process::destroyForcibly);
        for (int i = closeables.size() - 1; i >= 0; i--)
        {
            CloseHelper.quietClose(closeables.get(i));
        }
        CloseHelper.closeAll(nodes);
        for (final String parent : new String[]{ "", "cpu", "memory" })
        {
            try
            {
                Files.deleteIfExists(Path.of("/sys/fs/cgroup", parent, HIERARCHY));
            }
            catch (final IOException ex)
            {
                // not there, or cgroups not usable here
            }
        }
    }

    @Test
    @Timeout(90)
    void shouldRecoverItsTasksAfterTheAgentProcessIsKilled() throws Exception
    {
        final String members = ClusterTesting.freeMembers(1);
        nodes.add(MasterNode.launch(ClusterTesting.member(members, 0, dir, true)));
        final Framework framework = new Framework(members);
        final File workDir = dir.resolve("agent").toFile();
        Process agent = startAgentProcess(members, workDir, "agent-1.log");
        framework.subscribe();

        framework.launch(1, "sleep 3");
        framework.launch(2, "sleep 0.2; exit 4");
        framework.launch(3, "exec sleep 60");
        framework.awaitState(1, TaskState.TASK_RUNNING);
        framework.awaitState(3, TaskState.TASK_RUNNING);
        final long agentId = framework.agentIdOf(1);
        framework.awaitState(2, TaskState.TASK_FAILED);

        agent.destroyForcibly().waitFor();
        final Path sandbox1 = workDir.toPath().resolve("frameworks/" + framework.frameworkId + "/tasks/1");
        await("task 1 to end while its agent is down", TIMEOUT_MS,
            () -> Files.exists(sandbox1.resolve(".allot-exit-status")), framework.client);

        agent = startAgentProcess(members, workDir, "agent-2.log");
        framework.awaitState(1, TaskState.TASK_FINISHED);
        framework.kill(3);
        framework.awaitState(3, TaskState.TASK_KILLED);

        for (final long taskId : new long[]{ 1, 2, 3 })
        {
            assertEquals(agentId, framework.agentIdOf(taskId), "task " + taskId + " stays on its agent");
        }
        final String log = Files.readString(dir.resolve("agent-2.log"));
        // task 2's end was acknowledged before the kill, or not yet (then it is recovered and its update sent again)
        assertTrue(log.contains("registered as agent " + agentId + " (recovered 2 tasks)") ||
            log.contains("registered as agent " + agentId + " (recovered 3 tasks)"), log);
        assertEquals(List.of(TaskState.TASK_RUNNING, TaskState.TASK_FINISHED), framework.distinctStates(1));
        assertEquals(List.of(TaskState.TASK_RUNNING, TaskState.TASK_FAILED), framework.distinctStates(2));
        assertEquals(List.of(TaskState.TASK_RUNNING, TaskState.TASK_KILLED), framework.distinctStates(3));
        agent.destroy();
        assertEquals(143, agent.waitFor(), "SIGTERM stops the agent");
        final String stopped = Files.readString(dir.resolve("agent-2.log"));
        assertTrue(stopped.contains("allot agent: launch (RunTask to process started) n="), stopped);
        assertTrue(stopped.contains("stopping; tasks keep running"), stopped);
    }

    @Test
    @Timeout(90)
    void shouldKeepTasksRunningAndReportingAcrossALeaderFailover()
    {
        final String members = ClusterTesting.freeMembers(3);
        for (int id = 0; id < 3; id++)
        {
            nodes.add(MasterNode.launch(ClusterTesting.member(members, id, dir, true)));
        }
        final MasterNode leader = ClusterTesting.awaitLeader(nodes, TIMEOUT_MS);
        final Framework framework = new Framework(members);
        final ClusterAgentTransport transport = ClusterAgentTransport.connect(new MasterConnection.Context().members(members));
        closeables.add(transport);
        final AllotAgent agent = AllotAgent.launch(new AgentContext()
            .transport(transport)
            .workDir(dir.resolve("agent").toFile())
            .resources("cpus:4;mem:2048")
            .isolation("posix")
            .errorHandler((throwable) -> System.err.println("agent error: " + throwable))
            .initialBackoffMs(100)
            .maxBackoffMs(500));
        closeables.add(agent);
        framework.subscribe();
        for (long taskId = 1; taskId <= 4; taskId++)
        {
            framework.launch(taskId, "sleep " + taskId);
        }
        for (long taskId = 1; taskId <= 4; taskId++)
        {
            framework.awaitState(taskId, TaskState.TASK_RUNNING);
        }

        leader.close();
        nodes.remove(leader);
        ClusterTesting.awaitLeader(nodes, TIMEOUT_MS, framework.client);
        // an Accept offered to the old leader's ingress as it died is lost (a framework would reconcile); this one
        // waits until its session follows the new leader
        await("the framework to follow the new leader", TIMEOUT_MS, () -> !framework.client.newLeaderNs.isEmpty(), framework.client);
        for (long taskId = 5; taskId <= 6; taskId++)
        {
            framework.launch(taskId, "true");
        }
        for (long taskId = 1; taskId <= 6; taskId++)
        {
            framework.awaitState(taskId, TaskState.TASK_FINISHED);
            assertEquals(List.of(TaskState.TASK_RUNNING, TaskState.TASK_FINISHED), framework.distinctStates(taskId));
        }
        assertEquals(1, transport.connectionGeneration(), "the agent kept its session: no re-registration");
        assertEquals(6, agent.context().tasksLaunchedCounter().get(), "every task ran once");
        await("every member to have the same digest", TIMEOUT_MS, () ->
            nodes.get(0).masterService().lastStateDigest() == nodes.get(1).masterService().lastStateDigest(), framework.client);
    }

    private Process startAgentProcess(final String members, final File workDir, final String logName) throws IOException
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(AllotJvm.FLAGS);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Allot.class.getName(), "agent",
            "--master", members, "--work-dir", workDir.getPath(), "--resources", "cpus:2;mem:512;disk:100",
            "--hostname", "real-agent", "--cgroup-hierarchy", HIERARCHY));
        final Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve(logName).toFile()).start();
        processes.add(process);
        return process;
    }

    /**
     * A framework as a plain client: accepts the next offer for each task it launches and acknowledges every update.
     */
    private final class Framework
    {
        final ClusterTesting.Client client;
        final Resources taskResources = ResourcesParser.parse(TASK_RESOURCES, new ResourceNames());
        final Map<Long, List<EgressLog.Update>> updates = new HashMap<>();
        long frameworkId;
        int updateIndex;
        int offerIndex;

        Framework(final String members)
        {
            client = new ClusterTesting.Client(members);
            closeables.add(client);
        }

        void subscribe()
        {
            client.send(client.encoder.subscribe(1, 0, 0, false, "real-agent-test", "*"), TIMEOUT_MS);
            await("subscribed", TIMEOUT_MS, () -> !client.log.frameworkIds.isEmpty(), client);
            frameworkId = client.log.frameworkIds.get(0);
        }

        void launch(final long taskId, final String command)
        {
            await("an offer for task " + taskId, TIMEOUT_MS, () -> client.log.offers.size() > offerIndex, client);
            final EgressLog.Offer offer = client.log.offers.get(client.log.offers.size() - 1);
            offerIndex = client.log.offers.size();
            client.send(client.encoder.accept(frameworkId, 0, offer.offerId(), taskId, 1, taskResources, "t" + taskId, command),
                TIMEOUT_MS);
        }

        void kill(final long taskId)
        {
            client.send(client.encoder.kill(frameworkId, taskId, 0), TIMEOUT_MS);
        }

        void awaitState(final long taskId, final TaskState state)
        {
            await("task " + taskId + " " + state, TIMEOUT_MS, () ->
            {
                acknowledge();
                return distinctStates(taskId).contains(state);
            }, client);
        }

        long agentIdOf(final long taskId)
        {
            return updates.get(taskId).get(0).agentId();
        }

        List<TaskState> distinctStates(final long taskId)
        {
            return updates.getOrDefault(taskId, List.of()).stream().map(EgressLog.Update::state).distinct().toList();
        }

        private void acknowledge()
        {
            while (updateIndex < client.log.updates.size())
            {
                final EgressLog.Update update = client.log.updates.get(updateIndex++);
                updates.computeIfAbsent(update.taskId(), (id) -> new ArrayList<>()).add(update);
                if (0 != update.uuidMsb() || 0 != update.uuidLsb())
                {
                    client.send(client.encoder.acknowledge(frameworkId, update.agentId(), update.taskId(), update.uuidMsb(),
                        update.uuidLsb()), TIMEOUT_MS);
                }
            }
        }
    }
}

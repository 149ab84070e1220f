/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.agent;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;

import io.allot.codecs.sbe.TaskState;
import io.allot.resources.ResourcesParser;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.errors.ErrorLogReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The agent with real {@code /bin/sh} processes against the real master logic, through an in-memory transport.
 */
class TaskAgentTest
{
    private static final String AGENT_RESOURCES = "cpus:4;mem:1024;ports:[31000-31009]";
    private static final String TASK_RESOURCES = "cpus:0.5;mem:64";
    private static final long KILL_GRACE_MS = 400;

    @TempDir
    File workDir;

    private InMemoryMaster master;
    private AllotAgent agent;

    @BeforeEach
    void setUp()
    {
        master = new InMemoryMaster();
        master.subscribeFramework();
        agent = AllotAgent.launch(new AgentContext()
            .transport(master)
            .workDir(workDir)
            .resources(AGENT_RESOURCES)
            .hostname("node1")
            .initialBackoffMs(100)
            .maxBackoffMs(400)
            .defaultKillGraceMs(KILL_GRACE_MS)
            .isolation("posix"));
    }

    @AfterEach
    void tearDown()
    {
        if (null != agent)
        {
            agent.close();
        }
    }

    @Test
    @Timeout(10)
    void shouldRegisterAndAnswerHealthChecks()
    {
        master.awaitUntil(() -> 0 != master.agentId && 0 != master.offerId);
        assertEquals(1, master.engine().agentCount());
        assertEquals(ResourcesParser.parse(AGENT_RESOURCES, master.engine().context().resourceNames()), master.lastOffer);

        master.awaitUntil(() -> master.pongs >= 3);
        assertEquals(0, master.failures);
        assertEquals(1, master.engine().agentCount());
        assertNoAgentErrors();
    }

    @Test
    @Timeout(10)
    void shouldRunTaskToFinishedInItsSandbox() throws Exception
    {
        master.launch(1, TASK_RESOURCES, "echo hello; echo \"$ALLOT_TASK_ID $ALLOT_FRAMEWORK_ID $ALLOT_AGENT_ID\" >&2");
        master.awaitUntil(() -> null != master.lastUpdateOf(1) && TaskState.TASK_FINISHED == master.lastUpdateOf(1).state());

        assertEquals(List.of(TaskState.TASK_RUNNING, TaskState.TASK_FINISHED), master.statesOf(1).stream().distinct().toList());
        final File sandbox = TaskProcesses.sandbox(workDir, master.frameworkId, 1);
        assertEquals("hello\n", Files.readString(new File(sandbox, "stdout").toPath(), StandardCharsets.UTF_8));
        assertEquals("1 " + master.frameworkId + " " + master.agentId + "\n",
            Files.readString(new File(sandbox, "stderr").toPath(), StandardCharsets.UTF_8));
        master.awaitUntil(() -> 0 == master.engine().taskCount());
        assertNoAgentErrors();
    }

    @Test
    @Timeout(10)
    void shouldReportExitStatusAsFailed()
    {
        master.launch(1, TASK_RESOURCES, "exit 3");
        master.awaitUntil(() -> null != master.lastUpdateOf(1) && TaskState.TASK_FAILED == master.lastUpdateOf(1).state());

        assertEquals("exit status 3", master.lastUpdateOf(1).message());
        assertEquals(List.of(TaskState.TASK_RUNNING, TaskState.TASK_FAILED), master.statesOf(1).stream().distinct().toList());
        assertNoAgentErrors();
    }

    @Test
    @Timeout(10)
    void shouldKillTaskWithSigtermWithinGrace()
    {
        launchRunning(1, "sleep 30");
        final long startNs = System.nanoTime();
        master.kill(1);
        master.awaitUntil(() -> TaskState.TASK_KILLED == master.lastUpdateOf(1).state());
        final long tookMs = (System.nanoTime() - startNs) / 1_000_000;

        assertTrue(tookMs < KILL_GRACE_MS, "took " + tookMs + " ms");
        assertTrue(master.lastUpdateOf(1).message().contains("signal 15"), master.lastUpdateOf(1).message());
        assertNoAgentErrors();
    }

    @Test
    @Timeout(10)
    void shouldSigkillTaskThatIgnoresSigtermAfterGrace() throws Exception
    {
        launchRunning(1, "trap '' TERM; echo $$ > pid; sleep 30 & echo $! > child; wait; wait");
        final File sandbox = TaskProcesses.sandbox(workDir, master.frameworkId, 1);
        master.awaitUntil(() -> new File(sandbox, "child").length() > 0);
        final long childPid = Long.parseLong(Files.readString(new File(sandbox, "child").toPath()).trim());

        final long startNs = System.nanoTime();
        master.kill(1);
        master.awaitUntil(() -> TaskState.TASK_KILLED == master.lastUpdateOf(1).state());
        final long tookMs = (System.nanoTime() - startNs) / 1_000_000;

        assertTrue(tookMs >= KILL_GRACE_MS, "took " + tookMs + " ms");
        assertTrue(master.lastUpdateOf(1).message().contains("signal 9"), master.lastUpdateOf(1).message());
        master.awaitUntil(() -> ProcessHandle.of(childPid).map((handle) -> !handle.isAlive()).orElse(true));
        assertNoAgentErrors();
    }

    @Test
    @Timeout(10)
    void shouldResendUpdatesUntilAcknowledgedAndDeliverThemInOrder()
    {
        master.awaitUntil(() -> 0 != master.offerId);
        master.dropNextStatusUpdates(1);
        master.launch(1, TASK_RESOURCES, "true");
        master.awaitUntil(() -> !master.agentUpdates.isEmpty());
        master.sendToAgent(master.egress().buffer(), master.egress().statusUpdateAck(master.agentId, master.frameworkId, 1, 7, 7));
        master.awaitUntil(() -> null != master.lastUpdateOf(1) && TaskState.TASK_FINISHED == master.lastUpdateOf(1).state());

        assertEquals(List.of(TaskState.TASK_RUNNING, TaskState.TASK_FINISHED), master.statesOf(1).stream().distinct().toList());
        final List<InMemoryMaster.AgentUpdate> sent = master.agentUpdates;
        assertEquals(TaskState.TASK_RUNNING, sent.get(0).state());
        assertEquals(TaskState.TASK_FINISHED, sent.get(sent.size() - 1).state());
        for (int i = 1; i < sent.size(); i++)
        {
            assertTrue(sent.get(i - 1).state() == sent.get(i).state() || TaskState.TASK_FINISHED == sent.get(i).state(), sent.toString());
        }
        master.awaitUntil(() -> 0 == master.engine().taskCount());
        assertNoAgentErrors();
    }

    @Test
    @Timeout(10)
    void shouldIgnoreADuplicateLaunchAndRefuseALaunchOverFreeResources()
    {
        launchRunning(1, "sleep 30");
        final UnsafeBuffer name = new UnsafeBuffer("t".getBytes(StandardCharsets.UTF_8));
        final UnsafeBuffer command = new UnsafeBuffer("echo again > again".getBytes(StandardCharsets.UTF_8));
        master.sendToAgent(master.egress().buffer(), master.egress().runTask(master.agentId, master.frameworkId, 1, -1,
            ResourcesParser.parse(TASK_RESOURCES, master.engine().context().resourceNames()), name, command, "*"));
        master.sendToAgent(master.egress().buffer(), master.egress().runTask(master.agentId, master.frameworkId, 2, -1,
            ResourcesParser.parse("cpus:100;mem:64", master.engine().context().resourceNames()), name, command, "*"));
        master.awaitUntil(() -> master.agentUpdates.stream().anyMatch((u) -> 2 == u.taskId()));

        final InMemoryMaster.AgentUpdate refused = master.agentUpdates.stream().filter((u) -> 2 == u.taskId()).findFirst().orElseThrow();
        assertEquals(TaskState.TASK_ERROR, refused.state());
        assertTrue(refused.message().contains("free"), refused.message());
        assertEquals(1, agent.context().refusedCounter().get(), "a launch sent again is not an error: " + agentErrors());
        assertEquals(List.of(TaskState.TASK_RUNNING), master.statesOf(1).stream().distinct().toList());
        assertFalse(new File(TaskProcesses.sandbox(workDir, master.frameworkId, 1), "again").exists());

        master.kill(1);
        master.awaitUntil(() -> TaskState.TASK_KILLED == master.lastUpdateOf(1).state());
    }

    @Test
    @Timeout(10)
    void shouldAnswerKillOfUnknownTaskWithTaskLost()
    {
        launchRunning(1, "sleep 30");
        master.sendToAgent(master.egress().buffer(), master.egress().killTask(master.agentId, master.frameworkId, 42, -1));
        master.awaitUntil(() -> master.agentUpdates.stream().anyMatch((u) -> 42 == u.taskId()));

        final InMemoryMaster.AgentUpdate lost = master.agentUpdates.stream().filter((u) -> 42 == u.taskId()).findFirst().orElseThrow();
        assertEquals(TaskState.TASK_LOST, lost.state());
        assertTrue(lost.message().contains("unknown"), lost.message());
        assertEquals(List.of(TaskState.TASK_RUNNING), master.statesOf(1).stream().distinct().toList());

        master.kill(1);
        master.awaitUntil(() -> TaskState.TASK_KILLED == master.lastUpdateOf(1).state());
    }

    @Test
    @Timeout(10)
    void shouldKillAllTasksOfFrameworkOnShutdown()
    {
        launchRunning(1, "sleep 30");
        launchRunning(2, "sleep 30");
        master.sendToAgent(master.egress().buffer(), master.egress().shutdownFramework(master.agentId, master.frameworkId));
        master.awaitUntil(() -> TaskState.TASK_KILLED == master.lastUpdateOf(1).state() &&
            TaskState.TASK_KILLED == master.lastUpdateOf(2).state());
        assertNoAgentErrors();
    }

    private void launchRunning(final long taskId, final String command)
    {
        master.launch(taskId, TASK_RESOURCES, command);
        master.awaitUntil(() -> null != master.lastUpdateOf(taskId));
        assertEquals(TaskState.TASK_RUNNING, master.lastUpdateOf(taskId).state());
    }

    private String agentErrors()
    {
        final StringBuilder text = new StringBuilder();
        ErrorLogReader.read(agent.context().errorLog().buffer(), (count, first, last, encoded) -> text.append(encoded).append('\n'));
        return text.toString();
    }

    private void assertNoAgentErrors()
    {
        assertEquals(0, agent.context().errorCounter().get(), this::agentErrors);
    }
}

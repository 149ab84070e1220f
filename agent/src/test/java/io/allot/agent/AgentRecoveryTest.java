/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.agent;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;

import io.allot.agent.checkpoint.AgentCheckpoint;
import io.allot.codecs.sbe.TaskState;
import org.agrona.concurrent.errors.ErrorLogReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The agent stopped and started again with the same work dir (its tasks outliving it, as with a SIGKILL): it finds
 * its running tasks, reports those that ended meanwhile, re-registers with them and loses no update; if the master
 * removed it meanwhile its tasks are killed and it registers as new. Real processes, a real Chronicle Map checkpoint,
 * the real engine as master.
 */
final class AgentRecoveryTest
{
    private static final String AGENT_RESOURCES = "cpus:4;mem:1024;ports:[31000-31009]";
    private static final String TASK_RESOURCES = "cpus:0.5;mem:64";

    @TempDir
    File workDir;

    private final InMemoryMaster master = new InMemoryMaster();
    private AllotAgent agent;

    @AfterEach
    void tearDown()
    {
        if (null != agent)
        {
            agent.close();
        }
        final AllotAgent last = startAgent(true);
        last.close();
    }

    @Test
    @Timeout(20)
    void shouldFindRunningTasksAndReportThoseThatEndedWhileItWasDown() throws Exception
    {
        agent = startAgent(false);
        master.subscribeFramework();
        launchRunning(1, "echo $$ > pid; exec sleep 60");
        launchRunning(2, "sleep 0.3; exit 3");
        final long agentId = master.agentId;
        final File sandbox1 = TaskProcesses.sandbox(workDir, master.frameworkId, 1);
        master.awaitUntil(() -> new File(sandbox1, "pid").length() > 0);
        sleepMs(300); // the acknowledgements of TASK_RUNNING reach the agent: an update not acknowledged is sent again
        agent.close();
        agent = null;

        final File sandbox2 = TaskProcesses.sandbox(workDir, master.frameworkId, 2);
        master.awaitUntil(() -> new File(sandbox2, TaskProcesses.EXIT_FILE).length() > 0);
        final long pid = Long.parseLong(Files.readString(new File(sandbox1, "pid").toPath()).trim());
        assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "task 1 outlives the agent");

        agent = startAgent(false);
        master.awaitUntil(() -> TaskState.TASK_FAILED == master.lastUpdateOf(2).state());
        assertEquals("exit status 3", master.lastUpdateOf(2).message());
        assertEquals(1, master.reregistrations, "the agent re-registered");
        assertEquals(agentId, agent.agentId(), "with its old id");
        assertEquals(2, agent.recoveredTaskCount());
        assertEquals(1, master.engine().agentCount());

        master.kill(1);
        master.awaitUntil(() -> TaskState.TASK_KILLED == master.lastUpdateOf(1).state());
        // at least once: an update may arrive again until the agent has the acknowledgement
        assertEquals(List.of(TaskState.TASK_RUNNING, TaskState.TASK_KILLED), master.statesOf(1).stream().distinct().toList());
        master.awaitUntil(() -> !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
        master.awaitUntil(() -> 0 == master.engine().taskCount());
        assertEquals(0, agent.context().errorCounter().get(), () -> agentErrors(agent));
    }

    @Test
    @Timeout(20)
    void shouldReregisterWithItsRunningTasksOnANewSession()
    {
        agent = startAgent(true);
        master.subscribeFramework();
        launchRunning(1, "exec sleep 60");
        final long agentId = master.agentId;

        master.newSession();
        master.awaitUntil(() -> 1 == master.reregistrations);
        assertEquals(agentId, agent.agentId());
        assertEquals(1, master.engine().taskCount(), "the running task was reported: not lost");
        master.kill(1);
        master.awaitUntil(() -> TaskState.TASK_KILLED == master.lastUpdateOf(1).state());
        assertEquals(List.of(TaskState.TASK_RUNNING, TaskState.TASK_KILLED), master.statesOf(1).stream().distinct().toList());
    }

    @Test
    @Timeout(20)
    void shouldSendAgainAfterARestartAnUpdateThatWasNeverAcknowledged()
    {
        agent = startAgent(false);
        master.subscribeFramework();
        launchRunning(1, "sleep 0.2");
        master.dropNextStatusUpdates(1_000);
        final File sandbox = TaskProcesses.sandbox(workDir, master.frameworkId, 1);
        master.awaitUntil(() -> new File(sandbox, TaskProcesses.EXIT_FILE).length() > 0);
        sleepMs(300);
        agent.close();
        agent = null;
        assertEquals(List.of(TaskState.TASK_RUNNING), master.statesOf(1).stream().distinct().toList(),
            "TASK_FINISHED never reached the master");

        master.dropNextStatusUpdates(0);
        agent = startAgent(false);
        master.awaitUntil(() -> TaskState.TASK_FINISHED == master.lastUpdateOf(1).state());
        assertEquals(List.of(TaskState.TASK_RUNNING, TaskState.TASK_FINISHED), master.statesOf(1).stream().distinct().toList());
        master.awaitUntil(() -> 0 == master.engine().taskCount());
    }

    @Test
    @Timeout(20)
    void shouldKillItsTasksAndRegisterAsNewWhenTheMasterRemovedItMeanwhile() throws Exception
    {
        agent = startAgent(false);
        master.subscribeFramework();
        launchRunning(1, "echo $$ > pid; exec sleep 60");
        final long oldAgentId = master.agentId;
        final File sandbox = TaskProcesses.sandbox(workDir, master.frameworkId, 1);
        master.awaitUntil(() -> new File(sandbox, "pid").length() > 0);
        final long pid = Long.parseLong(Files.readString(new File(sandbox, "pid").toPath()).trim());
        agent.close();
        agent = null;

        master.removeAgent();
        master.awaitUntil(() -> TaskState.TASK_LOST == master.lastUpdateOf(1).state());
        agent = startAgent(false);
        master.awaitUntil(() -> 0 != agent.agentId() && oldAgentId != agent.agentId() && oldAgentId != master.agentId);
        master.awaitUntil(() -> !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
        assertEquals(1, master.engine().agentCount());
        assertTrue(agentErrors(agent).contains("registers as a new agent"), agentErrors(agent));
        assertEquals(Long.toString(agent.agentId()),
            Files.readString(new File(workDir, AgentCheckpoint.META_DIR + "/agent_id").toPath(), StandardCharsets.UTF_8).trim());
    }

    @Test
    @Timeout(20)
    void shouldReportACorruptCheckpointClearlyAndStillServe() throws IOException
    {
        final File meta = new File(workDir, AgentCheckpoint.META_DIR);
        assertTrue(meta.mkdirs());
        for (final String name : new String[]{ "tasks.cm3", "updates.cm3", "agent_id" })
        {
            Files.write(new File(meta, name).toPath(), "this is not a checkpoint".getBytes(StandardCharsets.UTF_8));
        }
        agent = startAgent(false);
        master.subscribeFramework();
        master.awaitUntil(() -> 0 != agent.agentId());
        assertTrue(agentErrors(agent).contains("checkpoint"), agentErrors(agent));

        launchRunning(1, "true");
        master.awaitUntil(() -> TaskState.TASK_FINISHED == master.lastUpdateOf(1).state());
    }

    private AllotAgent startAgent(final boolean killTasksOnClose)
    {
        return AllotAgent.launch(new AgentContext()
            .transport(master)
            .workDir(workDir)
            .resources(AGENT_RESOURCES)
            .hostname("node1")
            .initialBackoffMs(100)
            .maxBackoffMs(400)
            .defaultKillGraceMs(200)
            .isolation("posix")
            .killTasksOnClose(killTasksOnClose));
    }

    private void launchRunning(final long taskId, final String command)
    {
        master.launch(taskId, TASK_RESOURCES, command);
        master.awaitUntil(() -> null != master.lastUpdateOf(taskId));
        assertEquals(TaskState.TASK_RUNNING, master.lastUpdateOf(taskId).state());
    }

    private void sleepMs(final long ms)
    {
        final long deadlineNs = System.nanoTime() + ms * 1_000_000L;
        master.awaitUntil(() -> System.nanoTime() >= deadlineNs);
    }

    static String agentErrors(final AllotAgent agent)
    {
        final StringBuilder text = new StringBuilder();
        ErrorLogReader.read(agent.context().errorLog().buffer(), (count, first, last, encoded) -> text.append(encoded).append('\n'));
        return text.toString();
    }
}

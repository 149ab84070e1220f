/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.agent.checkpoint;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;

import io.allot.codecs.sbe.TaskReason;
import io.allot.codecs.sbe.TaskState;
import io.allot.resources.ResourceNames;
import io.allot.resources.ResourcesParser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static io.allot.agent.checkpoint.CheckpointSamples.task;
import static io.allot.agent.checkpoint.CheckpointSamples.update;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The checkpoint over real Chronicle Map files: what is written is recovered, in order, across a close and a reopen.
 */
class AgentCheckpointTest
{
    @TempDir
    File workDir;

    private AgentCheckpoint checkpoint;

    @AfterEach
    void tearDown()
    {
        if (null != checkpoint)
        {
            checkpoint.close();
        }
    }

    @Test
    @Timeout(30)
    void shouldRecoverNothingFromANewWorkDir() throws Exception
    {
        checkpoint = AgentCheckpoint.open(workDir, 16);

        assertEquals(List.of(), checkpoint.recover());
        assertEquals(0, checkpoint.agentId());
        assertEquals(List.of(), checkpoint.problems());
        assertTrue(new File(workDir, "meta/tasks.cm3").isFile());
        assertTrue(new File(workDir, "meta/updates.cm3").isFile());
        assertEquals(new File(workDir, "meta"), checkpoint.directory());
    }

    @Test
    @Timeout(30)
    void shouldRoundTripEveryFieldOfTasksAndUpdates() throws Exception
    {
        final ResourceNames names = new ResourceNames();
        final TaskRecord withCustomResources = new TaskRecord(7, 42, 3, 1_500, TaskState.TASK_KILLING, 4242, 1_700_000_123_456L,
            true, ResourcesParser.parse("cpus:1.25;mem:256;disk:10;gpus:1;fpgas:2;ports:[31000-31009,32000-32000]", names),
            "nom-日本語", "exec /bin/app --flag 'x y'", "analytics/batch", "allot-7-42");
        final TaskRecord plain = new TaskRecord(8, 1, 4, 0, TaskState.TASK_STAGING, 0, 0, false,
            ResourcesParser.parse("cpus:0.1", names), "", "", "", "");
        final UpdateRecord first = new UpdateRecord(7, 42, 1, TaskState.TASK_RUNNING, TaskReason.NONE, -5L, Long.MAX_VALUE,
            1_700_000_000_001L, "");
        final UpdateRecord second = new UpdateRecord(7, 42, 2, TaskState.TASK_KILLING, TaskReason.KILLED_BY_SCHEDULER, 11, 12,
            1_700_000_000_002L, "killed by the framework 😀");

        checkpoint = AgentCheckpoint.open(workDir, 16, new ResourceNames());
        checkpoint.putTask(withCustomResources);
        checkpoint.putTask(plain);
        checkpoint.addUpdate(first);
        checkpoint.addUpdate(second);

        final List<RecoveredTask> expected = List.of(
            new RecoveredTask(withCustomResources, List.of(first, second)), new RecoveredTask(plain, List.of()));
        assertEquals(expected, checkpoint.recover());

        checkpoint.close();
        final ResourceNames agentNames = new ResourceNames();
        checkpoint = AgentCheckpoint.open(workDir, 16, agentNames);
        final List<RecoveredTask> recovered = checkpoint.recover();
        assertEquals(expected, recovered);
        assertSame(agentNames, recovered.get(0).task().resources().names());
        assertEquals("cpus:1.25;mem:256;disk:10;gpus:1;fpgas:2;ports:[31000-31009,32000-32000]",
            recovered.get(0).task().resources().toString());
        assertEquals(List.of(), checkpoint.problems());
    }

    @Test
    @Timeout(30)
    void shouldRecoverTasksInLaunchOrderAndUpdatesInSequenceOrder() throws Exception
    {
        checkpoint = AgentCheckpoint.open(workDir, 64);
        final long[] launchOrder = { 30, 10, 50, 20, 40 };
        for (int i = 0; i < launchOrder.length; i++)
        {
            final long taskId = 100 - i;
            checkpoint.putTask(task(1 + (i % 2), taskId, launchOrder[i], "true"));
        }
        checkpoint.addUpdate(update(1, 100, 5, TaskState.TASK_STARTING));
        checkpoint.addUpdate(update(1, 100, 9, TaskState.TASK_RUNNING));
        checkpoint.addUpdate(update(1, 100, 300, TaskState.TASK_FINISHED));
        checkpoint.addUpdate(update(2, 99, 1, TaskState.TASK_RUNNING));
        checkpoint.close();

        checkpoint = AgentCheckpoint.open(workDir, 64);
        final List<RecoveredTask> recovered = checkpoint.recover();
        assertEquals(List.of(10L, 20L, 30L, 40L, 50L), recovered.stream().map((r) -> r.task().launchSequence()).toList());
        assertEquals(List.of(99L, 97L, 100L, 96L, 98L), recovered.stream().map((r) -> r.task().taskId()).toList());
        final RecoveredTask task100 = recovered.get(2);
        assertEquals(List.of(5L, 9L, 300L), task100.updates().stream().map(UpdateRecord::sequence).toList());
        assertEquals(List.of(TaskState.TASK_STARTING, TaskState.TASK_RUNNING, TaskState.TASK_FINISHED),
            task100.updates().stream().map(UpdateRecord::state).toList());
        assertEquals(List.of(1L), recovered.get(0).updates().stream().map(UpdateRecord::sequence).toList());
        assertEquals(List.of(), recovered.get(1).updates());
    }

    @Test
    @Timeout(30)
    void shouldReplaceATaskAndRemoveTasksAndUpdates() throws Exception
    {
        checkpoint = AgentCheckpoint.open(workDir, 16);
        final TaskRecord staging = task(1, 1).withState(TaskState.TASK_STAGING).withProcess(0, 0);
        checkpoint.putTask(staging);
        checkpoint.putTask(task(1, 2));
        checkpoint.addUpdate(update(1, 1, 1, TaskState.TASK_STARTING));
        checkpoint.addUpdate(update(1, 1, 2, TaskState.TASK_RUNNING));
        checkpoint.addUpdate(update(1, 2, 1, TaskState.TASK_RUNNING));
        checkpoint.addUpdate(update(1, 2, 2, TaskState.TASK_KILLING));

        final TaskRecord running = staging.withProcess(777, 1_700_000_000_777L).withState(TaskState.TASK_RUNNING);
        checkpoint.putTask(running);
        final TaskRecord killing = running.withKillRequested().withState(TaskState.TASK_KILLING);
        checkpoint.putTask(killing);
        checkpoint.removeUpdate(1, 1, 1);
        checkpoint.removeUpdate(1, 1, 99);
        checkpoint.removeTask(1, 2);
        checkpoint.removeTask(5, 5);
        checkpoint.close();

        checkpoint = AgentCheckpoint.open(workDir, 16);
        assertEquals(List.of(new RecoveredTask(killing, List.of(update(1, 1, 2, TaskState.TASK_RUNNING)))), checkpoint.recover());

        checkpoint.putTask(task(1, 2));
        assertEquals(List.of(), checkpoint.recover().get(1).updates(), "a task put again has none of its old updates");
        assertEquals(List.of(), checkpoint.problems());
    }

    @Test
    @Timeout(30)
    void shouldReplaceAnUpdateOfTheSameSequenceAndRefuseOneOutOfOrder() throws Exception
    {
        checkpoint = AgentCheckpoint.open(workDir, 16);
        checkpoint.putTask(task(1, 1));
        checkpoint.addUpdate(update(1, 1, 1, TaskState.TASK_RUNNING));
        checkpoint.addUpdate(update(1, 1, 4, TaskState.TASK_KILLING));
        checkpoint.addUpdate(update(1, 1, 4, TaskState.TASK_KILLED));

        final IllegalArgumentException outOfOrder = assertThrows(IllegalArgumentException.class,
            () -> checkpoint.addUpdate(update(1, 1, 3, TaskState.TASK_FAILED)));
        assertEquals("update 3 of task 1 of framework 1 would come before its pending update 4", outOfOrder.getMessage());
        final IllegalStateException unknownTask = assertThrows(IllegalStateException.class,
            () -> checkpoint.addUpdate(update(1, 2, 1, TaskState.TASK_RUNNING)));
        assertEquals("task 2 of framework 1 is not in the checkpoint: put the task before its updates", unknownTask.getMessage());

        assertEquals(List.of(update(1, 1, 1, TaskState.TASK_RUNNING), update(1, 1, 4, TaskState.TASK_KILLED)),
            checkpoint.recover().get(0).updates());
        checkpoint.removeUpdate(1, 1, 4);
        checkpoint.addUpdate(update(1, 1, 2, TaskState.TASK_LOST));
        assertEquals(List.of(1L, 2L), checkpoint.recover().get(0).updates().stream().map(UpdateRecord::sequence).toList());
    }

    @Test
    @Timeout(30)
    void shouldKeepTheAgentIdAsTextInTheWorkDir() throws Exception
    {
        checkpoint = AgentCheckpoint.open(workDir, 16);
        checkpoint.agentId(123_456_789_012L);
        assertEquals(123_456_789_012L, checkpoint.agentId());
        final File agentIdFile = new File(workDir, "meta/agent_id");
        assertEquals("123456789012\n", Files.readString(agentIdFile.toPath(), StandardCharsets.US_ASCII));
        checkpoint.agentId(5);
        assertEquals("5\n", Files.readString(agentIdFile.toPath(), StandardCharsets.US_ASCII));
        assertTrue(!new File(workDir, "meta/agent_id.tmp").exists());
        assertThrows(IllegalArgumentException.class, () -> checkpoint.agentId(0));
        checkpoint.close();

        checkpoint = AgentCheckpoint.open(workDir, 16);
        assertEquals(5, checkpoint.agentId());
    }

    @Test
    @Timeout(30)
    void shouldClearEverythingAndTheAgentId() throws Exception
    {
        checkpoint = AgentCheckpoint.open(workDir, 16);
        checkpoint.agentId(9);
        checkpoint.putTask(task(1, 1));
        checkpoint.addUpdate(update(1, 1, 1, TaskState.TASK_RUNNING));

        checkpoint.clear();
        assertEquals(0, checkpoint.agentId());
        assertEquals(List.of(), checkpoint.recover());
        assertTrue(!new File(workDir, "meta/agent_id").exists());
        checkpoint.putTask(task(1, 1));
        checkpoint.addUpdate(update(1, 1, 1, TaskState.TASK_STARTING));
        checkpoint.close();

        checkpoint = AgentCheckpoint.open(workDir, 16);
        assertEquals(0, checkpoint.agentId());
        assertEquals(List.of(new RecoveredTask(task(1, 1), List.of(update(1, 1, 1, TaskState.TASK_STARTING)))), checkpoint.recover());
    }

    @Test
    @Timeout(30)
    void shouldRefuseATaskBeyondMaxTasksAndKeepTheOthers() throws Exception
    {
        checkpoint = AgentCheckpoint.open(workDir, 3);
        for (long taskId = 1; taskId <= 3; taskId++)
        {
            checkpoint.putTask(task(1, taskId));
        }

        final CheckpointException full = assertThrows(CheckpointException.class, () -> checkpoint.putTask(task(1, 4)));
        assertEquals("cannot checkpoint task 4 of framework 1: " + new File(workDir, "meta/tasks.cm3") +
            " holds 3 tasks, its capacity (maxTasks 3)", full.getMessage());
        checkpoint.putTask(task(1, 2).withState(TaskState.TASK_FINISHED));
        checkpoint.removeTask(1, 1);
        checkpoint.putTask(task(1, 4));

        assertEquals(List.of(2L, 3L, 4L), checkpoint.recover().stream().map((r) -> r.task().taskId()).toList());
    }

    @Test
    @Timeout(30)
    void shouldRefuseAnUpdateBeyondItsCapacity() throws Exception
    {
        checkpoint = AgentCheckpoint.open(workDir, 1);
        checkpoint.putTask(task(1, 1));
        for (long sequence = 1; sequence <= CheckpointFiles.UPDATES_PER_TASK; sequence++)
        {
            checkpoint.addUpdate(update(1, 1, sequence, TaskState.TASK_RUNNING));
        }

        final CheckpointException full = assertThrows(CheckpointException.class,
            () -> checkpoint.addUpdate(update(1, 1, 100, TaskState.TASK_FAILED)));
        assertTrue(full.getMessage().startsWith("cannot checkpoint update 100 of task 1 of framework 1: "), full.getMessage());
        assertTrue(full.getMessage().endsWith(" holds 8 pending updates, its capacity (8 times maxTasks)"), full.getMessage());
        assertEquals(CheckpointFiles.UPDATES_PER_TASK, checkpoint.recover().get(0).updates().size());
    }

    @Test
    @Timeout(60)
    void shouldHoldMaxTasksWithTheLongestCommandsAndMessages() throws Exception
    {
        final int maxTasks = 200;
        final String command = "x".repeat(4096);
        final String message = "m".repeat(4096);
        checkpoint = AgentCheckpoint.open(workDir, maxTasks);
        for (long taskId = 1; taskId <= maxTasks; taskId++)
        {
            checkpoint.putTask(task(1, taskId, taskId, command));
            checkpoint.addUpdate(new UpdateRecord(1, taskId, 1, TaskState.TASK_FAILED, TaskReason.NONE, 1, 1, 1, message));
            checkpoint.addUpdate(new UpdateRecord(1, taskId, 2, TaskState.TASK_FAILED, TaskReason.NONE, 1, 2, 1, message));
        }
        checkpoint.close();

        checkpoint = AgentCheckpoint.open(workDir, maxTasks);
        final List<RecoveredTask> recovered = checkpoint.recover();
        assertEquals(maxTasks, recovered.size());
        assertTrue(recovered.stream().allMatch((r) -> command.equals(r.task().command()) && 2 == r.updates().size()));
        assertThrows(IllegalArgumentException.class, () -> checkpoint.putTask(task(1, 1, 1, command + "y")));
    }

    @Test
    @Timeout(30)
    void shouldRefuseASecondOpenOfTheSameWorkDir() throws Exception
    {
        checkpoint = AgentCheckpoint.open(workDir, 16);
        final CheckpointException inUse = assertThrows(CheckpointException.class, () -> AgentCheckpoint.open(workDir, 16));
        assertEquals("the checkpoint in " + new File(workDir, "meta") + " is already open in this process", inUse.getMessage());

        checkpoint.close();
        checkpoint.close();
        assertThrows(IllegalStateException.class, () -> checkpoint.putTask(task(1, 1)));
        checkpoint = AgentCheckpoint.open(workDir, 16);
        assertEquals(List.of(), checkpoint.recover());
    }
}

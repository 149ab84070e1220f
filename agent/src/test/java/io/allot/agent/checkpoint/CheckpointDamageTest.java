/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.agent.checkpoint;

import java.io.File;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import io.allot.codecs.sbe.TaskState;
import net.openhft.chronicle.map.ChronicleMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static io.allot.agent.checkpoint.CheckpointSamples.task;
import static io.allot.agent.checkpoint.CheckpointSamples.update;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * Bad input: damaged entries, damaged files, a damaged agent id and a work dir that can not be written. Each is
 * reported with its file and entry, and nothing else is lost.
 */
class CheckpointDamageTest
{
    private static final int MAX_TASKS = 16;

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
    void shouldReportAndRemoveValuesThatDoNotDecodeAndRecoverTheRest() throws Exception
    {
        writeThreeTasksWithUpdates();
        final CheckpointCodec codec = new CheckpointCodec();
        try (ChronicleMap<byte[], byte[]> tasks = CheckpointFiles.tasksBuilder(MAX_TASKS).createPersistedTo(tasksFile()))
        {
            tasks.put(CheckpointCodec.taskKey(1, 2), new byte[]{ 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 });
            tasks.put(CheckpointCodec.taskKey(1, 3), codec.encodeTask(task(1, 4)));
        }
        try (ChronicleMap<byte[], byte[]> updates = CheckpointFiles.updatesBuilder(MAX_TASKS * 8).createPersistedTo(updatesFile()))
        {
            final byte[] truncated = codec.encodeUpdate(update(1, 1, 2, TaskState.TASK_RUNNING));
            updates.put(CheckpointCodec.updateKey(1, 1, 2), Arrays.copyOf(truncated, truncated.length - 3));
        }

        checkpoint = AgentCheckpoint.open(workDir, MAX_TASKS);
        assertEquals(List.of(new RecoveredTask(task(1, 1), List.of(update(1, 1, 1, TaskState.TASK_STARTING)))), checkpoint.recover());
        assertEquals(List.of(
            "2 pending update(s) of task 2 of framework 1 in " + updatesFile() + " had no task entry (it was damaged); they were removed.",
            "2 pending update(s) of task 3 of framework 1 in " + updatesFile() + " had no task entry (it was damaged); they were removed.",
            "The entry of task 2 of framework 1 in " + tasksFile() + " is damaged (wrong schema id 1541, expected 7531); " +
                "it was removed and the task is not recovered.",
            "The entry of task 3 of framework 1 in " + tasksFile() + " is damaged (it holds task 4 of framework 1); " +
                "it was removed and the task is not recovered.",
            "The entry of update 2 of task 1 of framework 1 in " + updatesFile() + " is damaged (truncated message: " +
                "CheckpointUpdate needs 90 bytes, got 87); it was removed and the update is lost."),
            sortedDamageLines(checkpoint.problems()));

        checkpoint.close();
        checkpoint = AgentCheckpoint.open(workDir, MAX_TASKS);
        assertEquals(1, checkpoint.recover().size());
        assertEquals(List.of(), checkpoint.problems(), "damaged entries were removed");
        assertEquals(77, checkpoint.agentId());
    }

    @Test
    @Timeout(30)
    void shouldReportAnEntryWhoseBytesChangedOnDisk() throws Exception
    {
        checkpoint = AgentCheckpoint.open(workDir, MAX_TASKS);
        checkpoint.putTask(task(1, 1, 1, "run MARKER-AAAA"));
        checkpoint.putTask(task(1, 2, 2, "run MARKER-BBBB"));
        checkpoint.putTask(task(1, 3, 3, "run MARKER-CCCC"));
        checkpoint.close();

        final byte[] content = Files.readAllBytes(tasksFile().toPath());
        final int at = indexOf(content, "MARKER-BBBB".getBytes(StandardCharsets.US_ASCII));
        assertTrue(at > 0);
        try (RandomAccessFile raf = new RandomAccessFile(tasksFile(), "rw"))
        {
            raf.seek(at + 7);
            raf.write('Z');
        }

        checkpoint = AgentCheckpoint.open(workDir, MAX_TASKS);
        assertEquals(List.of(1L, 3L), checkpoint.recover().stream().map((r) -> r.task().taskId()).toList());
        final List<String> problems = checkpoint.problems();
        assertTrue(problems.stream().anyMatch((p) -> p.startsWith("Recovering the checkpoint file " + tasksFile() +
            " found: Checksum doesn't match")), problems.toString());
    }

    @Test
    @Timeout(30)
    void shouldMoveAsideAGarbageFileAndStartAFreshOne() throws Exception
    {
        writeThreeTasksWithUpdates();
        final byte[] garbage = new byte[64 * 1024];
        new Random(42).nextBytes(garbage);
        garbage[11] = 0x10;
        Files.write(tasksFile().toPath(), garbage);

        checkpoint = AgentCheckpoint.open(workDir, MAX_TASKS);
        final File[] aside = corruptCopies(CheckpointFiles.TASKS_FILE);
        assertEquals(1, aside.length);
        assertArrayEquals(garbage, Files.readAllBytes(aside[0].toPath()));
        assertEquals(List.of(), checkpoint.recover());
        final List<String> problems = checkpoint.problems();
        assertTrue(problems.get(0).startsWith("The checkpoint file " + tasksFile() + " could not be opened ("), problems.get(0));
        assertTrue(problems.get(0).endsWith("it was moved aside to " + aside[0] +
            ", its content is not recovered, and a new empty file replaces it."), problems.get(0));
        assertEquals(4, problems.size(), problems.toString());
        assertEquals(77, checkpoint.agentId(), "the agent id is not lost");

        checkpoint.putTask(task(1, 9));
        checkpoint.close();
        checkpoint = AgentCheckpoint.open(workDir, MAX_TASKS);
        assertEquals(List.of(new RecoveredTask(task(1, 9), List.of())), checkpoint.recover());
        assertEquals(List.of(), checkpoint.problems());
    }

    @Test
    @Timeout(30)
    void shouldMoveAsideATruncatedFileAndKeepTheTasks() throws Exception
    {
        writeThreeTasksWithUpdates();
        try (RandomAccessFile raf = new RandomAccessFile(updatesFile(), "rw"))
        {
            raf.setLength(raf.length() / 2);
        }

        checkpoint = AgentCheckpoint.open(workDir, MAX_TASKS);
        assertEquals(1, corruptCopies(CheckpointFiles.UPDATES_FILE).length);
        assertEquals(List.of(new RecoveredTask(task(1, 1), List.of()), new RecoveredTask(task(1, 2), List.of()),
            new RecoveredTask(task(1, 3), List.of())), checkpoint.recover());
        assertEquals(1, checkpoint.problems().size());
        assertTrue(checkpoint.problems().get(0).contains("probably corrupted"), checkpoint.problems().get(0));
    }

    @Test
    @Timeout(30)
    void shouldMoveAsideAFileWithAnIncompleteHeaderWithoutWaiting() throws Exception
    {
        writeThreeTasksWithUpdates();
        Files.write(updatesFile().toPath(), new byte[4096]);
        Files.write(tasksFile().toPath(), new byte[]{ 1, 2, 3 });

        final long startNs = System.nanoTime();
        checkpoint = AgentCheckpoint.open(workDir, MAX_TASKS);
        assertTrue(System.nanoTime() - startNs < 10_000_000_000L);
        assertEquals(List.of(
            "The checkpoint file " + tasksFile() + " could not be opened (IOException: it is 3 bytes long, shorter than a " +
                "Chronicle Map header); it was moved aside to " + corruptCopies(CheckpointFiles.TASKS_FILE)[0] +
                ", its content is not recovered, and a new empty file replaces it.",
            "The checkpoint file " + updatesFile() + " could not be opened (IOException: its header is not marked complete: " +
                "the process creating it died, or it is not a Chronicle Map); it was moved aside to " +
                corruptCopies(CheckpointFiles.UPDATES_FILE)[0] + ", its content is not recovered, and a new empty file replaces it."),
            checkpoint.problems());
        assertEquals(List.of(), checkpoint.recover());
    }

    @Test
    @Timeout(30)
    void shouldTakeAGarbledAgentIdAsNoneAndMoveItAside() throws Exception
    {
        writeThreeTasksWithUpdates();
        final File agentIdFile = new File(workDir, "meta/agent_id");
        Files.writeString(agentIdFile.toPath(), "7x\u0001");

        checkpoint = AgentCheckpoint.open(workDir, MAX_TASKS);
        assertEquals(0, checkpoint.agentId());
        final File[] aside = corruptCopies(AgentIdFile.NAME);
        assertEquals(1, aside.length);
        assertEquals(List.of("The agent id file " + agentIdFile + " is damaged (it does not hold an agent id but '7x?' (3 bytes)); " +
            "it was moved aside to " + aside[0] + " and the agent registers as new."), checkpoint.problems());
        assertEquals(3, checkpoint.recover().size(), "the tasks are not lost");

        checkpoint.agentId(78);
        checkpoint.close();
        checkpoint = AgentCheckpoint.open(workDir, MAX_TASKS);
        assertEquals(78, checkpoint.agentId());
        assertEquals(List.of(), checkpoint.problems());
    }

    @Test
    @Timeout(30)
    void shouldTakeAnEmptyAgentIdFileAsNone() throws Exception
    {
        Files.createDirectories(new File(workDir, "meta").toPath());
        Files.writeString(new File(workDir, "meta/agent_id").toPath(), "");

        checkpoint = AgentCheckpoint.open(workDir, MAX_TASKS);
        assertEquals(0, checkpoint.agentId());
        assertEquals(1, checkpoint.problems().size());
    }

    @Test
    @Timeout(30)
    void shouldRefuseAWorkDirThatIsAFile() throws Exception
    {
        final File file = new File(workDir, "not-a-dir");
        Files.writeString(file.toPath(), "x");

        final CheckpointException ex = assertThrows(CheckpointException.class, () -> AgentCheckpoint.open(file, MAX_TASKS));
        assertEquals("cannot create the checkpoint directory " + new File(file, "meta") + ": Not a directory", ex.getMessage());
    }

    @Test
    @Timeout(30)
    void shouldRefuseAMetaPathThatIsAFile() throws Exception
    {
        Files.writeString(new File(workDir, "meta").toPath(), "x");

        final CheckpointException ex = assertThrows(CheckpointException.class, () -> AgentCheckpoint.open(workDir, MAX_TASKS));
        assertEquals("cannot create the checkpoint directory " + new File(workDir, "meta") +
            ": a file of that name exists and is not a directory", ex.getMessage());
    }

    @Test
    @Timeout(30)
    void shouldRefuseAWorkDirWithoutWritePermission() throws Exception
    {
        assumeFalse("root".equals(System.getProperty("user.name")), "root may write anywhere");
        final File readOnly = new File(workDir, "read-only");
        assertTrue(readOnly.mkdir());
        assertTrue(readOnly.setWritable(false, false));
        try
        {
            final CheckpointException ex = assertThrows(CheckpointException.class, () -> AgentCheckpoint.open(readOnly, MAX_TASKS));
            assertEquals("cannot create the checkpoint directory " + new File(readOnly, "meta") + ": permission denied", ex.getMessage());
        }
        finally
        {
            assertTrue(readOnly.setWritable(true, false));
        }
    }

    private void writeThreeTasksWithUpdates() throws Exception
    {
        checkpoint = AgentCheckpoint.open(workDir, MAX_TASKS);
        checkpoint.agentId(77);
        for (long taskId = 1; taskId <= 3; taskId++)
        {
            checkpoint.putTask(task(1, taskId));
            checkpoint.addUpdate(update(1, taskId, 1, TaskState.TASK_STARTING));
            checkpoint.addUpdate(update(1, taskId, 2, TaskState.TASK_RUNNING));
        }
        checkpoint.close();
        checkpoint = null;
    }

    private File tasksFile()
    {
        return new File(workDir, "meta/" + CheckpointFiles.TASKS_FILE);
    }

    private File updatesFile()
    {
        return new File(workDir, "meta/" + CheckpointFiles.UPDATES_FILE);
    }

    private File[] corruptCopies(final String name)
    {
        final File[] files = new File(workDir, "meta").listFiles((dir, file) -> file.startsWith(name + ".corrupt-"));
        assertFalse(null == files);
        return files;
    }

    private static List<String> sortedDamageLines(final List<String> problems)
    {
        return problems.stream().sorted().toList();
    }

    private static int indexOf(final byte[] content, final byte[] marker)
    {
        outer:
        for (int i = 0; i <= content.length - marker.length; i++)
        {
            for (int j = 0; j < marker.length; j++)
            {
                if (content[i + j] != marker[j])
                {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}

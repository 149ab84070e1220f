/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.agent.checkpoint;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.allot.codecs.sbe.TaskState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static io.allot.agent.checkpoint.CheckpointSamples.task;
import static io.allot.agent.checkpoint.CheckpointSamples.update;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The checkpoint survives the agent's {@code SIGKILL}: a child JVM ({@link CheckpointWriter}) writes, the test kills
 * it ({@code SIGKILL}, {@code ProcessHandle.destroyForcibly()}) and opens the same work dir, finding everything whose write had returned.
 */
class CheckpointCrashTest
{
    @TempDir
    File workDir;

    private Process child;
    private AgentCheckpoint checkpoint;

    @AfterEach
    void tearDown() throws Exception
    {
        if (null != child)
        {
            child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        if (null != checkpoint)
        {
            checkpoint.close();
        }
    }

    @Test
    @Timeout(60)
    void shouldFindEveryTaskAndUpdateAfterTheWriterIsKilledWhileIdle() throws Exception
    {
        final int count = 100;
        final BufferedReader output = startWriter(count, count);
        awaitLine(output, "ready");

        final CheckpointException inUse = assertThrows(CheckpointException.class, () -> AgentCheckpoint.open(workDir, 1024));
        assertEquals("the checkpoint in " + new File(workDir, "meta") + " is in use by another process (pid " + child.pid() +
            "): is another agent running with this work dir?", inUse.getMessage());

        kill();
        checkpoint = AgentCheckpoint.open(workDir, 1024);
        final List<RecoveredTask> recovered = checkpoint.recover();
        assertEquals(CheckpointWriter.AGENT_ID, checkpoint.agentId());
        assertEquals(count, recovered.size());
        for (int i = 0; i < count; i++)
        {
            assertEquals(expected(i + 1), recovered.get(i));
        }
        assertEquals(List.of(), checkpoint.problems());
    }

    @Test
    @Timeout(60)
    void shouldLoseNoReturnedWriteWhenTheWriterIsKilledWhileWriting() throws Exception
    {
        final int kept = 50;
        final BufferedReader output = startWriter(0, kept);
        long lastWritten = 0;
        while (lastWritten < 400)
        {
            lastWritten = readWritten(output, lastWritten);
        }

        kill();
        for (long previous = -1; previous != lastWritten; )
        {
            previous = lastWritten;
            lastWritten = readWritten(output, lastWritten);
        }

        // every write that returned before the kill is there; the writes of task lastWritten + 1 and the removal of
        // task lastWritten + 1 - kept were under way, so either may be found in part
        checkpoint = AgentCheckpoint.open(workDir, 1024);
        final List<String> problems = checkpoint.problems();
        final Map<Long, RecoveredTask> recovered = new HashMap<>();
        for (final RecoveredTask task : checkpoint.recover())
        {
            recovered.put(task.task().taskId(), task);
        }
        final long oldest = lastWritten - kept + 1;
        for (long taskId = oldest + 1; taskId <= lastWritten; taskId++)
        {
            assertEquals(expected(taskId), recovered.remove(taskId), "task " + taskId + ", problems: " + problems);
        }
        final RecoveredTask beingRemoved = recovered.remove(oldest);
        if (null != beingRemoved)
        {
            assertEquals(expected(oldest), beingRemoved, "problems: " + problems);
        }
        final RecoveredTask beingWritten = recovered.remove(lastWritten + 1);
        if (null != beingWritten)
        {
            assertEquals(task(1, lastWritten + 1).withState(TaskState.TASK_STAGING).withProcess(0, 0).resources(),
                beingWritten.task().resources());
        }
        assertEquals(Set.of(), recovered.keySet(), "tasks that were removed, or never written");
        assertEquals(CheckpointWriter.AGENT_ID, checkpoint.agentId());
    }

    private long readWritten(final BufferedReader output, final long lastWritten) throws Exception
    {
        final String line = output.readLine();
        if (null == line)
        {
            assertTrue(lastWritten > 0 && !child.isAlive(), "the writer exited early: " + stderr());
            return lastWritten;
        }
        return line.startsWith("wrote ") ? Long.parseLong(line.substring("wrote ".length())) : lastWritten;
    }

    private static RecoveredTask expected(final long taskId)
    {
        final List<UpdateRecord> updates = 0 == taskId % 2 ?
            List.of(update(1, taskId, 2, TaskState.TASK_FINISHED)) :
            List.of(update(1, taskId, 1, TaskState.TASK_RUNNING), update(1, taskId, 2, TaskState.TASK_FINISHED));
        return new RecoveredTask(task(1, taskId), updates);
    }

    private BufferedReader startWriter(final long count, final long kept) throws Exception
    {
        final List<String> command = new ArrayList<>();
        command.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
        command.addAll(jvmFlags());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(CheckpointWriter.class.getName());
        command.add(workDir.getAbsolutePath());
        command.add(Long.toString(count));
        command.add(Long.toString(kept));

        child = new ProcessBuilder(command).redirectError(new File(workDir, "writer.err")).start();
        return new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
    }

    /**
     * The module flags this JVM was started with (surefire's argLine: the Agrona and Chronicle sets), for the child.
     */
    private static List<String> jvmFlags()
    {
        final List<String> flags = new ArrayList<>();
        final List<String> arguments = ManagementFactory.getRuntimeMXBean().getInputArguments();
        for (int i = 0; i < arguments.size(); i++)
        {
            final String argument = arguments.get(i);
            if (argument.startsWith("--add-") || argument.startsWith("-Dchronicle."))
            {
                flags.add(argument);
                if (!argument.contains("=") && argument.startsWith("--add-") && i + 1 < arguments.size())
                {
                    flags.add(arguments.get(++i));
                }
            }
        }
        flags.add("-Dchronicle.analytics.disable=true");
        return flags;
    }

    private void awaitLine(final BufferedReader output, final String expected) throws Exception
    {
        for (String line = output.readLine(); !expected.equals(line); line = output.readLine())
        {
            if (null == line)
            {
                fail("the writer exited before '" + expected + "': " + stderr());
            }
        }
    }

    private void kill() throws Exception
    {
        // SIGKILL through the handle: Process.destroyForcibly() would also close the pipe that still holds its last lines
        assertTrue(child.toHandle().destroyForcibly());
        assertTrue(child.waitFor(10, TimeUnit.SECONDS));
        assertEquals(137, child.exitValue(), "killed by SIGKILL");
    }

    private String stderr() throws Exception
    {
        final File file = new File(workDir, "writer.err");
        return file.exists() ? Files.readString(file.toPath()) : "";
    }
}

/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.agent;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.allot.resources.RangeSet;
import io.allot.resources.Resources;

/**
 * Starting task processes in their sandboxes and signalling them (posix isolation, no cgroups yet). Each task runs
 * in its own session and process group ({@code setsid}, which execs in place so the group id is the task's pid);
 * a kill signals the group and every descendant still in the tree. A descendant that left both is not found.
 */
final class TaskProcesses
{
    /** Exit values above this are a death by signal: the JDK reports 128 plus the signal number. */
    static final int SIGNAL_EXIT_BASE = 128;

    /**
     * File in the sandbox where the wrapper leaves the command's exit status.
     */
    static final String EXIT_FILE = ".allot-exit-status";

    /**
     * Exit status of a wrapper that could not enter the task's container.
     */
    static final int ENTER_FAILED_STATUS = 125;

    private static final String[] SIGNAL_NAMES =
    {
        "", "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT", "SIGBUS", "SIGFPE", "SIGKILL", "SIGUSR1",
        "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM",
    };

    private static final File SETSID = new File("/usr/bin/setsid");
    private static final long SIGNAL_WAIT_MS = 1_000;
    private static final long START_TOLERANCE_MS = 1_000;

    private TaskProcesses()
    {
    }

    /**
     * The sandbox of a task: {@code WORK_DIR/frameworks/F/tasks/T}.
     */
    static File sandbox(final File workDir, final long frameworkId, final long taskId)
    {
        return new File(workDir, "frameworks" + File.separator + frameworkId + File.separator + "tasks" + File.separator + taskId);
    }

    /**
     * Start {@code /bin/sh -c command} in the sandbox, stdout and stderr to files there, stdin from /dev/null, in a
     * session and process group of its own. A wrapper shell runs first: it enters the task's container (the
     * isolator's script), runs the command, and writes the command's exit status to {@value #EXIT_FILE} in the
     * sandbox, so that an agent restarted meanwhile (no longer the parent, so unable to wait for it) still learns
     * how the task ended. The wrapper outlives a SIGTERM (it passes it on and waits), so a task that ignores SIGTERM
     * is still running, and seen so, until the SIGKILL after the grace.
     *
     * @param enterScript shell commands that move the wrapper ({@code $$}) into the task's container; empty for none.
     */
    static Process start(
        final File sandbox,
        final String command,
        final String enterScript,
        final long agentId,
        final long frameworkId,
        final long taskId,
        final Resources resources) throws IOException
    {
        if (!sandbox.isDirectory() && !sandbox.mkdirs())
        {
            throw new IOException("cannot create the sandbox " + sandbox);
        }
        final File exitFile = new File(sandbox, EXIT_FILE);
        if (exitFile.exists() && !exitFile.delete())
        {
            throw new IOException("cannot remove the old " + exitFile);
        }
        final String wrapper = (enterScript.isEmpty() ? "" : "{ " + enterScript + "; } || { echo 'allot: cannot enter the " +
            "task container' >&2; exit " + ENTER_FAILED_STATUS + "; }; ") +
            "/bin/sh -c \"$1\" & c=$!; trap 'kill -TERM $c 2>/dev/null' TERM; " +
            "while :; do wait $c; s=$?; kill -0 $c 2>/dev/null || break; done; " +
            "echo $s > " + EXIT_FILE + ".tmp && mv -f " + EXIT_FILE + ".tmp " + EXIT_FILE + "; exit $s";
        final ProcessBuilder builder = (SETSID.canExecute() ?
            new ProcessBuilder(SETSID.getPath(), "/bin/sh", "-c", wrapper, "allot-task", command) :
            new ProcessBuilder("/bin/sh", "-c", wrapper, "allot-task", command))
            .directory(sandbox)
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .redirectOutput(ProcessBuilder.Redirect.appendTo(new File(sandbox, "stdout")))
            .redirectError(ProcessBuilder.Redirect.appendTo(new File(sandbox, "stderr")));
        final Map<String, String> env = builder.environment();
        env.put("ALLOT_TASK_ID", Long.toString(taskId));
        env.put("ALLOT_AGENT_ID", Long.toString(agentId));
        env.put("ALLOT_FRAMEWORK_ID", Long.toString(frameworkId));
        env.put("ALLOT_SANDBOX", sandbox.getAbsolutePath());
        final RangeSet ports = resources.ports();
        int portIndex = 0;
        for (int i = 0; i < ports.rangeCount() && portIndex < 64; i++)
        {
            for (long port = ports.begin(i); port <= ports.end(i) && portIndex < 64; port++)
            {
                env.put("PORT" + portIndex++, Long.toString(port));
            }
        }
        return builder.start();
    }

    /**
     * The exit status the task's wrapper wrote, for a task that ended while the agent was not its parent.
     *
     * @param sandbox of the task.
     * @return the status, or -1 when there is none (the wrapper itself was killed, e.g. by a signal to the group).
     */
    static int readExitStatus(final File sandbox)
    {
        try
        {
            return Integer.parseInt(Files.readString(new File(sandbox, EXIT_FILE).toPath()).trim());
        }
        catch (final IOException | NumberFormatException ex)
        {
            return -1;
        }
    }

    /**
     * SIGTERM to the task's process group, the process and its descendants.
     *
     * @return the descendants found, to be killed after the grace even when they left the tree.
     */
    static List<ProcessHandle> terminate(final ProcessHandle process)
    {
        final List<ProcessHandle> descendants = process.descendants().collect(Collectors.toList());
        signalGroup(process.pid(), "TERM");
        process.destroy();
        for (final ProcessHandle handle : descendants)
        {
            handle.destroy();
        }
        return descendants;
    }

    /**
     * SIGKILL to the task's process group, the process, its descendants now and those found earlier.
     */
    static void kill(final ProcessHandle process, final List<ProcessHandle> earlierDescendants)
    {
        final List<ProcessHandle> descendants = process.descendants().collect(Collectors.toList());
        signalGroup(process.pid(), "KILL");
        process.destroyForcibly();
        for (final ProcessHandle handle : descendants)
        {
            handle.destroyForcibly();
        }
        destroyAlive(earlierDescendants);
    }

    /**
     * SIGKILL to what is left of an ended task's process group and to those of the given processes still alive.
     */
    static void killLeftovers(final long pid, final List<ProcessHandle> handles)
    {
        signalGroup(pid, "KILL");
        destroyAlive(handles);
    }

    /**
     * @param handle of a process.
     * @return its start instant in epoch milliseconds, 0 when the system does not tell.
     */
    static long startMs(final ProcessHandle handle)
    {
        return handle.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
    }

    /**
     * The process of a task checkpointed by an earlier run of the agent, if it still runs: same pid and the same
     * start instant (so a pid reused by another process is not mistaken for the task).
     *
     * @param pid     checkpointed process id.
     * @param startMs checkpointed start instant.
     * @return the live process, or null.
     */
    static ProcessHandle findAlive(final long pid, final long startMs)
    {
        if (pid <= 0)
        {
            return null;
        }
        final ProcessHandle handle = ProcessHandle.of(pid).orElse(null);
        if (null == handle || !handle.isAlive())
        {
            return null;
        }
        final long actualStartMs = startMs(handle);
        return 0 == startMs || 0 == actualStartMs || Math.abs(actualStartMs - startMs) <= START_TOLERANCE_MS ? handle : null;
    }

    private static void destroyAlive(final List<ProcessHandle> handles)
    {
        for (final ProcessHandle handle : handles)
        {
            if (handle.isAlive())
            {
                handle.destroyForcibly();
            }
        }
    }

    /**
     * Signal a task's process group: the JDK cannot, so the shell's {@code kill} does (kills are rare; the wait is
     * bounded). Nothing happens when the group is gone or setsid was not available.
     */
    static void signalGroup(final long pid, final String signal)
    {
        if (!SETSID.canExecute())
        {
            return;
        }
        try
        {
            final Process kill = new ProcessBuilder("/bin/sh", "-c", "kill -" + signal + " -" + pid + " 2>/dev/null")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
            if (!kill.waitFor(SIGNAL_WAIT_MS, TimeUnit.MILLISECONDS))
            {
                kill.destroyForcibly();
            }
        }
        catch (final IOException ex)
        {
            // the descendants are still signalled one by one
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * @return "exit status N" or "terminated by signal N (SIGXXX)".
     */
    static String describeExit(final int exitValue)
    {
        if (exitValue > SIGNAL_EXIT_BASE && exitValue < SIGNAL_EXIT_BASE + 65)
        {
            final int signal = exitValue - SIGNAL_EXIT_BASE;
            final String name = signal < SIGNAL_NAMES.length ? " (" + SIGNAL_NAMES[signal] + ")" : "";
            return "terminated by signal " + signal + name;
        }
        return "exit status " + exitValue;
    }
}

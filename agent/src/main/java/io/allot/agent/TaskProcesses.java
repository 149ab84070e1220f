/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.agent;

import java.io.File;
import java.io.IOException;
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

    private static final String[] SIGNAL_NAMES =
    {
        "", "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT", "SIGBUS", "SIGFPE", "SIGKILL", "SIGUSR1",
        "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM",
    };

    private static final File SETSID = new File("/usr/bin/setsid");
    private static final long SIGNAL_WAIT_MS = 1_000;

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
     * Start {@code /bin/sh -c command} in the sandbox, stdout and stderr to files there, stdin from /dev/null.
     */
    static Process start(
        final File sandbox,
        final String command,
        final long agentId,
        final long frameworkId,
        final long taskId,
        final Resources resources) throws IOException
    {
        if (!sandbox.isDirectory() && !sandbox.mkdirs())
        {
            throw new IOException("cannot create the sandbox " + sandbox);
        }
        final ProcessBuilder builder = (SETSID.canExecute() ?
            new ProcessBuilder(SETSID.getPath(), "/bin/sh", "-c", command) : new ProcessBuilder("/bin/sh", "-c", command))
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
     * SIGTERM to the process and its descendants.
     *
     * @return the descendants found, to be killed after the grace even when they left the tree.
     */
    static List<ProcessHandle> terminate(final Process process)
    {
        final List<ProcessHandle> descendants = process.descendants().collect(Collectors.toList());
        signalGroup(process.pid(), "TERM");
        process.toHandle().destroy();
        for (final ProcessHandle handle : descendants)
        {
            handle.destroy();
        }
        return descendants;
    }

    /**
     * SIGKILL to the process, its descendants now and those found earlier.
     */
    static void kill(final Process process, final List<ProcessHandle> earlierDescendants)
    {
        final List<ProcessHandle> descendants = process.descendants().collect(Collectors.toList());
        signalGroup(process.pid(), "KILL");
        process.toHandle().destroyForcibly();
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

/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.bench;

import io.allot.cli.Allot;
import io.allot.cluster.AllotJvm;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Real {@code allot agent} daemons, each a child process of this JVM (its class path and {@code bin/allot}'s JVM
 * flags), as {@code allot demo} starts them: each with its own work dir and temporary directory, posix isolation (no
 * cgroups, no root needed), and its output in {@code agent-<i>.log}. Stopped with SIGTERM.
 */
final class RealAgents implements AutoCloseable
{
    /** The agents share the machine with the masters: a modest heap and the serial collector, full JIT. */
    static final List<String> JVM_OPTIONS = List.of("-XX:+UseSerialGC", "-Xmx256m");
    static final long STOP_WAIT_MS = 15_000;

    private final List<Process> processes = new ArrayList<>();
    private final List<File> logs = new ArrayList<>();
    private final File dir;

    /**
     * Start the agents.
     *
     * @param count     how many.
     * @param members   the masters.
     * @param dir       their work dirs and temporary directories go under it.
     * @param outDir    where their logs go.
     * @param resources what each offers ({@code --resources}; the machine fills in what is missing).
     */
    RealAgents(final int count, final String members, final File dir, final File outDir, final String resources)
    {
        this.dir = dir;
        try
        {
            for (int i = 0; i < count; i++)
            {
                final File tmp = new File(dir, "tmp-" + i);
                Files.createDirectories(tmp.toPath());
                final List<String> command = new ArrayList<>();
                command.add(new File(new File(System.getProperty("java.home"), "bin"), "java").getAbsolutePath());
                command.addAll(AllotJvm.FLAGS);
                command.addAll(JVM_OPTIONS);
                command.add("-Djava.io.tmpdir=" + tmp.getAbsolutePath());
                command.addAll(List.of("-cp", MasterProcess.classPath(), Allot.class.getName(), "agent",
                    "--master", members,
                    "--work-dir", new File(dir, "agent-" + i).getAbsolutePath(),
                    "--resources", resources,
                    "--isolation", "posix",
                    "--hostname", "rtt-agent-" + i));
                final File log = new File(outDir, "agent-" + i + ".log");
                processes.add(new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start());
                logs.add(log);
            }
        }
        catch (final IOException ex)
        {
            close();
            throw new BenchException("cannot start an agent: " + ex.getMessage(), ex);
        }
    }

    /**
     * @return the directory of the agents' work dirs.
     */
    File dir()
    {
        return dir;
    }

    /**
     * @return log file names, for the report.
     */
    List<String> logNames()
    {
        final List<String> names = new ArrayList<>();
        logs.forEach((log) -> names.add(log.getName()));
        return names;
    }

    /**
     * @throws BenchException when an agent exited.
     */
    void checkAlive()
    {
        for (int i = 0; i < processes.size(); i++)
        {
            final Process process = processes.get(i);
            if (!process.isAlive())
            {
                throw new BenchException("agent " + i + " exited with status " + process.exitValue() + ": " + tail(logs.get(i)));
            }
        }
    }

    private static String tail(final File log)
    {
        try
        {
            final List<String> lines = Files.readAllLines(log.toPath(), StandardCharsets.UTF_8);
            return String.join(System.lineSeparator(), lines.subList(Math.max(0, lines.size() - 5), lines.size()));
        }
        catch (final IOException ex)
        {
            return "(no output: " + ex.getMessage() + ")";
        }
    }

    /**
     * Stop every agent with SIGTERM, then SIGKILL what is left after {@value #STOP_WAIT_MS} ms.
     */
    public void close()
    {
        processes.forEach(Process::destroy);
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STOP_WAIT_MS);
        for (final Process process : processes)
        {
            try
            {
                if (!process.waitFor(Math.max(0, deadlineNs - System.nanoTime()), TimeUnit.NANOSECONDS))
                {
                    process.destroyForcibly().waitFor(STOP_WAIT_MS, TimeUnit.MILLISECONDS);
                }
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
        processes.clear();
    }
}

/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.agent.isolation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Reading and writing cgroup files, making and removing cgroup directories, and killing the processes of a cgroup.
 * Every failure is an {@link IsolationException} naming the file and giving the operating system's reason.
 */
final class CgroupFiles
{
    static final String PROCS = "cgroup.procs";
    static final String TASKS = "tasks";

    /** How long killAll signals again until its cgroups are empty. */
    static final long KILL_WAIT_NS = TimeUnit.SECONDS.toNanos(2);
    /** How long a cgroup directory's removal is retried while the kernel says it is busy. */
    static final long RMDIR_WAIT_NS = TimeUnit.SECONDS.toNanos(2);
    private static final long POLL_NS = TimeUnit.MILLISECONDS.toNanos(5);

    private CgroupFiles()
    {
    }

    static String read(final Path file) throws IsolationException
    {
        try
        {
            return new String(Files.readAllBytes(file), StandardCharsets.US_ASCII);
        }
        catch (final IOException ex)
        {
            throw new IsolationException("cannot read " + file + ": " + reason(ex), ex);
        }
    }

    static void write(final Path file, final String value) throws IsolationException
    {
        try
        {
            Files.write(file, value.getBytes(StandardCharsets.US_ASCII), StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        }
        catch (final IOException ex)
        {
            throw new IsolationException("cannot write '" + value + "' to " + file + ": " + reason(ex), ex);
        }
    }

    static void write(final Path file, final long value) throws IsolationException
    {
        write(file, Long.toString(value));
    }

    /**
     * The value of {@code key} in a flat keyed file ({@code "key value"} lines, as memory.events and
     * memory.oom_control), or -1 when the key is not there.
     */
    static long keyedValue(final String content, final String key)
    {
        for (final String line : content.split("\n"))
        {
            final String[] fields = line.trim().split("\\s+");
            if (fields.length == 2 && fields[0].equals(key))
            {
                try
                {
                    return Long.parseLong(fields[1]);
                }
                catch (final NumberFormatException ex)
                {
                    return -1;
                }
            }
        }
        return -1;
    }

    /**
     * The whitespace-separated words of a file such as cgroup.controllers, in order.
     */
    static Set<String> words(final String content)
    {
        final Set<String> words = new LinkedHashSet<>();
        for (final String word : content.trim().split("\\s+"))
        {
            if (!word.isEmpty())
            {
                words.add(word);
            }
        }
        return words;
    }

    /**
     * Create a cgroup directory; false when it was already there.
     */
    static boolean mkdir(final Path dir) throws IsolationException
    {
        try
        {
            Files.createDirectory(dir);
            return true;
        }
        catch (final FileAlreadyExistsException ex)
        {
            return false;
        }
        catch (final IOException ex)
        {
            throw new IsolationException("cannot create " + dir + ": " + reason(ex) + notRootHint(ex), ex);
        }
    }

    /**
     * Remove a cgroup directory, retried while the kernel says it is busy (its last processes still exiting). A
     * directory already gone is not an error.
     */
    static void rmdir(final Path dir, final long waitNs) throws IsolationException
    {
        final long deadline = System.nanoTime() + waitNs;
        while (true)
        {
            try
            {
                Files.delete(dir);
                return;
            }
            catch (final NoSuchFileException ex)
            {
                return;
            }
            catch (final AccessDeniedException ex)
            {
                throw new IsolationException("cannot remove " + dir + ": " + reason(ex) + notRootHint(ex), ex);
            }
            catch (final IOException ex)
            {
                if (System.nanoTime() - deadline >= 0)
                {
                    throw new IsolationException("cannot remove " + dir + ": " + reason(ex), ex);
                }
                LockSupport.parkNanos(POLL_NS);
            }
        }
    }

    /**
     * The sub-directories of a hierarchy directory, by name; empty when the directory is gone.
     */
    static Set<String> childDirs(final Path dir) throws IsolationException
    {
        final Set<String> names = new TreeSet<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir))
        {
            for (final Path child : stream)
            {
                if (Files.isDirectory(child))
                {
                    names.add(child.getFileName().toString());
                }
            }
        }
        catch (final NoSuchFileException ex)
        {
            return names;
        }
        catch (final IOException ex)
        {
            throw new IsolationException("cannot list " + dir + ": " + reason(ex), ex);
        }
        return names;
    }

    /**
     * The pids in the given cgroups ({@code cgroup.procs}, or {@code tasks} where a v1 kernel has no cgroup.procs);
     * none for a cgroup that is gone.
     */
    static Set<Long> pids(final Collection<Path> dirs) throws IsolationException
    {
        final Set<Long> pids = new TreeSet<>();
        for (final Path dir : dirs)
        {
            Path file = dir.resolve(PROCS);
            if (!Files.exists(file) && Files.exists(dir.resolve(TASKS)))
            {
                file = dir.resolve(TASKS);
            }
            final String content;
            try
            {
                content = new String(Files.readAllBytes(file), StandardCharsets.US_ASCII);
            }
            catch (final NoSuchFileException ex)
            {
                continue;
            }
            catch (final IOException ex)
            {
                throw new IsolationException("cannot read " + file + ": " + reason(ex), ex);
            }
            for (final String word : words(content))
            {
                try
                {
                    pids.add(Long.parseLong(word));
                }
                catch (final NumberFormatException ex)
                {
                    throw new IsolationException("cannot read " + file + ": '" + word + "' is not a pid", ex);
                }
            }
        }
        return pids;
    }

    /**
     * SIGKILL each process of the cgroups, again until they are empty or the wait is over.
     *
     * @return how many distinct processes were signalled.
     */
    static int killLoop(final List<Path> dirs, final long waitNs) throws IsolationException
    {
        final long self = ProcessHandle.current().pid();
        final Set<Long> signalled = new TreeSet<>();
        final long deadline = System.nanoTime() + waitNs;
        while (true)
        {
            final Set<Long> pids = pids(dirs);
            pids.remove(self);
            if (pids.isEmpty())
            {
                return signalled.size();
            }
            for (final long pid : pids)
            {
                if (kill(pid))
                {
                    signalled.add(pid);
                }
            }
            if (System.nanoTime() - deadline >= 0)
            {
                return signalled.size();
            }
            LockSupport.parkNanos(POLL_NS);
        }
    }

    /**
     * Wait until the cgroups hold no process, bounded.
     *
     * @return whether they are empty.
     */
    static boolean awaitEmpty(final List<Path> dirs, final long waitNs) throws IsolationException
    {
        final long deadline = System.nanoTime() + waitNs;
        while (!pids(dirs).isEmpty())
        {
            if (System.nanoTime() - deadline >= 0)
            {
                return false;
            }
            LockSupport.parkNanos(POLL_NS);
        }
        return true;
    }

    /**
     * SIGKILL one process (never this JVM). The handle checks the process's start time, so a pid that was reused since
     * it was read is not the one signalled when it has already been looked up.
     */
    static boolean kill(final long pid)
    {
        if (pid == ProcessHandle.current().pid())
        {
            return false;
        }
        final Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        return handle.isPresent() && handle.get().destroyForcibly();
    }

    /**
     * Quote a string for POSIX sh: single quotes, with each single quote as {@code '\''}.
     */
    static String shellQuote(final String value)
    {
        return "'" + value.replace("'", "'\\''") + "'";
    }

    static String reason(final IOException ex)
    {
        if (ex instanceof NoSuchFileException)
        {
            return "no such file or directory";
        }
        if (ex instanceof AccessDeniedException)
        {
            return "permission denied";
        }
        if (ex instanceof DirectoryNotEmptyException)
        {
            return "directory not empty";
        }
        if (ex instanceof FileSystemException)
        {
            final String reason = ((FileSystemException)ex).getReason();
            return null == reason ? ex.getClass().getSimpleName() : reason;
        }
        return null == ex.getMessage() ? ex.getClass().getSimpleName() : ex.getMessage();
    }

    private static String notRootHint(final IOException ex)
    {
        if (!(ex instanceof AccessDeniedException))
        {
            return "";
        }
        final long uid = effectiveUid();
        return uid > 0 ? " (the agent runs as uid " + uid + ", not root)" : "";
    }

    /**
     * The effective uid of this process from {@code /proc/self/status}, or -1 when unknown.
     */
    static long effectiveUid()
    {
        try
        {
            final String status = new String(Files.readAllBytes(Path.of("/proc/self/status")), StandardCharsets.US_ASCII);
            for (final String line : status.split("\n"))
            {
                if (line.startsWith("Uid:"))
                {
                    final String[] fields = line.substring(4).trim().split("\\s+");
                    return fields.length > 1 ? Long.parseLong(fields[1]) : -1;
                }
            }
        }
        catch (final IOException | NumberFormatException ex)
        {
            return -1;
        }
        return -1;
    }
}

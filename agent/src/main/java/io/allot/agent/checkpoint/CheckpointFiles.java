/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.agent.checkpoint;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.map.ChronicleMapBuilder;

/**
 * Opening the checkpoint's Chronicle Map files: how each is sized, how an existing one is checked and recovered, and
 * how one that can not be opened is moved aside.
 * <p>
 * Sizing: Chronicle Map fixes its layout when a file is created. The tasks map is sized for {@code maxTasks} entries
 * of 1 KiB on average and the updates map for {@link #UPDATES_PER_TASK} per task of 256 bytes on average, with room to
 * grow (extra segment tiers, allocated on demand) to about twice the count at the largest values (a task with a 4 KiB
 * command and 2 KiB of other strings, an update with a 4 KiB message). The counts themselves are enforced by
 * {@link AgentCheckpoint}. Files are preallocated ({@code sparseFile(false)}), so a full disk shows when a file is
 * created or grows, as an {@link IOException}, rather than as a fault when a page is first written.
 * <p>
 * Opening an existing file: (1) its self-bootstrapping header must be complete (a zero or negative size word means that
 * the process creating it died, or that it is not a Chronicle Map; Chronicle Map would wait a minute for it); (2) a
 * plain open checks the header's checksum and that the file is as long as the header says; (3) it is then recovered,
 * which releases the segment locks that an agent killed in the middle of a write left held, and checks every entry
 * against its checksum, dropping and reporting those that do not match. Recovery needs exclusive access, which the
 * checkpoint's lock file guarantees. What recovery repairs without losing an entry (a lock left held, a stale entry
 * counter or free-space hint, as a kill in the middle of a write leaves them) is not reported.
 */
final class CheckpointFiles
{
    /**
     * Name of the tasks map in the meta directory.
     */
    static final String TASKS_FILE = "tasks.cm3";

    /**
     * Name of the updates map in the meta directory.
     */
    static final String UPDATES_FILE = "updates.cm3";

    /**
     * Pending updates per task, on average, that the updates map holds.
     */
    static final int UPDATES_PER_TASK = 8;

    private static final int MIN_ENTRIES = 64;
    private static final int TASK_AVERAGE_VALUE_SIZE = 1024;
    private static final double TASK_MAX_BLOAT_FACTOR = 8.0;
    private static final int UPDATE_AVERAGE_VALUE_SIZE = 256;
    private static final double UPDATE_MAX_BLOAT_FACTOR = 24.0;
    private static final int MAX_REPORTED_LENGTH = 300;

    // What Chronicle Map's recovery repairs after a writer died in the middle of a write (a held lock, a stale counter or
    // free-space hint) and loses nothing by: not reported. Everything else it reports drops an entry, or worse.
    private static final String[] BOOKKEEPING_REPAIRS = {
        "lock of segment ",
        "global mutable state lock ",
        "wrong lowest free chunk ",
        "Wrong number of entries counter ",
        "wrong first free tier index ",
        "wrong number of actual tiers in use ",
    };

    // Chronicle Map's self-bootstrapping header (net.openhft.chronicle.hash.impl.SizePrefixedBlob): a size word at
    // offset 8, positive once the header is complete, its low 30 bits the header's size, and the header from offset 12.
    private static final int SIZE_WORD_OFFSET = 8;
    private static final int SIZE_MASK = (1 << 30) - 1;
    private static final int HEADER_OFFSET = 12;

    private CheckpointFiles()
    {
    }

    /**
     * Builder of the tasks map.
     */
    static ChronicleMapBuilder<byte[], byte[]> tasksBuilder(final int maxTasks)
    {
        return ChronicleMap.of(byte[].class, byte[].class)
            .name("allot-agent-tasks")
            .constantKeySizeBySample(new byte[CheckpointCodec.TASK_KEY_LENGTH])
            .averageValueSize(TASK_AVERAGE_VALUE_SIZE)
            .entries(Math.max(MIN_ENTRIES, maxTasks))
            .maxBloatFactor(TASK_MAX_BLOAT_FACTOR)
            .checksumEntries(true)
            .putReturnsNull(true)
            .removeReturnsNull(true)
            .sparseFile(false);
    }

    /**
     * Builder of the updates map.
     */
    static ChronicleMapBuilder<byte[], byte[]> updatesBuilder(final int maxUpdates)
    {
        return ChronicleMap.of(byte[].class, byte[].class)
            .name("allot-agent-updates")
            .constantKeySizeBySample(new byte[CheckpointCodec.UPDATE_KEY_LENGTH])
            .averageValueSize(UPDATE_AVERAGE_VALUE_SIZE)
            .entries(Math.max(MIN_ENTRIES, maxUpdates))
            .maxBloatFactor(UPDATE_MAX_BLOAT_FACTOR)
            .checksumEntries(true)
            .putReturnsNull(true)
            .removeReturnsNull(true)
            .sparseFile(false);
    }

    /**
     * Open a map file: recover an existing one, move aside one that can not be opened, create a new one.
     *
     * @param file     the map file.
     * @param builder  its configuration, used when the file is created.
     * @param problems where to report what was found wrong.
     * @return the open map.
     * @throws CheckpointException if the file can not be created or moved aside.
     */
    static ChronicleMap<byte[], byte[]> open(
        final File file, final ChronicleMapBuilder<byte[], byte[]> builder, final List<String> problems) throws CheckpointException
    {
        if (file.length() > 0)
        {
            if (!Files.isReadable(file.toPath()) || !Files.isWritable(file.toPath()))
            {
                throw new CheckpointException("cannot open the checkpoint file " + file + ": permission denied");
            }

            try
            {
                return recover(file, builder, problems);
            }
            catch (final IOException | RuntimeException ex)
            {
                final String reason = describe(ex);
                final File target = moveAside(file, reason);
                problems.add("The checkpoint file " + file + " could not be opened (" + reason + "); it was moved aside to " +
                    target + ", its content is not recovered, and a new empty file replaces it.");
            }
        }

        try
        {
            return builder.createPersistedTo(file);
        }
        catch (final IOException | RuntimeException ex)
        {
            // a half-created file (a full disk) would be taken for a damaged one by the next open
            if (!file.delete() && file.exists())
            {
                ex.addSuppressed(new IOException("cannot delete the half-created " + file));
            }
            throw new CheckpointException("cannot create the checkpoint file " + file + ": " + describe(ex), ex);
        }
    }

    /**
     * Move a damaged file aside to {@code NAME.corrupt-<epochMs>}, where an operator can look at it.
     *
     * @param file   the damaged file.
     * @param reason why it is damaged, for the exception when it can not be moved.
     * @return where the file now is.
     * @throws CheckpointException if the file can not be moved.
     */
    static File moveAside(final File file, final String reason) throws CheckpointException
    {
        File target = new File(file.getParentFile(), file.getName() + ".corrupt-" + System.currentTimeMillis());
        for (int i = 1; target.exists(); i++)
        {
            target = new File(file.getParentFile(), file.getName() + ".corrupt-" + System.currentTimeMillis() + "-" + i);
        }

        try
        {
            Files.move(file.toPath(), target.toPath(), StandardCopyOption.ATOMIC_MOVE);
        }
        catch (final IOException ex)
        {
            throw new CheckpointException("cannot move the damaged checkpoint file " + file + " aside (" + reason + "): " +
                describe(ex), ex);
        }

        return target;
    }

    /**
     * An exception in words for a message: the OS reason of a file system exception, else its class and message, with
     * its root cause (the {@link IOException} under a Chronicle Map exception, for example).
     */
    static String describe(final Throwable ex)
    {
        Throwable root = ex;
        while (null != root.getCause() && root.getCause() != root)
        {
            root = root.getCause();
        }

        return truncate(root == ex ? describeOne(ex) : describeOne(ex) + "; caused by " + describeOne(root));
    }

    private static String describeOne(final Throwable ex)
    {
        final String text;
        if (ex instanceof AccessDeniedException)
        {
            text = "permission denied";
        }
        else if (ex instanceof NoSuchFileException)
        {
            text = "no such file or directory";
        }
        else if (ex instanceof NotDirectoryException)
        {
            text = "not a directory";
        }
        else if (ex instanceof FileAlreadyExistsException)
        {
            text = "a file of that name exists and is not a directory";
        }
        else if (ex instanceof FileSystemException && null != ((FileSystemException)ex).getReason())
        {
            text = ((FileSystemException)ex).getReason();
        }
        else if (null != ex.getMessage())
        {
            text = ex.getClass().getSimpleName() + ": " + ex.getMessage();
        }
        else
        {
            text = ex.getClass().getName();
        }

        return text;
    }

    private static ChronicleMap<byte[], byte[]> recover(
        final File file, final ChronicleMapBuilder<byte[], byte[]> builder, final List<String> problems) throws IOException
    {
        requireCompleteHeader(file);
        builder.createPersistedTo(file).close();

        final List<String> found = new ArrayList<>();
        final ChronicleMap<byte[], byte[]> map = builder.recoverPersistedTo(file, false, (corruption) ->
        {
            final String message = null != corruption.message() ? corruption.message() : describe(corruption.exception());
            if (!isBookkeeping(message))
            {
                found.add(message);
            }
        });
        for (final String message : found)
        {
            problems.add("Recovering the checkpoint file " + file + " found: " + truncate(message) +
                "; the entry is not recovered.");
        }

        return map;
    }

    private static boolean isBookkeeping(final String message)
    {
        for (final String prefix : BOOKKEEPING_REPAIRS)
        {
            if (message.startsWith(prefix))
            {
                return true;
            }
        }
        return false;
    }

    private static void requireCompleteHeader(final File file) throws IOException
    {
        try (RandomAccessFile raf = new RandomAccessFile(file, "r"))
        {
            final long length = raf.length();
            if (length < HEADER_OFFSET)
            {
                throw new IOException("it is " + length + " bytes long, shorter than a Chronicle Map header");
            }

            raf.seek(SIZE_WORD_OFFSET);
            final int sizeWord = Integer.reverseBytes(raf.readInt());
            if (sizeWord <= 0)
            {
                throw new IOException("its header is not marked complete: the process creating it died, or it is not a Chronicle Map");
            }

            final int headerSize = sizeWord & SIZE_MASK;
            if (headerSize > length - HEADER_OFFSET)
            {
                throw new IOException("its header claims " + headerSize + " bytes but the file is " + length + " bytes long");
            }
        }
    }

    private static String truncate(final String text)
    {
        final String line = text.replace('\n', ' ').strip();
        return line.length() <= MAX_REPORTED_LENGTH ? line : line.substring(0, MAX_REPORTED_LENGTH) + "...";
    }
}

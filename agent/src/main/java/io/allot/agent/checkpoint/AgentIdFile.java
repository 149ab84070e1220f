/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.agent.checkpoint;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * The agent id in {@code WORK_DIR/meta/agent_id}: the decimal id and a newline, plain text for an operator to read.
 * It is written to {@code agent_id.tmp}, forced to disk, and renamed over the old file, so a reader finds the old id or
 * the new one, never a part of one, even after a power loss.
 */
final class AgentIdFile
{
    /**
     * Name of the file in the meta directory.
     */
    static final String NAME = "agent_id";

    private static final int MAX_LENGTH = 64;

    private final File file;
    private final File tmpFile;

    AgentIdFile(final File metaDir)
    {
        file = new File(metaDir, NAME);
        tmpFile = new File(metaDir, NAME + ".tmp");
    }

    /**
     * The file.
     */
    File file()
    {
        return file;
    }

    /**
     * Read the agent id. A file that can not be read is reported and taken as no id; one that does not hold an id is
     * also moved aside.
     *
     * @param problems where to report a damaged file.
     * @return the agent id, or 0 when there is none.
     * @throws CheckpointException if a damaged file can not be moved aside.
     */
    long read(final List<String> problems) throws CheckpointException
    {
        if (!file.exists())
        {
            return 0;
        }

        final byte[] bytes;
        try
        {
            bytes = Files.readAllBytes(file.toPath());
        }
        catch (final IOException ex)
        {
            problems.add("The agent id file " + file + " could not be read (" + CheckpointFiles.describe(ex) +
                "); the agent registers as new.");
            return 0;
        }

        final long agentId = parse(bytes);
        if (agentId > 0)
        {
            return agentId;
        }

        final String reason = "it does not hold an agent id but " + printable(bytes);
        final File target = CheckpointFiles.moveAside(file, reason);
        problems.add("The agent id file " + file + " is damaged (" + reason + "); it was moved aside to " + target +
            " and the agent registers as new.");
        return 0;
    }

    /**
     * Write the agent id, replacing the old one atomically.
     *
     * @param agentId to write, positive.
     * @throws CheckpointException if it can not be written.
     */
    void write(final long agentId) throws CheckpointException
    {
        final Path tmp = tmpFile.toPath();
        try
        {
            try (FileChannel channel = FileChannel.open(
                tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING))
            {
                final ByteBuffer content = ByteBuffer.wrap((agentId + "\n").getBytes(StandardCharsets.US_ASCII));
                while (content.hasRemaining())
                {
                    channel.write(content);
                }
                channel.force(true);
            }
            Files.move(tmp, file.toPath(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            forceDirectory();
        }
        catch (final IOException ex)
        {
            throw new CheckpointException("cannot write the agent id to " + file + ": " + CheckpointFiles.describe(ex), ex);
        }
    }

    /**
     * Delete the file, if there is one.
     *
     * @throws CheckpointException if it can not be deleted.
     */
    void delete() throws CheckpointException
    {
        try
        {
            Files.deleteIfExists(file.toPath());
            Files.deleteIfExists(tmpFile.toPath());
            forceDirectory();
        }
        catch (final IOException ex)
        {
            throw new CheckpointException("cannot delete the agent id file " + file + ": " + CheckpointFiles.describe(ex), ex);
        }
    }

    private void forceDirectory() throws IOException
    {
        // makes the rename itself durable; Linux allows a directory to be opened for reading and forced
        try (FileChannel directory = FileChannel.open(file.getParentFile().toPath(), StandardOpenOption.READ))
        {
            directory.force(true);
        }
    }

    private static long parse(final byte[] bytes)
    {
        if (bytes.length > MAX_LENGTH)
        {
            return 0;
        }

        final String text = new String(bytes, StandardCharsets.US_ASCII).strip();
        if (text.isEmpty() || text.length() > 19 || !text.chars().allMatch(Character::isDigit))
        {
            return 0;
        }

        try
        {
            return Long.parseLong(text);
        }
        catch (final NumberFormatException ex)
        {
            return 0;
        }
    }

    private static String printable(final byte[] bytes)
    {
        final StringBuilder text = new StringBuilder("'");
        for (int i = 0; i < Math.min(bytes.length, 40); i++)
        {
            final char c = (char)(bytes[i] & 0xFF);
            text.append(c >= ' ' && c < 0x7F ? c : '?');
        }
        return text.append(bytes.length > 40 ? "...'" : "'").append(" (").append(bytes.length).append(" bytes)").toString();
    }
}

/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.agent.checkpoint;

import java.nio.charset.StandardCharsets;

import io.allot.codecs.MessageValidator;
import io.allot.codecs.ResourceCodec;
import io.allot.codecs.sbe.BooleanType;
import io.allot.codecs.sbe.CheckpointTaskDecoder;
import io.allot.codecs.sbe.CheckpointTaskEncoder;
import io.allot.codecs.sbe.CheckpointUpdateDecoder;
import io.allot.codecs.sbe.CheckpointUpdateEncoder;
import io.allot.codecs.sbe.MessageHeaderDecoder;
import io.allot.codecs.sbe.MessageHeaderEncoder;
import io.allot.codecs.sbe.RunTaskDecoder;
import io.allot.codecs.sbe.RunTaskEncoder;
import io.allot.codecs.sbe.TaskReason;
import io.allot.codecs.sbe.TaskState;
import io.allot.codecs.sbe.VarStringEncodingEncoder;
import io.allot.resources.ResourceNames;
import io.allot.resources.Resources;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Keys and values of the checkpoint's maps. A key is the big-endian {@code frameworkId, taskId} of a task (16 bytes) or
 * {@code frameworkId, taskId, sequence} of an update (24 bytes). A value is one SBE message, header included:
 * {@code CheckpointTask} or {@code CheckpointUpdate}.
 * <p>
 * A value is decoded only after {@link MessageValidator} accepted it, it is the expected template, its enums are known,
 * its ids match its key and its resources are valid; otherwise decoding answers null with the reason in
 * {@link #error()}.
 * <p>
 * The resources of a {@code CheckpointTask} are laid out exactly as those of a {@code RunTask} (a {@code scalars} group,
 * then a {@code ports} group, right after the root block), so {@link ResourceCodec}'s {@code RunTask} methods write and
 * read them through a {@link RunTaskEncoder} / {@link RunTaskDecoder} placed at that offset; the class initialiser
 * refuses to load if the two layouts ever differ. Not thread safe: one instance per checkpoint.
 */
final class CheckpointCodec
{
    static final int TASK_KEY_LENGTH = 2 * Long.BYTES;
    static final int UPDATE_KEY_LENGTH = 3 * Long.BYTES;

    private static final int MAX_STRING_LENGTH = VarStringEncodingEncoder.lengthMaxValue();

    static
    {
        if (CheckpointTaskEncoder.ScalarsEncoder.sbeBlockLength() != RunTaskEncoder.ScalarsEncoder.sbeBlockLength() ||
            CheckpointTaskEncoder.ScalarsEncoder.valueEncodingOffset() != RunTaskEncoder.ScalarsEncoder.valueEncodingOffset() ||
            CheckpointTaskEncoder.PortsEncoder.sbeBlockLength() != RunTaskEncoder.PortsEncoder.sbeBlockLength() ||
            CheckpointTaskEncoder.PortsEncoder.endEncodingOffset() != RunTaskEncoder.PortsEncoder.endEncodingOffset())
        {
            throw new IllegalStateException("the resource groups of CheckpointTask and RunTask differ in the schema");
        }
    }

    private final ExpandableArrayBuffer encodeBuffer = new ExpandableArrayBuffer(1024);
    private final UnsafeBuffer decodeBuffer = new UnsafeBuffer();
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final CheckpointTaskEncoder taskEncoder = new CheckpointTaskEncoder();
    private final CheckpointTaskDecoder taskDecoder = new CheckpointTaskDecoder();
    private final CheckpointUpdateEncoder updateEncoder = new CheckpointUpdateEncoder();
    private final CheckpointUpdateDecoder updateDecoder = new CheckpointUpdateDecoder();
    private final RunTaskEncoder resourcesEncoder = new RunTaskEncoder();
    private final RunTaskDecoder resourcesDecoder = new RunTaskDecoder();
    private final MessageValidator validator = new MessageValidator();
    private final StringBuilder error = new StringBuilder(128);

    /**
     * Key of a task in the tasks map.
     */
    static byte[] taskKey(final long frameworkId, final long taskId)
    {
        final byte[] key = new byte[TASK_KEY_LENGTH];
        putLong(key, 0, frameworkId);
        putLong(key, Long.BYTES, taskId);
        return key;
    }

    /**
     * Key of an update in the updates map.
     */
    static byte[] updateKey(final long frameworkId, final long taskId, final long sequence)
    {
        final byte[] key = new byte[UPDATE_KEY_LENGTH];
        putLong(key, 0, frameworkId);
        putLong(key, Long.BYTES, taskId);
        putLong(key, 2 * Long.BYTES, sequence);
        return key;
    }

    /**
     * The long at an index of a key (0 frameworkId, 1 taskId, 2 sequence).
     */
    static long keyPart(final byte[] key, final int index)
    {
        long value = 0;
        for (int i = index * Long.BYTES, end = i + Long.BYTES; i < end; i++)
        {
            value = (value << 8) | (key[i] & 0xFF);
        }
        return value;
    }

    /**
     * Encode a task as a {@code CheckpointTask} message.
     *
     * @throws IllegalArgumentException if a string is longer than 4096 bytes of UTF-8.
     */
    byte[] encodeTask(final TaskRecord task)
    {
        final byte[] name = utf8(task.name(), "name");
        final byte[] command = utf8(task.command(), "command");
        final byte[] role = utf8(task.role(), "role");
        final byte[] containerId = utf8(task.containerId(), "containerId");

        taskEncoder.wrapAndApplyHeader(encodeBuffer, 0, headerEncoder)
            .frameworkId(task.frameworkId())
            .taskId(task.taskId())
            .launchSequence(task.launchSequence())
            .killGracePeriodMs(task.killGracePeriodMs())
            .state(task.state())
            .pid(task.pid())
            .pidStartMs(task.pidStartMs())
            .killRequested(task.killRequested() ? BooleanType.TRUE : BooleanType.FALSE);

        resourcesEncoder.wrap(encodeBuffer, MessageHeaderEncoder.ENCODED_LENGTH);
        resourcesEncoder.limit(taskEncoder.limit());
        ResourceCodec.encode(task.resources(), resourcesEncoder);
        taskEncoder.limit(resourcesEncoder.limit());

        taskEncoder.putName(name, 0, name.length)
            .putCommand(command, 0, command.length)
            .putRole(role, 0, role.length)
            .putContainerId(containerId, 0, containerId.length);

        return copy(MessageHeaderEncoder.ENCODED_LENGTH + taskEncoder.encodedLength());
    }

    /**
     * Encode an update as a {@code CheckpointUpdate} message.
     *
     * @throws IllegalArgumentException if the message is longer than 4096 bytes of UTF-8.
     */
    byte[] encodeUpdate(final UpdateRecord update)
    {
        final byte[] message = utf8(update.message(), "message");
        updateEncoder.wrapAndApplyHeader(encodeBuffer, 0, headerEncoder)
            .frameworkId(update.frameworkId())
            .taskId(update.taskId())
            .sequence(update.sequence())
            .state(update.state())
            .reason(update.reason());
        updateEncoder.uuid().msb(update.uuidMsb()).lsb(update.uuidLsb());
        updateEncoder.timestampMs(update.timestampMs())
            .putMessage(message, 0, message.length);

        return copy(MessageHeaderEncoder.ENCODED_LENGTH + updateEncoder.encodedLength());
    }

    /**
     * Decode the value of a task.
     *
     * @param key   of the entry, to check the value against.
     * @param value of the entry.
     * @param names registry for the task's resources; a custom name is registered in it.
     * @return the task, or null with the reason in {@link #error()}.
     */
    TaskRecord decodeTask(final byte[] key, final byte[] value, final ResourceNames names)
    {
        if (!validate(value, CheckpointTaskDecoder.TEMPLATE_ID))
        {
            return null;
        }

        try
        {
            final CheckpointTaskDecoder d = taskDecoder.wrap(
                decodeBuffer, MessageHeaderDecoder.ENCODED_LENGTH, headerDecoder.blockLength(), headerDecoder.version());
            final long frameworkId = d.frameworkId();
            final long taskId = d.taskId();
            if (frameworkId != keyPart(key, 0) || taskId != keyPart(key, 1))
            {
                error.append("it holds task ").append(taskId).append(" of framework ").append(frameworkId);
                return null;
            }

            final TaskState state = d.state();
            final BooleanType killRequested = d.killRequested();
            final long pid = d.pid();
            if (TaskState.NULL_VAL == state || BooleanType.NULL_VAL == killRequested || pid < 0)
            {
                error.append("its state, pid or killRequested is invalid");
                return null;
            }

            final long launchSequence = d.launchSequence();
            final long killGracePeriodMs = d.killGracePeriodMs();
            final long pidStartMs = d.pidStartMs();
            final Resources resources = new Resources(names);
            resourcesDecoder.wrap(decodeBuffer, MessageHeaderDecoder.ENCODED_LENGTH, headerDecoder.blockLength(), headerDecoder.version());
            resourcesDecoder.limit(d.limit());
            final int resourceResult = ResourceCodec.decode(resourcesDecoder, resources);
            if (ResourceCodec.OK != resourceResult)
            {
                error.append("its resources are invalid: ").append(ResourceCodec.errorMessage());
                return null;
            }
            d.limit(resourcesDecoder.limit());

            return new TaskRecord(frameworkId, taskId, launchSequence, killGracePeriodMs, state, pid, pidStartMs,
                BooleanType.TRUE == killRequested, resources, d.name(), d.command(), d.role(), d.containerId());
        }
        catch (final RuntimeException ex)
        {
            error.append("it failed to decode: ").append(ex);
            return null;
        }
    }

    /**
     * Decode the value of an update.
     *
     * @param key   of the entry, to check the value against.
     * @param value of the entry.
     * @return the update, or null with the reason in {@link #error()}.
     */
    UpdateRecord decodeUpdate(final byte[] key, final byte[] value)
    {
        if (!validate(value, CheckpointUpdateDecoder.TEMPLATE_ID))
        {
            return null;
        }

        try
        {
            final CheckpointUpdateDecoder d = updateDecoder.wrap(
                decodeBuffer, MessageHeaderDecoder.ENCODED_LENGTH, headerDecoder.blockLength(), headerDecoder.version());
            final long frameworkId = d.frameworkId();
            final long taskId = d.taskId();
            final long sequence = d.sequence();
            if (frameworkId != keyPart(key, 0) || taskId != keyPart(key, 1) || sequence != keyPart(key, 2))
            {
                error.append("it holds update ").append(sequence).append(" of task ").append(taskId)
                    .append(" of framework ").append(frameworkId);
                return null;
            }

            final TaskState state = d.state();
            final TaskReason reason = d.reason();
            if (TaskState.NULL_VAL == state || TaskReason.NULL_VAL == reason)
            {
                error.append("its state or reason is invalid");
                return null;
            }

            return new UpdateRecord(frameworkId, taskId, sequence, state, reason, d.uuid().msb(), d.uuid().lsb(),
                d.timestampMs(), d.message());
        }
        catch (final RuntimeException ex)
        {
            error.append("it failed to decode: ").append(ex);
            return null;
        }
    }

    /**
     * Why the last decode answered null.
     *
     * @return the reason, as a clause such as {@code "truncated message: ..."}.
     */
    CharSequence error()
    {
        return error;
    }

    private boolean validate(final byte[] value, final int templateId)
    {
        error.setLength(0);
        decodeBuffer.wrap(value);
        if (MessageValidator.VALID != validator.validate(decodeBuffer, 0, value.length))
        {
            error.append(validator.errorMessage());
            return false;
        }

        headerDecoder.wrap(decodeBuffer, 0);
        if (templateId != headerDecoder.templateId())
        {
            error.append("it is a ").append(MessageValidator.templateName(headerDecoder.templateId())).append(" message, not a ")
                .append(MessageValidator.templateName(templateId));
            return false;
        }

        return true;
    }

    private byte[] copy(final int length)
    {
        final byte[] value = new byte[length];
        encodeBuffer.getBytes(0, value);
        return value;
    }

    private static byte[] utf8(final String text, final String field)
    {
        final byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_STRING_LENGTH)
        {
            throw new IllegalArgumentException(
                field + " of " + bytes.length + " bytes: at most " + MAX_STRING_LENGTH + " can be checkpointed");
        }
        return bytes;
    }

    private static void putLong(final byte[] key, final int offset, final long value)
    {
        for (int i = 0; i < Long.BYTES; i++)
        {
            key[offset + i] = (byte)(value >>> (8 * (Long.BYTES - 1 - i)));
        }
    }
}

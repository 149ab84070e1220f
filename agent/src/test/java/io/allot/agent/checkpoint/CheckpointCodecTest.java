/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.agent.checkpoint;

import java.util.Arrays;

import io.allot.codecs.MessageValidator;
import io.allot.codecs.sbe.CheckpointTaskDecoder;
import io.allot.codecs.sbe.CheckpointUpdateDecoder;
import io.allot.codecs.sbe.GroupSizeEncodingDecoder;
import io.allot.codecs.sbe.MessageHeaderDecoder;
import io.allot.codecs.sbe.TaskReason;
import io.allot.codecs.sbe.TaskState;
import io.allot.resources.ResourceNames;
import io.allot.resources.ResourcesParser;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static io.allot.agent.checkpoint.CheckpointSamples.task;
import static io.allot.agent.checkpoint.CheckpointSamples.update;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The SBE values and fixed-size keys of the checkpoint, without Chronicle Map.
 */
class CheckpointCodecTest
{
    private final CheckpointCodec codec = new CheckpointCodec();

    @Test
    @Timeout(10)
    void shouldWriteKeysAsBigEndianIds()
    {
        final byte[] key = CheckpointCodec.updateKey(0x0102030405060708L, -2, 300);
        assertEquals(24, key.length);
        assertArrayEquals(new byte[]{ 1, 2, 3, 4, 5, 6, 7, 8 }, Arrays.copyOf(key, 8));
        assertEquals(0x0102030405060708L, CheckpointCodec.keyPart(key, 0));
        assertEquals(-2, CheckpointCodec.keyPart(key, 1));
        assertEquals(300, CheckpointCodec.keyPart(key, 2));
        assertEquals(16, CheckpointCodec.taskKey(1, 2).length);
        assertEquals(2, CheckpointCodec.keyPart(CheckpointCodec.taskKey(1, 2), 1));
    }

    @Test
    @Timeout(10)
    void shouldEncodeValidCheckpointMessages()
    {
        final byte[] taskValue = codec.encodeTask(task(3, 4));
        final byte[] updateValue = codec.encodeUpdate(update(3, 4, 5, TaskState.TASK_RUNNING));
        final MessageValidator validator = new MessageValidator();

        assertEquals(MessageValidator.VALID, validator.validate(new UnsafeBuffer(taskValue), 0, taskValue.length));
        assertEquals(CheckpointTaskDecoder.TEMPLATE_ID, validator.templateId());
        assertEquals(taskValue.length, validator.decodedLength());
        assertEquals(MessageValidator.VALID, validator.validate(new UnsafeBuffer(updateValue), 0, updateValue.length));
        assertEquals(CheckpointUpdateDecoder.TEMPLATE_ID, validator.templateId());
        assertEquals("CheckpointTask", MessageValidator.templateName(110));
        assertEquals("CheckpointUpdate", MessageValidator.templateName(111));
    }

    @Test
    @Timeout(10)
    void shouldRoundTripResourcesThroughTheRunTaskLayout()
    {
        final ResourceNames names = new ResourceNames();
        final TaskRecord task = new TaskRecord(1, 2, 3, 4, TaskState.TASK_RUNNING, 5, 6, true,
            ResourcesParser.parse("cpus:0.001;mem:1;gpus:8;fpgas:1.5;nics:2;ports:[1-1,80-90,31000-32000]", names),
            "n", "c", "r", "id");

        final ResourceNames agentNames = new ResourceNames();
        final TaskRecord decoded = codec.decodeTask(CheckpointCodec.taskKey(1, 2), codec.encodeTask(task), agentNames);
        assertEquals(task, decoded);
        assertEquals("cpus:0.001;mem:1;gpus:8;fpgas:1.5;nics:2;ports:[1-1,80-90,31000-32000]", decoded.resources().toString());
        assertEquals(6, agentNames.size());
    }

    @Test
    @Timeout(10)
    void shouldRefuseValuesThatDoNotDecodeWithTheReason()
    {
        final byte[] key = CheckpointCodec.taskKey(3, 4);
        final byte[] value = codec.encodeTask(task(3, 4));

        value[MessageHeaderDecoder.ENCODED_LENGTH + CheckpointTaskDecoder.stateEncodingOffset()] = 77;
        assertNull(codec.decodeTask(key, value, new ResourceNames()));
        assertEquals("it failed to decode: java.lang.IllegalArgumentException: Unknown value: 77", codec.error().toString());

        value[MessageHeaderDecoder.ENCODED_LENGTH + CheckpointTaskDecoder.stateEncodingOffset()] = (byte)255;
        assertNull(codec.decodeTask(key, value, new ResourceNames()));
        assertEquals("its state, pid or killRequested is invalid", codec.error().toString());

        final byte[] update = codec.encodeUpdate(update(3, 4, 1, TaskState.TASK_RUNNING));
        assertNull(codec.decodeTask(key, update, new ResourceNames()));
        assertEquals("it is a CheckpointUpdate message, not a CheckpointTask", codec.error().toString());
        assertNull(codec.decodeUpdate(CheckpointCodec.updateKey(3, 4, 2), update));
        assertEquals("it holds update 1 of task 4 of framework 3", codec.error().toString());

        final byte[] negative = codec.encodeTask(new TaskRecord(3, 4, 1, 0, TaskState.TASK_RUNNING, 0, 0, false,
            ResourcesParser.parse("cpus:1", new ResourceNames()), "", "", "", ""));
        final int valueOffset = MessageHeaderDecoder.ENCODED_LENGTH + CheckpointTaskDecoder.BLOCK_LENGTH +
            GroupSizeEncodingDecoder.ENCODED_LENGTH + CheckpointTaskDecoder.ScalarsDecoder.valueEncodingOffset();
        new UnsafeBuffer(negative).putLong(valueOffset, -1000);
        assertNull(codec.decodeTask(key, negative, new ResourceNames()));
        assertEquals("its resources are invalid: negative value -1000 for scalar cpus", codec.error().toString());
    }

    @Test
    @Timeout(10)
    void shouldRefuseStringsLongerThanTheSchemaAllows()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> codec.encodeTask(task(1, 1, 1, "é".repeat(2049))));
        assertEquals("command of 4098 bytes: at most 4096 can be checkpointed", ex.getMessage());
        assertThrows(IllegalArgumentException.class, () -> codec.encodeUpdate(
            new UpdateRecord(1, 1, 1, TaskState.TASK_FAILED, TaskReason.NONE, 0, 0, 0, "x".repeat(4097))));
    }
}

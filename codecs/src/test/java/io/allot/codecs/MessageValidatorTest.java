package io.allot.codecs;

import io.allot.codecs.SchemaMessages.MessageSpec;
import io.allot.codecs.sbe.AcceptEncoder;
import io.allot.codecs.sbe.DeclineEncoder;
import io.allot.codecs.sbe.ErrorCode;
import io.allot.codecs.sbe.GroupSizeEncodingEncoder;
import io.allot.codecs.sbe.MessageEncoder;
import io.allot.codecs.sbe.MessageHeaderDecoder;
import io.allot.codecs.sbe.MessageHeaderEncoder;
import io.allot.codecs.sbe.SubscribeDecoder;
import io.allot.codecs.sbe.SubscribeEncoder;
import io.allot.codecs.sbe.VarDataEncodingEncoder;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MessageValidatorTest
{
    private static final int HEADER_LENGTH = MessageHeaderEncoder.ENCODED_LENGTH;
    private static final Set<Integer> CODES = Set.of(
        MessageValidator.VALID, MessageValidator.INVALID_BOUNDS, MessageValidator.HEADER_TOO_SHORT,
        MessageValidator.WRONG_SCHEMA_ID, MessageValidator.UNSUPPORTED_VERSION, MessageValidator.UNKNOWN_TEMPLATE,
        MessageValidator.BLOCK_LENGTH_TOO_SMALL, MessageValidator.TRUNCATED, MessageValidator.GROUP_COUNT_TOO_LARGE,
        MessageValidator.GROUP_BLOCK_LENGTH_TOO_SMALL, MessageValidator.VAR_DATA_TOO_LONG, MessageValidator.DECODE_FAILED);

    private final MessageValidator validator = new MessageValidator();
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[2 * 1024 * 1024]);
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();

    @Test
    void shouldNameEveryTemplateOfTheSchemaAndNoOther()
    {
        int known = 0;
        for (int templateId = 0; templateId <= 0xFFFF; templateId++)
        {
            known += null != MessageValidator.templateName(templateId) ? 1 : 0;
        }

        assertEquals(SchemaMessages.MESSAGES.size(), known);
        for (final MessageSpec spec : SchemaMessages.MESSAGES)
        {
            assertEquals(spec.name(), MessageValidator.templateName(spec.id()));
        }
        assertNull(MessageValidator.templateName(-1));
    }

    @Test
    void shouldAcceptEveryMessageOfTheSchema()
    {
        for (final MessageSpec spec : SchemaMessages.MESSAGES)
        {
            for (final int offset : new int[]{ 0, 13 })
            {
                final int length = SchemaMessages.encode(spec, buffer, offset, 7);

                final int result = validator.validate(buffer, offset, length);

                assertEquals(MessageValidator.VALID, result, spec.name() + ": " + validator.errorMessage());
                assertEquals("", validator.errorMessage().toString());
                assertEquals(ErrorCode.NULL_VAL, validator.errorCode());
                assertEquals(spec.id(), validator.templateId());
                assertEquals(MessageHeaderDecoder.SCHEMA_VERSION, validator.actingVersion());
                assertEquals(new MessageHeaderDecoder().wrap(buffer, offset).blockLength(), validator.actingBlockLength());
                assertEquals(length, validator.decodedLength(), spec.name());
                assertEquals(length, SchemaMessages.generatedDecodedLength(spec, buffer, offset), spec.name());
            }
        }
    }

    @Test
    void shouldAcceptMessagesInDirectAndExpandableBuffers()
    {
        final MessageSpec spec = SchemaMessages.message("ReregisterAgent");
        final UnsafeBuffer direct = new UnsafeBuffer(ByteBuffer.allocateDirect(64 * 1024));
        final ExpandableArrayBuffer expandable = new ExpandableArrayBuffer(16);
        for (final MutableDirectBuffer target : new MutableDirectBuffer[]{ direct, expandable })
        {
            final int length = SchemaMessages.encode(spec, target, 100, 3);

            assertEquals(MessageValidator.VALID, validator.validate(target, 100, length), validator.errorMessage().toString());
            assertEquals(length, validator.decodedLength());
        }
    }

    @Test
    void shouldRefuseEveryTruncationOfEveryMessageWithoutReadingPastTheLength()
    {
        for (final MessageSpec spec : SchemaMessages.MESSAGES)
        {
            // The whole message stays in the buffer: a validator reading past the length would find it complete.
            final int fullLength = SchemaMessages.encode(spec, buffer, 0, 11);
            for (int length = 0; length < fullLength; length++)
            {
                final int result = validator.validate(buffer, 0, length);

                final String context = spec.name() + " truncated to " + length + " of " + fullLength;
                if (length < HEADER_LENGTH)
                {
                    assertEquals(MessageValidator.HEADER_TOO_SHORT, result, context);
                }
                else
                {
                    assertEquals(MessageValidator.TRUNCATED, result, context + ": " + validator.errorMessage());
                    assertTrue(validator.errorMessage().toString().startsWith("truncated message: " + spec.name() + " needs "),
                        validator.errorMessage().toString());
                    assertTrue(validator.errorMessage().toString().endsWith(" bytes, got " + length), validator.errorMessage().toString());
                    assertEquals(spec.id(), validator.templateId());
                }
                assertEquals(ErrorCode.MALFORMED_MESSAGE, validator.errorCode());
                assertEquals(0, validator.decodedLength());
            }
        }
    }

    @Test
    void shouldSayHowManyBytesATruncatedRootBlockNeeds()
    {
        final int length = SchemaMessages.encode(SchemaMessages.message("Accept"), buffer, 0, 5);

        assertEquals(MessageValidator.TRUNCATED, validator.validate(buffer, 0, 20));
        assertEquals("truncated message: Accept needs 24 bytes, got 20", validator.errorMessage().toString());
        assertTrue(length > 24);
    }

    @Test
    void shouldAllowBytesAfterTheMessage()
    {
        final int length = SchemaMessages.encode(SchemaMessages.message("Offers"), buffer, 0, 5);

        assertEquals(MessageValidator.VALID, validator.validate(buffer, 0, length + 10));
        assertEquals(length, validator.decodedLength());
    }

    @Test
    void shouldRefuseBufferShorterThanTheHeader()
    {
        assertEquals(MessageValidator.HEADER_TOO_SHORT, validator.validate(buffer, 0, 7));
        assertEquals("buffer shorter than the message header: 7 bytes, the header needs 8", validator.errorMessage().toString());
        assertEquals(ErrorCode.MALFORMED_MESSAGE, validator.errorCode());
        assertEquals(0, validator.templateId());
    }

    @Test
    void shouldRefuseInvalidBoundsWithoutThrowing()
    {
        assertEquals(MessageValidator.INVALID_BOUNDS, validator.validate(null, 0, 8));
        assertEquals(MessageValidator.INVALID_BOUNDS, validator.validate(buffer, -1, 8));
        assertEquals(MessageValidator.INVALID_BOUNDS, validator.validate(buffer, 0, -8));
        assertEquals(MessageValidator.INVALID_BOUNDS, validator.validate(buffer, buffer.capacity() - 4, 8));
        assertEquals(MessageValidator.INVALID_BOUNDS, validator.validate(buffer, Integer.MAX_VALUE, Integer.MAX_VALUE));
        assertEquals("invalid message bounds: offset 0, length 8, buffer capacity 0", validateNull());
    }

    @Test
    void shouldRefuseWrongSchemaId()
    {
        final int length = SchemaMessages.encode(SchemaMessages.message("Subscribe"), buffer, 0, 1);
        headerEncoder.wrap(buffer, 0).schemaId(42);

        assertEquals(MessageValidator.WRONG_SCHEMA_ID, validator.validate(buffer, 0, length));
        assertEquals("wrong schema id 42, expected 7531", validator.errorMessage().toString());
        assertEquals(ErrorCode.UNSUPPORTED_SCHEMA, validator.errorCode());
    }

    @Test
    void shouldRefuseVersionZeroAndVersionsNewerThanTheSchema()
    {
        final int length = SchemaMessages.encode(SchemaMessages.message("Subscribe"), buffer, 0, 1);

        headerEncoder.wrap(buffer, 0).version(0);
        assertEquals(MessageValidator.UNSUPPORTED_VERSION, validator.validate(buffer, 0, length));
        assertEquals("unsupported schema version 0, this build speaks 1", validator.errorMessage().toString());
        assertEquals(ErrorCode.UNSUPPORTED_SCHEMA, validator.errorCode());

        headerEncoder.wrap(buffer, 0).version(9);
        assertEquals(MessageValidator.UNSUPPORTED_VERSION, validator.validate(buffer, 0, length));
        assertEquals("unsupported schema version 9, this build speaks 1", validator.errorMessage().toString());
        assertEquals(9, validator.actingVersion());
        assertEquals(SubscribeEncoder.TEMPLATE_ID, validator.templateId());
    }

    @Test
    void shouldRefuseUnknownTemplates()
    {
        for (final int templateId : new int[]{ 0, 11, 99, 108, 127, 128, 65535 })
        {
            final int length = SchemaMessages.encode(SchemaMessages.message("Teardown"), buffer, 0, 1);
            headerEncoder.wrap(buffer, 0).templateId(templateId);

            assertEquals(MessageValidator.UNKNOWN_TEMPLATE, validator.validate(buffer, 0, length));
            assertEquals("unknown template id " + templateId, validator.errorMessage().toString());
            assertEquals(ErrorCode.UNKNOWN_TEMPLATE, validator.errorCode());
            assertEquals(templateId, validator.templateId());
        }
    }

    @Test
    void shouldRefuseBlockLengthSmallerThanTheTemplatesForEveryMessage()
    {
        for (final MessageSpec spec : SchemaMessages.MESSAGES)
        {
            final int length = SchemaMessages.encode(spec, buffer, 0, 1);
            final int blockLength = new MessageHeaderDecoder().wrap(buffer, 0).blockLength();
            headerEncoder.wrap(buffer, 0).blockLength(blockLength - 1);

            assertEquals(MessageValidator.BLOCK_LENGTH_TOO_SMALL, validator.validate(buffer, 0, length), spec.name());
            assertEquals(spec.name() + " blockLength " + (blockLength - 1) + " is smaller than " + blockLength,
                validator.errorMessage().toString());
            assertEquals(ErrorCode.MALFORMED_MESSAGE, validator.errorCode());
        }
    }

    @Test
    void shouldAcceptLargerRootBlockOfTheSameVersion()
    {
        final ExpandableArrayBuffer original = new ExpandableArrayBuffer();
        final SubscribeEncoder subscribe = new SubscribeEncoder().wrapAndApplyHeader(original, 0, headerEncoder);
        subscribe.correlationId(1).frameworkId(2).failoverTimeoutMs(3).name("fw-ü").role("*").prefer("");
        final int length = HEADER_LENGTH + subscribe.encodedLength();
        final int extra = 8;
        final int varStart = HEADER_LENGTH + SubscribeEncoder.BLOCK_LENGTH;
        buffer.putBytes(0, original, 0, varStart);
        buffer.setMemory(varStart, extra, (byte)0x7F);
        buffer.putBytes(varStart + extra, original, varStart, length - varStart);
        headerEncoder.wrap(buffer, 0).blockLength(SubscribeEncoder.BLOCK_LENGTH + extra);

        assertEquals(MessageValidator.VALID, validator.validate(buffer, 0, length + extra), validator.errorMessage().toString());
        assertEquals(length + extra, validator.decodedLength());
        final SubscribeDecoder decoder = new SubscribeDecoder()
            .wrap(buffer, HEADER_LENGTH, validator.actingBlockLength(), validator.actingVersion());
        assertEquals(3, decoder.failoverTimeoutMs());
        assertEquals("fw-ü", decoder.name());
        assertEquals("*", decoder.role());
    }

    @Test
    void shouldRefuseGroupCountOverTheMaximum()
    {
        final int length = encodeDecline(2);
        final int groupHeader = HEADER_LENGTH + DeclineEncoder.BLOCK_LENGTH;
        buffer.putShort(groupHeader + GroupSizeEncodingEncoder.numInGroupEncodingOffset(), (short)16385, ByteOrder.LITTLE_ENDIAN);

        assertEquals(MessageValidator.GROUP_COUNT_TOO_LARGE, validator.validate(buffer, 0, length));
        assertEquals("malformed message: Decline.offerIds numInGroup 16385 exceeds the maximum 16384", validator.errorMessage().toString());
        assertEquals(ErrorCode.MALFORMED_MESSAGE, validator.errorCode());
    }

    @Test
    void shouldAcceptGroupCountAtTheMaximum()
    {
        final int length = encodeDecline(16384);

        assertEquals(MessageValidator.VALID, validator.validate(buffer, 0, length), validator.errorMessage().toString());
        assertEquals(length, validator.decodedLength());
    }

    @Test
    void shouldRefuseNestedGroupCountOverTheMaximum()
    {
        final AcceptEncoder accept = new AcceptEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder);
        accept.frameworkId(1).refuseMs(-1).offerIdsCount(1).next().offerId(7);
        final AcceptEncoder.TasksEncoder task = accept.tasksCount(1).next().taskId(1).killGracePeriodMs(-1);
        final int scalarsHeader = accept.limit();
        task.scalarsCount(1).next().dimension((short)0).value(1000).name("");
        task.portsCount(0);
        task.name("t").command("sleep 1");
        final int length = HEADER_LENGTH + accept.encodedLength();
        assertEquals(MessageValidator.VALID, validator.validate(buffer, 0, length), validator.errorMessage().toString());

        buffer.putShort(scalarsHeader + GroupSizeEncodingEncoder.numInGroupEncodingOffset(), (short)60000, ByteOrder.LITTLE_ENDIAN);

        assertEquals(MessageValidator.GROUP_COUNT_TOO_LARGE, validator.validate(buffer, 0, length));
        assertEquals("malformed message: Accept.tasks.scalars numInGroup 60000 exceeds the maximum 16384",
            validator.errorMessage().toString());
    }

    @Test
    void shouldRefuseGroupBlockLengthSmallerThanTheEntry()
    {
        final int length = encodeDecline(2);
        final int groupHeader = HEADER_LENGTH + DeclineEncoder.BLOCK_LENGTH;
        buffer.putShort(groupHeader, (short)4, ByteOrder.LITTLE_ENDIAN);

        assertEquals(MessageValidator.GROUP_BLOCK_LENGTH_TOO_SMALL, validator.validate(buffer, 0, length));
        assertEquals("malformed message: Decline.offerIds blockLength 4 is smaller than 8", validator.errorMessage().toString());
    }

    @Test
    void shouldAcceptGroupEntriesLongerThanTheGeneratedEntry()
    {
        encodeDecline(0);
        final int groupHeader = HEADER_LENGTH + DeclineEncoder.BLOCK_LENGTH;
        buffer.putShort(groupHeader, (short)16, ByteOrder.LITTLE_ENDIAN);
        buffer.putShort(groupHeader + 2, (short)2, ByteOrder.LITTLE_ENDIAN);
        final int length = groupHeader + 4 + 2 * 16;

        assertEquals(MessageValidator.VALID, validator.validate(buffer, 0, length), validator.errorMessage().toString());
        assertEquals(length, validator.decodedLength());
        assertEquals(MessageValidator.TRUNCATED, validator.validate(buffer, 0, length - 1));
    }

    @Test
    void shouldRefuseStringLongerThanTheMaximum()
    {
        final SubscribeEncoder subscribe = new SubscribeEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder);
        subscribe.correlationId(1).frameworkId(0).failoverTimeoutMs(0);
        final int nameHeader = subscribe.limit();
        subscribe.name("x".repeat(4096)).role("*").prefer("");
        final int length = HEADER_LENGTH + subscribe.encodedLength();
        assertEquals(MessageValidator.VALID, validator.validate(buffer, 0, length), validator.errorMessage().toString());

        buffer.putShort(nameHeader, (short)4097, ByteOrder.LITTLE_ENDIAN);

        assertEquals(MessageValidator.VAR_DATA_TOO_LONG, validator.validate(buffer, 0, length + 100));
        assertEquals("malformed message: Subscribe.name length 4097 exceeds the maximum 4096", validator.errorMessage().toString());
        assertEquals(ErrorCode.MALFORMED_MESSAGE, validator.errorCode());
    }

    @Test
    void shouldRefusePayloadLongerThanTheMaximum()
    {
        final int maxPayload = 1024 * 1024;
        final MessageEncoder message = new MessageEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder);
        message.frameworkId(1).agentId(2).taskId(3);
        final int payloadHeader = message.limit();
        message.putPayload(new byte[maxPayload], 0, maxPayload);
        final int length = HEADER_LENGTH + message.encodedLength();
        assertEquals(MessageValidator.VALID, validator.validate(buffer, 0, length), validator.errorMessage().toString());

        for (final int tooLong : new int[]{ maxPayload + 1, -1, Integer.MIN_VALUE })
        {
            buffer.putInt(payloadHeader + VarDataEncodingEncoder.lengthEncodingOffset(), tooLong, ByteOrder.LITTLE_ENDIAN);

            assertEquals(MessageValidator.VAR_DATA_TOO_LONG, validator.validate(buffer, 0, length));
            assertEquals("malformed message: Message.payload length " + Integer.toUnsignedString(tooLong) +
                " exceeds the maximum 1048576", validator.errorMessage().toString());
        }
    }

    @Test
    void shouldNeverThrowOnRandomGarbage()
    {
        final Random random = new Random(20261126);
        final byte[] bytes = new byte[512];
        final UnsafeBuffer garbage = new UnsafeBuffer(bytes);
        for (int i = 0; i < 10_000; i++)
        {
            random.nextBytes(bytes);
            if (random.nextBoolean())
            {
                final MessageSpec spec = SchemaMessages.MESSAGES.get(random.nextInt(SchemaMessages.MESSAGES.size()));
                headerEncoder.wrap(garbage, 0).schemaId(MessageHeaderEncoder.SCHEMA_ID).version(1).templateId(spec.id())
                    .blockLength(random.nextInt(64));
            }

            assertSafe(garbage, random.nextInt(bytes.length + 1));
        }
    }

    @Test
    void shouldNeverThrowOnCorruptedMessages()
    {
        final Random random = new Random(42);
        for (int i = 0; i < 10_000; i++)
        {
            final MessageSpec spec = SchemaMessages.MESSAGES.get(random.nextInt(SchemaMessages.MESSAGES.size()));
            final int length = SchemaMessages.encode(spec, buffer, 0, i);
            for (int flips = 1 + random.nextInt(4); flips > 0; flips--)
            {
                final int index = HEADER_LENGTH + random.nextInt(length - HEADER_LENGTH);
                buffer.putByte(index, (byte)random.nextInt(256));
            }

            assertSafe(buffer, length);
        }
    }

    @Test
    void shouldNotAllocateWhenValidating()
    {
        final int length = SchemaMessages.encode(SchemaMessages.message("ReregisterAgent"), buffer, 0, 3);
        final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final long threadId = Thread.currentThread().getId();
        for (int i = 0; i < 20_000; i++)
        {
            validator.validate(buffer, 0, length);
        }

        final long before = threads.getThreadAllocatedBytes(threadId);
        int valid = 0;
        for (int i = 0; i < 10_000; i++)
        {
            valid += MessageValidator.VALID == validator.validate(buffer, 0, length) ? 1 : 0;
        }
        final long allocated = threads.getThreadAllocatedBytes(threadId) - before;

        assertEquals(10_000, valid);
        assertTrue(allocated < 1024, "allocated " + allocated + " bytes");
    }

    private void assertSafe(final DirectBuffer message, final int length)
    {
        final int result = validator.validate(message, 0, length);

        assertTrue(CODES.contains(result), "unexpected result " + result);
        if (MessageValidator.VALID == result)
        {
            final MessageSpec spec = SchemaMessages.MESSAGES.stream()
                .filter((s) -> s.id() == validator.templateId()).findFirst().orElseThrow();
            assertTrue(validator.decodedLength() <= length);
            final UnsafeBuffer view = new UnsafeBuffer(message, 0, length);
            assertEquals(validator.decodedLength(), SchemaMessages.generatedDecodedLength(spec, view, 0));
        }
        else
        {
            assertTrue(validator.errorMessage().length() > 0);
        }
    }

    private int encodeDecline(final int count)
    {
        final DeclineEncoder decline = new DeclineEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder);
        final DeclineEncoder.OfferIdsEncoder offerIds = decline.frameworkId(1).refuseMs(5000).offerIdsCount(count);
        for (int i = 0; i < count; i++)
        {
            offerIds.next().offerId(100 + i);
        }
        return HEADER_LENGTH + decline.encodedLength();
    }

    private String validateNull()
    {
        validator.validate(null, 0, 8);
        return validator.errorMessage().toString();
    }
}

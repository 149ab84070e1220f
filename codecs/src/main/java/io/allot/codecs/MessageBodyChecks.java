package io.allot.codecs;

import io.allot.codecs.sbe.GroupSizeEncodingDecoder;
import io.allot.codecs.sbe.MessageHeaderDecoder;
import io.allot.codecs.sbe.VarDataEncodingDecoder;
import io.allot.codecs.sbe.VarStringEncodingDecoder;
import org.agrona.DirectBuffer;

import java.util.Iterator;

/**
 * The checks that {@link MessageBodyWalker} makes before a generated decoder reads a group header or a variable length
 * field: that it lies within the message and is within its schema maximum. A check that fails appends its reason and
 * unwinds the walk with a preallocated {@link Rejection}, so that a walk reads as the schema does.
 */
abstract class MessageBodyChecks
{
    static final int HEADER_LENGTH = MessageHeaderDecoder.ENCODED_LENGTH;
    private static final int GROUP_HEADER_LENGTH = GroupSizeEncodingDecoder.ENCODED_LENGTH;
    private static final int MAX_GROUP_COUNT = GroupSizeEncodingDecoder.numInGroupMaxValue();
    private static final int STRING_HEADER_LENGTH = VarStringEncodingDecoder.varDataEncodingOffset();
    private static final int MAX_STRING_LENGTH = VarStringEncodingDecoder.lengthMaxValue();
    private static final int DATA_HEADER_LENGTH = VarDataEncodingDecoder.varDataEncodingOffset();
    private static final long MAX_DATA_LENGTH = VarDataEncodingDecoder.lengthMaxValue();
    private static final Rejection REJECTION = new Rejection();

    final StringBuilder errorMessage;
    DirectBuffer buffer;
    String templateName;
    private final GroupSizeEncodingDecoder groupHeader = new GroupSizeEncodingDecoder();
    private final VarStringEncodingDecoder stringHeader = new VarStringEncodingDecoder();
    private final VarDataEncodingDecoder dataHeader = new VarDataEncodingDecoder();
    private int length;
    private int rejectionCode;

    MessageBodyChecks(final StringBuilder errorMessage)
    {
        this.errorMessage = errorMessage;
    }

    /**
     * Start checking a message.
     *
     * @param buffer       holding exactly the message, header at index 0.
     * @param length       of the message, header included.
     * @param templateName of the message, for the reasons.
     */
    final void begin(final DirectBuffer buffer, final int length, final String templateName)
    {
        this.buffer = buffer;
        this.length = length;
        this.templateName = templateName;
    }

    /**
     * Stop checking the message, letting go of its buffer.
     */
    final void end()
    {
        buffer = null;
    }

    /**
     * Code of the check that unwound the walk.
     *
     * @return a negative {@link MessageValidator} error code.
     */
    final int rejectionCode()
    {
        return rejectionCode;
    }

    /**
     * Check the group header at a limit before the generated decoder reads it: it lies within the message, its count is
     * at most the schema maximum, its entries are no shorter than the generated entry block, and their fixed parts lie
     * within the message.
     */
    final void group(final int limit, final String path, final int entryBlockLength)
    {
        require(limit + (long)GROUP_HEADER_LENGTH);
        groupHeader.wrap(buffer, limit);
        final int count = groupHeader.numInGroup();
        final int actingEntryLength = groupHeader.blockLength();
        if (count > MAX_GROUP_COUNT)
        {
            errorMessage.append("malformed message: ").append(templateName).append('.').append(path)
                .append(" numInGroup ").append(count).append(" exceeds the maximum ").append(MAX_GROUP_COUNT);
            reject(MessageValidator.GROUP_COUNT_TOO_LARGE);
        }

        if (actingEntryLength < entryBlockLength)
        {
            errorMessage.append("malformed message: ").append(templateName).append('.').append(path)
                .append(" blockLength ").append(actingEntryLength).append(" is smaller than ").append(entryBlockLength);
            reject(MessageValidator.GROUP_BLOCK_LENGTH_TOO_SMALL);
        }

        require(limit + GROUP_HEADER_LENGTH + (long)count * actingEntryLength);
    }

    /**
     * Check a variable length string at a limit before the generated decoder skips it.
     */
    final void string(final int limit, final String path)
    {
        require(limit + (long)STRING_HEADER_LENGTH);
        final int dataLength = stringHeader.wrap(buffer, limit).length();
        if (dataLength > MAX_STRING_LENGTH)
        {
            tooLong(path, dataLength, MAX_STRING_LENGTH);
        }

        require(limit + (long)STRING_HEADER_LENGTH + dataLength);
    }

    /**
     * Check variable length bytes at a limit before the generated decoder skips them.
     */
    final void data(final int limit, final String path)
    {
        require(limit + (long)DATA_HEADER_LENGTH);
        final long dataLength = dataHeader.wrap(buffer, limit).length();
        if (dataLength > MAX_DATA_LENGTH)
        {
            tooLong(path, dataLength, MAX_DATA_LENGTH);
        }

        require(limit + DATA_HEADER_LENGTH + dataLength);
    }

    private void tooLong(final String path, final long dataLength, final long maxLength)
    {
        errorMessage.append("malformed message: ").append(templateName).append('.').append(path)
            .append(" length ").append(dataLength).append(" exceeds the maximum ").append(maxLength);
        reject(MessageValidator.VAR_DATA_TOO_LONG);
    }

    /**
     * Check that the message is at least as long as an end offset that a read needs.
     */
    final void require(final long end)
    {
        if (end > length)
        {
            errorMessage.append("truncated message: ").append(templateName).append(" needs ").append(end)
                .append(" bytes, got ").append(length);
            reject(MessageValidator.TRUNCATED);
        }
    }

    private void reject(final int code)
    {
        rejectionCode = code;
        throw REJECTION;
    }

    /**
     * Step over the entries of a group that has no nested group and no variable length field.
     */
    static void skipEntries(final Iterator<?> group)
    {
        while (group.hasNext())
        {
            group.next();
        }
    }

    /**
     * Unwinds a walk once its reason is recorded; preallocated, without a stack trace.
     */
    static final class Rejection extends RuntimeException
    {
        private static final long serialVersionUID = -3870255470253493567L;

        Rejection()
        {
            super("message rejected", null, false, false);
        }
    }
}

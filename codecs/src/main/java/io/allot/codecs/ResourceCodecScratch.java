package io.allot.codecs;

import io.allot.codecs.sbe.VarStringEncodingDecoder;
import io.allot.resources.ResourceNames;
import io.allot.resources.Resources;
import org.agrona.DirectBuffer;
import org.agrona.collections.ArrayUtil;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.charset.StandardCharsets;

/**
 * The rules and the per-thread scratch state behind the static methods of {@link ResourceCodec}: what a decoded scalar
 * or port range must look like, the bytes of a custom name, and the reason of the last refusal.
 * <p>
 * Decoding records the first problem and ignores every later entry, so a decode always consumes both groups and leaves
 * the generated decoder where the next field begins.
 */
final class ResourceCodecScratch
{
    /**
     * Longest name a scalars entry can carry.
     */
    static final int NAME_CAPACITY = VarStringEncodingDecoder.lengthMaxValue();

    private static final DirectBuffer EMPTY_NAME = new UnsafeBuffer(ArrayUtil.EMPTY_BYTE_ARRAY);
    private static final ThreadLocal<ResourceCodecScratch> SCRATCH = ThreadLocal.withInitial(ResourceCodecScratch::new);

    /**
     * Where a decode copies the name of a scalars entry.
     */
    final byte[] nameBytes = new byte[NAME_CAPACITY];

    private final UnsafeBuffer nameBuffer = new UnsafeBuffer();
    private final StringBuilder nameChars = new StringBuilder(64);
    private final StringBuilder errorMessage = new StringBuilder(128);
    private Resources into;
    private int errorCode;
    private int seenDimensions;
    private boolean hasRange;
    private long lastBegin;
    private long lastEnd;

    /**
     * The scratch state of the calling thread.
     *
     * @return the scratch state of the calling thread.
     */
    static ResourceCodecScratch current()
    {
        return SCRATCH.get();
    }

    /**
     * Start decoding into resources: clear them and forget the last refusal.
     *
     * @param into resources to fill.
     * @return the scratch state of the calling thread.
     */
    static ResourceCodecScratch beginDecode(final Resources into)
    {
        final ResourceCodecScratch scratch = SCRATCH.get();
        into.clear();
        scratch.into = into;
        scratch.errorCode = ResourceCodec.OK;
        scratch.errorMessage.setLength(0);
        scratch.seenDimensions = 0;
        scratch.hasRange = false;
        return scratch;
    }

    /**
     * Number of scalar dimensions with a non-zero value.
     */
    static int scalarCount(final Resources resources)
    {
        int count = 0;
        for (int dim = 0; dim < ResourceNames.MAX_SCALARS; dim++)
        {
            if (0 != resources.scalar(dim))
            {
                count++;
            }
        }

        return count;
    }

    /**
     * The first dimension from an index on with a non-zero value, or -1 if none.
     */
    static int nextScalar(final Resources resources, final int fromDim)
    {
        for (int dim = fromDim; dim < ResourceNames.MAX_SCALARS; dim++)
        {
            if (0 != resources.scalar(dim))
            {
                return dim;
            }
        }

        return -1;
    }

    /**
     * Wire code of a dimension: its index for a predefined dimension, else {@link ResourceCodec#CUSTOM_DIMENSION}.
     */
    static short dimensionCode(final int dim)
    {
        return (short)(dim <= ResourceNames.GPUS ? dim : ResourceCodec.CUSTOM_DIMENSION);
    }

    /**
     * The name to write with a dimension: empty for a predefined one, else its ASCII bytes in a per-thread buffer that
     * the next call reuses. The buffer's capacity is the length of the name.
     */
    static DirectBuffer dimensionName(final Resources resources, final int dim)
    {
        return dim <= ResourceNames.GPUS ? EMPTY_NAME : SCRATCH.get().asciiName(resources.names().name(dim));
    }

    /**
     * Code of the first refusal of the current decode.
     */
    int errorCode()
    {
        return errorCode;
    }

    /**
     * Reason of the last refusal on this thread, empty if the last decode succeeded.
     */
    CharSequence errorMessage()
    {
        return errorMessage;
    }

    /**
     * Take one scalars entry, after its name has been copied into {@link #nameBytes}.
     *
     * @param code       wire code of the dimension.
     * @param value      in milli-units.
     * @param nameLength length of the name on the wire.
     * @param copied     bytes of the name copied into {@link #nameBytes}.
     */
    void scalar(final int code, final long value, final int nameLength, final int copied)
    {
        if (ResourceCodec.OK != errorCode)
        {
            return;
        }

        if (code > ResourceNames.GPUS && ResourceCodec.CUSTOM_DIMENSION != code)
        {
            fail(ResourceCodec.UNKNOWN_DIMENSION).append("unknown scalar dimension code ").append(code);
            return;
        }

        if (value < 0)
        {
            appendDimension(fail(ResourceCodec.NEGATIVE_SCALAR).append("negative value ").append(value).append(" for "), code, copied);
            return;
        }

        final int dim = ResourceCodec.CUSTOM_DIMENSION == code ? customDimension(nameLength, copied) : code;
        if (dim < 0)
        {
            return;
        }

        if (code <= ResourceNames.GPUS && 0 != nameLength)
        {
            appendDimension(fail(ResourceCodec.INVALID_NAME), code, 0)
                .append(" must have an empty name, got ").append(nameLength).append(" bytes");
            return;
        }

        final int bit = 1 << dim;
        if (0 != (seenDimensions & bit))
        {
            appendDimension(fail(ResourceCodec.DUPLICATE_SCALAR).append("duplicate "), code, copied);
            return;
        }

        seenDimensions |= bit;
        into.setScalar(dim, value);
    }

    /**
     * Take one ports entry: ranges must be valid, ascending and disjoint.
     *
     * @param begin first port, inclusive.
     * @param end   last port, inclusive.
     */
    void range(final long begin, final long end)
    {
        if (ResourceCodec.OK != errorCode)
        {
            return;
        }

        if (begin < 0 || begin > end)
        {
            fail(ResourceCodec.INVALID_RANGE).append(begin < 0 ? "negative" : "reversed")
                .append(" port range ").append(begin).append('-').append(end);
            return;
        }

        if (hasRange && begin <= lastEnd)
        {
            final StringBuilder message = fail(ResourceCodec.OVERLAPPING_RANGE);
            if (begin == lastBegin && end == lastEnd)
            {
                message.append("duplicate port range ").append(begin).append('-').append(end);
            }
            else
            {
                message.append("port range ").append(begin).append('-').append(end).append(" overlaps or precedes ")
                    .append(lastBegin).append('-').append(lastEnd).append(": ranges must be ascending and disjoint");
            }
            return;
        }

        hasRange = true;
        lastBegin = begin;
        lastEnd = end;
        into.ports().add(begin, end);
    }

    /**
     * Find or register the custom name in {@link #nameBytes}.
     *
     * @return the dimension, or -1 with the refusal recorded.
     */
    private int customDimension(final int nameLength, final int copied)
    {
        if (0 == nameLength || nameLength > copied)
        {
            fail(ResourceCodec.INVALID_NAME).append("custom scalar name of ").append(nameLength)
                .append(" bytes: it must have 1 to ").append(NAME_CAPACITY);
            return -1;
        }

        nameChars.setLength(0);
        for (int i = 0; i < nameLength; i++)
        {
            final char c = (char)(nameBytes[i] & 0xFF);
            if (!ResourceNames.isNameChar(c))
            {
                appendName(fail(ResourceCodec.INVALID_NAME).append("invalid byte at ").append(i)
                    .append(" of custom scalar name '"), nameLength).append('\'');
                return -1;
            }
            nameChars.append(c);
        }

        final ResourceNames names = into.names();
        int dim = names.indexOf(nameChars, 0, nameLength);
        if (dim < 0)
        {
            if (ResourceNames.isPorts(nameChars, 0, nameLength))
            {
                fail(ResourceCodec.INVALID_NAME).append("'ports' is the port range resource, not a scalar");
                return -1;
            }

            try
            {
                dim = names.register(new String(nameBytes, 0, nameLength, StandardCharsets.US_ASCII));
            }
            catch (final IllegalArgumentException ex)
            {
                fail(ResourceCodec.INVALID_NAME).append(ex.getMessage());
                return -1;
            }

            if (dim < 0)
            {
                fail(ResourceCodec.NAMES_FULL).append("no room for custom scalar '").append(nameChars)
                    .append("': the registry holds ").append(names.size()).append(" names");
            }
        }

        return dim;
    }

    private DirectBuffer asciiName(final String name)
    {
        final int length = name.length();
        if (length > NAME_CAPACITY)
        {
            throw new IllegalArgumentException("resource name longer than " + NAME_CAPACITY + " bytes: " + name);
        }

        nameBuffer.wrap(nameBytes, 0, length);
        nameBuffer.putStringWithoutLengthAscii(0, name);
        return nameBuffer;
    }

    private StringBuilder fail(final int code)
    {
        errorCode = code;
        errorMessage.setLength(0);
        return errorMessage;
    }

    private StringBuilder appendDimension(final StringBuilder builder, final int code, final int nameLength)
    {
        if (code <= ResourceNames.GPUS)
        {
            return builder.append("scalar ").append(into.names().name(code));
        }

        return appendName(builder.append("custom scalar '"), nameLength).append('\'');
    }

    private StringBuilder appendName(final StringBuilder builder, final int nameLength)
    {
        for (int i = 0; i < nameLength; i++)
        {
            final char c = (char)(nameBytes[i] & 0xFF);
            builder.append(c >= ' ' && c < 0x7F ? c : '?');
        }

        return builder;
    }
}

package io.allot.resources;

import java.util.Arrays;
import java.util.Objects;

/**
 * Mutable, reusable resource vector: one fixed point value per scalar dimension of a {@link ResourceNames} registry,
 * plus the {@code ports} ranges.
 * <p>
 * Scalars are held in milli-units, as Mesos keeps 3 decimal digits: {@code cpus:0.5} is 500,
 * {@code mem:1024} is 1,024,000 and {@code gpus:1} is 1,000. Arithmetic does not allocate (the port ranges grow only
 * beyond their capacity) and does not check for overflow. Vectors combined with each other are expected to share the
 * same registry, since a dimension is only an index into it. Not thread safe.
 */
public final class Resources
{
    /**
     * Milli-units in one unit of a scalar.
     */
    public static final long MILLI_PER_UNIT = 1000;

    private final ResourceNames names;
    private final long[] scalars = new long[ResourceNames.MAX_SCALARS];
    private final RangeSet ports = new RangeSet();

    /**
     * Create empty resources over a registry of scalar names.
     *
     * @param names registry giving the meaning of each scalar dimension.
     */
    public Resources(final ResourceNames names)
    {
        this.names = Objects.requireNonNull(names, "names");
    }

    /**
     * Registry giving the meaning of each scalar dimension.
     *
     * @return the registry of scalar names.
     */
    public ResourceNames names()
    {
        return names;
    }

    /**
     * The port ranges, live: changing them changes these resources.
     *
     * @return the port ranges.
     */
    public RangeSet ports()
    {
        return ports;
    }

    /**
     * Set every scalar to zero and remove every port.
     */
    public void clear()
    {
        Arrays.fill(scalars, 0);
        ports.clear();
    }

    /**
     * Value of a scalar dimension.
     *
     * @param dim index of the dimension in the registry, such as {@link ResourceNames#CPUS}.
     * @return the value in milli-units.
     */
    public long scalar(final int dim)
    {
        return scalars[dim];
    }

    /**
     * Set the value of a scalar dimension.
     *
     * @param dim   index of the dimension in the registry, such as {@link ResourceNames#CPUS}.
     * @param milli the value in milli-units.
     */
    public void setScalar(final int dim, final long milli)
    {
        scalars[dim] = milli;
    }

    /**
     * Add to the value of a scalar dimension.
     *
     * @param dim   index of the dimension in the registry, such as {@link ResourceNames#CPUS}.
     * @param milli the amount to add, in milli-units.
     */
    public void addScalar(final int dim, final long milli)
    {
        scalars[dim] += milli;
    }

    /**
     * Replace the content of these resources with the content of others.
     *
     * @param other resources to copy.
     */
    public void copyFrom(final Resources other)
    {
        System.arraycopy(other.scalars, 0, scalars, 0, scalars.length);
        ports.copyFrom(other.ports);
    }

    /**
     * Add other resources: every scalar, and the union of the ports.
     *
     * @param other resources to add.
     */
    public void add(final Resources other)
    {
        final long[] otherScalars = other.scalars;
        for (int i = 0; i < scalars.length; i++)
        {
            scalars[i] += otherScalars[i];
        }
        ports.add(other.ports);
    }

    /**
     * Subtract other resources: every scalar, which may become negative, and the ports of the other.
     *
     * @param other resources to subtract.
     */
    public void subtract(final Resources other)
    {
        final long[] otherScalars = other.scalars;
        for (int i = 0; i < scalars.length; i++)
        {
            scalars[i] -= otherScalars[i];
        }
        ports.subtract(other.ports);
    }

    /**
     * Whether these resources hold the others: every scalar at least as large and every port of the other.
     *
     * @param other resources to look for.
     * @return true if the other resources fit in these.
     */
    public boolean contains(final Resources other)
    {
        final long[] otherScalars = other.scalars;
        for (int i = 0; i < scalars.length; i++)
        {
            if (scalars[i] < otherScalars[i])
            {
                return false;
            }
        }

        return ports.contains(other.ports);
    }

    /**
     * Whether every scalar is zero and there is no port.
     *
     * @return true if empty.
     */
    public boolean isEmpty()
    {
        for (final long scalar : scalars)
        {
            if (0 != scalar)
            {
                return false;
            }
        }

        return ports.isEmpty();
    }

    /**
     * Whether a scalar is negative, for example after subtracting more than was held.
     *
     * @return true if any scalar is below zero.
     */
    public boolean hasNegative()
    {
        for (final long scalar : scalars)
        {
            if (scalar < 0)
            {
                return true;
            }
        }

        return false;
    }

    /**
     * Append the Mesos text form: non-zero scalars in registry order, then the ports if any, separated by
     * {@code ';'}, for example {@code cpus:4;mem:8192;gpus:1;ports:[31000-32000]}. Empty resources append nothing.
     *
     * @param builder to append to.
     * @return the builder.
     */
    public StringBuilder appendTo(final StringBuilder builder)
    {
        boolean first = true;
        for (int i = 0, size = names.size(); i < size; i++)
        {
            final long milli = scalars[i];
            if (0 != milli)
            {
                if (!first)
                {
                    builder.append(';');
                }
                first = false;
                appendMilli(builder.append(names.name(i)).append(':'), milli);
            }
        }

        if (!ports.isEmpty())
        {
            if (!first)
            {
                builder.append(';');
            }
            ports.appendTo(builder.append(ResourceNames.PORTS).append(':'));
        }

        return builder;
    }

    /**
     * {@inheritDoc}
     */
    public String toString()
    {
        return appendTo(new StringBuilder()).toString();
    }

    /**
     * {@inheritDoc}
     */
    public boolean equals(final Object obj)
    {
        if (this == obj)
        {
            return true;
        }

        if (!(obj instanceof Resources))
        {
            return false;
        }

        final Resources other = (Resources)obj;
        return Arrays.equals(scalars, other.scalars) && ports.equals(other.ports);
    }

    /**
     * {@inheritDoc}
     */
    public int hashCode()
    {
        return 31 * Arrays.hashCode(scalars) + ports.hashCode();
    }

    /**
     * Format a milli-unit value as a decimal with up to 3 digits and no trailing zero: 500 is {@code 0.5}, 1000 is
     * {@code 1} and 1234 is {@code 1.234}.
     *
     * @param milli value in milli-units.
     * @return the decimal text.
     */
    public static String formatMilli(final long milli)
    {
        return appendMilli(new StringBuilder(), milli).toString();
    }

    /**
     * Append a milli-unit value as {@link #formatMilli(long)} does, without allocating.
     *
     * @param builder to append to.
     * @param milli   value in milli-units.
     * @return the builder.
     */
    public static StringBuilder appendMilli(final StringBuilder builder, final long milli)
    {
        long whole = milli / MILLI_PER_UNIT;
        int fraction = (int)(milli % MILLI_PER_UNIT);
        if (milli < 0)
        {
            builder.append('-');
            whole = -whole;
            fraction = -fraction;
        }

        builder.append(whole);
        if (0 != fraction)
        {
            builder.append('.');
            int divisor = 100;
            while (0 != fraction)
            {
                builder.append((char)('0' + fraction / divisor));
                fraction %= divisor;
                divisor /= 10;
            }
        }

        return builder;
    }

    /**
     * Parse a non-negative decimal with at most 3 decimal digits into milli-units: {@code 0.5} is 500.
     *
     * @param text the whole decimal.
     * @return the value in milli-units.
     * @throws ResourceParseException if the text is not such a decimal or the value does not fit.
     */
    public static long parseMilli(final CharSequence text)
    {
        return parseMilli(text, 0, text.length());
    }

    /**
     * Parse a region of a text, a non-negative decimal with at most 3 decimal digits, into milli-units. An error
     * names its position in the whole text.
     *
     * @param text  holding the decimal.
     * @param start index of the first character of the decimal, inclusive.
     * @param end   index after the last character of the decimal, exclusive.
     * @return the value in milli-units.
     * @throws ResourceParseException if the region is not such a decimal or the value does not fit.
     */
    public static long parseMilli(final CharSequence text, final int start, final int end)
    {
        if (start >= end)
        {
            throw new ResourceParseException(text, start, "expected a number");
        }

        final char first = text.charAt(start);
        if ('-' == first)
        {
            throw new ResourceParseException(text, start, "negative value");
        }

        int i = start;
        long whole = 0;
        while (i < end && isDigit(text.charAt(i)))
        {
            whole = whole * 10 + (text.charAt(i++) - '0');
            if (whole > Long.MAX_VALUE / MILLI_PER_UNIT)
            {
                throw new ResourceParseException(text, start, "value too large");
            }
        }

        final int wholeDigits = i - start;
        long fraction = 0;
        if (i < end && '.' == text.charAt(i))
        {
            final int fractionStart = ++i;
            while (i < end && isDigit(text.charAt(i)))
            {
                if (i - fractionStart == 3)
                {
                    throw new ResourceParseException(text, i, "more than 3 decimal digits");
                }
                fraction = fraction * 10 + (text.charAt(i++) - '0');
            }

            final int fractionDigits = i - fractionStart;
            if (0 == fractionDigits)
            {
                throw new ResourceParseException(text, i, "expected a digit after '.'");
            }

            for (int scale = fractionDigits; scale < 3; scale++)
            {
                fraction *= 10;
            }
        }
        else if (0 == wholeDigits)
        {
            throw new ResourceParseException(text, start, "expected a number");
        }

        if (i < end)
        {
            throw new ResourceParseException(text, i, "invalid character '" + text.charAt(i) + "' in number");
        }

        final long milli = whole * MILLI_PER_UNIT + fraction;
        if (milli < 0)
        {
            throw new ResourceParseException(text, start, "value too large");
        }

        return milli;
    }

    static boolean isDigit(final char c)
    {
        return c >= '0' && c <= '9';
    }
}

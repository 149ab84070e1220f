package io.allot.resources;

import java.util.Objects;

/**
 * Parser of Mesos resource strings such as {@code cpus:24;gpus:2;mem:24576;disk:409600;ports:[21000-24000,30000-34000]}
 * into {@link Resources}.
 * <p>
 * Grammar, after {@code docs/attributes-resources.md} of Mesos, with whitespace tolerated around tokens:
 * <pre>
 * resources : [resource] (';' [resource])*
 * resource  : name ['(' role ')'] ':' (scalar | ranges)
 * scalar    : non-negative decimal with at most 3 decimal digits
 * ranges    : '[' [range (',' range)*] ']'
 * range     : integer '-' integer
 * </pre>
 * {@code ports} must be ranges and every other name a scalar; {@code gpus} must be a whole number. A repeated name
 * adds up, as in Mesos. An empty text, or a trailing {@code ';'}, is tolerated. The role {@code *} is accepted and
 * ignored; reserved resources (any other role) and set values ({@code {a,b}}) are rejected. A scalar name not yet
 * known is registered in the {@link ResourceNames} of the target when its value has been read, even if a later part
 * of the text fails.
 * <p>
 * A parser holds no state between calls and does not allocate unless the text is invalid or a new name is registered.
 * Not thread safe: use one parser per thread.
 */
public final class ResourcesParser
{
    private static final char ROLE_ANY = '*';

    private CharSequence text;
    private int position;
    private int limit;
    private Resources into;
    private boolean quantities;
    private long portQuantity;

    /**
     * Parse a resource string into new resources.
     *
     * @param text  the resource string, such as {@code cpus:2;mem:1024;ports:[31000-32000]}.
     * @param names registry of scalar names, which may gain new names.
     * @return the parsed resources.
     * @throws ResourceParseException if the text is not valid.
     */
    public static Resources parse(final String text, final ResourceNames names)
    {
        final Resources resources = new Resources(names);
        new ResourcesParser().parse(text, resources);
        return resources;
    }

    /**
     * Parse a resource string into reused resources, which are cleared first and left cleared on error.
     *
     * @param text the resource string, such as {@code cpus:2;mem:1024;ports:[31000-32000]}.
     * @param into resources to fill, whose registry may gain new names.
     * @throws ResourceParseException if the text is not valid.
     */
    public void parse(final CharSequence text, final Resources into)
    {
        parse(text, 0, text.length(), into);
    }

    /**
     * Parse a region of a text as a resource string into reused resources, which are cleared first and left cleared
     * on error. Error positions are indices in the whole text.
     *
     * @param text  holding the resource string.
     * @param start index of the first character of the resource string, inclusive.
     * @param end   index after the last character of the resource string, exclusive.
     * @param into  resources to fill, whose registry may gain new names.
     * @throws ResourceParseException if the region is not valid.
     */
    public void parse(final CharSequence text, final int start, final int end, final Resources into)
    {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(into, "into");
        Objects.checkFromToIndex(start, end, text.length());

        into.clear();
        this.text = text;
        this.position = start;
        this.limit = end;
        this.into = into;
        try
        {
            parseResources();
        }
        catch (final ResourceParseException ex)
        {
            into.clear();
            throw ex;
        }
        finally
        {
            this.text = null;
            this.into = null;
        }
    }

    /**
     * Parse a region as resource quantities, the syntax of one {@code min_allocatable_resources} alternative: every
     * name is a scalar and {@code ports} is a whole number of ports, as in {@code cpus:1;mem:32;ports:1}.
     *
     * @return the number of ports asked for, the scalars being in {@code into}.
     */
    long parseQuantities(final CharSequence text, final int start, final int end, final Resources into)
    {
        quantities = true;
        portQuantity = 0;
        try
        {
            parse(text, start, end, into);
            return portQuantity;
        }
        finally
        {
            quantities = false;
        }
    }

    private void parseResources()
    {
        while (true)
        {
            skipWhitespace();
            if (position >= limit)
            {
                return;
            }

            if (';' == text.charAt(position))
            {
                position++;
                continue;
            }

            final int nameStart = position;
            parseResource();
            skipWhitespace();
            if (position < limit)
            {
                if (';' != text.charAt(position))
                {
                    throw error(position, "expected ';' after the value of '" + name(nameStart) + "'");
                }
                position++;
            }
        }
    }

    private void parseResource()
    {
        final int nameStart = position;
        while (position < limit && ResourceNames.isNameChar(text.charAt(position)))
        {
            position++;
        }

        final int nameEnd = position;
        if (nameStart == nameEnd)
        {
            throw error(nameStart, "expected a resource name");
        }

        skipWhitespace();
        if (position < limit && '(' == text.charAt(position))
        {
            parseRole();
            skipWhitespace();
        }

        if (position >= limit || ':' != text.charAt(position))
        {
            throw error(position, "expected ':' after '" + name(nameStart) + "'");
        }

        position++;
        skipWhitespace();
        if (position >= limit)
        {
            throw error(position, "expected a value for '" + name(nameStart) + "'");
        }

        final char first = text.charAt(position);
        if ('{' == first)
        {
            throw error(position, "set resources are not supported");
        }

        if (ResourceNames.isPorts(text, nameStart, nameEnd))
        {
            if (quantities)
            {
                parsePortQuantity();
            }
            else if ('[' != first)
            {
                throw error(position, "ports must be a range value like [31000-32000]");
            }
            else
            {
                parseRanges();
            }
        }
        else
        {
            if ('[' == first)
            {
                throw error(position, "'" + name(nameStart) + "' must be a scalar value");
            }
            parseScalar(nameStart, nameEnd);
        }
    }

    private void parseRole()
    {
        final int roleStart = ++position;
        while (position < limit && ')' != text.charAt(position) && ';' != text.charAt(position))
        {
            position++;
        }

        if (position >= limit || ')' != text.charAt(position))
        {
            throw error(position, "expected ')' after the role");
        }

        int roleEnd = position++;
        int first = roleStart;
        while (first < roleEnd && isWhitespace(text.charAt(first)))
        {
            first++;
        }
        while (roleEnd > first && isWhitespace(text.charAt(roleEnd - 1)))
        {
            roleEnd--;
        }

        if (first == roleEnd)
        {
            throw error(roleStart, "expected a role");
        }

        if (roleEnd - first != 1 || ROLE_ANY != text.charAt(first))
        {
            throw error(first, "reserved resources (role '" + name(first, roleEnd) + "') are not supported");
        }
    }

    private void parseScalar(final int nameStart, final int nameEnd)
    {
        final int valueStart = position;
        final long milli = parseScalarValue();
        final ResourceNames names = into.names();
        int dim = names.indexOf(text, nameStart, nameEnd);
        if (dim < 0)
        {
            dim = names.register(name(nameStart, nameEnd));
            if (dim < 0)
            {
                throw error(nameStart, "too many scalar resource names (at most " + ResourceNames.MAX_SCALARS + ")");
            }
        }

        if (ResourceNames.GPUS == dim && 0 != milli % Resources.MILLI_PER_UNIT)
        {
            throw error(valueStart, "gpus must be a whole number");
        }

        final long sum = into.scalar(dim) + milli;
        if (sum < 0)
        {
            throw error(valueStart, "value too large: the sum of '" + names.name(dim) + "' overflows");
        }
        into.setScalar(dim, sum);
    }

    private long parseScalarValue()
    {
        final int valueStart = position;
        while (position < limit && !isWhitespace(text.charAt(position)) && ';' != text.charAt(position))
        {
            position++;
        }

        return Resources.parseMilli(text, valueStart, position);
    }

    private void parsePortQuantity()
    {
        final int valueStart = position;
        if ('[' == text.charAt(position))
        {
            throw error(position, "a ports quantity is a number of ports, like ports:1");
        }

        final long milli = parseScalarValue();
        if (0 != milli % Resources.MILLI_PER_UNIT)
        {
            throw error(valueStart, "a ports quantity must be a whole number");
        }

        portQuantity += milli / Resources.MILLI_PER_UNIT;
        if (portQuantity < 0)
        {
            throw error(valueStart, "value too large: the sum of 'ports' overflows");
        }
    }

    private void parseRanges()
    {
        position++;
        skipWhitespace();
        if (position < limit && ']' == text.charAt(position))
        {
            position++;
            return;
        }

        while (true)
        {
            skipWhitespace();
            final int beginPosition = position;
            final long begin = parseRangeValue();
            skipWhitespace();
            if (position >= limit || '-' != text.charAt(position))
            {
                throw error(position, "expected '-' in range");
            }

            position++;
            skipWhitespace();
            final long end = parseRangeValue();
            if (begin > end)
            {
                throw error(beginPosition, "range begin " + begin + " is greater than end " + end);
            }
            into.ports().add(begin, end);

            skipWhitespace();
            final char next = position < limit ? text.charAt(position) : 0;
            if (',' == next)
            {
                position++;
            }
            else if (']' == next)
            {
                position++;
                return;
            }
            else
            {
                throw error(position, "expected ',' or ']' in range");
            }
        }
    }

    private long parseRangeValue()
    {
        final int start = position;
        if (position < limit && '-' == text.charAt(position))
        {
            throw error(start, "negative value");
        }

        long value = 0;
        while (position < limit && Resources.isDigit(text.charAt(position)))
        {
            final int digit = text.charAt(position++) - '0';
            if (value > (Long.MAX_VALUE - digit) / 10)
            {
                throw error(start, "value too large");
            }
            value = value * 10 + digit;
        }

        if (start == position)
        {
            throw error(start, "expected a number");
        }

        if (position < limit && '.' == text.charAt(position))
        {
            throw error(start, "range values must be whole numbers");
        }

        return value;
    }

    private void skipWhitespace()
    {
        while (position < limit && isWhitespace(text.charAt(position)))
        {
            position++;
        }
    }

    private String name(final int nameStart)
    {
        int nameEnd = nameStart;
        while (nameEnd < limit && ResourceNames.isNameChar(text.charAt(nameEnd)))
        {
            nameEnd++;
        }

        return name(nameStart, nameEnd);
    }

    private String name(final int nameStart, final int nameEnd)
    {
        return text.subSequence(nameStart, nameEnd).toString();
    }

    private ResourceParseException error(final int errorPosition, final String reason)
    {
        return new ResourceParseException(text, errorPosition, reason);
    }

    private static boolean isWhitespace(final char c)
    {
        return ' ' == c || '\t' == c || '\n' == c || '\r' == c;
    }
}

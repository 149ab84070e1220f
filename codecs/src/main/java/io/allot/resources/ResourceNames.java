package io.allot.resources;

import java.util.Objects;

/**
 * Registry of the scalar resource dimensions known to a cluster, interning resource names to small dense indices.
 * <p>
 * Indices {@link #CPUS}, {@link #MEM}, {@link #DISK} and {@link #GPUS} are predefined. Custom scalar names (for
 * example {@code bugs} or {@code fpgas}) are registered on first use, in insertion order, up to
 * {@link #MAX_SCALARS} dimensions in total, so the same sequence of registrations always gives the same indices.
 * The name {@link #PORTS} is reserved for the port range resource and is never a scalar.
 * <p>
 * Not thread safe: registration is done by a single writer. An index, once given, never changes.
 */
public final class ResourceNames
{
    /**
     * Maximum number of scalar dimensions, predefined ones included.
     */
    public static final int MAX_SCALARS = 16;

    /**
     * Index of {@code cpus}.
     */
    public static final int CPUS = 0;

    /**
     * Index of {@code mem} (megabytes).
     */
    public static final int MEM = 1;

    /**
     * Index of {@code disk} (megabytes).
     */
    public static final int DISK = 2;

    /**
     * Index of {@code gpus} (whole numbers only).
     */
    public static final int GPUS = 3;

    /**
     * Name of the port range resource, reserved: it can not be registered as a scalar.
     */
    public static final String PORTS = "ports";

    private final String[] names = new String[MAX_SCALARS];
    private int size;

    /**
     * Create a registry holding the predefined dimensions {@code cpus}, {@code mem}, {@code disk} and {@code gpus}.
     */
    public ResourceNames()
    {
        names[CPUS] = "cpus";
        names[MEM] = "mem";
        names[DISK] = "disk";
        names[GPUS] = "gpus";
        size = GPUS + 1;
    }

    /**
     * Number of registered dimensions, predefined ones included.
     *
     * @return number of registered dimensions.
     */
    public int size()
    {
        return size;
    }

    /**
     * Name of a registered dimension.
     *
     * @param index of the dimension.
     * @return the name of the dimension.
     * @throws IndexOutOfBoundsException if the index is not registered.
     */
    public String name(final int index)
    {
        Objects.checkIndex(index, size);
        return names[index];
    }

    /**
     * Index of a registered name.
     *
     * @param name to look up.
     * @return the index of the name or -1 if it is not registered.
     */
    public int indexOf(final String name)
    {
        return indexOf(name, 0, name.length());
    }

    /**
     * Index of a registered name given as a region of a character sequence, without allocating.
     *
     * @param text  holding the name.
     * @param start index of the first character of the name, inclusive.
     * @param end   index after the last character of the name, exclusive.
     * @return the index of the name or -1 if it is not registered.
     */
    public int indexOf(final CharSequence text, final int start, final int end)
    {
        final int length = end - start;
        for (int i = 0; i < size; i++)
        {
            if (regionEquals(names[i], text, start, length))
            {
                return i;
            }
        }

        return -1;
    }

    /**
     * Register a scalar name, or find it if it is registered already.
     *
     * @param name of the scalar: ASCII letters, digits, {@code '_'}, {@code '-'}, {@code '.'} or {@code '/'}.
     * @return the index of the name, or -1 if it is new and the registry already holds {@link #MAX_SCALARS} names.
     * @throws IllegalArgumentException if the name is empty, holds other characters, or is {@link #PORTS}.
     */
    public int register(final String name)
    {
        final int existing = indexOf(name);
        if (existing >= 0)
        {
            return existing;
        }

        validate(name);
        if (size == MAX_SCALARS)
        {
            return -1;
        }

        names[size] = name;
        return size++;
    }

    /**
     * Whether a character may appear in a resource name.
     *
     * @param c the character.
     * @return true if the character is an ASCII letter or digit, {@code '_'}, {@code '-'}, {@code '.'} or {@code '/'}.
     */
    public static boolean isNameChar(final char c)
    {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
            c == '_' || c == '-' || c == '.' || c == '/';
    }

    /**
     * Whether a region of a character sequence spells {@link #PORTS}.
     *
     * @param text  holding the name.
     * @param start index of the first character of the name, inclusive.
     * @param end   index after the last character of the name, exclusive.
     * @return true if the region is exactly {@code ports}.
     */
    public static boolean isPorts(final CharSequence text, final int start, final int end)
    {
        return regionEquals(PORTS, text, start, end - start);
    }

    /**
     * {@inheritDoc}
     */
    public String toString()
    {
        final StringBuilder builder = new StringBuilder("ResourceNames[");
        for (int i = 0; i < size; i++)
        {
            if (i > 0)
            {
                builder.append(',');
            }
            builder.append(names[i]);
        }

        return builder.append(']').toString();
    }

    private static void validate(final String name)
    {
        if (name.isEmpty())
        {
            throw new IllegalArgumentException("empty resource name");
        }

        if (PORTS.equals(name))
        {
            throw new IllegalArgumentException("'ports' is the port range resource, not a scalar");
        }

        for (int i = 0, length = name.length(); i < length; i++)
        {
            if (!isNameChar(name.charAt(i)))
            {
                throw new IllegalArgumentException("invalid character '" + name.charAt(i) + "' in resource name: " + name);
            }
        }
    }

    private static boolean regionEquals(final String name, final CharSequence text, final int start, final int length)
    {
        if (name.length() != length)
        {
            return false;
        }

        for (int i = 0; i < length; i++)
        {
            if (name.charAt(i) != text.charAt(start + i))
            {
                return false;
            }
        }

        return true;
    }
}

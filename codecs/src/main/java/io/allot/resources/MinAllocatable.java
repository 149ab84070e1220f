package io.allot.resources;

import java.util.Arrays;

/**
 * The minimum allocatable resources of Mesos ({@code --min_allocatable_resources}): alternatives of resource
 * quantities, separated by {@code '|'}, where each alternative is a {@code ';'} separated list of quantities that must
 * all be met, for example {@code disk:1|cpus:1;mem:32;ports:1}. Resources are allocatable when they hold at least one
 * alternative. A {@code ports} quantity is a number of ports, not a range.
 * <p>
 * The default of Mesos is {@link #DEFAULT_SPEC}. An empty specification is {@link #NONE}, under which everything is
 * allocatable. Immutable once parsed, so it may be shared between threads.
 */
public final class MinAllocatable
{
    /**
     * The default of Mesos: {@code cpus:0.01|mem:32} ({@code MIN_CPUS} and {@code MIN_MEM} in
     * {@code src/master/constants.hpp}).
     */
    public static final String DEFAULT_SPEC = "cpus:0.01|mem:32";

    /**
     * No alternative: everything is allocatable.
     */
    public static final MinAllocatable NONE = new MinAllocatable(new Resources[0], new long[0]);

    private final Resources[] alternatives;
    private final long[] portQuantities;

    private MinAllocatable(final Resources[] alternatives, final long[] portQuantities)
    {
        this.alternatives = alternatives;
        this.portQuantities = portQuantities;
    }

    /**
     * Parse a specification such as {@code cpus:0.01|mem:32}. Error positions are indices in the whole specification.
     *
     * @param spec  the specification; null, empty or blank gives {@link #NONE}.
     * @param names registry of scalar names, which may gain new names.
     * @return the parsed minimum allocatable resources.
     * @throws ResourceParseException if the specification is not valid, or an alternative is empty or all zero.
     */
    public static MinAllocatable parse(final CharSequence spec, final ResourceNames names)
    {
        if (null == spec || isBlank(spec, 0, spec.length()))
        {
            return NONE;
        }

        final int length = spec.length();
        final ResourcesParser parser = new ResourcesParser();
        Resources[] alternatives = new Resources[2];
        long[] portQuantities = new long[2];
        int count = 0;
        int start = 0;
        while (start <= length)
        {
            int end = start;
            while (end < length && '|' != spec.charAt(end))
            {
                end++;
            }

            final Resources alternative = new Resources(names);
            final long portQuantity = parser.parseQuantities(spec, start, end, alternative);
            if (alternative.isEmpty() && 0 == portQuantity)
            {
                throw new ResourceParseException(spec, firstNonBlank(spec, start, end), "empty alternative");
            }

            if (count == alternatives.length)
            {
                alternatives = Arrays.copyOf(alternatives, count << 1);
                portQuantities = Arrays.copyOf(portQuantities, count << 1);
            }
            alternatives[count] = alternative;
            portQuantities[count++] = portQuantity;
            start = end + 1;
        }

        return new MinAllocatable(Arrays.copyOf(alternatives, count), Arrays.copyOf(portQuantities, count));
    }

    /**
     * The default of Mesos, {@link #DEFAULT_SPEC}, over a registry.
     *
     * @param names registry of scalar names.
     * @return minimum allocatable resources of {@code cpus:0.01|mem:32}.
     */
    public static MinAllocatable defaults(final ResourceNames names)
    {
        return parse(DEFAULT_SPEC, names);
    }

    /**
     * Number of alternatives; 0 for {@link #NONE}.
     *
     * @return number of alternatives.
     */
    public int alternativeCount()
    {
        return alternatives.length;
    }

    /**
     * Scalar quantities of an alternative, which must not be modified.
     *
     * @param index of the alternative, in the order of the specification.
     * @return the scalar quantities, with no ports.
     */
    public Resources alternative(final int index)
    {
        return alternatives[index];
    }

    /**
     * Number of ports an alternative asks for.
     *
     * @param index of the alternative, in the order of the specification.
     * @return the number of ports, 0 if not given.
     */
    public long portQuantity(final int index)
    {
        return portQuantities[index];
    }

    /**
     * Whether resources are allocatable: they hold every quantity of at least one alternative, or there is no
     * alternative. Does not allocate.
     *
     * @param offer resources that could be offered.
     * @return true if the resources are worth offering.
     */
    public boolean isSatisfiedBy(final Resources offer)
    {
        if (0 == alternatives.length)
        {
            return true;
        }

        for (int i = 0; i < alternatives.length; i++)
        {
            if (offer.contains(alternatives[i]) && (0 == portQuantities[i] || offer.ports().size() >= portQuantities[i]))
            {
                return true;
            }
        }

        return false;
    }

    /**
     * The specification in the syntax it was parsed from, for example {@code cpus:0.01|mem:32}; empty for
     * {@link #NONE}.
     *
     * @return the specification.
     */
    public String toString()
    {
        final StringBuilder builder = new StringBuilder();
        for (int i = 0; i < alternatives.length; i++)
        {
            if (i > 0)
            {
                builder.append('|');
            }

            final Resources alternative = alternatives[i];
            alternative.appendTo(builder);
            if (0 != portQuantities[i])
            {
                builder.append(alternative.isEmpty() ? "" : ";").append(ResourceNames.PORTS).append(':').append(portQuantities[i]);
            }
        }

        return builder.toString();
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

        if (!(obj instanceof MinAllocatable))
        {
            return false;
        }

        final MinAllocatable other = (MinAllocatable)obj;
        return Arrays.equals(alternatives, other.alternatives) && Arrays.equals(portQuantities, other.portQuantities);
    }

    /**
     * {@inheritDoc}
     */
    public int hashCode()
    {
        return 31 * Arrays.hashCode(alternatives) + Arrays.hashCode(portQuantities);
    }

    private static boolean isBlank(final CharSequence text, final int start, final int end)
    {
        return firstNonBlank(text, start, end) == end;
    }

    private static int firstNonBlank(final CharSequence text, final int start, final int end)
    {
        int i = start;
        while (i < end && Character.isWhitespace(text.charAt(i)))
        {
            i++;
        }

        return i;
    }
}

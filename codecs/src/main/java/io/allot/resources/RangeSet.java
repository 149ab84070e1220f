package io.allot.resources;

import java.util.Arrays;
import java.util.Objects;

/**
 * Mutable set of inclusive, non-negative {@code long} ranges, such as the {@code ports} resource of Mesos.
 * <p>
 * Ranges are kept sorted, non-overlapping and coalesced: {@code [1-2]} plus {@code [3-4]} is {@code [1-4]}. They are
 * stored as begin and end pairs in one growable {@code long[]}, with no object per range, so steady-state operations
 * do not allocate; the array grows only when its capacity is exceeded. Not thread safe.
 */
public final class RangeSet
{
    private static final int DEFAULT_CAPACITY = 4;

    private long[] ranges;
    private int count;

    /**
     * Create an empty set with room for a few ranges.
     */
    public RangeSet()
    {
        this(DEFAULT_CAPACITY);
    }

    /**
     * Create an empty set with room for a given number of ranges before it grows.
     *
     * @param initialCapacity in ranges.
     */
    public RangeSet(final int initialCapacity)
    {
        if (initialCapacity < 1)
        {
            throw new IllegalArgumentException("initialCapacity must be positive: " + initialCapacity);
        }

        ranges = new long[initialCapacity << 1];
    }

    /**
     * Remove all ranges, keeping the capacity.
     */
    public void clear()
    {
        count = 0;
    }

    /**
     * Number of disjoint ranges held.
     *
     * @return number of ranges.
     */
    public int rangeCount()
    {
        return count;
    }

    /**
     * First value of a range.
     *
     * @param index of the range, in ascending order.
     * @return the first value of the range, inclusive.
     */
    public long begin(final int index)
    {
        Objects.checkIndex(index, count);
        return ranges[index << 1];
    }

    /**
     * Last value of a range.
     *
     * @param index of the range, in ascending order.
     * @return the last value of the range, inclusive.
     */
    public long end(final int index)
    {
        Objects.checkIndex(index, count);
        return ranges[(index << 1) + 1];
    }

    /**
     * Whether the set holds no value.
     *
     * @return true if there is no range.
     */
    public boolean isEmpty()
    {
        return 0 == count;
    }

    /**
     * Number of values held, saturating at {@link Long#MAX_VALUE}.
     *
     * @return number of values held.
     */
    public long size()
    {
        long size = 0;
        for (int i = 0, last = count << 1; i < last; i += 2)
        {
            final long rangeSize = ranges[i + 1] - ranges[i] + 1;
            size += rangeSize;
            if (rangeSize <= 0 || size < 0)
            {
                return Long.MAX_VALUE;
            }
        }

        return size;
    }

    /**
     * Add an inclusive range, merging it with the ranges it overlaps or touches.
     *
     * @param begin first value, non-negative.
     * @param end   last value, not less than begin.
     * @throws IllegalArgumentException if begin is negative or greater than end.
     */
    public void add(final long begin, final long end)
    {
        validate(begin, end);
        final int lo = firstEndAtOrAbove(begin - 1);
        final int hi = Long.MAX_VALUE == end ? count : firstBeginAbove(end + 1);
        if (lo == hi)
        {
            splice(lo, hi, 1);
            set(lo, begin, end);
        }
        else
        {
            final long mergedBegin = Math.min(begin, ranges[lo << 1]);
            final long mergedEnd = Math.max(end, ranges[((hi - 1) << 1) + 1]);
            splice(lo, hi, 1);
            set(lo, mergedBegin, mergedEnd);
        }
    }

    /**
     * Add every range of another set.
     *
     * @param other set to add.
     */
    public void add(final RangeSet other)
    {
        if (other == this)
        {
            return;
        }

        final long[] otherRanges = other.ranges;
        for (int i = 0, last = other.count << 1; i < last; i += 2)
        {
            add(otherRanges[i], otherRanges[i + 1]);
        }
    }

    /**
     * Remove an inclusive range, splitting a range that holds it strictly inside.
     *
     * @param begin first value, non-negative.
     * @param end   last value, not less than begin.
     * @throws IllegalArgumentException if begin is negative or greater than end.
     */
    public void subtract(final long begin, final long end)
    {
        validate(begin, end);
        final int lo = firstEndAtOrAbove(begin);
        final int hi = firstBeginAbove(end);
        if (lo >= hi)
        {
            return;
        }

        final long leftBegin = ranges[lo << 1];
        final long rightEnd = ranges[((hi - 1) << 1) + 1];
        final boolean keepLeft = leftBegin < begin;
        final boolean keepRight = rightEnd > end;
        splice(lo, hi, (keepLeft ? 1 : 0) + (keepRight ? 1 : 0));
        int index = lo;
        if (keepLeft)
        {
            set(index++, leftBegin, begin - 1);
        }
        if (keepRight)
        {
            set(index, end + 1, rightEnd);
        }
    }

    /**
     * Remove every range of another set, in place.
     *
     * @param other set to remove.
     */
    public void subtract(final RangeSet other)
    {
        if (other == this)
        {
            clear();
            return;
        }

        final long[] otherRanges = other.ranges;
        for (int i = 0, last = other.count << 1; i < last && count > 0; i += 2)
        {
            subtract(otherRanges[i], otherRanges[i + 1]);
        }
    }

    /**
     * Whether a value is held.
     *
     * @param value to look for.
     * @return true if a range holds the value.
     */
    public boolean contains(final long value)
    {
        final int index = firstEndAtOrAbove(value);
        return index < count && ranges[index << 1] <= value;
    }

    /**
     * Whether every value of another set is held.
     *
     * @param other set to look for.
     * @return true if this set is a superset of the other, which holds when the other is empty.
     */
    public boolean contains(final RangeSet other)
    {
        final long[] otherRanges = other.ranges;
        int index = 0;
        for (int i = 0, last = other.count << 1; i < last; i += 2)
        {
            final long begin = otherRanges[i];
            while (index < count && ranges[(index << 1) + 1] < begin)
            {
                index++;
            }

            if (index == count || ranges[index << 1] > begin || ranges[(index << 1) + 1] < otherRanges[i + 1])
            {
                return false;
            }
        }

        return true;
    }

    /**
     * Whether at least one value is held by both sets.
     *
     * @param other set to compare with.
     * @return true if the sets intersect.
     */
    public boolean overlaps(final RangeSet other)
    {
        final long[] otherRanges = other.ranges;
        int i = 0;
        int j = 0;
        while (i < count && j < other.count)
        {
            if (ranges[(i << 1) + 1] < otherRanges[j << 1])
            {
                i++;
            }
            else if (otherRanges[(j << 1) + 1] < ranges[i << 1])
            {
                j++;
            }
            else
            {
                return true;
            }
        }

        return false;
    }

    /**
     * Replace the content of this set with the content of another.
     *
     * @param other set to copy.
     */
    public void copyFrom(final RangeSet other)
    {
        if (other == this)
        {
            return;
        }

        ensureCapacity(other.count);
        System.arraycopy(other.ranges, 0, ranges, 0, other.count << 1);
        count = other.count;
    }

    /**
     * Append the Mesos text form, for example {@code [31000-32000,40000-40010]}; a single value prints as
     * {@code [80-80]} and an empty set as {@code []}.
     *
     * @param builder to append to.
     * @return the builder.
     */
    public StringBuilder appendTo(final StringBuilder builder)
    {
        builder.append('[');
        for (int i = 0, last = count << 1; i < last; i += 2)
        {
            if (i > 0)
            {
                builder.append(',');
            }
            builder.append(ranges[i]).append('-').append(ranges[i + 1]);
        }

        return builder.append(']');
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

        if (!(obj instanceof RangeSet))
        {
            return false;
        }

        final RangeSet other = (RangeSet)obj;
        final int length = count << 1;
        return count == other.count && Arrays.equals(ranges, 0, length, other.ranges, 0, length);
    }

    /**
     * {@inheritDoc}
     */
    public int hashCode()
    {
        int result = 1;
        for (int i = 0, last = count << 1; i < last; i++)
        {
            result = 31 * result + Long.hashCode(ranges[i]);
        }

        return result;
    }

    /**
     * {@inheritDoc}
     */
    public String toString()
    {
        return appendTo(new StringBuilder()).toString();
    }

    private static void validate(final long begin, final long end)
    {
        if (begin < 0 || begin > end)
        {
            throw new IllegalArgumentException("invalid range: " + begin + "-" + end);
        }
    }

    /**
     * Index of the first range whose end is at least the value, or count if none: ends are ascending.
     */
    private int firstEndAtOrAbove(final long value)
    {
        int low = 0;
        int high = count;
        while (low < high)
        {
            final int mid = (low + high) >>> 1;
            if (ranges[(mid << 1) + 1] < value)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        return low;
    }

    /**
     * Index of the first range whose begin is greater than the value, or count if none: begins are ascending.
     */
    private int firstBeginAbove(final long value)
    {
        int low = 0;
        int high = count;
        while (low < high)
        {
            final int mid = (low + high) >>> 1;
            if (ranges[mid << 1] <= value)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        return low;
    }

    /**
     * Replace the ranges in [lo, hi) with room for replacementCount ranges, shifting the tail.
     */
    private void splice(final int lo, final int hi, final int replacementCount)
    {
        final int newCount = count - (hi - lo) + replacementCount;
        ensureCapacity(newCount);
        final int tail = count - hi;
        if (tail > 0 && hi != lo + replacementCount)
        {
            System.arraycopy(ranges, hi << 1, ranges, (lo + replacementCount) << 1, tail << 1);
        }
        count = newCount;
    }

    private void set(final int index, final long begin, final long end)
    {
        ranges[index << 1] = begin;
        ranges[(index << 1) + 1] = end;
    }

    private void ensureCapacity(final int rangeCount)
    {
        final int required = rangeCount << 1;
        if (required > ranges.length)
        {
            ranges = Arrays.copyOf(ranges, Math.max(required, ranges.length << 1));
        }
    }
}

package io.allot.resources;

import java.util.BitSet;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RangeSetTest
{
    @Test
    void shouldStartEmpty()
    {
        final RangeSet set = new RangeSet();
        assertTrue(set.isEmpty());
        assertEquals(0, set.rangeCount());
        assertEquals(0, set.size());
        assertEquals("[]", set.toString());
        assertFalse(set.contains(0));
    }

    @Test
    void shouldAddDisjointRangesInOrder()
    {
        final RangeSet set = new RangeSet();
        set.add(40000, 40010);
        set.add(31000, 32000);
        set.add(35000, 35000);

        assertEquals(3, set.rangeCount());
        assertEquals(31000, set.begin(0));
        assertEquals(32000, set.end(0));
        assertEquals(35000, set.begin(1));
        assertEquals(35000, set.end(1));
        assertEquals(40000, set.begin(2));
        assertEquals(40010, set.end(2));
        assertEquals(1001 + 1 + 11, set.size());
        assertEquals("[31000-32000,35000-35000,40000-40010]", set.toString());
    }

    @Test
    void shouldMergeAdjacentRanges()
    {
        final RangeSet set = ranges(1, 2);
        set.add(3, 4);
        assertEquals("[1-4]", set.toString());

        set.add(0, 0);
        assertEquals("[0-4]", set.toString());

        set.add(6, 7);
        set.add(5, 5);
        assertEquals("[0-7]", set.toString());
        assertEquals(1, set.rangeCount());
    }

    @Test
    void shouldMergeOverlappingRanges()
    {
        final RangeSet set = ranges(10, 20, 30, 40, 50, 60, 70, 80);
        set.add(15, 55);
        assertEquals("[10-60,70-80]", set.toString());

        set.add(0, 100);
        assertEquals("[0-100]", set.toString());

        set.add(20, 30);
        assertEquals("[0-100]", set.toString());
    }

    @Test
    void shouldAddRangeBetweenRangesWithoutMerging()
    {
        final RangeSet set = ranges(10, 20, 30, 40);
        set.add(22, 28);
        assertEquals("[10-20,22-28,30-40]", set.toString());
    }

    @Test
    void shouldGrowBeyondInitialCapacity()
    {
        final RangeSet set = new RangeSet(1);
        for (int i = 99; i >= 0; i--)
        {
            set.add(i * 10L, i * 10L + 5);
        }

        assertEquals(100, set.rangeCount());
        assertEquals(600, set.size());
        assertEquals(0, set.begin(0));
        assertEquals(995, set.end(99));
    }

    @Test
    void shouldAddOtherSet()
    {
        final RangeSet set = ranges(1, 5, 20, 25);
        set.add(ranges(6, 10, 22, 30, 40, 41));
        assertEquals("[1-10,20-30,40-41]", set.toString());

        set.add(set);
        assertEquals("[1-10,20-30,40-41]", set.toString());
    }

    @Test
    void shouldSubtractSplittingRange()
    {
        final RangeSet set = ranges(31000, 32000);
        set.subtract(ranges(31500, 31600));

        assertEquals("[31000-31499,31601-32000]", set.toString());
        assertEquals(1001 - 101, set.size());
    }

    @Test
    void shouldSubtractEdgesAndWholeRanges()
    {
        final RangeSet set = ranges(1, 10, 20, 30, 40, 50);
        set.subtract(1, 1);
        assertEquals("[2-10,20-30,40-50]", set.toString());

        set.subtract(50, 60);
        assertEquals("[2-10,20-30,40-49]", set.toString());

        set.subtract(5, 45);
        assertEquals("[2-4,46-49]", set.toString());

        set.subtract(0, 100);
        assertTrue(set.isEmpty());
    }

    @Test
    void shouldIgnoreSubtractingValuesNotHeld()
    {
        final RangeSet set = ranges(10, 20);
        set.subtract(ranges(0, 9, 21, 30));
        assertEquals("[10-20]", set.toString());
    }

    @Test
    void shouldSubtractItself()
    {
        final RangeSet set = ranges(10, 20, 30, 40);
        set.subtract(set);
        assertTrue(set.isEmpty());
    }

    @Test
    void shouldContainValue()
    {
        final RangeSet set = ranges(10, 20, 30, 30);
        assertTrue(set.contains(10));
        assertTrue(set.contains(15));
        assertTrue(set.contains(20));
        assertTrue(set.contains(30));
        assertFalse(set.contains(9));
        assertFalse(set.contains(21));
        assertFalse(set.contains(29));
        assertFalse(set.contains(31));
    }

    @Test
    void shouldContainOtherSet()
    {
        final RangeSet set = ranges(31000, 32000, 40000, 40010);
        assertTrue(set.contains(new RangeSet()));
        assertTrue(set.contains(set));
        assertTrue(set.contains(ranges(31000, 31000)));
        assertTrue(set.contains(ranges(31000, 31500, 31600, 32000, 40005, 40010)));
        assertFalse(set.contains(ranges(31999, 32001)));
        assertFalse(set.contains(ranges(32001, 32001)));
        assertFalse(set.contains(ranges(31000, 32000, 50000, 50000)));
        assertFalse(set.contains(ranges(31500, 40005)));
        assertFalse(new RangeSet().contains(ranges(1, 1)));
    }

    @Test
    void shouldDetectOverlap()
    {
        final RangeSet set = ranges(10, 20, 30, 40);
        assertTrue(set.overlaps(ranges(20, 25)));
        assertTrue(set.overlaps(ranges(0, 5, 25, 30)));
        assertTrue(set.overlaps(ranges(0, 100)));
        assertFalse(set.overlaps(ranges(21, 29)));
        assertFalse(set.overlaps(ranges(0, 9, 41, 50)));
        assertFalse(set.overlaps(new RangeSet()));
    }

    @Test
    void shouldCopyAndCompareByContent()
    {
        final RangeSet set = ranges(1, 2, 5, 9);
        final RangeSet copy = new RangeSet(1);
        copy.add(100, 200);
        copy.copyFrom(set);

        assertEquals(set, copy);
        assertEquals(set.hashCode(), copy.hashCode());

        copy.add(3, 4);
        assertNotEquals(set, copy);
        assertEquals("[1-9]", copy.toString());
    }

    @Test
    void shouldIgnoreStaleCapacityInEquals()
    {
        final RangeSet set = ranges(1, 2, 5, 9);
        set.subtract(5, 9);
        final RangeSet other = ranges(1, 2);

        assertEquals(other, set);
        assertEquals(other.hashCode(), set.hashCode());
        set.clear();
        other.clear();
        assertEquals(other, set);
    }

    @Test
    void shouldAppendToBuilder()
    {
        final StringBuilder builder = new StringBuilder("ports:");
        ranges(80, 80, 443, 443).appendTo(builder);
        assertEquals("ports:[80-80,443-443]", builder.toString());
    }

    @Test
    void shouldHandleLargestValues()
    {
        final RangeSet set = ranges(0, Long.MAX_VALUE);
        assertEquals(Long.MAX_VALUE, set.size());
        assertTrue(set.contains(Long.MAX_VALUE));

        set.subtract(Long.MAX_VALUE, Long.MAX_VALUE);
        assertEquals(Long.MAX_VALUE, set.size());
        assertEquals(Long.MAX_VALUE - 1, set.end(0));

        set.add(Long.MAX_VALUE, Long.MAX_VALUE);
        assertEquals(1, set.rangeCount());
        assertEquals(Long.MAX_VALUE, set.end(0));
    }

    @Test
    void shouldRejectInvalidRange()
    {
        final RangeSet set = new RangeSet();
        assertThrows(IllegalArgumentException.class, () -> set.add(5, 4));
        assertThrows(IllegalArgumentException.class, () -> set.add(-1, 4));
        assertThrows(IllegalArgumentException.class, () -> set.subtract(5, 4));
        assertThrows(IllegalArgumentException.class, () -> new RangeSet(0));
        assertThrows(IndexOutOfBoundsException.class, () -> set.begin(0));
        assertTrue(set.isEmpty());
    }

    @Test
    void shouldMatchBitSetModelUnderRandomOperations()
    {
        final Random random = new Random(42);
        final RangeSet set = new RangeSet(1);
        final RangeSet other = new RangeSet(1);
        final BitSet model = new BitSet();
        final BitSet otherModel = new BitSet();

        for (int step = 0; step < 20_000; step++)
        {
            final int begin = random.nextInt(200);
            final int end = begin + random.nextInt(20);
            switch (random.nextInt(5))
            {
                case 0:
                    set.add(begin, end);
                    model.set(begin, end + 1);
                    break;
                case 1:
                    set.subtract(begin, end);
                    model.clear(begin, end + 1);
                    break;
                case 2:
                    other.add(begin, end);
                    otherModel.set(begin, end + 1);
                    break;
                case 3:
                    set.subtract(other);
                    model.andNot(otherModel);
                    break;
                default:
                    set.add(other);
                    model.or(otherModel);
                    break;
            }

            assertModel(model, set);
            final BitSet andNot = (BitSet)otherModel.clone();
            andNot.andNot(model);
            assertEquals(andNot.isEmpty(), set.contains(other));
            assertEquals(model.intersects(otherModel), set.overlaps(other));
            if (random.nextInt(50) == 0)
            {
                other.clear();
                otherModel.clear();
            }
        }
    }

    private static void assertModel(final BitSet model, final RangeSet set)
    {
        assertEquals(model.cardinality(), set.size());
        int index = 0;
        for (int begin = model.nextSetBit(0); begin >= 0; begin = model.nextSetBit(begin))
        {
            final int end = model.nextClearBit(begin) - 1;
            assertEquals(begin, set.begin(index));
            assertEquals(end, set.end(index));
            index++;
            begin = end + 1;
        }
        assertEquals(index, set.rangeCount());
    }

    static RangeSet ranges(final long... pairs)
    {
        final RangeSet set = new RangeSet();
        for (int i = 0; i < pairs.length; i += 2)
        {
            set.add(pairs[i], pairs[i + 1]);
        }

        return set;
    }
}

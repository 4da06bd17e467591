package org.hebb.opencl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

/**
 * How a population lays out the spikes of a batch of steps read from the device: one step after the other, each
 * step's blocks in order, as many steps as one Java array holds.
 */
class GroupFetchTest {
    /** Two blocks, a ring of four slots. */
    private static final int BLOCKS = 2;
    private static final int DEPTH = 4;

    @Test
    void stepsAreLaidOutOneAfterTheOther() {
        int[] blockCounts = {1, 2, 0, 0, 3, 4, 5, 6};
        int[] start = new int[DEPTH];
        int[] count = new int[DEPTH];
        assertEquals(9, Group.layOut(6, 9, DEPTH, BLOCKS, blockCounts, start, count));
        // steps 6, 7, 8, 9 are slots 2, 3, 0, 1
        assertArrayEquals(new int[] {18, 21, 0, 7}, start);
        assertArrayEquals(new int[] {3, 0, 7, 11}, count);
    }

    @Test
    void aBatchStopsAtTheLastStepWhoseSpikesStillFitOneArray() {
        // 2^29 spikes a step: three steps fit an int array, four (2^31 spikes) do not
        int[] blockCounts = new int[DEPTH * BLOCKS];
        Arrays.fill(blockCounts, 1 << 28);
        int[] start = new int[DEPTH];
        int[] count = new int[DEPTH];
        assertEquals(2, Group.layOut(0, 3, DEPTH, BLOCKS, blockCounts, start, count));
        assertArrayEquals(new int[] {0, 1 << 29, 1 << 30}, Arrays.copyOf(start, 3));
        assertArrayEquals(new int[] {1 << 29, 1 << 29, 1 << 29}, Arrays.copyOf(count, 3));
    }

    @Test
    void aStepOfAsManySpikesAsOneArrayHoldsIsReadAlone() {
        int[] blockCounts = {Integer.MAX_VALUE - 8, 0, 1, 0};
        int[] start = new int[2];
        int[] count = new int[2];
        assertEquals(4, Group.layOut(4, 5, 2, BLOCKS, blockCounts, start, count));
        assertEquals(0, start[0]);
        assertEquals(Integer.MAX_VALUE - 8, count[0]);
        assertEquals(5, Group.layOut(5, 5, 2, BLOCKS, blockCounts, start, count));
        assertEquals(0, start[1]);
        assertEquals(1, count[1]);
    }

    @Test
    void aBatchOfExactlyAsManySpikesAsOneArrayHoldsIsReadInOne() {
        int[] blockCounts = {Group.MAX_FETCHED - 1, 0, 0, 1};
        int[] start = new int[2];
        int[] count = new int[2];
        assertEquals(5, Group.layOut(4, 5, 2, BLOCKS, blockCounts, start, count));
        assertArrayEquals(new int[] {0, Group.MAX_FETCHED - 1}, start);
        assertArrayEquals(new int[] {Group.MAX_FETCHED - 1, 1}, count);
    }
}

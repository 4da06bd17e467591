package org.hebb.simulator.connect;

import org.hebb.util.Require;

/** The offsets of compressed rows: where the entries of each key start when entries are grouped by key. */
public final class RowOffsets {
    private RowOffsets() {
    }

    /**
     * For keys in [0, count): offsets[k] is the number of entries with a key below k, offsets[count] their total
     * (a counting sort's prefix sum; length {@code count + 1}).
     *
     * @param count the number of keys, 0 to {@link Projection#MAX_SYNAPSES} - 1 (the offsets, one more, are an
     *              int array)
     */
    public static int[] of(int[] keys, int count) {
        Require.inRange("count", count, 0, Projection.MAX_SYNAPSES - 1);
        int[] offsets = new int[count + 1];
        for (int key : keys) {
            offsets[key + 1]++;
        }
        for (int k = 0; k < count; k++) {
            offsets[k + 1] += offsets[k];
        }
        return offsets;
    }
}

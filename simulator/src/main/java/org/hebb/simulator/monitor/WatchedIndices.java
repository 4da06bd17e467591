package org.hebb.simulator.monitor;

import java.util.Arrays;

import org.hebb.simulator.checkpoint.StateVisitor;

/**
 * Which neurons (or elements) a monitor records, saved with its recordings so that a restore refuses a monitor of
 * other ones: the layout in the checkpoint's {@code monitors} line says only how many, and recordings of neurons
 * {3, 7} restored into a monitor of {4, 8} would go on as one record of two different neurons each. Checkpoints
 * saved before the indices were saved hold none and restore unchecked.
 */
final class WatchedIndices {
    /** The most indices a refusal lists of each list; beyond, it names the first position where they differ. */
    private static final int LISTED = 10;

    private WatchedIndices() {
    }

    /**
     * Saves {@code indices} as {@code watched/<what>}; restoring, refuses (in the check before anything changes) a
     * checkpoint that saved others, and passes over a checkpoint that saved none.
     *
     * @param what    what an index is, plural, also the entry's name ({@code "neurons"})
     * @param monitor the monitor, for the message ({@code "the state monitor of population 'exc'"})
     * @throws IllegalArgumentException naming the monitor, the indices saved and this monitor's
     */
    static void checkpoint(StateVisitor state, int[] indices, String what, String monitor) {
        state.optionalPart("watched", watched -> {
            if (!watched.restoring()) {
                watched.ints(what, indices);
            } else if (watched.checking()) {
                int[] saved = watched.savedInts(what, indices);
                if (!Arrays.equals(saved, indices)) {
                    throw new IllegalArgumentException(monitor + " recorded " + what + " " + listed(saved)
                            + "; this network's records " + what + " " + listed(indices) + differenceIfLong(saved,
                            indices) + ": its recordings would go on with other " + what + "' records; monitor the "
                            + "saved ones");
                }
            }
        });
    }

    private static String listed(int[] indices) {
        if (indices.length <= LISTED) {
            return Arrays.toString(indices);
        }
        return Arrays.toString(Arrays.copyOf(indices, LISTED)).replace("]", ", ... (" + indices.length + " in all)]");
    }

    private static String differenceIfLong(int[] saved, int[] now) {
        if (saved.length <= LISTED && now.length <= LISTED) {
            return "";
        }
        int k = Arrays.mismatch(saved, now);
        return k >= saved.length || k >= now.length ? " (one list is longer)"
                : " (they first differ at position " + k + ": " + saved[k] + " saved, " + now[k] + " now)";
    }
}

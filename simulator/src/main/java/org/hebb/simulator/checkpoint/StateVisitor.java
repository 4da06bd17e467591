package org.hebb.simulator.checkpoint;

/**
 * The two directions of a checkpoint. Saving, each call records the values under the name; restoring, each call
 * fills the given array in place with the saved values (their lengths must agree) or returns the saved value. So
 * one method of a {@link Checkpointed} object both saves and restores it, and the two cannot drift apart.
 */
public interface StateVisitor {
    /** Whether this visitor restores (else it saves); true as well in the check before a restore. */
    boolean restoring();

    /**
     * Whether this is the check that runs before a restore writes anything ({@link #restoring()} is true as well).
     * The check fills no array, and {@link #scalar} and the lists give back the object's own values, so that it
     * changes nothing. An object that refuses some saved values reads them with the {@code saved} methods and
     * refuses them here (throwing {@link CheckpointException} or {@link IllegalArgumentException}), so that a
     * refused restore leaves the whole network as it was.
     */
    default boolean checking() {
        return false;
    }

    /** Visits {@code part}'s state under {@code name} (a group of the file). */
    void part(String name, Checkpointed part);

    /**
     * Visits {@code part}'s state under {@code name} as {@link #part} does, or nothing where the checkpoint holds
     * nothing under {@code name} (a file from a Hebb that did not save that part, or from a network without it).
     * A null {@code part} saves nothing and, restoring, passes over what the checkpoint holds under {@code name}.
     *
     * @return whether {@code part} was visited
     */
    default boolean optionalPart(String name, Checkpointed part) {
        if (part != null) {
            part(name, part);
        }
        return part != null;
    }

    void floats(String name, float[] values);

    void doubles(String name, double[] values);

    void ints(String name, int[] values);

    void longs(String name, long[] values);

    /** A value: saving records {@code value} and returns it; restoring returns the saved value. */
    long scalar(String name, long value);

    /**
     * A list whose length changes while the network runs: saving records {@code values[0..length)}; restoring
     * returns the saved list (a new array of its own length).
     */
    int[] list(String name, int[] values, int length);

    /** A list of longs, as {@link #list(String, int[], int)}. */
    long[] list(String name, long[] values, int length);

    /** A list of floats, as {@link #list(String, int[], int)}. */
    float[] list(String name, float[] values, int length);

    /** A list of doubles, as {@link #list(String, int[], int)}. */
    double[] list(String name, double[] values, int length);

    /**
     * The value that restoring gives back for {@link #scalar(String, long)} {@code name}, read without changing
     * anything, also while {@link #checking()}; saving, {@code value} (nothing is recorded).
     */
    long savedScalar(String name, long value);

    /**
     * The list that restoring gives back for {@link #list(String, int[], int)} {@code name} (a new array of its
     * own length), also while {@link #checking()}; saving, a copy of {@code values[0..length)} (nothing is
     * recorded).
     */
    int[] savedList(String name, int[] values, int length);

    /** A list of doubles, as {@link #savedList(String, int[], int)}. */
    double[] savedList(String name, double[] values, int length);

    /**
     * A new array of the values that restoring puts into {@link #floats(String, float[])} {@code name}, whose
     * length is that of {@code values}, also while {@link #checking()}; saving, a copy of {@code values} (nothing is
     * recorded).
     */
    float[] savedFloats(String name, float[] values);

    /** Doubles, as {@link #savedFloats(String, float[])}. */
    double[] savedDoubles(String name, double[] values);

    /** Ints, as {@link #savedFloats(String, float[])}. */
    int[] savedInts(String name, int[] values);
}

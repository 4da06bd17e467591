package org.hebb.simulator.checkpoint;

/**
 * The two directions of a checkpoint. Saving, each call records the values under the name; restoring, each call
 * fills the given array in place with the saved values (their lengths must agree) or returns the saved value. So
 * one method of a {@link Checkpointed} object both saves and restores it, and the two cannot drift apart.
 */
public interface StateVisitor {
    /** Whether this visitor restores (else it saves). */
    boolean restoring();

    /** Visits {@code part}'s state under {@code name} (a group of the file). */
    void part(String name, Checkpointed part);

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
}

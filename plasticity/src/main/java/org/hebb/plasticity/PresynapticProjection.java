package org.hebb.plasticity;

/** Maps a presynaptic activity vector to the part a weight update may use. Must not allocate. */
public interface PresynapticProjection {
    /** Length of the activity vectors (number of presynaptic neurons). */
    int dimension();

    /**
     * Writes the projection of {@code activity} into {@code out} (same length; they may be the same array). During a
     * run the Java backend calls it holding this object's lock, so that rules sharing one projection may use
     * scratch arrays of the projection's own.
     */
    void project(float[] activity, float[] out);
}

package org.hebb.plasticity;

/** Maps a presynaptic activity vector to the part a weight update may use. Must not allocate. */
public interface PresynapticProjection {
    /** Length of the activity vectors (number of presynaptic neurons). */
    int dimension();

    /** Writes the projection of {@code activity} into {@code out} (same length; they may be the same array). */
    void project(float[] activity, float[] out);
}

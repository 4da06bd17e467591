package org.hebb.simulator.engine;

/** Splits index ranges into contiguous, nearly equal parts, one per thread. */
final class Partitioning {
    private Partitioning() {
    }

    /** Bounds of {@code parts} contiguous ranges covering [0, size): part k is [bounds[k], bounds[k + 1]). */
    static int[] split(int size, int parts) {
        int[] bounds = new int[parts + 1];
        for (int k = 0; k <= parts; k++) {
            bounds[k] = (int) ((long) size * k / parts);
        }
        return bounds;
    }
}

package org.hebb.simulator.population;

import org.hebb.util.Require;

/** Positions of a population's elements in 3-D space (grid units or um, as the user chooses). */
public final class Positions {
    private final float[] x;
    private final float[] y;
    private final float[] z;

    /** Positions from three coordinate arrays of equal length, every coordinate finite. */
    public Positions(float[] x, float[] y, float[] z) {
        Require.notNull("x", x);
        Require.notNull("y", y);
        Require.notNull("z", z);
        Require.that(x.length == y.length && y.length == z.length, "coordinate arrays have lengths " + x.length
                + ", " + y.length + ", " + z.length + ": must be equal");
        Require.allFinite("x", x, null);
        Require.allFinite("y", y, null);
        Require.allFinite("z", z, null);
        this.x = x.clone();
        this.y = y.clone();
        this.z = z.clone();
    }

    /** Number of points. */
    public int size() {
        return x.length;
    }

    /** Squared Euclidean distance between point {@code i} here and point {@code j} of {@code other}. */
    public double squaredDistance(int i, Positions other, int j) {
        double dx = x[i] - other.x[j];
        double dy = y[i] - other.y[j];
        double dz = z[i] - other.z[j];
        return dx * dx + dy * dy + dz * dz;
    }

    /** The points {@code from} (inclusive) to {@code to} (exclusive), as a new Positions. */
    public Positions slice(int from, int to) {
        Require.that(from >= 0 && from <= to && to <= size(), "slice [" + from + ", " + to
                + ") is not allowed: must lie within [0, " + size() + "]");
        return new Positions(java.util.Arrays.copyOfRange(x, from, to), java.util.Arrays.copyOfRange(y, from, to),
                java.util.Arrays.copyOfRange(z, from, to));
    }

    /** The x coordinate of point {@code i}. */
    public float x(int i) {
        return x[i];
    }

    /** The y coordinate of point {@code i}. */
    public float y(int i) {
        return y[i];
    }

    /** The z coordinate of point {@code i}. */
    public float z(int i) {
        return z[i];
    }
}

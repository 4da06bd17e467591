package org.hebb.simulator.population;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.PermutationSampler;
import org.hebb.util.Require;

/** A regular 3-D grid of nx * ny * nz points with unit spacing, as used by liquid state machines. */
public record Grid3D(int nx, int ny, int nz) {
    /** Validates the shape. */
    public Grid3D {
        Require.atLeast("nx", nx, 1);
        Require.atLeast("ny", ny, 1);
        Require.atLeast("nz", nz, 1);
        Require.that((long) nx * ny * nz <= Integer.MAX_VALUE, "grid " + nx + " x " + ny + " x " + nz
                + " is not allowed: must have at most " + Integer.MAX_VALUE + " points");
    }

    /** Number of grid points. */
    public int size() {
        return nx * ny * nz;
    }

    /** All grid points in x-fastest order. */
    public Positions points() {
        return order(null);
    }

    /** All grid points in a random order (a uniformly random assignment of elements to points). */
    public Positions shuffledPoints(UniformRandomProvider random) {
        return order(new PermutationSampler(random, size(), size()).sample());
    }

    private Positions order(int[] permutation) {
        int n = size();
        float[] x = new float[n];
        float[] y = new float[n];
        float[] z = new float[n];
        for (int i = 0; i < n; i++) {
            int p = permutation == null ? i : permutation[i];
            x[i] = p % nx;
            y[i] = (p / nx) % ny;
            z[i] = p / (nx * ny);
        }
        return new Positions(x, y, z);
    }
}

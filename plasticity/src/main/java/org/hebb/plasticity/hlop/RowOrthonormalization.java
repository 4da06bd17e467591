package org.hebb.plasticity.hlop;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/** Gram-Schmidt on the rows of a flat row-major matrix whose leading rows are already orthonormal. */
final class RowOrthonormalization {
    /** A row keeping less than this fraction of its norm after orthogonalisation is treated as dependent. */
    private static final double DEPENDENCE_TOLERANCE = 1e-6;

    private RowOrthonormalization() {
    }

    /**
     * Makes {@code row} orthogonal to rows {@code 0 .. row-1} (which must be orthonormal) and of unit norm.
     *
     * @return false, leaving the row unnormalised, when it lies (numerically) in the span of the previous rows
     */
    static boolean orthonormalize(double[] matrix, int columns, int row) {
        double before = norm(matrix, columns, row);
        if (before == 0) {
            return false;
        }
        // Twice, so that rounding errors of the first pass do not leave a residual overlap.
        removeComponents(matrix, columns, row);
        removeComponents(matrix, columns, row);
        double after = norm(matrix, columns, row);
        if (after <= DEPENDENCE_TOLERANCE * before) {
            return false;
        }
        int start = row * columns;
        for (int j = 0; j < columns; j++) {
            matrix[start + j] /= after;
        }
        return true;
    }

    /**
     * Fills {@code row} with a random unit vector orthogonal to rows {@code 0 .. row-1}; requires
     * {@code row < columns}.
     */
    static void fillRandomOrthonormal(double[] matrix, int columns, int row, UniformRandomProvider random) {
        ContinuousSampler gaussian = ZigguratSampler.NormalizedGaussian.of(random);
        int start = row * columns;
        do {
            for (int j = 0; j < columns; j++) {
                matrix[start + j] = gaussian.sample();
            }
        } while (!orthonormalize(matrix, columns, row));
    }

    private static void removeComponents(double[] matrix, int columns, int row) {
        int start = row * columns;
        for (int previous = 0; previous < row; previous++) {
            int other = previous * columns;
            double overlap = 0;
            for (int j = 0; j < columns; j++) {
                overlap += matrix[start + j] * matrix[other + j];
            }
            for (int j = 0; j < columns; j++) {
                matrix[start + j] -= overlap * matrix[other + j];
            }
        }
    }

    private static double norm(double[] matrix, int columns, int row) {
        int start = row * columns;
        double sum = 0;
        for (int j = 0; j < columns; j++) {
            sum += matrix[start + j] * matrix[start + j];
        }
        return Math.sqrt(sum);
    }
}

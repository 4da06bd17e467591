package org.hebb.neurons.definition.integration;

/**
 * exp(M) of a small square matrix in double precision, by scaling and squaring with a Taylor series: M is halved
 * until its norm is below 1/2, the series summed until its terms no longer change the sum, and the result squared
 * back. Used once per kernel for the propagators of exactly integrated linear systems.
 */
public final class MatrixExponential {
    private MatrixExponential() {
    }

    /** exp(m); {@code m} is not changed. */
    public static double[][] of(double[][] m) {
        int n = m.length;
        double norm = 0;
        for (double[] row : m) {
            double sum = 0;
            for (double x : row) {
                sum += Math.abs(x);
            }
            norm = Math.max(norm, sum);
        }
        if (!Double.isFinite(norm)) {
            throw new IllegalArgumentException("exp(M) of a matrix with non-finite entries");
        }
        int squarings = 0;
        while (norm > 0.5) {
            norm /= 2;
            squarings++;
        }
        double scale = Math.scalb(1.0, -squarings);
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                a[i][j] = m[i][j] * scale;
            }
        }
        double[][] result = identity(n);
        double[][] term = identity(n);
        for (int k = 1; k < 40; k++) {
            term = multiply(term, a);
            boolean changed = false;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    term[i][j] /= k;
                    double before = result[i][j];
                    result[i][j] += term[i][j];
                    changed |= result[i][j] != before;
                }
            }
            if (!changed) {
                break;
            }
        }
        for (int s = 0; s < squarings; s++) {
            result = multiply(result, result);
        }
        return result;
    }

    /** The n x n identity matrix. */
    public static double[][] identity(int n) {
        double[][] id = new double[n][n];
        for (int i = 0; i < n; i++) {
            id[i][i] = 1;
        }
        return id;
    }

    /** The product a b of two square matrices of one size. */
    public static double[][] multiply(double[][] a, double[][] b) {
        int n = a.length;
        double[][] c = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < n; k++) {
                double aik = a[i][k];
                if (aik == 0) {
                    continue;
                }
                for (int j = 0; j < n; j++) {
                    c[i][j] += aik * b[k][j];
                }
            }
        }
        return c;
    }
}

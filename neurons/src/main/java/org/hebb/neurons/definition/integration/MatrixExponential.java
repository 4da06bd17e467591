package org.hebb.neurons.definition.integration;

import java.util.Arrays;

/**
 * exp(M) of a small square matrix in double precision, by scaling and squaring with a Taylor series ({@link #of}): M
 * is halved until its norm is below 1/2, the series summed until its terms no longer change the sum, and the result
 * squared back. Each squaring doubles the error, so that where the entries of M lie far apart (a synapse of 10^-6 ms
 * next to a membrane of 10 ms, over a step of 0.1 ms) the result is off by hundreds of ulps. {@link #precise}, used
 * once per kernel for the propagators of exactly integrated linear systems, sums exp(M) entry by entry instead where
 * M is triangular up to the order of its indices, as the systems of the LIF neurons are.
 */
public final class MatrixExponential {
    /** The most paths {@link #precise} follows before it leaves a matrix to {@link #of}. */
    private static final int MAX_PATHS = 100_000;
    /** Up to this spread of its points a divided difference of exp is summed as a series. */
    private static final double SERIES_SPREAD = 1;
    private static final int MAX_TERMS = 60;

    private MatrixExponential() {
    }

    /**
     * exp(m), each entry to a few ulps where the off-diagonal entries of {@code m} link its indices without a cycle
     * (m is triangular once its indices are reordered): then exp(m)_ij is the sum over the paths i = s_0, s_1, ...,
     * s_k = j along non-zero entries of m_(s_0 s_1) ... m_(s_(k-1) s_k) exp[m_(s_0 s_0), ..., m_(s_k s_k)], the
     * divided difference of exp over the diagonal entries on the path (Higham, Functions of Matrices, Theorem 4.11).
     * Those are computed without cancellation: a diagonal entry is exp(m_ii); two points x &lt; y give
     * exp(y) (-expm1(x - y)) / (y - x), which stays exact where they coincide or nearly coincide (a synaptic time
     * constant equal to the membrane's) and where they lie far apart (a time constant far below the step); more
     * points within 1 of each other a series of positive terms. Other matrices, or ones with too many paths, by
     * {@link #of}. {@code m} is not changed.
     */
    public static double[][] precise(double[][] m) {
        int n = m.length;
        for (double[] row : m) {
            for (double x : row) {
                if (!Double.isFinite(x)) {
                    throw new IllegalArgumentException("exp(M) of a matrix with non-finite entries");
                }
            }
        }
        if (!acyclic(m)) {
            return of(m);
        }
        double[][] result = new double[n][n];
        int[] path = new int[n];
        int[] paths = {0};
        for (int i = 0; i < n; i++) {
            path[0] = i;
            if (!follow(m, path, 1, 1, result[i], paths)) {
                return of(m);
            }
        }
        return result;
    }

    /**
     * exp(m) - I, so that its diagonal entries keep their precision where they are tiny (a membrane that barely
     * leaks, where exp(m_ii) rounds near 1 and 1 - exp(m_ii) would keep only its first digits): {@link #precise}
     * with expm1(m_ii) on the diagonal where that sums entry by entry, otherwise scaling and squaring of exp(m) - I
     * itself (E of M / 2^s by the Taylor series without its first term, then E = E (2 I + E) s times).
     * {@code m} is not changed.
     */
    public static double[][] minusIdentity(double[][] m) {
        int n = m.length;
        double[][] result;
        if (acyclic(m)) {
            result = precise(m);
            for (int i = 0; i < n; i++) {
                result[i][i] = Math.expm1(m[i][i]);
            }
            return result;
        }
        int squarings = halvings(m);
        result = taylor(scaled(m, squarings), false);
        for (int s = 0; s < squarings; s++) {
            double[][] square = multiply(result, result);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    square[i][j] += 2 * result[i][j];
                }
            }
            result = square;
        }
        return result;
    }

    /** Whether the off-diagonal non-zero entries of {@code m}, as edges i to j, form no cycle. */
    private static boolean acyclic(double[][] m) {
        int n = m.length;
        int[] state = new int[n];
        for (int i = 0; i < n; i++) {
            if (state[i] == 0 && !visit(m, i, state)) {
                return false;
            }
        }
        return true;
    }

    /** Depth-first search from {@code i}; state 1: on the current path, 2: done. False on a cycle. */
    private static boolean visit(double[][] m, int i, int[] state) {
        state[i] = 1;
        for (int j = 0; j < m.length; j++) {
            if (j != i && m[i][j] != 0) {
                if (state[j] == 1 || state[j] == 0 && !visit(m, j, state)) {
                    return false;
                }
            }
        }
        state[i] = 2;
        return true;
    }

    /**
     * Adds the term of the path {@code path[0..length)} (with {@code product} of its entries) to {@code row}, the
     * row of exp(m) of its first index, and goes on along every non-zero entry; false once more than
     * {@link #MAX_PATHS} paths were followed.
     */
    private static boolean follow(double[][] m, int[] path, int length, double product, double[] row, int[] paths) {
        if (++paths[0] > MAX_PATHS) {
            return false;
        }
        double[] points = new double[length];
        for (int k = 0; k < length; k++) {
            points[k] = m[path[k]][path[k]];
        }
        Arrays.sort(points);
        int last = path[length - 1];
        row[last] += product * dividedDifference(points, 0, length);
        for (int j = 0; j < m.length; j++) {
            if (j != last && m[last][j] != 0) {
                path[length] = j;
                if (!follow(m, path, length + 1, product * m[last][j], row, paths)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** exp[x_from, ..., x_(to-1)], the divided difference of exp over points in ascending order. */
    static double dividedDifference(double[] x, int from, int to) {
        int k = to - from;
        double lowest = x[from];
        double spread = x[to - 1] - lowest;
        if (k == 1 || spread == 0) {
            double factorial = 1;
            for (int j = 2; j < k; j++) {
                factorial *= j;
            }
            return Math.exp(lowest) / factorial;
        }
        if (k == 2) {
            return Math.exp(x[to - 1]) * (-Math.expm1(-spread) / spread);
        }
        if (spread > SERIES_SPREAD) {
            return (dividedDifference(x, from + 1, to) - dividedDifference(x, from, to - 1)) / spread;
        }
        // exp(x_from) times the sum over m of h_m(d) / (k - 1 + m)!, h_m the complete homogeneous symmetric
        // polynomials of the distances d = x - x_from, all in [0, 1]: positive terms, no cancellation
        double[] h = new double[MAX_TERMS + 1];
        h[0] = 1;
        for (int v = from + 1; v < to; v++) {
            double d = x[v] - lowest;
            for (int m = 1; m <= MAX_TERMS; m++) {
                h[m] += d * h[m - 1];
            }
        }
        double inverseFactorial = 1;
        for (int j = 2; j < k; j++) {
            inverseFactorial /= j;
        }
        double sum = 0;
        for (int m = 0; m <= MAX_TERMS; m++) {
            double term = h[m] * inverseFactorial;
            double before = sum;
            sum += term;
            if (sum == before && m > 0) {
                break;
            }
            inverseFactorial /= k + m;
        }
        return Math.exp(lowest) * sum;
    }

    /** exp(m); {@code m} is not changed. */
    public static double[][] of(double[][] m) {
        int squarings = halvings(m);
        double[][] result = taylor(scaled(m, squarings), true);
        for (int s = 0; s < squarings; s++) {
            result = multiply(result, result);
        }
        return result;
    }

    /** How often {@code m} must be halved for its norm (largest absolute row sum) to be at most 1/2. */
    private static int halvings(double[][] m) {
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
        int halvings = 0;
        while (norm > 0.5) {
            norm /= 2;
            halvings++;
        }
        return halvings;
    }

    /** m / 2^halvings. */
    private static double[][] scaled(double[][] m, int halvings) {
        int n = m.length;
        double scale = Math.scalb(1.0, -halvings);
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                a[i][j] = m[i][j] * scale;
            }
        }
        return a;
    }

    /**
     * The Taylor series of exp(a), summed until its terms no longer change the sum, with its first term I where
     * {@code withIdentity}, otherwise without it (exp(a) - I).
     */
    private static double[][] taylor(double[][] a, boolean withIdentity) {
        int n = a.length;
        double[][] result = withIdentity ? identity(n) : new double[n][n];
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

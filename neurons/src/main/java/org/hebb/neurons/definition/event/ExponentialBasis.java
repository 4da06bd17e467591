package org.hebb.neurons.definition.event;

import java.util.Arrays;

import org.hebb.neurons.definition.integration.MatrixExponential;

/**
 * exp(A s) and its integral phi(s) = the integral over [0, s] of exp(A u) du, for every s >= 0, of one square
 * matrix A with real, negative eigenvalues, by Putzer's expansion: exp(A s) = sum over k of r_k(s) P_(k-1) and
 * phi(s) = sum over k of q_k(s) P_(k-1), with P_0 = I, P_k = P_(k-1) (A - l_k I) over the eigenvalues l_k in
 * ascending order, r_k the divided differences of {@link ExpDividedDifferences} and q_k their
 * integrals. A linear system dx/dt = A x + b then moves from x to x + phi(s) (A x + b) in s ms: an increment, which
 * keeps its precision where the equilibrium -A^-1 b lies far away (a membrane that barely leaks), unlike
 * x_inf + exp(A s) (x - x_inf). The matrices P_k are computed once; each propagation costs n exponentials and n
 * matrix-vector products. Every r_k is non-negative and log-concave (a convolution of decaying exponentials), so it
 * rises to one peak and then falls to 0, and every q_k rises from 0 to its limit, the product of the -1 / l_j for
 * j <= k; the peaks, their values and the limits are found once here, which gives {@link ThresholdSearch} its
 * bounds.
 *
 * <p>The expansion is checked once against exp(A s) and phi(s) by scaling and squaring ({@link MatrixExponential};
 * phi(s) from the exponential of the matrix [[A s, I s], [0, 0]]) over times from 1e-3 to 10^4 of A's slowest time
 * constant; construction fails if they disagree (eigenvalues computed too roughly, or a system too ill-conditioned
 * for the expansion). They must agree to 1e-10 of the largest entry, or to what scaling and squaring resolves,
 * where that is coarser: each squaring doubles its error, and it squares about log2 of the norm of A s times, so
 * where time constants lie far apart (tau_m of 10^7 ms, a synapse of 10^-6 ms) its own error grows to some ulps
 * times that norm.
 */
final class ExponentialBasis {
    private static final double CHECK_TOLERANCE = 1e-10;
    /** The error of scaling and squaring relative to the norm of A s, with a margin: 2^squarings ulps at most. */
    private static final double REFERENCE_ERROR_PER_NORM = 4e-15;
    private final int n;
    private final double[] rates;
    /** p[k][i][j]: P_k. */
    private final double[][][] p;
    /** The non-zero entries of every P_k, row by row (row i's are [rowStart[i], rowStart[i + 1])): k, column, value. */
    private final int[] rowStart;
    private final int[] entryK;
    private final int[] entryColumn;
    private final double[] entryValue;
    private final double[] peak;
    private final double[] peakValue;
    private final double[] integralLimit;
    private final ExpDividedDifferences differences;
    private final double[] r;

    /**
     * @param a           the matrix, per ms
     * @param eigenvalues its eigenvalues, real and negative, in any order (repeated as often as they occur)
     */
    ExponentialBasis(double[][] a, double[] eigenvalues) {
        this.n = a.length;
        this.rates = eigenvalues.clone();
        Arrays.sort(rates);
        this.p = new double[n][][];
        p[0] = MatrixExponential.identity(n);
        for (int k = 1; k < n; k++) {
            double[][] shifted = new double[n][n];
            for (int i = 0; i < n; i++) {
                shifted[i] = a[i].clone();
                shifted[i][i] -= rates[k - 1];
            }
            p[k] = MatrixExponential.multiply(p[k - 1], shifted);
        }
        int entries = 0;
        for (double[][] m : p) {
            for (double[] row : m) {
                for (double x : row) {
                    entries += x != 0 ? 1 : 0;
                }
            }
        }
        this.rowStart = new int[n + 1];
        this.entryK = new int[entries];
        this.entryColumn = new int[entries];
        this.entryValue = new double[entries];
        int e = 0;
        for (int i = 0; i < n; i++) {
            rowStart[i] = e;
            for (int k = 0; k < n; k++) {
                for (int j = 0; j < n; j++) {
                    if (p[k][i][j] != 0) {
                        entryK[e] = k;
                        entryColumn[e] = j;
                        entryValue[e++] = p[k][i][j];
                    }
                }
            }
        }
        rowStart[n] = e;
        this.differences = new ExpDividedDifferences(rates);
        this.r = new double[2 * n];
        this.peak = new double[n];
        this.peakValue = new double[n];
        this.integralLimit = new double[n];
        double limit = 1;
        for (int k = 0; k < n; k++) {
            findPeak(k);
            limit /= -rates[k];
            integralLimit[k] = limit;
        }
        check(a);
    }

    /** The number of state variables. */
    int size() {
        return n;
    }

    /** The eigenvalues in ascending order, per ms. */
    double rate(int k) {
        return rates[k];
    }

    /**
     * Writes r_1(s) .. r_n(s) into {@code out[0..n)} and their integrals q_1(s) .. q_n(s) (ms) into
     * {@code out[n..2n)}: {@code out} holds 2 n values.
     */
    void basis(double s, double[] out) {
        differences.evaluate(s, out, out, n);
    }

    /** P_k, row {@code i}, column {@code j}. */
    double matrix(int k, int i, int j) {
        return p[k][i][j];
    }

    /** Where r_(k+1) peaks, ms. */
    double peak(int k) {
        return peak[k];
    }

    /** The largest value of r_(k+1), rounded up. */
    double peakValue(int k) {
        return peakValue[k];
    }

    /** The limit of q_(k+1)(s) as s grows, the product of -1 / l_j for j <= k + 1, ms^(k+1). */
    double integralLimit(int k) {
        return integralLimit[k];
    }

    /**
     * Sets {@code out[outOffset..+n]} to exp(A s) applied to {@code deviation[offset..+n]}, given the basis
     * {@code rs} at s ({@link #basis}).
     */
    void apply(double[] rs, double[] deviation, int offset, double[] out, int outOffset) {
        combine(rs, 0, deviation, offset, out, outOffset);
    }

    /**
     * Sets {@code out[outOffset..+n]} to phi(s) applied to {@code slope[offset..+n]}, given the basis {@code rs} at s
     * ({@link #basis}): for dx/dt = A x + b and slope = A x + b, the change of x over s ms.
     */
    void applyIntegral(double[] rs, double[] slope, int offset, double[] out, int outOffset) {
        combine(rs, n, slope, offset, out, outOffset);
    }

    /** out = sum over k of rs[from + k] P_k v. */
    private void combine(double[] rs, int from, double[] v, int offset, double[] out, int outOffset) {
        for (int i = 0; i < n; i++) {
            double sum = 0;
            for (int e = rowStart[i], end = rowStart[i + 1]; e < end; e++) {
                sum += rs[from + entryK[e]] * entryValue[e] * v[offset + entryColumn[e]];
            }
            out[outOffset + i] = sum;
        }
    }

    /**
     * The peak of r_(k+1): r_(k+1)' = l_(k+1) r_(k+1) + r_k changes sign once, from + to -, by log-concavity;
     * bracketed by doubling and bisected. r_1 peaks at 0.
     */
    private void findPeak(int k) {
        if (k == 0) {
            peak[0] = 0;
            peakValue[0] = 1;
            return;
        }
        double lo = 0;
        double hi = 1 / -rates[0];
        for (int doubling = 0; doubling < 2000 && slope(k, hi) > 0; doubling++) {
            lo = hi;
            hi *= 2;
        }
        for (int iteration = 0; iteration < 200 && hi - lo > 1e-15 * hi; iteration++) {
            double mid = 0.5 * (lo + hi);
            if (slope(k, mid) > 0) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        peak[k] = 0.5 * (lo + hi);
        basis(peak[k], r);
        peakValue[k] = r[k] * (1 + 1e-9);
    }

    private double slope(int k, double s) {
        basis(s, r);
        return rates[k] * r[k] + r[k - 1];
    }

    private void check(double[][] a) {
        double slowest = 1 / -rates[n - 1];
        double[] rs = new double[2 * n];
        double[] column = new double[n];
        double[] propagated = new double[n];
        for (double s = 1e-3 * slowest; s <= 1e4 * slowest; s *= 10) {
            // exp(A s); then [[A s, I s], [0, 0]], whose exponential holds phi(s) top right
            double[][] scaled = new double[2 * n][2 * n];
            double[][] alone = new double[n][n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    scaled[i][j] = a[i][j] * s;
                    alone[i][j] = scaled[i][j];
                }
                scaled[i][n + i] = s;
            }
            basis(s, rs);
            for (int part = 0; part < 2; part++) {
                String what = part == 0 ? "exp(A s)" : "its integral";
                double[][] reference = MatrixExponential.of(part == 0 ? alone : scaled);
                double norm = 0;
                double largest = 1;
                for (int i = 0; i < n; i++) {
                    double rowSum = 0;
                    for (int j = 0; j < n; j++) {
                        rowSum += Math.abs(scaled[i][j]) + part * Math.abs(scaled[i][n + j]);
                        largest = Math.max(largest, Math.abs(reference[i][part * n + j]));
                    }
                    norm = Math.max(norm, rowSum);
                }
                double tolerance = Math.max(CHECK_TOLERANCE, REFERENCE_ERROR_PER_NORM * norm) * largest;
                for (int j = 0; j < n; j++) {
                    Arrays.fill(column, 0.0);
                    column[j] = 1;
                    combine(rs, part * n, column, 0, propagated, 0);
                    for (int i = 0; i < n; i++) {
                        double error = Math.abs(propagated[i] - reference[i][part * n + j]);
                        if (!(error <= tolerance)) {
                            throw new IllegalArgumentException("the closed form of " + what + " at s = " + s
                                    + " ms differs from scaling and squaring by " + error + " in row " + i
                                    + ", column " + j + " (eigenvalues " + Arrays.toString(rates) + " per ms)");
                        }
                    }
                }
            }
        }
    }
}

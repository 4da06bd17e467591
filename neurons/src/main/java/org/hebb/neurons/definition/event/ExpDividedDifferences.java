package org.hebb.neurons.definition.event;

import java.util.Arrays;

/**
 * The functions r_k(s) = exp[l_1, ..., l_k](s), the divided differences of exp(l s) over the rates l_1..l_k
 * (per ms, sorted ascending): r_1 = exp(l_1 s) and r_(k+1) = the integral over [0, s] of
 * exp(l_(k+1) (s - u)) r_k(u) du; and their integrals q_k(s) = the integral over [0, s] of r_k(u) du =
 * exp[l_1, ..., l_k, 0](s). They are the coefficients of Putzer's expansion of exp(A s) and of its integral
 * ({@link ExponentialBasis}); coinciding rates (a Jordan block, as in alpha synapses) need no special case, and q_1 =
 * (exp(l_1 s) - 1) / l_1 keeps its precision where l_1 s is tiny (a membrane that barely leaks).
 *
 * <p>r_k(s) = s^(k-1) E[l_1 s, ..., l_k s] and q_k(s) = s^k E[l_1 s, ..., l_k s, 0], with E the divided difference
 * of exp; the second table, of E[y_i, ..., y_j, 0], takes y_i and 0, the points furthest apart, out of each
 * difference. Each E over points spread by more than {@link #SERIES_SPREAD} (for its number of points) is the usual
 * quotient of two smaller differences; two closer points take e^(y_i) (e^d - 1) / d, a Taylor series, more points the
 * series e^(y_i) sum over m of h_m(0, y_(i+1) - y_i, ...) / (k - 1 + m)!, with h_m the complete homogeneous
 * symmetric polynomials: positive terms, no cancellation (as {@code MatrixExponential.precise} sums the propagators of
 * the clock-driven engine). Every value is within 8 ulps of the divided difference over the points l_k s as rounded
 * (16 over five points or more; ExpDividedDifferencesTest); the rounding of l_k s itself moves exp(l_k s) by up to
 * |l_k s| / 2 ulps, as it moves any exponential of a computed argument. Not thread-safe: one per user.
 */
final class ExpDividedDifferences {
    /**
     * A difference over k + 1 points spread by more than this times k (and at least this) is the quotient of two
     * smaller ones, else the closed form or the series. The quotient (B - A) / d of a spread d multiplies the errors
     * of A and B by about 1 + 2 k / d, and that compounds over the levels of the table: with quotients from a spread
     * of 0.1 on, E[y_1, y_2, y_3, 0] lost thousands of ulps where the points lie 0.1 to 0.3 apart.
     */
    private static final double SPREAD_PER_POINT = 0.5;
    /**
     * The series is taken up to a spread of at most this, whatever the number of points (over five points or more
     * the quotients then lose up to about 16 ulps).
     */
    private static final double MAX_SERIES_SPREAD = 4;
    /** Enough for the series' terms to fall below 1e-17 of the sum at a spread of {@link #MAX_SERIES_SPREAD}. */
    private static final int MAX_TERMS = 60;
    /** The most points a divided difference may have (a system of this many variables). */
    private static final int MAX_POINTS = 64;
    /** 1 / m! for m = 0 .. MAX_TERMS + MAX_POINTS. */
    private static final double[] INVERSE_FACTORIAL = new double[MAX_TERMS + MAX_POINTS + 1];
    /** 1 / m for m = 1 .. MAX_TERMS. */
    private static final double[] RECIPROCAL = new double[MAX_TERMS + 1];
    /** SERIES_SPREAD[k]: up to this spread a difference over k + 1 points is summed as a series (or closed form). */
    private static final double[] SERIES_SPREAD = new double[MAX_POINTS + 1];

    static {
        double factorial = 1;
        for (int m = 0; m < INVERSE_FACTORIAL.length; m++) {
            factorial *= Math.max(m, 1);
            INVERSE_FACTORIAL[m] = 1 / factorial;
        }
        for (int m = 1; m < RECIPROCAL.length; m++) {
            RECIPROCAL[m] = 1.0 / m;
        }
        for (int k = 0; k < SERIES_SPREAD.length; k++) {
            SERIES_SPREAD[k] = Math.min(MAX_SERIES_SPREAD, Math.max(SPREAD_PER_POINT, SPREAD_PER_POINT * k));
        }
    }

    private final double[] rates;
    /** Whether each rate equals the one before (its exponential is not computed again). */
    private final boolean[] repeated;
    private final double[] points;
    /** exp of each point. */
    private final double[] exponentials;
    /**
     * One level of the table of divided differences at a time: at level L, level[i] is the difference over points
     * i..i+L (computed in place from level L-1, which needs only level[i] and level[i + 1]).
     */
    private final double[] level;
    /** As {@link #level}, the differences over points i..i+L and 0. */
    private final double[] integral;
    private final double[] series;

    /** @param rates the rates l_k, per ms, in ascending order */
    ExpDividedDifferences(double[] rates) {
        for (int k = 1; k < rates.length; k++) {
            if (!(rates[k] >= rates[k - 1])) {
                throw new IllegalArgumentException("rates must be ascending: " + Arrays.toString(rates));
            }
        }
        if (rates.length > MAX_POINTS) {
            throw new IllegalArgumentException(rates.length + " rates are not allowed: at most " + MAX_POINTS);
        }
        this.rates = rates.clone();
        int n = rates.length;
        this.repeated = new boolean[n];
        for (int k = 1; k < n; k++) {
            repeated[k] = rates[k] == rates[k - 1];
        }
        this.points = new double[n];
        this.exponentials = new double[n];
        this.level = new double[n];
        this.integral = new double[n];
        this.series = new double[MAX_TERMS + 1];
    }

    /**
     * Writes r_1(s), ..., r_n(s) into {@code r[0..n)} and q_1(s), ..., q_n(s) (ms) into {@code q[qOffset..+n)}
     * (s >= 0, ms; the rates negative).
     */
    void evaluate(double s, double[] r, double[] q, int qOffset) {
        int n = rates.length;
        if (s == 0) {
            r[0] = 1;
            q[qOffset] = 0;
            for (int k = 1; k < n; k++) {
                r[k] = 0;
                q[qOffset + k] = 0;
            }
            return;
        }
        for (int i = 0; i < n; i++) {
            points[i] = rates[i] * s;
            exponentials[i] = repeated[i] ? exponentials[i - 1] : Math.exp(points[i]);
            level[i] = exponentials[i];
            integral[i] = repeated[i] ? integral[i - 1]
                    : -points[i] > SERIES_SPREAD[1] ? (1 - level[i]) / -points[i] : clustered(i, i, true);
        }
        r[0] = level[0];
        q[qOffset] = s * integral[0];
        double power = 1;
        for (int length = 1; length < n; length++) {
            double levelSpread = SERIES_SPREAD[length];
            double integralSpread = SERIES_SPREAD[length + 1];
            for (int i = 0; i + length < n; i++) {
                double spread = points[i + length] - points[i];
                level[i] = spread > levelSpread ? (level[i + 1] - level[i]) / spread : clustered(i, i + length, false);
                integral[i] = -points[i] > integralSpread ? (integral[i + 1] - level[i]) / -points[i]
                        : clustered(i, i + length, true);
            }
            power *= s;
            r[length] = power * level[0];
            q[qOffset + length] = power * s * integral[0];
        }
    }

    /**
     * (e^d - 1) / d for 0 &lt;= d &lt;= {@link #SPREAD_PER_POINT}: its Taylor series, to d^18 / 19! (to d^11 / 12! for
     * d &lt;= 0.1, to d^6 / 7! for d &lt;= 0.01); the rest is below 1e-17 of the sum there. (Math.expm1 is as precise
     * but several times slower.)
     */
    private static double relativeExpm1(double d) {
        if (d == 0) {
            return 1;
        }
        int last = d <= 0.01 ? 7 : d <= 0.1 ? 12 : 19;
        double sum = INVERSE_FACTORIAL[last];
        for (int m = last - 1; m >= 1; m--) {
            sum = sum * d + INVERSE_FACTORIAL[m];
        }
        return sum;
    }

    /**
     * E[0, d1, d2] for 0 &lt;= d1 &lt;= d2 &lt;= {@link #MAX_SERIES_SPREAD}, in registers: the series with
     * h_m = d2 h_(m-1) + d1^m, to the term where d2^m / m! falls below 1e-17.
     */
    private static double threePoints(double d1, double d2) {
        double power = 1;
        double h = 1;
        double sum = INVERSE_FACTORIAL[2];
        double bound = 1;
        for (int m = 1; m <= MAX_TERMS && bound > 1e-17; m++) {
            bound *= d2 * RECIPROCAL[m];
            power *= d1;
            h = d2 * h + power;
            sum += h * INVERSE_FACTORIAL[m + 2];
        }
        return sum;
    }

    /**
     * E[0, d1, d2, d3] for 0 &lt;= d1 &lt;= d2 &lt;= d3 &lt;= {@link #MAX_SERIES_SPREAD}, in registers: the series with
     * h_m(d1, .., dv) = h_m(d1, .., d(v-1)) + dv h_(m-1)(d1, .., dv), to the term where d3^m / m! falls below 1e-17,
     * each value computed as {@link #clustered}'s table computes it, so that the two agree to the bit.
     */
    private static double fourPoints(double d1, double d2, double d3) {
        double h1 = 1;
        double h2 = 1;
        double h3 = 1;
        double sum = INVERSE_FACTORIAL[3];
        double bound = 1;
        for (int m = 1; m <= MAX_TERMS && bound > 1e-17; m++) {
            bound *= d3 * RECIPROCAL[m];
            h1 = d1 * h1;
            h2 = h1 + d2 * h2;
            h3 = h2 + d3 * h3;
            sum += h3 * INVERSE_FACTORIAL[3 + m];
        }
        return sum;
    }

    /**
     * The divided difference over points i..j and, if {@code withZero}, the point 0, all within
     * {@link #MAX_SERIES_SPREAD} of points[i]: e^(y_i) (e^d - 1) / d for two points (d their distance), otherwise the
     * series, to the term where spread^m / m! falls below 1e-17 (the terms' bound relative to the sum).
     */
    private double clustered(int i, int j, boolean withZero) {
        int order = j - i + (withZero ? 1 : 0);
        double spread = (withZero ? 0 : points[j]) - points[i];
        if (order == 1) {
            return exponentials[i] * relativeExpm1(spread);
        }
        if (order == 2) {
            return exponentials[i] * threePoints(points[i + 1] - points[i], spread);
        }
        if (order == 3) {
            return exponentials[i] * fourPoints(points[i + 1] - points[i], points[i + 2] - points[i], spread);
        }
        int terms = 0;
        double bound = 1;
        while (terms < MAX_TERMS && bound > 1e-17) {
            terms++;
            bound *= spread * RECIPROCAL[terms];
        }
        series[0] = 1;
        for (int m = 1; m <= terms; m++) {
            series[m] = 0;
        }
        for (int v = i + 1; v <= j + (withZero ? 1 : 0); v++) {
            double d = (v > j ? 0 : points[v]) - points[i];
            if (d != 0) {
                for (int m = 1; m <= terms; m++) {
                    series[m] += d * series[m - 1];
                }
            }
        }
        double sum = 0;
        for (int m = 0; m <= terms; m++) {
            sum += series[m] * INVERSE_FACTORIAL[order + m];
        }
        return exponentials[i] * sum;
    }
}

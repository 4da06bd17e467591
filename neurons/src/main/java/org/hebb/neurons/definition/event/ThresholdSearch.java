package org.hebb.neurons.definition.event;

/**
 * The first time a linear function of a linear system's state reaches 0, with s the time since the start (ms):
 * <pre>
 * f(s) = f(0) + sum over k of a_k q_k(s),     f'(s) = sum over k of a_k r_k(s)
 * </pre>
 * with r_k the basis of an {@link ExponentialBasis} and q_k its integrals (for f = c x + rest along
 * dx/dt = A x + b: a_k = c P_(k-1) (A x(0) + b)). Written from f(0) rather than from f's limit, f keeps its precision
 * where that limit lies far away (a membrane that barely leaks). Each r_k is non-negative, rises to one peak and
 * falls to 0, so on any interval its minimum is at an end and its maximum at the peak or an end; each q_k rises
 * from 0 to a known limit: that bounds f from above and f' from below on every interval without computing anything
 * beyond r and q at the ends.
 *
 * <p>The first crossing is found by subdividing [from, horizon] depth first, left half first, discarding intervals
 * whose upper bound stays below 0, until an interval with f(a) &lt; 0 &lt;= f(b) is shown to be increasing
 * throughout; there the root is found by Newton iteration kept in its bracket and returned to within the
 * tolerance, never before the true crossing. A trajectory that touches 0 by less than it moves in one tolerance
 * is not counted as a crossing, nor is one whose highest value is 0 (an equilibrium exactly at threshold, which
 * the trajectory approaches but never reaches). The tolerance grows with s where doubles are coarser than it. With
 * a strict threshold ({@code >} or {@code <}) f must exceed 0, else reach it. Nothing allocates after construction.
 * Not thread-safe: one per kernel.
 */
final class ThresholdSearch {
    private static final int MAX_HORIZON_DOUBLINGS = 64;
    private static final int MAX_DEPTH = 200;
    private static final int MAX_NEWTON_STEPS = 200;
    /**
     * The rounding allowed for, relative to the magnitudes summed, in the bound of f written around its limit: far
     * above the few tens of ulps by which f and the bound, each computed in doubles, may differ.
     */
    private static final double ROUNDING = 1e-9;
    private final ExponentialBasis basis;
    private final int n;
    private final double toleranceMs;
    private final boolean strict;
    private final double initialHorizon;
    private final double[] a;
    /** 1 / l_k, ms. */
    private final double[] inverseRate;
    private double startValue;
    /** r at the midpoint of each depth of the subdivision, and scratch for the ends and Newton. */
    private final double[][] atDepth;
    private final double[] start;
    private final double[] end;
    private final double[] probe;

    /** @param strict whether f must exceed 0 (a threshold {@code >} or {@code <}) rather than reach it */
    ThresholdSearch(ExponentialBasis basis, double toleranceMs, boolean strict) {
        this.basis = basis;
        this.n = basis.size();
        this.toleranceMs = toleranceMs;
        this.strict = strict;
        this.initialHorizon = 4 / -basis.rate(n - 1);
        this.a = new double[n];
        this.inverseRate = new double[n];
        for (int k = 0; k < n; k++) {
            inverseRate[k] = 1 / basis.rate(k);
        }
        this.atDepth = new double[MAX_DEPTH][2 * n];
        this.start = new double[2 * n];
        this.end = new double[2 * n];
        this.probe = new double[2 * n];
    }

    /** How closely crossings are located, ms. */
    double toleranceMs() {
        return toleranceMs;
    }

    /**
     * Sets f: its value at 0, {@code fAtStart}, and the coefficient a_k of each q_k in f and of each r_k in f'
     * ({@code coefficients[k - 1]}).
     */
    void set(double fAtStart, double[] coefficients) {
        startValue = fAtStart;
        for (int k = 0; k < n; k++) {
            a[k] = coefficients[k];
        }
    }

    /** f(s). */
    double value(double s) {
        basis.basis(s, probe);
        return value(probe);
    }

    /** f given the basis at s, r and q ({@link ExponentialBasis#basis}). */
    private double value(double[] rq) {
        double f = startValue;
        for (int k = 0; k < n; k++) {
            f += a[k] * rq[n + k];
        }
        return f;
    }

    private double slope(double[] rq) {
        double d = 0;
        for (int k = 0; k < n; k++) {
            d += a[k] * rq[k];
        }
        return d;
    }

    /**
     * Whether f stays below 0 whatever s, from two upper bounds of f, neither computing an exponential; at exactly 0
     * either is a supremum that the trajectory does not reach. The first is f(0) plus every rising term at its limit
     * (it would take every positive term at its limit and every other at 0 at once: an equilibrium exactly at
     * threshold). The second writes f around its limit, f_inf = f(0) + sum a_k L_k (L_k the limit of q_k), as
     * f_inf + sum e_k r_k with e_n = a_n / l_n and e_k = (a_k - e_(k+1)) / l_k (from r_k = l_k q_k + q_(k-1)), and
     * adds every positive e_k at the peak of r_k and {@link #ROUNDING} of the magnitudes summed: it is as tight as
     * the response's own peak where one term carries it (an input's postsynaptic potential), where the first may
     * exceed that peak several times over. The first stays sharp where f_inf lies far away (a membrane that barely
     * leaks), where the rounding of the second is large.
     */
    private boolean neverReachesZero() {
        double bound = upperBoundFrom(0, null);
        if (bound <= 0) {
            return true;
        }
        double limit = startValue;
        double magnitude = Math.abs(startValue);
        for (int k = 0; k < n; k++) {
            limit += a[k] * basis.integralLimit(k);
            magnitude += Math.abs(a[k]) * basis.integralLimit(k);
        }
        double aroundLimit = limit;
        double e = 0;
        double eMagnitude = 0;
        for (int k = n - 1; k >= 0; k--) {
            e = (a[k] - e) * inverseRate[k];
            eMagnitude = (Math.abs(a[k]) + eMagnitude) * -inverseRate[k];
            if (e > 0) {
                aroundLimit += e * basis.peakValue(k);
            }
            magnitude += eMagnitude * basis.peakValue(k);
        }
        return aroundLimit + ROUNDING * magnitude <= 0;
    }

    /** Whether f has crossed: f &gt; 0 for a strict threshold, else f &gt;= 0. */
    private boolean crossed(double f) {
        return strict ? f > 0 : f >= 0;
    }

    /** The tolerance at s: {@link #toleranceMs}, or two units in the last place of s where those are coarser. */
    private double toleranceAt(double s) {
        return Math.max(toleranceMs, 2 * Math.ulp(s));
    }

    /**
     * An s before which f stays below 0: f' = sum a_k r_k is at most the sum of the positive a_k times the peak of
     * their r_k, so f needs -f(0) / that to reach 0. 0 if f(0) has crossed, {@code Double.POSITIVE_INFINITY} if f
     * never does ({@link #neverReachesZero}). No exponential computed.
     */
    double noCrossingBefore() {
        double f0 = startValue;
        if (crossed(f0)) {
            return 0;
        }
        if (neverReachesZero()) {
            return Double.POSITIVE_INFINITY;
        }
        double steepest = 0;
        for (int k = 0; k < n; k++) {
            steepest += Math.max(a[k], 0) * basis.peakValue(k);
        }
        return steepest > 0 ? -f0 / steepest : Double.POSITIVE_INFINITY;
    }

    /** The first s >= 0 where f has crossed, to within the tolerance, or {@code Double.POSITIVE_INFINITY}. */
    double firstCrossing() {
        return firstCrossing(0);
    }

    /** As {@link #firstCrossing()}, given that f stays below 0 before {@code from}: searches [from, infinity). */
    double firstCrossing(double from) {
        basis.basis(from, start);
        double fa = from == 0 ? startValue : value(start);
        if (crossed(fa)) {
            return from;
        }
        if (neverReachesZero()) {
            return Double.POSITIVE_INFINITY;
        }
        double horizon = from + initialHorizon;
        basis.basis(horizon, end);
        double fh = value(end);
        int doublings = 0;
        while (!crossed(fh) && crossed(upperBoundFrom(horizon, end))) {
            if (++doublings > MAX_HORIZON_DOUBLINGS) {
                return Double.POSITIVE_INFINITY;
            }
            horizon = from + 2 * (horizon - from);
            basis.basis(horizon, end);
            fh = value(end);
        }
        return search(from, start, fa, horizon, end, fh, 0);
    }

    /** An upper bound of f on [s, infinity), given the basis at s (null at s = 0, where every q_k is 0). */
    private double upperBoundFrom(double s, double[] rs) {
        double bound = startValue;
        for (int k = 0; k < n; k++) {
            if (a[k] > 0) {
                bound += a[k] * basis.integralLimit(k);
            } else if (a[k] < 0 && rs != null) {
                bound += a[k] * rs[n + k];
            }
        }
        return bound;
    }

    /** An upper bound of f on [s, t], given the basis at both ends: each q_k rises. */
    private double upperBound(double[] rs, double[] rt) {
        double bound = startValue;
        for (int k = 0; k < n; k++) {
            bound += a[k] * (a[k] > 0 ? rt[n + k] : rs[n + k]);
        }
        return bound;
    }

    /** A lower bound of f' on [s, t], given the basis at both ends. */
    private double slopeLowerBound(double s, double[] rs, double t, double[] rt) {
        double bound = 0;
        for (int k = 0; k < n; k++) {
            if (a[k] > 0) {
                bound += a[k] * Math.min(rs[k], rt[k]);
            } else if (a[k] < 0) {
                double peak = basis.peak(k);
                bound += a[k] * (peak >= s && peak <= t ? basis.peakValue(k) : Math.max(rs[k], rt[k]));
            }
        }
        return bound;
    }

    private double search(double s, double[] rs, double fs, double t, double[] rt, double ft, int depth) {
        if (!crossed(upperBound(rs, rt))) {
            return Double.POSITIVE_INFINITY;
        }
        if (crossed(ft) && slopeLowerBound(s, rs, t, rt) > 0) {
            return increasingRoot(s, t, ft);
        }
        if (t - s <= toleranceAt(t) || depth + 1 >= MAX_DEPTH) {
            return crossed(ft) ? t : Double.POSITIVE_INFINITY;
        }
        double m = 0.5 * (s + t);
        double[] rm = atDepth[depth];
        basis.basis(m, rm);
        double fm = value(rm);
        double left = search(s, rs, fs, m, rm, fm, depth + 1);
        return left != Double.POSITIVE_INFINITY ? left : search(m, rm, fm, t, rt, ft, depth + 1);
    }

    /**
     * The root in [s, t] of f increasing there, with f(s) not crossed and f(t) crossed: Newton kept in the bracket,
     * at most {@link #MAX_NEWTON_STEPS} steps (then t, which has crossed).
     */
    private double increasingRoot(double s, double t, double ft) {
        double x = t;
        double fx = ft;
        basis.basis(x, probe);
        double dx = slope(probe);
        for (int steps = 0; t - s > toleranceAt(t) && steps < MAX_NEWTON_STEPS; steps++) {
            double next = x - fx / dx;
            if (!(next > s && next < t)) {
                next = 0.5 * (s + t);
            }
            basis.basis(next, probe);
            double fn = value(probe);
            dx = slope(probe);
            if (crossed(fn)) {
                t = next;
            } else {
                s = next;
            }
            double tolerance = toleranceAt(next);
            if (Math.abs(next - x) <= tolerance) {
                double edge = crossed(fn) ? Math.max(s, next - tolerance) : Math.min(t, next + tolerance);
                if (crossed(value(edge))) {
                    t = edge;
                } else {
                    s = edge;
                }
            }
            x = next;
            fx = fn;
        }
        return t;
    }
}

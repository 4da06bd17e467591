package org.hebb.neurons.lif;

/**
 * The closed-form membrane trajectory of a LIF neuron with two exponentially decaying synaptic currents, and the
 * search for its first threshold crossing. With s the time since the start (ms):
 * <pre>
 * v(s) - v_thresh = c0 + c1 exp(-s/tau_m) + g_e h_e(s) + g_i h_i(s)
 * h_x(s) = exp(-s/tau_m) (1 - exp(-s delta_x)) / delta_x,   delta_x = 1/tau_x - 1/tau_m   (= s exp(-s/tau_m) if 0)
 * </pre>
 * where c0 = v_inf - v_thresh, c1 = v0 - v_inf and g_x = i_x(0) / cm. Each h_x is the unit postsynaptic potential:
 * 0 at s = 0, one peak at p_x = ln(tau_m / tau_x) / delta_x, concave before 2 p_x; so every term has a known
 * maximum and minimum on any interval, which gives upper bounds of v and lower bounds of dv/ds per interval.
 *
 * <p>The first crossing is found by subdividing [0, horizon] depth first, left half first, discarding intervals
 * whose upper bound stays below threshold, until an interval with v(a) below and v(b) at or above threshold is
 * shown to be increasing throughout (derivative bound > 0); there the unique root is found by safeguarded Newton
 * iteration and returned to within the tolerance, never before the true crossing. A trajectory that touches
 * threshold by less than it moves in one tolerance is not counted as a crossing. Not thread-safe: one per
 * kernel.
 */
final class ExpCurrentTrajectory {
    private static final int MAX_HORIZON_DOUBLINGS = 64;
    private final double tauM;
    private final double[] tau = new double[2];
    private final double[] delta = new double[2];
    private final double[] peak = new double[2];
    private final double[] peakValue = new double[2];
    /** Whether h_x is better computed from exp(-s/tau_m) and exp(-s/tau_x) than with expm1 (no cancellation). */
    private final boolean[] fromDecays = new boolean[2];
    private final double toleranceMs;
    private final double initialHorizon;
    private double c0;
    private double c1;
    private final double[] g = new double[2];

    /**
     * @param tauM        membrane time constant, ms
     * @param tauE        decay of the first (excitatory) current, ms
     * @param tauI        decay of the second (inhibitory) current, ms
     * @param toleranceMs how closely crossings are located, ms
     */
    ExpCurrentTrajectory(double tauM, double tauE, double tauI, double toleranceMs) {
        this.tauM = tauM;
        this.toleranceMs = toleranceMs;
        tau[0] = tauE;
        tau[1] = tauI;
        for (int x = 0; x < 2; x++) {
            delta[x] = 1 / tau[x] - 1 / tauM;
            peak[x] = delta[x] == 0 ? tauM : Math.log(tauM / tau[x]) / delta[x];
            peakValue[x] = psp(x, peak[x]);
            fromDecays[x] = Math.abs(delta[x]) * tauM >= 0.05;
        }
        this.initialHorizon = 4 * Math.max(tauM, Math.max(tauE, tauI));
    }

    /** The unit postsynaptic potential of receptor {@code x} (0 or 1) {@code s} ms after a 1/cm nA current. */
    double psp(int x, double s) {
        double d = delta[x];
        double rise = d == 0 ? s : -Math.expm1(-s * d) / d;
        return Math.exp(-s / tauM) * rise;
    }

    /**
     * {@link #psp} given the decays exp(-s/tau_m) and exp(-s/tau_x) already computed: h_x = (e_m - e_x) / delta_x
     * where that loses no precision (delta_x tau_m >= 0.05), otherwise the expm1 form.
     */
    double psp(int x, double s, double membraneDecay, double currentDecay) {
        if (fromDecays[x]) {
            return (membraneDecay - currentDecay) / delta[x];
        }
        double d = delta[x];
        return membraneDecay * (d == 0 ? s : -Math.expm1(-s * d) / d);
    }

    private double pspSlope(int x, double s) {
        return Math.exp(-s / tau[x]) - psp(x, s) / tauM;
    }

    /** Sets the trajectory (see the class description for the coefficients). */
    void set(double offset, double membrane, double currentE, double currentI) {
        c0 = offset;
        c1 = membrane;
        g[0] = currentE;
        g[1] = currentI;
    }

    /** v(s) - v_thresh. */
    double value(double s) {
        return c0 + c1 * Math.exp(-s / tauM) + g[0] * psp(0, s) + g[1] * psp(1, s);
    }

    /** dv/ds, mV/ms. */
    double slope(double s) {
        return -c1 / tauM * Math.exp(-s / tauM) + g[0] * pspSlope(0, s) + g[1] * pspSlope(1, s);
    }

    /** An upper bound of v - v_thresh on [a, b] ({@code b} may be infinite). */
    double upperBound(double a, double b) {
        double bound = c0 + (c1 > 0 ? c1 * Math.exp(-a / tauM) : c1 * Math.exp(-b / tauM));
        for (int x = 0; x < 2; x++) {
            if (g[x] > 0) {
                bound += g[x] * psp(x, Math.min(Math.max(peak[x], a), b));
            } else if (g[x] < 0) {
                bound += g[x] * Math.min(psp(x, a), b == Double.POSITIVE_INFINITY ? 0 : psp(x, b));
            }
        }
        return bound;
    }

    /** A lower bound of dv/ds on [a, b] (finite). */
    private double slopeLowerBound(double a, double b) {
        double bound = c1 > 0 ? -c1 / tauM * Math.exp(-a / tauM) : -c1 / tauM * Math.exp(-b / tauM);
        for (int x = 0; x < 2; x++) {
            if (g[x] > 0) {
                bound += g[x] * pspSlope(x, Math.min(Math.max(2 * peak[x], a), b));
            } else if (g[x] < 0) {
                bound += g[x] * Math.max(pspSlope(x, a), pspSlope(x, b));
            }
        }
        return bound;
    }

    /**
     * The first s >= 0 with v(s) >= v_thresh, to within the tolerance (never before the exact crossing), or
     * {@code Double.POSITIVE_INFINITY} if there is none.
     */
    double firstCrossing() {
        return firstCrossing(0);
    }

    /**
     * As {@link #firstCrossing()}, given that v stays below threshold before {@code from} (as
     * {@link #noCrossingBefore()} guarantees): the search covers [from, infinity) only.
     */
    double firstCrossing(double from) {
        double fa = from == 0 ? c0 + c1 : value(from);
        if (fa >= 0) {
            return from;
        }
        if (neverReachesThreshold()) {
            return Double.POSITIVE_INFINITY;
        }
        double horizon = from + initialHorizon;
        double fh = value(horizon);
        int doublings = 0;
        while (fh < 0 && upperBound(horizon, Double.POSITIVE_INFINITY) >= 0) {
            if (++doublings > MAX_HORIZON_DOUBLINGS) {
                return Double.POSITIVE_INFINITY;
            }
            horizon = from + 2 * (horizon - from);
            fh = value(horizon);
        }
        return search(from, fa, horizon, fh);
    }

    /** Whether the sum of every term's own maximum stays below threshold (no exponential computed). */
    private boolean neverReachesThreshold() {
        double peaks = Math.max(c1, 0) + Math.max(g[0], 0) * peakValue[0] + Math.max(g[1], 0) * peakValue[1];
        return c0 + peaks < 0;
    }

    /**
     * An s before which v stays below threshold: by s each term has risen by at most s times a bound of its slope
     * (c1 (e^(-s/tau_m) - 1) by at most -c1 s / tau_m; g_x h_x(s) by at most g_x s, as h_x(0) = 0 and h_x' <= 1,
     * and not at all when g_x < 0, as h_x >= 0). 0 if v is at threshold now, {@code Double.POSITIVE_INFINITY} if
     * it never reaches it. No exponential computed.
     */
    double noCrossingBefore() {
        double f0 = c0 + c1;
        if (f0 >= 0) {
            return 0;
        }
        if (neverReachesThreshold()) {
            return Double.POSITIVE_INFINITY;
        }
        double steepest = Math.max(-c1, 0) / tauM + Math.max(g[0], 0) + Math.max(g[1], 0);
        return steepest > 0 ? -f0 / steepest : Double.POSITIVE_INFINITY;
    }

    private double search(double a, double fa, double b, double fb) {
        if (upperBound(a, b) < 0) {
            return Double.POSITIVE_INFINITY;
        }
        if (fb >= 0 && slopeLowerBound(a, b) > 0) {
            return increasingRoot(a, b, fb);
        }
        if (b - a <= toleranceMs) {
            return fb >= 0 ? b : Double.POSITIVE_INFINITY;
        }
        double m = 0.5 * (a + b);
        double fm = value(m);
        double left = search(a, fa, m, fm);
        return left != Double.POSITIVE_INFINITY ? left : search(m, fm, b, fb);
    }

    /** The root in [a, b] of a function increasing there, with v(a) < v_thresh <= v(b): Newton kept in bracket. */
    private double increasingRoot(double a, double b, double fb) {
        double x = b;
        double fx = fb;
        while (b - a > toleranceMs) {
            double next = x - fx / slope(x);
            if (!(next > a && next < b)) {
                next = 0.5 * (a + b);
            }
            double fn = value(next);
            if (fn >= 0) {
                b = next;
            } else {
                a = next;
            }
            if (Math.abs(next - x) <= toleranceMs) {
                double probe = fn >= 0 ? Math.max(a, next - toleranceMs) : Math.min(b, next + toleranceMs);
                if (value(probe) >= 0) {
                    b = probe;
                } else {
                    a = probe;
                }
            }
            x = next;
            fx = fn;
        }
        return b;
    }
}

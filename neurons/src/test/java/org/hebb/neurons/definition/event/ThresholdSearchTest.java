package org.hebb.neurons.definition.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * Random trajectories of LIF-like systems (a membrane fed by one or two exponential currents or an alpha current,
 * either sign, any start) against a brute-force scan: the first grid point at or above threshold, refined by
 * bisection. A crossing narrower than the grid may be found only by the search; then it must be a genuine crossing.
 * The cheap bound must never pass the crossing, and a search started at the bound must find the same one.
 */
class ThresholdSearchTest {
    private static final double TAU_M = 10;

    @Test
    void searchFindsTheFirstCrossingOfRandomTrajectories() {
        SplittableRandom random = new SplittableRandom(7);
        int crossings = 0;
        int bounded = 0;
        for (int trial = 0; trial < 900; trial++) {
            double tauE = 0.5 + 15 * random.nextDouble();
            double tauI = trial % 5 == 0 ? TAU_M : 0.5 + 15 * random.nextDouble();
            double[][] a;
            double[] eigenvalues;
            if (trial % 3 == 2) {
                // v <- i <- y: an alpha current
                a = new double[][] {{-1 / TAU_M, 1, 0}, {0, -1 / tauE, Math.E / tauE}, {0, 0, -1 / tauE}};
                eigenvalues = new double[] {-1 / TAU_M, -1 / tauE, -1 / tauE};
            } else {
                a = new double[][] {{-1 / TAU_M, 1, 1}, {0, -1 / tauE, 0}, {0, 0, -1 / tauI}};
                eigenvalues = new double[] {-1 / TAU_M, -1 / tauE, -1 / tauI};
            }
            ExponentialBasis basis = new ExponentialBasis(a, eigenvalues);
            ThresholdSearch search = new ThresholdSearch(basis, 1e-12, false);
            double[] deviation;
            double offset;
            if (trial % 4 == 1) {
                // just below threshold, driven above it, recovering from strong inhibition
                double drive = 5 * random.nextDouble();
                offset = drive;
                deviation = new double[] {-drive - random.nextDouble(), -60 * random.nextDouble(),
                        trial % 3 == 2 ? 3 * random.nextDouble() : 0};
            } else {
                offset = -20 * random.nextDouble() + 1;
                deviation = new double[] {30 * (random.nextDouble() - 0.8), 30 * random.nextDouble(),
                        -30 * random.nextDouble()};
            }
            Trajectory f = new Trajectory(a, basis, offset, deviation);
            search.set(offset + deviation[0], f.coefficients());
            double found = search.firstCrossing();
            double scanned = f.scan(100, 2e-3);
            double bound = search.noCrossingBefore();
            assertTrue(bound <= found && bound <= scanned, "trial " + trial + ": bound " + bound + " passes the "
                    + "crossing " + Math.min(found, scanned));
            if (bound > 0 && bound != Double.POSITIVE_INFINITY) {
                bounded++;
                assertEquals(found, search.firstCrossing(bound), 1e-9, "trial " + trial + ": search from the bound");
            }
            if (scanned != Double.POSITIVE_INFINITY) {
                crossings++;
                if (found < scanned - 2e-3) {
                    f.assertGenuineCrossing(found);
                } else {
                    assertEquals(scanned, found, 1e-9, "trial " + trial);
                }
            } else if (found <= 100) {
                f.assertGenuineCrossing(found);
            }
        }
        assertTrue(crossings > 100, "test setup: too few crossings to be informative: " + crossings);
        assertTrue(bounded > 100, "test setup: too few finite bounds to be informative: " + bounded);
    }

    /**
     * v(s) - threshold = offset + (exp(A s) deviation)_v, computed by propagating the state itself; the search's
     * coefficients are row v of P_k times A deviation, the rate of change at the start.
     */
    private record Trajectory(double[][] a, ExponentialBasis basis, double offset, double[] deviation) {
        double[] coefficients() {
            int n = basis.size();
            double[] slope = new double[n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    slope[i] += a[i][j] * deviation[j];
                }
            }
            double[] c = new double[n];
            for (int k = 0; k < n; k++) {
                for (int j = 0; j < n; j++) {
                    c[k] += basis.matrix(k, 0, j) * slope[j];
                }
            }
            return c;
        }

        double value(double s) {
            int n = basis.size();
            double[] r = new double[2 * n];
            double[] out = new double[n];
            basis.basis(s, r);
            basis.apply(r, deviation, 0, out, 0);
            return offset + out[0];
        }

        double scan(double horizon, double step) {
            if (value(0) >= 0) {
                return 0;
            }
            for (double t = step; t <= horizon; t += step) {
                if (value(t) >= 0) {
                    double lo = t - step;
                    double hi = t;
                    while (hi - lo > 1e-13) {
                        double m = 0.5 * (lo + hi);
                        if (value(m) >= 0) {
                            hi = m;
                        } else {
                            lo = m;
                        }
                    }
                    return hi;
                }
            }
            return Double.POSITIVE_INFINITY;
        }

        void assertGenuineCrossing(double t) {
            assertTrue(value(t) >= -1e-12 && (t == 0 || value(t - 1e-9) < 0), "not a first crossing at " + t);
        }
    }
}

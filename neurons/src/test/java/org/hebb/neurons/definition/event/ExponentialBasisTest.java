package org.hebb.neurons.definition.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.hebb.neurons.definition.integration.MatrixExponential;
import org.junit.jupiter.api.Test;

/** Putzer's expansion against closed forms solved by hand, including coinciding and nearly coinciding rates. */
class ExponentialBasisTest {
    /**
     * A membrane (tau_m) fed by a current (tau_s): exp(A s) from i to v is the PSP
     * e^(-s/tau_m) (1 - e^(-d s)) / (d cm), d = 1/tau_s - 1/tau_m (s e^(-s/tau_m) / cm when d = 0).
     */
    private static double[][] lif(double tauM, double tauS, double cm) {
        return new double[][] {{-1 / tauM, 1 / cm}, {0, -1 / tauS}};
    }

    private static double propagated(ExponentialBasis basis, double s, int row, int column) {
        return entry(basis, s, row, column, false);
    }

    /** Entry (row, column) of phi(s), the integral over [0, s] of exp(A u) du. */
    private static double integrated(ExponentialBasis basis, double s, int row, int column) {
        return entry(basis, s, row, column, true);
    }

    private static double entry(ExponentialBasis basis, double s, int row, int column, boolean integral) {
        int n = basis.size();
        double[] r = new double[2 * n];
        double[] unit = new double[n];
        double[] out = new double[n];
        unit[column] = 1;
        basis.basis(s, r);
        if (integral) {
            basis.applyIntegral(r, unit, 0, out, 0);
        } else {
            basis.apply(r, unit, 0, out, 0);
        }
        return out[row];
    }

    @Test
    void membraneResponseToACurrentMatchesTheClosedForm() {
        double tauM = 10;
        double cm = 0.25;
        for (double tauS : new double[] {5, 10 - 1e-7, 10, 10 + 1e-4, 0.1, 30}) {
            double[][] a = lif(tauM, tauS, cm);
            ExponentialBasis basis = new ExponentialBasis(a, new double[] {a[0][0], a[1][1]});
            for (double s : new double[] {1e-6, 0.01, 0.7, 3, 25, 200}) {
                double d = 1 / tauS - 1 / tauM;
                double expected = Math.exp(-s / tauM) * (d == 0 ? s : -Math.expm1(-d * s) / d) / cm;
                assertEquals(expected, propagated(basis, s, 0, 1), 1e-12 * (1 + Math.abs(expected)),
                        "tau_s = " + tauS + " ms, s = " + s + " ms");
                assertEquals(Math.exp(-s / tauM), propagated(basis, s, 0, 0), 1e-15, "v from v");
                assertEquals(Math.exp(-s / tauS), propagated(basis, s, 1, 1), 1e-15, "i from i");
            }
        }
    }

    /** An alpha current (a Jordan block: y decays with tau, i follows it with tau) is i(s) = e s/tau e^(-s/tau) y(0). */
    @Test
    void jordanBlockOfTheAlphaCurrent() {
        double tau = 2;
        double[][] a = {{-1 / tau, Math.E / tau}, {0, -1 / tau}};
        ExponentialBasis basis = new ExponentialBasis(a, new double[] {-1 / tau, -1 / tau});
        for (double s : new double[] {0.001, 0.5, 2, 9, 60}) {
            assertEquals(Math.E * s / tau * Math.exp(-s / tau), propagated(basis, s, 0, 1), 1e-14, "s = " + s);
        }
        assertEquals(tau, basis.peak(1), 1e-9, "r_2 = s e^(-s/tau) peaks at tau");
    }

    /**
     * Random systems with real negative spectra, triangular and coupled, up to 4 x 4: every entry of exp(A s), at
     * several s, against scaling and squaring ({@link MatrixExponential}) computed here.
     */
    @Test
    void randomSystemsMatchScalingAndSquaring() {
        SplittableRandom random = new SplittableRandom(3);
        for (int trial = 0; trial < 200; trial++) {
            double[][] a = randomSystem(random, trial % 3 == 0);
            int n = a.length;
            ExponentialBasis basis = new ExponentialBasis(a, diagonal(a));
            for (double s : new double[] {0.05, 0.9, 7, 40}) {
                double[][] scaled = new double[n][n];
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        scaled[i][j] = a[i][j] * s;
                    }
                }
                double[][] expected = MatrixExponential.of(scaled);
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        assertEquals(expected[i][j], propagated(basis, s, i, j), 1e-9 * (1 + Math.abs(expected[i][j])),
                                "trial " + trial + ", s = " + s + ", entry (" + i + ", " + j + ")");
                    }
                }
            }
        }
    }

    /**
     * Time constants far apart (a membrane of 10^7 or 10^9 ms, a synapse of 10^-6 ms, both of 10^5 ms) make scaling
     * and squaring, the check's reference, lose more than 1e-10 where the expansion does not: the check allows for
     * that instead of refusing a correct closed form.
     */
    @Test
    void farApartTimeConstantsPassTheCheck() {
        double cm = 0.25;
        for (double[] taus : new double[][] {{1e7, 5}, {1e9, 5}, {10, 1e-6}, {1e5, 1e5}}) {
            double tauM = taus[0];
            double tauS = taus[1];
            double[][] a = lif(tauM, tauS, cm);
            ExponentialBasis basis = new ExponentialBasis(a, new double[] {a[0][0], a[1][1]});
            for (double s : new double[] {1e-3, 1, 1e3, 1e4, 1e6}) {
                double d = 1 / tauS - 1 / tauM;
                double expected = Math.exp(-s / tauM) * (d == 0 ? s : -Math.expm1(-d * s) / d) / cm;
                assertEquals(expected, propagated(basis, s, 0, 1), 1e-13 * (1 + Math.abs(expected)),
                        "tau_m = " + tauM + " ms, tau_s = " + tauS + " ms, s = " + s + " ms");
                assertEquals(Math.exp(-s / tauM), propagated(basis, s, 0, 0), 1e-15, "v from v");
            }
        }
    }

    /**
     * The integral of exp(A s) of a membrane fed by a current: from v to v, tau_m (1 - e^(-s/tau_m)), by expm1, to
     * 1e-15 relative also where tau_m is 10^12 or 10^20 ms (where 1 - e^(-s/tau_m) computed as it reads is 0 or
     * all rounding); from i to i, tau_s (1 - e^(-s/tau_s)); from i to v, the integral of the PSP,
     * (tau_m (1 - e^(-s/tau_m)) - tau_s (1 - e^(-s/tau_s))) tau_m tau_s / ((tau_m - tau_s) cm).
     */
    @Test
    void integralMatchesTheClosedFormAlsoForABarelyLeakingMembrane() {
        double cm = 0.25;
        double tauS = 5;
        for (double tauM : new double[] {10, 1e5, 1e12, 1e20}) {
            double[][] a = lif(tauM, tauS, cm);
            ExponentialBasis basis = new ExponentialBasis(a, new double[] {a[0][0], a[1][1]});
            for (double s : new double[] {1e-6, 0.01, 0.7, 3, 25, 200}) {
                double vFromV = -tauM * Math.expm1(-s / tauM);
                double iFromI = -tauS * Math.expm1(-s / tauS);
                double vFromI = (vFromV - iFromI) / ((tauM - tauS) * cm) * tauM * tauS;
                String where = "tau_m = " + tauM + " ms, s = " + s + " ms";
                assertEquals(vFromV, integrated(basis, s, 0, 0), 1e-15 * vFromV, "v from v, " + where);
                assertEquals(iFromI, integrated(basis, s, 1, 1), 1e-15 * iFromI, "i from i, " + where);
                if (s >= 0.5) {  // below, the closed form itself cancels
                    assertEquals(vFromI, integrated(basis, s, 0, 1), 1e-12 * vFromI, "v from i, " + where);
                }
                assertEquals(0, integrated(basis, s, 1, 0), "i from v");
            }
            assertEquals(tauS * tauM, basis.integralLimit(1), 1e-15 * tauS * tauM, "the limit of q_2, tau_m = " + tauM
                    + " ms");
        }
    }

    /**
     * Random systems as in {@link #randomSystemsMatchScalingAndSquaring}: every entry of phi(s), the top right block
     * of the exponential of [[A s, I s], [0, 0]] by scaling and squaring.
     */
    @Test
    void randomIntegralsMatchScalingAndSquaring() {
        SplittableRandom random = new SplittableRandom(5);
        for (int trial = 0; trial < 200; trial++) {
            double[][] a = randomSystem(random, trial % 3 == 0);
            int n = a.length;
            ExponentialBasis basis = new ExponentialBasis(a, diagonal(a));
            for (double s : new double[] {0.05, 0.9, 7, 40}) {
                double[][] augmented = new double[2 * n][2 * n];
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        augmented[i][j] = a[i][j] * s;
                    }
                    augmented[i][n + i] = s;
                }
                double[][] expected = MatrixExponential.of(augmented);
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        double e = expected[i][n + j];
                        assertEquals(e, integrated(basis, s, i, j), 1e-9 * (1 + Math.abs(e)),
                                "trial " + trial + ", s = " + s + ", entry (" + i + ", " + j + ")");
                    }
                }
            }
        }
    }

    @Test
    void wrongEigenvaluesAreCaughtByTheCheck() {
        double[][] a = lif(10, 5, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ExponentialBasis(a, new double[] {-0.1, -0.3}));
        assertTrue(e.getMessage().contains("differs from scaling and squaring"), e.getMessage());
    }

    /**
     * A random lower-triangular system of up to 4 x 4 with real negative eigenvalues (its diagonal), repeated ones
     * where {@code repeated}, and coupling entries in (-2, 2).
     */
    private static double[][] randomSystem(SplittableRandom random, boolean repeated) {
        int n = 1 + random.nextInt(4);
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            a[i][i] = -(0.02 + 2 * random.nextDouble());
            if (repeated && i > 0) {
                a[i][i] = a[i - 1][i - 1];
            }
            for (int j = 0; j < i; j++) {
                a[i][j] = 4 * (random.nextDouble() - 0.5);
            }
        }
        return a;
    }

    private static double[] diagonal(double[][] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i][i];
        }
        return d;
    }
}

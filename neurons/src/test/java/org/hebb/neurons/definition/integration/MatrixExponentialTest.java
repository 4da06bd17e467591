package org.hebb.neurons.definition.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * exp(M) and exp(M) - I of a matrix whose couplings form a cycle (so that neither is summed entry by entry), against
 * the closed form of a damped rotation: M = [[-a, b], [-b, -a]] gives exp(M) = exp(-a) [[cos b, sin b],
 * [-sin b, cos b]].
 */
class MatrixExponentialTest {
    @Test
    void aDampedRotationMatchesItsClosedForm() {
        for (double[] ab : new double[][] {{0.3, 2.0}, {1e-9, 1e-6}, {5.0, 0.1}}) {
            double a = ab[0];
            double b = ab[1];
            double[][] m = {{-a, b}, {-b, -a}};
            double decay = Math.exp(-a);
            double[][] expected = {{decay * Math.cos(b), decay * Math.sin(b)},
                {-decay * Math.sin(b), decay * Math.cos(b)}};
            double[][] exp = MatrixExponential.of(m);
            double[][] minusIdentity = MatrixExponential.minusIdentity(m);
            for (int i = 0; i < 2; i++) {
                for (int j = 0; j < 2; j++) {
                    double tolerance = 1e-14 * Math.max(1, Math.abs(expected[i][j]));
                    assertEquals(expected[i][j], exp[i][j], tolerance, "exp(M)[" + i + "][" + j + "]");
                    double expectedMinusIdentity = i == j
                            ? Math.expm1(-a) * Math.cos(b) - 2 * Math.pow(Math.sin(b / 2), 2)
                            : expected[i][j];
                    assertEquals(expectedMinusIdentity, minusIdentity[i][j],
                            1e-12 * Math.abs(expectedMinusIdentity), "(exp(M) - I)[" + i + "][" + j + "]");
                }
            }
        }
    }
}

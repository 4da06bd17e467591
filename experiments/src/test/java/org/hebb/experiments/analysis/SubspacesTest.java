package org.hebb.experiments.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

class SubspacesTest {
    /** span(e1, e2) and span(e1, cos t e2 + sin t e3) meet along e1 and open by t. */
    @Test
    void anglesOfKnownPlanes() {
        double t = Math.toRadians(35);
        RealMatrix a = new Array2DRowRealMatrix(new double[][] {{1, 0}, {0, 1}, {0, 0}, {0, 0}});
        RealMatrix b = new Array2DRowRealMatrix(new double[][] {{2, 0}, {0, Math.cos(t)}, {0, Math.sin(t)}, {0, 0}});
        assertArrayEquals(new double[] {0, 35}, Subspaces.principalAnglesDeg(a, b), 1e-6);
        RealMatrix c = new Array2DRowRealMatrix(new double[][] {{0}, {0}, {0}, {1}});
        assertArrayEquals(new double[] {90}, Subspaces.principalAnglesDeg(a, c), 1e-6);
    }

    /** Data in a known 2-D plane plus tiny noise: the basis has two columns spanning that plane. */
    @Test
    void principalBasisFindsALowRankPlane() {
        Random random = new Random(5);
        double[] u = {1, 2, 0, -1, 0};
        double[] v = {0, 1, 1, 1, 3};
        double[][] samples = new double[500][5];
        for (double[] row : samples) {
            double p = random.nextGaussian();
            double q = 0.5 * random.nextGaussian();
            for (int i = 0; i < 5; i++) {
                row[i] = 7 + p * u[i] + q * v[i] + 1e-4 * random.nextGaussian();
            }
        }
        RealMatrix basis = Subspaces.principalBasis(samples, 0.99);
        assertEquals(2, basis.getColumnDimension());
        RealMatrix plane = new Array2DRowRealMatrix(new double[][] {{u[0], v[0]}, {u[1], v[1]}, {u[2], v[2]},
                {u[3], v[3]}, {u[4], v[4]}});
        double[] angles = Subspaces.principalAnglesDeg(basis, plane);
        assertTrue(angles[1] < 0.1, "same plane: " + Arrays.toString(angles));
    }

    /**
     * Uncentred, the leading direction of data far from the origin is its mean, which the centred principal basis
     * leaves out: leadingBasis is what Oja's subspace rule learns from raw activity.
     */
    @Test
    void leadingBasisKeepsTheMean() {
        Random random = new Random(8);
        double[] mean = {5, 5, 0, 0};
        double[][] samples = new double[400][4];
        for (double[] row : samples) {
            double p = random.nextGaussian();
            for (int i = 0; i < 4; i++) {
                row[i] = mean[i] + p * (i == 2 ? 1 : 0) + 1e-3 * random.nextGaussian();
            }
        }
        RealMatrix meanLine = new Array2DRowRealMatrix(new double[][] {{1}, {1}, {0}, {0}});
        RealMatrix third = new Array2DRowRealMatrix(new double[][] {{0}, {0}, {1}, {0}});
        assertTrue(Subspaces.principalAnglesDeg(Subspaces.leadingBasis(samples, 1), meanLine)[0] < 1);
        assertTrue(Subspaces.principalAnglesDeg(Subspaces.principalBasis(samples, 0.9), third)[0] < 1);
        assertTrue(Subspaces.principalAnglesDeg(Subspaces.leadingBasis(samples, 2), third)[0] < 1);
    }

    /** Random lines in 3 dimensions: P(angle < 60 deg) = 1 - cos(60 deg) = 0.5. */
    @Test
    void randomLinesFollowTheirKnownDistribution() {
        double[] angles = Subspaces.randomSmallestAnglesDeg(3, 1, 4000, RandomSource.XO_RO_SHI_RO_128_PP.create(1L));
        long below = Arrays.stream(angles).filter(a -> a < 60).count();
        assertEquals(0.5, below / 4000.0, 0.03);
    }
}

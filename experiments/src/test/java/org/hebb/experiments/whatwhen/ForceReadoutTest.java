package org.hebb.experiments.whatwhen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.junit.jupiter.api.Test;

class ForceReadoutTest {
    /** Recursive least squares ends exactly where ridge regression (X'X + alpha I) w = X'y does. */
    @Test
    void recursiveLeastSquaresEqualsRidgeRegression() {
        int inputs = 6;
        int samples = 40;
        double alpha = 0.5;
        Random random = new Random(3);
        float[][] x = new float[samples][inputs];
        double[][] xd = new double[samples][inputs];
        double[] y = new double[samples];
        for (int s = 0; s < samples; s++) {
            for (int i = 0; i < inputs; i++) {
                x[s][i] = (float) random.nextGaussian();
                xd[s][i] = x[s][i];
            }
            y[s] = random.nextGaussian();
        }
        ForceReadout force = new ForceReadout(1, inputs, alpha);
        for (int s = 0; s < samples; s++) {
            force.update(x[s], new double[] {y[s]});
        }
        RealMatrix design = new Array2DRowRealMatrix(xd, false);
        RealMatrix normal = design.transpose().multiply(design);
        for (int i = 0; i < inputs; i++) {
            normal.addToEntry(i, i, alpha);
        }
        double[] ridge = new LUDecomposition(normal).getSolver()
                .solve(design.transpose().operate(new ArrayRealVector(y))).toArray();
        assertArrayEquals(ridge, force.weights(0), 1e-9);
    }

    /** After a reset, P is I / alpha again: the next update is as large as the very first one would be. */
    @Test
    void resetRestoresTheInitialGain() {
        float[] x = {1, 0, 0};
        ForceReadout fresh = new ForceReadout(1, 3, 1);
        fresh.update(x, new double[] {1});
        ForceReadout used = new ForceReadout(1, 3, 1);
        for (int k = 0; k < 50; k++) {
            used.update(x, new double[] {0});
        }
        used.resetCorrelation();
        used.update(x, new double[] {1});
        assertArrayEquals(fresh.weights(0), used.weights(0), 1e-12);
    }
}

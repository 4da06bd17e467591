package org.hebb.experiments.whatwhen;

import org.hebb.util.Require;

/**
 * FORCE learning's readout (Sussillo and Abbott 2009) without output feedback: linear outputs y = W x trained by
 * recursive least squares, P the running estimate of the inverse correlation of x, starting at I / alpha.
 * Each update: k = P x / (1 + x' P x), P &lt;- P - k (P x)', W &lt;- W - e k' with e = y - target.
 */
public final class ForceReadout {
    /** Most inputs: 46340, the largest n whose n x n matrix P fits in one array. */
    public static final int MAX_INPUTS = 46_340;

    private final int inputs;
    private final double alpha;
    private final double[][] weights;
    private final double[] p;
    private final double[] px;

    /** @param outputs number of outputs; @param inputs length of x; @param alpha regulariser (P starts at I / alpha) */
    public ForceReadout(int outputs, int inputs, double alpha) {
        this.inputs = Require.inRange("inputs", inputs, 1, MAX_INPUTS);
        this.alpha = Require.positive("alpha", alpha, null);
        this.weights = new double[Require.atLeast("outputs", outputs, 1)][inputs];
        this.p = new double[inputs * inputs];
        this.px = new double[inputs];
        resetCorrelation();
    }

    /** P back to I / alpha: the readout forgets how sure it was and learns fast again (weights kept). */
    public void resetCorrelation() {
        java.util.Arrays.fill(p, 0);
        for (int i = 0; i < inputs; i++) {
            p[i * inputs + i] = 1 / alpha;
        }
    }

    /** Output {@code k} for input {@code x}. */
    public double output(int k, float[] x) {
        double y = 0;
        double[] w = weights[k];
        for (int i = 0; i < inputs; i++) {
            y += w[i] * x[i];
        }
        return y;
    }

    /** One recursive least-squares step towards {@code targets} (one per output) for input {@code x}. */
    public void update(float[] x, double[] targets) {
        double xpx = 0;
        for (int i = 0; i < inputs; i++) {
            double s = 0;
            int row = i * inputs;
            for (int j = 0; j < inputs; j++) {
                s += p[row + j] * x[j];
            }
            px[i] = s;
            xpx += x[i] * s;
        }
        double c = 1 / (1 + xpx);
        for (int i = 0; i < inputs; i++) {
            double ki = c * px[i];
            if (ki != 0) {
                int row = i * inputs;
                for (int j = 0; j < inputs; j++) {
                    p[row + j] -= ki * px[j];
                }
            }
        }
        for (int k = 0; k < weights.length; k++) {
            double e = output(k, x) - targets[k];
            double[] w = weights[k];
            for (int i = 0; i < inputs; i++) {
                w[i] -= e * c * px[i];
            }
        }
    }

    /** The weights of output {@code k} (read only). */
    public double[] weights(int k) {
        return weights[k];
    }
}

package org.hebb.plasticity.hlop;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.hebb.plasticity.PresynapticProjection;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A linear layer learns task A, then task B, with the delta rule dW = lr (target - W x) x^T. With the presynaptic
 * activity of the update projected by a subspace that learned A's inputs, the responses to A's inputs stay put and
 * B is still learned; without it, learning B overwrites A.
 */
class OrthogonalProjectionContinualLearningTest {
    private static final int DIMENSION = 40;
    private static final int OUTPUTS = 4;
    private static final int RANK = 4;
    private static final double[] SD = {1.5, 1.2, 1.0, 0.8};
    private static final double TRAIN_NOISE_SD = 0.01;
    private static final double OVERLAP = 0.6;
    private static final double DELTA_LEARNING_RATE = 0.02;
    private static final int DELTA_EPOCHS = 30;

    private RealMatrix basisA;
    private RealMatrix basisB;
    private float[][] trainA;
    private float[][] testA;
    private RealMatrix teacherA;
    private RealMatrix teacherB;
    private ContinuousSampler gaussian;

    @BeforeEach
    void tasks() {
        gaussian = SubspaceFixtures.gaussian(31);
        RealMatrix both = SubspaceFixtures.randomOrthonormalColumns(DIMENSION, 2 * RANK, gaussian);
        basisA = both.getSubMatrix(0, DIMENSION - 1, 0, RANK - 1);
        RealMatrix newDirections = both.getSubMatrix(0, DIMENSION - 1, RANK, 2 * RANK - 1);
        basisB = SubspaceFixtures.tiltedSubspace(basisA, newDirections, OVERLAP, gaussian);
        trainA = SubspaceFixtures.lowRankSamples(basisA, SD, TRAIN_NOISE_SD, 1000, gaussian);
        testA = SubspaceFixtures.lowRankSamples(basisA, SD, 0, 200, gaussian);
        teacherA = SubspaceFixtures.gaussianMatrix(OUTPUTS, DIMENSION, gaussian);
        teacherB = SubspaceFixtures.gaussianMatrix(OUTPUTS, DIMENSION, gaussian);
    }

    @Test
    void projectedUpdatesKeepTaskAAndStillLearnTaskB() {
        float[][] trainB = SubspaceFixtures.lowRankSamples(basisB, SD, TRAIN_NOISE_SD, 1000, gaussian);
        float[][] testB = SubspaceFixtures.lowRankSamples(basisB, SD, 0, 200, gaussian);
        LinearReadout afterA = new LinearReadout();
        afterA.train(trainA, teacherA, null);
        double errorA = afterA.relativeError(testA, teacherA);

        HebbianSubspace subspace = HebbianSubspace.create(DIMENSION, 17);
        subspace.beginTask(RANK);
        SubspaceFixtures.learnEpochs(subspace, trainA, 20, 20);
        subspace.endTask();
        double angleA = SubspaceFixtures.largestPrincipalAngleDegrees(
                SubspaceFixtures.rowSpace(subspace.weights(), RANK, DIMENSION), basisA);

        LinearReadout projected = afterA.copy();
        projected.train(trainB, teacherB, subspace);
        LinearReadout plain = afterA.copy();
        plain.train(trainB, teacherB, null);

        double[] projectedChange = projected.relativeChange(afterA, testA);
        double[] plainChange = plain.relativeChange(afterA, testA);
        double errorBBefore = afterA.relativeError(testB, teacherB);
        double errorBProjected = projected.relativeError(testB, teacherB);
        double errorBPlain = plain.relativeError(testB, teacherB);
        System.out.printf("continual learning (N=%d, %d outputs, tasks of rank %d at %.1f deg): task A relative"
                + " squared error %.2e; subspace to A %.3f deg%n", DIMENSION, OUTPUTS, RANK,
                Math.toDegrees(Math.acos(OVERLAP)), errorA, angleA);
        System.out.printf("  |W x_A change| / |W x_A| over A's test inputs: projected mean %.3e max %.3e"
                + " pooled %.3e; plain mean %.3f max %.3f pooled %.3f%n", projectedChange[0], projectedChange[1],
                projectedChange[2], plainChange[0], plainChange[1], plainChange[2]);
        System.out.printf("  task B relative squared error: %.3f before, %.2e after projected training,"
                + " %.2e after plain training%n", errorBBefore, errorBProjected, errorBPlain);

        assertTrue(errorA < 1e-3, "task A must be learned first: relative error " + errorA);
        assertTrue(projectedChange[0] < 0.02, "mean relative change of W x_A with projection: " + projectedChange[0]);
        assertTrue(projectedChange[2] < 0.02, "pooled relative change of W x_A with projection: " + projectedChange[2]);
        assertTrue(projectedChange[1] < 0.05, "max relative change of W x_A with projection: " + projectedChange[1]);
        assertTrue(plainChange[0] > 0.2, "mean relative change of W x_A without projection: " + plainChange[0]);
        assertTrue(errorBProjected < 0.05 * errorBBefore,
                "task B with projection: relative error " + errorBProjected + " from " + errorBBefore);
    }

    @Test
    void taskInsideTheProtectedSubspaceCannotBeLearned() {
        float[][] trainInsideA = SubspaceFixtures.lowRankSamples(basisA, SD, 0, 1000, gaussian);
        LinearReadout afterA = new LinearReadout();
        afterA.train(trainA, teacherA, null);
        HebbianSubspace subspace = HebbianSubspace.create(DIMENSION, 17);
        subspace.beginTask(RANK);
        SubspaceFixtures.learnEpochs(subspace, trainA, 20, 20);
        subspace.endTask();

        LinearReadout projected = afterA.copy();
        projected.train(trainInsideA, teacherB, subspace);
        double before = afterA.relativeError(testA, teacherB);
        double after = projected.relativeError(testA, teacherB);
        System.out.printf("task inside A's subspace with projection: relative squared error %.4f before,"
                + " %.4f after%n", before, after);
        assertTrue(after > 0.95 * before, "projection should block learning inside A's subspace: " + after);
    }

    /** W (OUTPUTS x DIMENSION) trained by the delta rule, optionally with projected presynaptic activity. */
    private static final class LinearReadout {
        private final double[][] w = new double[OUTPUTS][DIMENSION];
        private final double[] error = new double[OUTPUTS];

        LinearReadout copy() {
            LinearReadout copy = new LinearReadout();
            for (int o = 0; o < OUTPUTS; o++) {
                copy.w[o] = w[o].clone();
            }
            return copy;
        }

        void train(float[][] inputs, RealMatrix teacher, PresynapticProjection projection) {
            float[] presynaptic = new float[DIMENSION];
            for (int epoch = 0; epoch < DELTA_EPOCHS; epoch++) {
                for (float[] x : inputs) {
                    for (int o = 0; o < OUTPUTS; o++) {
                        error[o] = target(teacher, o, x) - output(o, x);
                    }
                    if (projection == null) {
                        System.arraycopy(x, 0, presynaptic, 0, DIMENSION);
                    } else {
                        projection.project(x, presynaptic);
                    }
                    for (int o = 0; o < OUTPUTS; o++) {
                        for (int j = 0; j < DIMENSION; j++) {
                            w[o][j] += DELTA_LEARNING_RATE * error[o] * presynaptic[j];
                        }
                    }
                }
            }
        }

        /** Mean over inputs of |target - W x|^2, divided by the mean of |target|^2. */
        double relativeError(float[][] inputs, RealMatrix teacher) {
            double errorSum = 0;
            double targetSum = 0;
            for (float[] x : inputs) {
                for (int o = 0; o < OUTPUTS; o++) {
                    double t = target(teacher, o, x);
                    errorSum += (t - output(o, x)) * (t - output(o, x));
                    targetSum += t * t;
                }
            }
            return errorSum / targetSum;
        }

        /**
         * {mean, max} over inputs of |W x - W_ref x| / |W_ref x|, and the pooled ratio
         * sqrt(sum |W x - W_ref x|^2 / sum |W_ref x|^2).
         */
        double[] relativeChange(LinearReadout reference, float[][] inputs) {
            double sum = 0;
            double max = 0;
            double diffSum = 0;
            double normSum = 0;
            for (float[] x : inputs) {
                double diff = 0;
                double norm = 0;
                for (int o = 0; o < OUTPUTS; o++) {
                    double r = reference.output(o, x);
                    diff += (output(o, x) - r) * (output(o, x) - r);
                    norm += r * r;
                }
                diffSum += diff;
                normSum += norm;
                double change = Math.sqrt(diff / norm);
                sum += change;
                max = Math.max(max, change);
            }
            return new double[] {sum / inputs.length, max, Math.sqrt(diffSum / normSum)};
        }

        double output(int o, float[] x) {
            double sum = 0;
            for (int j = 0; j < DIMENSION; j++) {
                sum += w[o][j] * x[j];
            }
            return sum;
        }

        private static double target(RealMatrix teacher, int o, float[] x) {
            double sum = 0;
            for (int j = 0; j < DIMENSION; j++) {
                sum += teacher.getEntry(o, j) * x[j];
            }
            return sum;
        }
    }
}

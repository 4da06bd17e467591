package org.hebb.experiments.readout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * The linear softmax readout: one Adadelta step against the formula worked by hand, learning three separable
 * classes, model selection on validation accuracy, and refusal of mismatched data.
 */
class SoftmaxReadoutTest {

    @Test
    void oneAdadeltaStepFollowsTheFormula() {
        SoftmaxReadout.Settings settings = new SoftmaxReadout.Settings(0.1, 0.95, 1e-8, 0, 1, 1, 1);
        SoftmaxReadout readout = new SoftmaxReadout(1, 2, settings);
        readout.setGradient(0, 0, 0.5);
        readout.step();
        double squaredGradient = 0.05 * 0.25;
        double update = -Math.sqrt(1e-8) / Math.sqrt(squaredGradient + 1e-8) * 0.5;
        assertEquals(0.1 * update, readout.weight(0, 0), 1e-15);
        readout.setGradient(0, 0, 0.5);
        readout.step();
        double squaredUpdate = 0.05 * update * update;
        squaredGradient = 0.95 * squaredGradient + 0.05 * 0.25;
        double second = -Math.sqrt(squaredUpdate + 1e-8) / Math.sqrt(squaredGradient + 1e-8) * 0.5;
        assertEquals(0.1 * (update + second), readout.weight(0, 0), 1e-15);
    }

    /** Three overlapping Gaussian clusters in 20 dimensions: a linear readout learns to tell them apart. */
    @Test
    void learnsSeparableClassesAndSelectsOnValidation() {
        SoftmaxReadout.Samples train = clusters(3000, 1);
        SoftmaxReadout.Samples validation = clusters(600, 2);
        SoftmaxReadout.Samples test = clusters(600, 3);
        SoftmaxReadout readout = new SoftmaxReadout(20, 3, new SoftmaxReadout.Settings(0.1, 0.95, 1e-6, 5e-10, 50,
                15, 7));
        SoftmaxReadout.Result result = readout.train(train, validation, test);
        System.out.printf("separable clusters: validation %.3f, test %.3f at epoch %d%n",
                result.selectedValidationAccuracy(), result.selectedTestAccuracy(), result.bestEpoch() + 1);
        assertTrue(result.selectedTestAccuracy() > 0.9, "test accuracy " + result.selectedTestAccuracy());
        assertTrue(result.validationAccuracy()[0] < result.selectedValidationAccuracy(), "training helps");
        for (double v : result.validationAccuracy()) {
            assertTrue(v <= result.selectedValidationAccuracy());
        }
        assertEquals(result.testAccuracy()[result.bestEpoch()], result.selectedTestAccuracy());
        assertTrue(result.trainLoss()[result.trainLoss().length - 1] < result.trainLoss()[0], "loss falls");
    }

    /**
     * Blank images of one class: every epoch predicts that class (only the bias learns), so the validation accuracy
     * is 1 in every epoch, and the epoch selected is the first of the tie.
     */
    @Test
    void aTieInValidationAccuracySelectsTheFirstEpoch() {
        SoftmaxReadout.Samples blank = new SoftmaxReadout.Samples(new float[8 * 2], 2, new int[8]);
        SoftmaxReadout readout = new SoftmaxReadout(2, 2, new SoftmaxReadout.Settings(0.1, 0.95, 1e-6, 0, 4, 3, 1));
        SoftmaxReadout.Result result = readout.train(blank, blank, blank);
        assertArrayEquals(new double[] {1, 1, 1}, result.validationAccuracy());
        assertEquals(0, result.bestEpoch());
    }

    @Test
    void mismatchedDataIsRefused() {
        SoftmaxReadout readout = new SoftmaxReadout(20, 3, SoftmaxReadout.Settings.nalsm(1, 1));
        SoftmaxReadout.Samples narrow = new SoftmaxReadout.Samples(new float[10], 10, new int[1]);
        String message = assertThrows(IllegalArgumentException.class,
                () -> readout.train(narrow, narrow, narrow)).getMessage();
        assertTrue(message.contains("dimension = 10") && message.contains("20"), message);
        SoftmaxReadout.Samples badLabel = new SoftmaxReadout.Samples(new float[20], 20, new int[] {3});
        String label = assertThrows(IllegalArgumentException.class, () -> readout.train(badLabel, badLabel, badLabel))
                .getMessage();
        assertTrue(label.startsWith("train label = 3 is not allowed"), label);
        String features = assertThrows(IllegalArgumentException.class,
                () -> new SoftmaxReadout.Samples(new float[5], 2, new int[2])).getMessage();
        assertTrue(features.startsWith("features has length 5"), features);
    }

    @Test
    void theDefaultThreadsAreTheCoresUpToWhatTheReadoutAccepts() {
        assertEquals(4, SoftmaxReadout.defaultThreads(4));
        assertEquals(SoftmaxReadout.MAX_THREADS, SoftmaxReadout.defaultThreads(SoftmaxReadout.MAX_THREADS + 1000));
        int threads = SoftmaxReadout.defaultThreads(SoftmaxReadout.MAX_THREADS + 1000);
        new SoftmaxReadout(2, 2, SoftmaxReadout.Settings.nalsm(1, 1), threads);
        String message = assertThrows(IllegalArgumentException.class, () -> new SoftmaxReadout(2, 2,
                SoftmaxReadout.Settings.nalsm(1, 1), SoftmaxReadout.MAX_THREADS + 1)).getMessage();
        assertTrue(message.contains("threads = " + (SoftmaxReadout.MAX_THREADS + 1)), message);
    }

    private static SoftmaxReadout.Samples clusters(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] features = new float[count * 20];
        int[] labels = new int[count];
        for (int s = 0; s < count; s++) {
            int label = s % 3;
            labels[s] = label;
            for (int f = 0; f < 20; f++) {
                double centre = f % 3 == label ? 1.0 : 0.0;
                features[s * 20 + f] = (float) (centre + random.nextGaussian());
            }
        }
        return new SoftmaxReadout.Samples(features, 20, labels);
    }
}

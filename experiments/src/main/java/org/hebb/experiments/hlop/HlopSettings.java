package org.hebb.experiments.hlop;

import java.util.Arrays;

import org.hebb.plasticity.hlop.SubspaceLearningSettings;
import org.hebb.util.Require;

/**
 * One run of the HLOP protocol: the data, the network, its learning and the subspace schedule.
 *
 * @param seed                   master seed: permutations, image order, weights, spikes
 * @param variant                baseline, hlop or multitask
 * @param tasks                  permuted tasks, task 1 the identity
 * @param trainPerTask           training images per task (a random subset of the 60,000, one pass)
 * @param testPerTask            test images per task (the first of the 10,000)
 * @param hidden                 hidden LIF neurons
 * @param stepsPerSample         steps (of {@link HlopNetwork#DT_MS}) each image is shown
 * @param maxProbability         spike probability per step of a white pixel
 * @param traceTauMs             time constant of the presynaptic traces (the eligibility), ms
 * @param hiddenLearningRate     eta of the input-to-hidden rule, mV per ms per unit of modulator and trace
 * @param readoutLearningRate    eta of the hidden-to-readout rule, same unit
 * @param inputWeightSdMv        SD of the initial input-to-hidden weights (mean 0), mV
 * @param readoutWeightSdMv      SD of the initial hidden-to-readout weights (mean 0), mV
 * @param weightBoundMv          weights stay within +-this, mV
 * @param scorePerMv             softmax scale of the readout potentials, per mV
 * @param inputSubspaceLearning  Oja's rule for the input layer's subspace
 * @param hiddenSubspaceLearning Oja's rule for the hidden layer's subspace
 * @param subspaceBatch          samples per batch the subspaces learn from
 * @param inputRows              subspace rows added at each task for the input layer (length tasks); with
 *                               {@link HlopVariant#HLOP} their total must fit in the layer, the other variants
 *                               have no subspaces and do not use them
 * @param hiddenRows             subspace rows added at each task for the hidden layer (length tasks), as
 *                               inputRows
 */
public record HlopSettings(long seed, HlopVariant variant, int tasks, int trainPerTask, int testPerTask, int hidden,
                           int stepsPerSample, double maxProbability, double traceTauMs, double hiddenLearningRate,
                           double readoutLearningRate, double inputWeightSdMv, double readoutWeightSdMv,
                           double weightBoundMv, double scorePerMv, SubspaceLearningSettings inputSubspaceLearning,
                           SubspaceLearningSettings hiddenSubspaceLearning, int subspaceBatch, int[] inputRows,
                           int[] hiddenRows) {
    /** The paper's subspace rows per task for its 784-dimensional input layer, and their pattern for later tasks. */
    static final int[] PAPER_INPUT_ROWS = {80, 70, 70, 50, 50, 50, 30, 30, 30, 10};
    /** The paper's rows for the 800 hidden neurons feeding its classifier. */
    static final int[] PAPER_CLASSIFIER_ROWS = {100, 70, 70, 50, 50, 50, 30, 30, 30, 10};
    static final int PAPER_HIDDEN = 800;

    public HlopSettings {
        Require.notNull("variant", variant);
        Require.inRange("--tasks", tasks, 1, PAPER_INPUT_ROWS.length);
        Require.atLeast("--train-per-task", trainPerTask, 1);
        Require.atLeast("--test-per-task", testPerTask, 1);
        Require.atLeast("--hidden", hidden, 1);
        Require.atLeast("stepsPerSample", stepsPerSample, 2);
        Require.inRange("maxProbability", maxProbability, 0.0, 1.0, "per step");
        Require.positive("traceTauMs", traceTauMs, "ms");
        Require.positive("hiddenLearningRate", hiddenLearningRate, "mV/ms");
        Require.positive("readoutLearningRate", readoutLearningRate, "mV/ms");
        Require.positive("inputWeightSdMv", inputWeightSdMv, "mV");
        Require.positive("readoutWeightSdMv", readoutWeightSdMv, "mV");
        Require.positive("weightBoundMv", weightBoundMv, "mV");
        Require.positive("scorePerMv", scorePerMv, "per mV");
        Require.notNull("inputSubspaceLearning", inputSubspaceLearning);
        Require.notNull("hiddenSubspaceLearning", hiddenSubspaceLearning);
        Require.atLeast("subspaceBatch", subspaceBatch, 1);
        boolean subspaces = variant == HlopVariant.HLOP;
        inputRows = rows("inputRows", inputRows, tasks, subspaces, HlopNetwork.PIXELS);
        hiddenRows = rows("hiddenRows", hiddenRows, tasks, false, hidden);
        int hiddenTotal = Arrays.stream(hiddenRows).sum();
        Require.that(!subspaces || hiddenTotal <= hidden, "--hidden = " + hidden + " is not allowed with --variant "
                + variant.label() + " and --tasks " + tasks + ": the hidden layer's subspace adds "
                + hiddenTotal + " rows over the tasks (at least one per task), which must fit in the layer; "
                + "use --hidden " + minimumHidden(tasks) + " or more, or --variant baseline or multitask, which "
                + "have no subspaces");
    }

    /**
     * The fewest hidden neurons whose subspace rows, the paper's scaled to the layer ({@link #reduced}), fit in the
     * hidden layer over {@code tasks} tasks: the smallest {@code --hidden} that {@link HlopVariant#HLOP} allows.
     */
    public static int minimumHidden(int tasks) {
        Require.inRange("--tasks", tasks, 1, PAPER_INPUT_ROWS.length);
        int hidden = 1;
        while (Arrays.stream(scaled(PAPER_CLASSIFIER_ROWS, hidden, tasks)).sum() > hidden) {
            hidden++;
        }
        return hidden;
    }

    /**
     * Checks a layer's subspace rows per task: one entry per task, each at least 1, and where {@code fit} (the
     * variant uses subspaces) at most {@code dimension} in all.
     */
    private static int[] rows(String name, int[] rows, int tasks, boolean fit, int dimension) {
        Require.notNull(name, rows);
        Require.that(rows.length == tasks, name + " has " + rows.length + " entries: must have one per task ("
                + tasks + ")");
        int total = 0;
        for (int k = 0; k < rows.length; k++) {
            Require.atLeast(name + "[" + k + "]", rows[k], 1);
            total += rows[k];
        }
        Require.that(!fit || total <= dimension, name + " adds " + total + " rows in all: at most " + dimension
                + " (the layer's size) are allowed");
        return rows.clone();
    }

    /**
     * The configuration of the measured runs: 10 tasks of 10,000 training and 2,000 test images, one hidden layer
     * of the paper's 800 neurons, 20 steps per image, and the paper's subspace rows (for the hidden layer, those
     * of its classifier's input).
     */
    public static HlopSettings standard(long seed, HlopVariant variant) {
        int tasks = PAPER_INPUT_ROWS.length;
        int hidden = PAPER_HIDDEN;
        return new HlopSettings(seed, variant, tasks, 10_000, 2_000, hidden, 20, 1.0, 20, 1e-4, 2.5e-4, 0.35, 0.01,
                50, 1, SubspaceLearningSettings.defaults().withLearningRate(1.5e-4),
                SubspaceLearningSettings.defaults().withLearningRate(1.5e-3), 64, PAPER_INPUT_ROWS.clone(),
                scaled(PAPER_CLASSIFIER_ROWS, hidden, tasks));
    }

    /** The paper's rows for its 800-neuron layer, scaled to {@code hidden} neurons, for the first tasks. */
    static int[] scaled(int[] paperRows, int hidden, int tasks) {
        int[] rows = new int[tasks];
        for (int k = 0; k < tasks; k++) {
            rows[k] = Math.max(1, (int) Math.round(paperRows[k] * (double) hidden / PAPER_HIDDEN));
        }
        return rows;
    }

    /** These settings with fewer tasks, images and hidden neurons (the subspace rows scaled to match). */
    public HlopSettings reduced(int fewerTasks, int train, int test, int hiddenNeurons) {
        Require.inRange("--tasks", fewerTasks, 1, PAPER_INPUT_ROWS.length);
        Require.atLeast("--hidden", hiddenNeurons, 1);
        return new HlopSettings(seed, variant, fewerTasks, train, test, hiddenNeurons, stepsPerSample,
                maxProbability, traceTauMs, hiddenLearningRate, readoutLearningRate, inputWeightSdMv,
                readoutWeightSdMv, weightBoundMv, scorePerMv, inputSubspaceLearning, hiddenSubspaceLearning,
                subspaceBatch, Arrays.copyOf(inputRows, fewerTasks),
                scaled(PAPER_CLASSIFIER_ROWS, hiddenNeurons, fewerTasks));
    }

    /** These settings with other learning rates (mV per ms per unit of modulator and trace). */
    HlopSettings withLearningRates(double hiddenRate, double readoutRate) {
        return new HlopSettings(seed, variant, tasks, trainPerTask, testPerTask, hidden, stepsPerSample,
                maxProbability, traceTauMs, hiddenRate, readoutRate, inputWeightSdMv, readoutWeightSdMv,
                weightBoundMv, scorePerMv, inputSubspaceLearning, hiddenSubspaceLearning, subspaceBatch, inputRows,
                hiddenRows);
    }

    @Override
    public int[] inputRows() {
        return inputRows.clone();
    }

    @Override
    public int[] hiddenRows() {
        return hiddenRows.clone();
    }

    /** A text that differs between settings that give different runs (a resumed run must match it). */
    String fingerprint() {
        return toString().replaceAll("\\[I@[0-9a-f]+", "") + Arrays.toString(inputRows)
                + Arrays.toString(hiddenRows);
    }
}

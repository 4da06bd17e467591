package org.hebb.experiments.nalsm;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.hebb.experiments.data.IdxImages;
import org.hebb.experiments.output.JsonOutput;
import org.hebb.experiments.output.Plots;
import org.hebb.experiments.readout.SoftmaxReadout;
import org.hebb.simulator.io.AtomicFiles;
import org.hebb.util.Require;

/**
 * NALSM end to end (Ivanov and Michmizos 2021): phase 1 (unsupervised astrocyte-modulated STDP, 20 ms per
 * sample, giving W_init; skipped for the LSM without plasticity), the branching factor, phase 2 (features: liquid
 * spike counts over 250 ms from W_init, on several workers, checkpointed; {@link FeaturePhase}), and the linear
 * softmax readout on L1-normalised counts with model selection on validation accuracy. Writes {@code result.json},
 * {@code summary.md} and {@code validation_accuracy.png}; features are checkpointed under {@code checkpoints/}, so
 * an interrupted run started again with the same options resumes and ends with the same result.
 */
public final class NalsmExperiment {
    /** NALSM's phase-1 presentation, ms. */
    public static final int PHASE_1_MS = 20;
    /** Samples per feature job. */
    private static final int BLOCK = 100;

    private NalsmExperiment() {
    }

    /**
     * The run's sizes and settings.
     *
     * @param side         liquid grid side (10: 1000 neurons, 20: 8000)
     * @param model        NALSM, LSM with plain STDP, or LSM without plasticity
     * @param phase1       phase-1 samples (NALSM: 50,000)
     * @param train        training images (at most 50,000; validation takes a fifth as many, at most 10,000)
     * @param test         test images (at most 10,000)
     * @param epochs       readout epochs
     * @param seed         master seed
     * @param workers      feature workers (threads)
     * @param readoutRate  the readout's Adadelta learning rate (NALSM 0.1; a small run, with far fewer updates,
     *                     needs a larger one)
     */
    public record Options(int side, NalsmLiquid.Model model, int phase1, int train, int test, int epochs, long seed,
                          int workers, double readoutRate) {
        public Options {
            Require.atLeast("grid side", side, 2);
            Require.notNull("model", model);
            Require.atLeast("phase-1 samples", phase1, 0);
            Require.atLeast("train images", train, 1);
            Require.atLeast("test images", test, 1);
            Require.atLeast("epochs", epochs, 1);
            Require.atLeast("workers", workers, 1);
            Require.positive("readout learning rate", readoutRate, null);
        }
    }

    /** Runs on {@code trainImages} (the training file: train + validation) and {@code testImages}. */
    public static Map<String, Object> run(Options o, IdxImages trainImages, IdxImages testImages, String dataset,
                                          Path out) throws IOException {
        long start = System.nanoTime();
        int inputs = trainImages.rows() * trainImages.columns();
        NalsmLiquid.Config config = NalsmLiquid.Config.nalsm(o.side(), inputs, o.model(), o.seed());
        NalsmLiquid liquid = NalsmLiquid.build(config);
        InputEncoding trainEncoding = new InputEncoding(trainImages);
        InputEncoding testEncoding = new InputEncoding(testImages);
        boolean plastic = o.model() != NalsmLiquid.Model.LSM;
        if (plastic && o.phase1() > 0) {
            UnsupervisedPhase.run(liquid, trainEncoding, o.phase1(), PHASE_1_MS, Math.max(1, o.phase1() / 10),
                    o.seed());
        }
        double phase1Seconds = (System.nanoTime() - start) / 1e9;
        float[][] initial = FeaturePhase.weightsOf(liquid);
        BranchingProbe.Result branching = BranchingProbe.measure(liquid, trainEncoding, 0,
                Math.min(20, trainImages.size()));
        int validationStart = Math.min(50_000, trainImages.size() * 5 / 6);
        int trainCount = Math.min(o.train(), validationStart);
        int validationCount = Math.min(trainImages.size() - validationStart, Math.max(1, trainCount / 5));
        int testCount = Math.min(o.test(), testImages.size());
        Path checkpoints = out.resolve("checkpoints");
        long featuresStart = System.nanoTime();
        SoftmaxReadout.Samples train = samples(FeaturePhase.make(config, initial, trainEncoding,
                range(0, trainCount), BLOCK, o.workers(), checkpoints, "train"), trainImages, 0);
        SoftmaxReadout.Samples validation = samples(FeaturePhase.make(config, initial, trainEncoding,
                range(validationStart, validationCount), BLOCK, o.workers(), checkpoints, "validation"),
                trainImages, validationStart);
        SoftmaxReadout.Samples test = samples(FeaturePhase.make(config, initial, testEncoding, range(0, testCount),
                BLOCK, o.workers(), checkpoints, "test"), testImages, 0);
        double featureSeconds = (System.nanoTime() - featuresStart) / 1e9;
        SoftmaxReadout.Settings nalsm = SoftmaxReadout.Settings.nalsm(o.epochs(), o.seed());
        SoftmaxReadout readout = new SoftmaxReadout(train.dimension(), 10, new SoftmaxReadout.Settings(
                o.readoutRate(), nalsm.rho(), nalsm.epsilon(), nalsm.l2(), nalsm.batchSize(), o.epochs(), o.seed()));
        SoftmaxReadout.Result result = readout.train(train, validation, test);
        double seconds = (System.nanoTime() - start) / 1e9;

        Map<String, Object> json = new LinkedHashMap<>();
        json.put("model", o.model() == NalsmLiquid.Model.NALSM ? "nalsm"
                : o.model() == NalsmLiquid.Model.LSM_STDP ? "lsm-stdp" : "lsm");
        json.put("liquid_size", config.neurons());
        json.put("dataset", dataset);
        json.put("seed", o.seed());
        json.put("phase1_samples", plastic ? o.phase1() : 0);
        json.put("train_samples", train.size());
        json.put("validation_samples", validation.size());
        json.put("test_samples", test.size());
        json.put("test_accuracy", result.selectedTestAccuracy());
        json.put("validation_accuracy", result.selectedValidationAccuracy());
        json.put("best_epoch", result.bestEpoch() + 1);
        json.put("epochs", o.epochs());
        json.put("readout_learning_rate", o.readoutRate());
        json.put("branching_factor", branching.branchingFactor());
        json.put("liquid_rate_hz", branching.liquidRateHz());
        json.put("phase1_seconds", phase1Seconds);
        json.put("feature_seconds", featureSeconds);
        json.put("feature_samples_per_second_per_worker",
                (train.size() + validation.size() + test.size()) / featureSeconds / o.workers());
        json.put("wall_seconds", seconds);
        json.put("workers", o.workers());
        json.put("validation_accuracy_per_epoch", result.validationAccuracy());
        JsonOutput.write(out.resolve("result.json"), json);
        double[] epochs = new double[o.epochs()];
        for (int e = 0; e < epochs.length; e++) {
            epochs[e] = e + 1;
        }
        Plots.lines(out.resolve("validation_accuracy.png"), json.get("model") + " " + config.neurons()
                        + " neurons: readout accuracy (seed " + o.seed() + ")", "epoch", "accuracy", epochs,
                List.of("validation", "test"), List.of(result.validationAccuracy(), result.testAccuracy()));
        AtomicFiles.write(out.resolve("summary.md"), markdown(json));
        return json;
    }

    private static int[] range(int from, int count) {
        int[] indices = new int[count];
        for (int k = 0; k < count; k++) {
            indices[k] = from + k;
        }
        return indices;
    }

    /** Spike counts, L1-normalised per sample (an all-silent sample stays zero), with the images' labels. */
    private static SoftmaxReadout.Samples samples(int[][] counts, IdxImages images, int first) {
        int width = counts.length == 0 ? 0 : counts[0].length;
        float[] features = new float[counts.length * width];
        int[] labels = new int[counts.length];
        for (int s = 0; s < counts.length; s++) {
            long total = 0;
            for (int c : counts[s]) {
                total += c;
            }
            for (int i = 0; i < width; i++) {
                features[s * width + i] = total == 0 ? 0f : (float) counts[s][i] / total;
            }
            labels[s] = images.labels()[first + s];
        }
        return new SoftmaxReadout.Samples(features, width, labels);
    }

    private static String markdown(Map<String, Object> json) {
        StringBuilder md = new StringBuilder("# NALSM experiment\n\n| quantity | value |\n|---|---|\n");
        json.forEach((k, v) -> {
            if (!(v instanceof double[])) {
                md.append("| ").append(k).append(" | ").append(v).append(" |\n");
            }
        });
        md.append("\nPlot: validation_accuracy.png (readout accuracy per epoch).\n");
        return md.toString();
    }
}

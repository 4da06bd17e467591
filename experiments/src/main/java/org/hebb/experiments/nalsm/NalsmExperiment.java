package org.hebb.experiments.nalsm;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.hebb.experiments.RunPhase;
import org.hebb.experiments.data.IdxImages;
import org.hebb.experiments.jobs.CheckpointKey;
import org.hebb.experiments.jobs.JobExecutor;
import org.hebb.experiments.jobs.LocalExecutor;
import org.hebb.experiments.limits.MemoryEstimate;
import org.hebb.experiments.output.DroppedSpikes;
import org.hebb.experiments.output.OutputDirectory;
import org.hebb.experiments.output.Plots;
import org.hebb.experiments.readout.SampleSplit;
import org.hebb.experiments.readout.SoftmaxReadout;
import org.hebb.simulator.population.NeuronPopulation;
import org.hebb.simulator.run.RunawayDetector;
import org.hebb.simulator.storage.AtomicFiles;
import org.hebb.simulator.storage.HebbVersion;
import org.hebb.util.Require;

/**
 * NALSM end to end (Ivanov and Michmizos 2021): phase 1 (unsupervised astrocyte-modulated STDP, 20 ms per
 * sample drawn from the training images, never the validation images, giving W_init; skipped for the LSM without
 * plasticity), the branching factor, phase 2 (features: liquid
 * spike counts over 250 ms from W_init, on several workers, checkpointed; {@link FeaturePhase}), and the linear
 * softmax readout on L1-normalised counts with model selection on validation accuracy. Writes {@code result.json},
 * {@code summary.md} and {@code validation_accuracy.png}; phase 1 (after every block of samples) and the features
 * are checkpointed under {@code checkpoints/}, so an interrupted run started again with the same options resumes
 * and ends with the same result. The checkpoints
 * are keyed by everything the features depend on (model, side, weight, seed, phase-1 samples, sample counts,
 * both data files and the version of the code that makes them, {@link #GENERATOR_VERSION}): a run into the same
 * directory with any of these changed is refused before phase 1, naming what differs; the readout's settings and
 * the workers can change.
 */
public final class NalsmExperiment {
    /** The result file, written last. */
    public static final String RESULT = "result.json";
    /** NALSM's phase-1 presentation, ms. */
    public static final int PHASE_1_MS = 20;
    /** Phase 1 is summarised (astrocyte, rates) in this many blocks of samples. */
    private static final int PHASE_1_BLOCKS = 50;
    /** Phase 1's checkpoint in the checkpoints directory, saved after every block of samples. */
    static final String PHASE_1_CHECKPOINT = "phase1.h5";
    /** The most warnings summary.md lists (result.json has them all). */
    private static final int SUMMARY_WARNINGS = 10;
    /** Samples per feature job. */
    private static final int BLOCK = 100;
    /**
     * The version of the code that makes phase 1's checkpoints and the features from given options and data, kept as
     * {@code generator version} in every checkpoint key ({@code checkpoints/key.txt} and each feature set's), so
     * that checkpoints made by another version are refused, not mixed with this one's. Bump it with every change to
     * Hebb that makes other phase-1 checkpoints or features from the same options and data: how the liquid is
     * built or connected, its neuron, synapse or astrocyte dynamics, plasticity, a random stream (input pulses,
     * sample order, connections, initial weights), the presentation or the phase-1 schedule. Changes that give the
     * same values bit for bit (speed, other workers or executors) need none. Version 1 (the keys that record none)
     * drew input pulses from 24-bit uniforms, so that a pulse fired with its probability rounded up to a multiple of
     * 2^-24; version 2 draws them as exact 63-bit Bernoulli trials ({@code CounterRandom.bernoulli}), in phase 1 and
     * in the features alike; version 3 draws phase 1's samples from the training images only (before
     * {@link SampleSplit#validationStart()}), where version 2 drew them from the whole training file, validation
     * images included.
     */
    public static final int GENERATOR_VERSION = 3;
    /** The name of {@link #GENERATOR_VERSION} in checkpoint keys. */
    static final String GENERATOR_KEY = "generator version";

    private NalsmExperiment() {
    }

    /**
     * The run's sizes and settings.
     *
     * @param side         liquid grid side (10: 1000 neurons, 20: 8000)
     * @param model        NALSM, LSM with plain STDP, or LSM without plasticity
     * @param phase1       phase-1 samples, at least 0 (NALSM: 50,000; ignored by the LSM without plasticity)
     * @param train        training images, 2 to 50,000 and at most five sixths of the training file (validation
     *                     takes a fifth as many from the rest)
     * @param test         test images, 2 to the size of the test file (NALSM: 10,000)
     * @param epochs       readout epochs, 1 to {@link SoftmaxReadout.Settings#MAX_EPOCHS}
     * @param seed         master seed
     * @param workers      feature workers (threads), also the readout's threads: 1 to
     *                     {@link SoftmaxReadout#MAX_THREADS}
     * @param readoutRate  the readout's Adadelta learning rate (NALSM 0.1; a small run, with far fewer updates,
     *                     needs a larger one)
     * @param weight       initial weight magnitude |w| of every liquid and input synapse (NALSM 3; the LSM
     *                     without plasticity keeps it fixed, swept over 0.4 to 1.4 in the paper)
     */
    public record Options(int side, NalsmLiquid.Model model, int phase1, int train, int test, int epochs, long seed,
                          int workers, double readoutRate, double weight) {
        /** The paper's initial weight magnitude for the plastic models, 3. */
        public static final double PLASTIC_WEIGHT = NalsmLiquid.MAX_WEIGHT;
        /** The default fixed weight magnitude of the LSM without plasticity (the middle of the paper's plateau). */
        public static final double STATIC_WEIGHT = 0.8;

        public Options {
            Require.atLeast("grid side", side, 2);
            Require.notNull("model", model);
            Require.atLeast("phase-1 samples", phase1, 0);
            SampleSplit.requireCounts(train, test);
            Require.inRange("epochs", epochs, 1, SoftmaxReadout.Settings.MAX_EPOCHS);
            Require.that(workers >= 1 && workers <= SoftmaxReadout.MAX_THREADS, "workers = " + workers + " is not "
                    + "allowed: must be in [1, " + SoftmaxReadout.MAX_THREADS + "] (the readout trains on one thread "
                    + "per worker, and on at most " + SoftmaxReadout.MAX_THREADS + ")");
            Require.positive("readout learning rate", readoutRate, null);
            Require.inRange("weight magnitude |w|", weight, 0.0, NalsmLiquid.MAX_WEIGHT, "mV");
        }

        /** The split of the data for these sample counts; refused when the data has too few images. */
        public SampleSplit split(IdxImages trainImages, IdxImages testImages) {
            return split(trainImages.shape(), testImages.shape());
        }

        /** As {@link #split(IdxImages, IdxImages)} from the data's shapes, before the images are read. */
        public SampleSplit split(IdxImages.Shape trainImages, IdxImages.Shape testImages) {
            return SampleSplit.of(train, test, trainImages, testImages);
        }

        /** Phase-1 samples actually presented: none for the LSM without plasticity. */
        int phase1Presented() {
            return model == NalsmLiquid.Model.LSM ? 0 : phase1;
        }
    }

    /**
     * Runs on {@code trainImages} (the training file: train + validation) and {@code testImages}, writing into
     * {@code out} (opened first, {@link OutputDirectory}).
     *
     * @throws IllegalArgumentException before any work when the data has fewer images than the options ask for, or
     *                                  when {@code out} holds checkpoints made with other options or data (naming
     *                                  them)
     */
    public static Map<String, Object> run(Options o, IdxImages trainImages, IdxImages testImages, String dataset,
                                          Path out) throws IOException {
        try (OutputDirectory directory = OutputDirectory.open(out, RESULT)) {
            return run(o, trainImages, testImages, dataset, directory);
        }
    }

    /**
     * As {@link #run(Options, IdxImages, IdxImages, String, Path)} into a directory the caller has opened; the run's
     * size is checked against the heap before the liquid is built, and result.json is written last.
     */
    public static Map<String, Object> run(Options o, IdxImages trainImages, IdxImages testImages, String dataset,
                                          OutputDirectory out) throws IOException {
        return run(o, trainImages, testImages, dataset, out, new LocalExecutor(o.workers()));
    }

    /**
     * As {@link #run(Options, IdxImages, IdxImages, String, OutputDirectory)}, the feature blocks run by
     * {@code features} (in this process or on a cluster: the same features and results either way).
     */
    public static Map<String, Object> run(Options o, IdxImages trainImages, IdxImages testImages, String dataset,
                                          OutputDirectory out, JobExecutor features) throws IOException {
        long start = System.nanoTime();
        SampleSplit split = o.split(trainImages, testImages);
        InputEncoding trainEncoding = new InputEncoding(trainImages);
        InputEncoding testEncoding = new InputEncoding(testImages);
        NalsmLiquid.Config config = config(o, trainImages.shape());
        requireFits(o, split, config);
        Path checkpoints = out.resolve("checkpoints");
        checkpointKey(o, trainEncoding, testEncoding).claim(checkpoints);
        RunPhase.workStarts();
        NalsmLiquid liquid = NalsmLiquid.build(config);
        UnsupervisedPhase.Outcome phase1Outcome = o.phase1Presented() > 0
                ? UnsupervisedPhase.run(liquid, trainEncoding, split.validationStart(), o.phase1(), PHASE_1_MS,
                Math.max(1, o.phase1() / PHASE_1_BLOCKS), o.seed(), checkpoints.resolve(PHASE_1_CHECKPOINT))
                : new UnsupervisedPhase.Outcome(List.of(), 0);
        List<UnsupervisedPhase.Block> phase1 = phase1Outcome.blocks();
        double phase1Seconds = (System.nanoTime() - start) / 1e9;
        float[][] initial = FeaturePhase.weightsOf(liquid);
        BranchingProbe.Result branching = BranchingProbe.measure(liquid, trainEncoding, 0,
                Math.min(20, trainImages.size()));
        long featuresStart = System.nanoTime();
        int[][] trainCounts = FeaturePhase.make(config, initial, trainEncoding, range(0, split.train()), BLOCK,
                features, checkpoints, "train");
        int[][] validationCounts = FeaturePhase.make(config, initial, trainEncoding,
                range(split.validationStart(), split.validation()), BLOCK, features, checkpoints, "validation");
        int[][] testCounts = FeaturePhase.make(config, initial, testEncoding, range(0, split.test()), BLOCK, features,
                checkpoints, "test");
        FeatureRates featureRates = FeatureRates.of(BranchingProbe.SAMPLE_MS, saturatedHz(liquid), trainCounts,
                validationCounts, testCounts);
        SoftmaxReadout.Samples train = samples(trainCounts, trainImages, 0);
        SoftmaxReadout.Samples validation = samples(validationCounts, trainImages, split.validationStart());
        SoftmaxReadout.Samples test = samples(testCounts, testImages, 0);
        double featureSeconds = (System.nanoTime() - featuresStart) / 1e9;
        SoftmaxReadout.Settings paper = SoftmaxReadout.Settings.nalsm(o.epochs(), o.seed());
        SoftmaxReadout readout = new SoftmaxReadout(train.dimension(), IdxImages.CLASSES, new SoftmaxReadout.Settings(
                o.readoutRate(), paper.rho(), paper.epsilon(), paper.l2(), paper.batchSize(), o.epochs(), o.seed()),
                o.workers());
        long readoutStart = System.nanoTime();
        SoftmaxReadout.Result result = readout.train(train, validation, test);
        double readoutSeconds = (System.nanoTime() - readoutStart) / 1e9;
        double seconds = (System.nanoTime() - start) / 1e9;

        Map<String, Object> json = new LinkedHashMap<>();
        json.put("model", o.model().label());
        json.put("liquid_size", config.neurons());
        json.put("dataset", dataset);
        json.put("seed", o.seed());
        json.put("hebb_version", HebbVersion.describe());
        json.put("phase1_samples", o.phase1Presented());
        json.put("phase1_resumed_from_sample", phase1Outcome.resumedFrom());
        json.put("train_samples", train.size());
        json.put("validation_samples", validation.size());
        json.put("test_samples", test.size());
        json.put("test_accuracy", result.selectedTestAccuracy());
        json.put("validation_accuracy", result.selectedValidationAccuracy());
        json.put("best_epoch", result.bestEpoch() + 1);
        json.put("epochs", o.epochs());
        json.put("readout_learning_rate", o.readoutRate());
        json.put("weight", o.weight());
        json.put("branching_factor", branching.branchingFactor());
        json.put("liquid_rate_hz", branching.liquidRateHz());
        json.put("feature_liquid_rate_hz", featureRates.meanHz());
        json.put("feature_max_sample_liquid_rate_hz", featureRates.maxSampleHz());
        json.put("feature_saturated_samples", featureRates.saturatedSamples());
        json.put("warnings", liquid.network().warnings());
        json.put("phase1_seconds", phase1Seconds);
        json.put("feature_seconds", featureSeconds);
        json.put("readout_seconds", readoutSeconds);
        json.put("feature_samples_per_second_per_worker",
                (train.size() + validation.size() + test.size()) / featureSeconds / features.workers());
        json.put("wall_seconds", seconds);
        json.put("workers", o.workers());
        json.put("executor", features.name());
        json.put("validation_accuracy_per_epoch", result.validationAccuracy());
        if (!phase1.isEmpty()) {
            json.put("phase1_samples_done", phase1.stream().mapToDouble(UnsupervisedPhase.Block::samplesDone)
                    .toArray());
            json.put("phase1_depression_rate", phase1.stream()
                    .mapToDouble(UnsupervisedPhase.Block::depressionAtEnd).toArray());
            json.put("phase1_liquid_rate_hz", phase1.stream().mapToDouble(UnsupervisedPhase.Block::liquidRateHz)
                    .toArray());
            json.put("phase1_input_rate_hz", phase1.stream().mapToDouble(UnsupervisedPhase.Block::inputRateHz)
                    .toArray());
        }
        String title = json.get("model") + " " + config.neurons() + " neurons";
        plotPhase1(out, title + ", seed " + o.seed(), json);
        plotRaster(out.resolve("raster.png"), title + ": liquid spikes for test image 0 (from W_init), seed "
                + o.seed(), FeaturePhase.spikesOf(config, initial, testEncoding, 0), liquid.excitatory().size());
        double[] epochs = new double[o.epochs()];
        for (int e = 0; e < epochs.length; e++) {
            epochs[e] = e + 1;
        }
        Plots.lines(out.resolve("validation_accuracy.png"), title + ": readout accuracy (seed " + o.seed() + ")",
                "epoch", "accuracy", epochs,
                List.of("validation", "test"), List.of(result.validationAccuracy(), result.testAccuracy()));
        AtomicFiles.write(out.resolve("summary.md"), markdown(json));
        out.writeResult(json);
        return json;
    }

    /**
     * Everything phase 1 and the features depend on, Hebb's code as {@link #GENERATOR_VERSION} (the readout's
     * settings and the workers do not count; {@link FeaturePhase} also keys each set by the weights and samples
     * themselves).
     */
    private static CheckpointKey checkpointKey(Options o, InputEncoding train, InputEncoding test) {
        return new CheckpointKey().with("model", o.model().label()).with("side", o.side()).with("weight", o.weight())
                .with("seed", o.seed()).with("phase-1 samples", o.phase1Presented()).with("train images", o.train())
                .with("test images", o.test()).with("training data", train.fingerprint())
                .with("test data", test.fingerprint()).with(GENERATOR_KEY, GENERATOR_VERSION);
    }

    /**
     * Fails unless a run of {@code o} on {@code trainImages} and {@code testImages} fits the heap (a liquid per
     * worker and one more, the features of every sample), or when the data has fewer images than {@code o} asks
     * for; the run checks the same before it claims its checkpoints, and a caller may check before opening the
     * output directory.
     */
    public static void requireFits(Options o, IdxImages trainImages, IdxImages testImages) {
        requireFits(o, trainImages.shape(), testImages.shape());
    }

    /**
     * As {@link #requireFits(Options, IdxImages, IdxImages)} from the data's shapes (as its files' headers give
     * them), before the images are read.
     */
    public static void requireFits(Options o, IdxImages.Shape trainImages, IdxImages.Shape testImages) {
        requireFits(o, o.split(trainImages, testImages), config(o, trainImages));
    }

    /** The liquid of {@code o} for inputs of {@code trainImages}' size, with {@code o}'s weight. */
    private static NalsmLiquid.Config config(Options o, IdxImages.Shape trainImages) {
        int inputs = trainImages.rows() * trainImages.columns();
        NalsmLiquid.Config nalsm = NalsmLiquid.Config.nalsm(o.side(), inputs, o.model(), o.seed());
        return new NalsmLiquid.Config(nalsm.side(), nalsm.inputs(), nalsm.model(), o.weight(),
                nalsm.astrocyteWeight(), nalsm.rateDecayPerMs(), nalsm.seed(), nalsm.threads());
    }

    /**
     * Fails unless the run fits the heap: a liquid per feature worker and one more, and the features (a spike count
     * and a normalised value per liquid neuron and sample of the split).
     */
    private static void requireFits(Options o, SampleSplit split, NalsmLiquid.Config config) {
        double samples = (double) split.train() + split.validation() + split.test();
        MemoryEstimate.of("NALSM with " + config.neurons() + " neurons and " + o.workers() + " workers")
                .values(1 + o.workers(), config.memoryBytes())
                .values(samples * config.neurons(), 8)
                .requireFits("lower --side, --workers or --train");
    }

    /** The astrocyte's depression rate A and the liquid and input rates per block of phase 1. */
    private static void plotPhase1(OutputDirectory out, String title, Map<String, Object> json) throws IOException {
        double[] samples = (double[]) json.get("phase1_samples_done");
        if (samples == null) {
            return;
        }
        Plots.lines(out.resolve("phase1_astrocyte.png"), title + ": depression rate A at the end of samples, phase 1"
                + " (starts at 0.15)", "samples presented", "A", samples, List.of("A"),
                List.of((double[]) json.get("phase1_depression_rate")));
        Plots.lines(out.resolve("phase1_rate.png"), title + ": mean rates per block, phase 1", "samples presented",
                "rate (Hz)", samples, List.of("liquid", "input"), List.of((double[]) json.get("phase1_liquid_rate_hz"),
                        (double[]) json.get("phase1_input_rate_hz")));
    }

    private static void plotRaster(Path file, String title, LiquidSpikes spikes, int excitatory) throws IOException {
        int inhibitoryCount = 0;
        for (int k = 0; k < spikes.count(); k++) {
            inhibitoryCount += spikes.neuron(k) >= excitatory ? 1 : 0;
        }
        double[][] times = {new double[spikes.count() - inhibitoryCount], new double[inhibitoryCount]};
        double[][] rows = {new double[times[0].length], new double[times[1].length]};
        int[] filled = new int[2];
        for (int k = 0; k < spikes.count(); k++) {
            int group = spikes.neuron(k) >= excitatory ? 1 : 0;
            times[group][filled[group]] = spikes.time(k);
            rows[group][filled[group]++] = spikes.neuron(k);
        }
        Plots.raster(file, title, List.of(new Plots.RasterGroup("excitatory", times[0], rows[0], Plots.EXCITATORY),
                new Plots.RasterGroup("inhibitory", times[1], rows[1], Plots.INHIBITORY)), BranchingProbe.SAMPLE_MS,
                DroppedSpikes.NONE);
    }

    private static int[] range(int from, int count) {
        int[] indices = new int[count];
        for (int k = 0; k < count; k++) {
            indices[k] = from + k;
        }
        return indices;
    }

    /**
     * The liquid's mean rate in a sample at or above which the sample counts as saturated: {@link
     * RunawayDetector#SATURATION} of the rate of the whole liquid with every neuron at its saturation rate, the rate
     * against which the network judges runaway activity.
     */
    static double saturatedHz(NalsmLiquid liquid) {
        double dt = liquid.network().dt();
        NalsmLiquid.Numbering liquidNeurons = liquid.numbering();
        NeuronPopulation exc = liquidNeurons.excitatory();
        NeuronPopulation inh = liquidNeurons.inhibitory();
        double saturated = exc.size() * RunawayDetector.saturationHz(exc, dt)
                + inh.size() * RunawayDetector.saturationHz(inh, dt);
        return RunawayDetector.SATURATION * saturated / liquidNeurons.size();
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
            labels[s] = images.label(first + s);
        }
        return new SoftmaxReadout.Samples(features, width, labels);
    }

    private static String markdown(Map<String, Object> json) {
        StringBuilder md = new StringBuilder("# NALSM experiment\n\n| quantity | value |\n|---|---|\n");
        json.forEach((k, v) -> {
            if (!(v instanceof double[]) && !(v instanceof float[]) && !(v instanceof List)) {
                md.append("| ").append(k).append(" | ").append(v).append(" |\n");
            }
        });
        List<?> warnings = (List<?>) json.get("warnings");
        md.append("\nWarnings of the liquid that learns: ").append(warnings.size());
        md.append(warnings.size() > SUMMARY_WARNINGS ? " (the first " + SUMMARY_WARNINGS + " below, all in result.json)"
                : "").append(warnings.isEmpty() ? ".\n" : "\n\n");
        warnings.stream().limit(SUMMARY_WARNINGS).forEach(w -> md.append("- ").append(w).append('\n'));
        Object saturated = json.get("feature_saturated_samples");
        if (saturated instanceof Long count && count > 0) {
            md.append("\n**Feature samples in runaway activity: ").append(count).append("** (the liquid's mean rate "
                    + "over the sample at or above ").append(Math.round(100 * RunawayDetector.SATURATION))
                    .append("% of its saturation rate); their features count a saturated liquid.\n");
        }
        md.append("\nPlots: validation_accuracy.png (readout accuracy per epoch), raster.png (the liquid during one "
                + "test sample)");
        md.append(json.containsKey("phase1_samples_done")
                ? ", phase1_astrocyte.png and phase1_rate.png (the astrocyte and the rates over phase 1).\n" : ".\n");
        return md.toString();
    }
}

package org.hebb.experiments;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.hebb.experiments.data.IdxImages;
import org.hebb.experiments.jobs.ExecutorOptions;
import org.hebb.experiments.jobs.JobExecutor;
import org.hebb.experiments.nalsm.NalsmExperiment;
import org.hebb.experiments.nalsm.NalsmLiquid;
import org.hebb.experiments.output.OutputDirectory;
import org.hebb.experiments.readout.SampleSplit;
import org.hebb.experiments.readout.SoftmaxReadout;
import org.hebb.util.Require;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hebb nalsm}: the neuron-astrocyte liquid state machine end to end. */
@Command(name = "nalsm", mixinStandardHelpOptions = true,
        description = "NALSM (Ivanov and Michmizos 2021) on Fashion-MNIST or MNIST: phase 1 (unsupervised "
                + "astrocyte-modulated STDP), features over 250 ms on several workers (checkpointed: a run "
                + "started again resumes), the linear softmax readout; result.json, summary.md, a plot.")
final class NalsmCommand implements Callable<Integer>, CheckedOptions {
    @Option(names = "--data", description = "Directory of the IDX files (default: Debian's "
            + "dataset-fashion-mnist, /usr/share/datasets/fashion-mnist).")
    Path data = IdxImages.FASHION_MNIST;

    @Option(names = "--model", defaultValue = "nalsm", description = "nalsm, lsm-stdp (A fixed) or lsm (no "
            + "plasticity) (default ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--side", defaultValue = "10", description = "Liquid grid side: 10 for 1000 neurons, 20 "
            + "for 8000 (default ${DEFAULT-VALUE}).")
    int side;

    @Option(names = "--phase1", defaultValue = "50000", description = "Phase-1 samples (default "
            + "${DEFAULT-VALUE}).")
    int phase1;

    @Option(names = "--train", defaultValue = "50000", description = "Training images; validation uses a fifth "
            + "as many, at most 10,000 (default ${DEFAULT-VALUE}).")
    int train;

    @Option(names = "--test", defaultValue = "10000", description = "Test images (default ${DEFAULT-VALUE}).")
    int test;

    @Option(names = "--epochs", defaultValue = "200", description = "Readout epochs (default "
            + "${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--seed", defaultValue = "1", description = "Master seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--workers", description = "Feature workers and readout threads, 1 to "
            + SoftmaxReadout.MAX_THREADS + " (default: the number of cores, at most " + SoftmaxReadout.MAX_THREADS
            + ").")
    int workers = SoftmaxReadout.defaultThreads(Runtime.getRuntime().availableProcessors());

    @Option(names = "--readout-rate", defaultValue = "0.1", description = "Readout Adadelta learning rate "
            + "(NALSM 0.1; small runs need more, e.g. 100) (default ${DEFAULT-VALUE}).")
    double readoutRate;

    @Option(names = "--weight", description = "Initial weight magnitude |w| (default: 3 for nalsm and lsm-stdp, "
            + "0.8 for lsm, whose weights stay fixed; the paper swept lsm over 0.4 to 1.4).")
    Double weight;

    @Option(names = "--out", defaultValue = "out/nalsm", description = "Output directory "
            + "(default ${DEFAULT-VALUE}).")
    Path out;

    /** Where the feature blocks run (local: on --workers threads here). */
    @CommandLine.Mixin
    ExecutorOptions executor;

    @Override
    public void checkOptions() {
        model();
        OptionChecks.side(side);
        Require.atLeast("--phase1", phase1, 0);
        SampleSplit.requireCounts(train, test, "--train", "--test");
        Require.inRange("--epochs", epochs, 1, SoftmaxReadout.Settings.MAX_EPOCHS);
        Require.that(workers >= 1 && workers <= SoftmaxReadout.MAX_THREADS, "--workers = " + workers + " is not "
                + "allowed: must be in [1, " + SoftmaxReadout.MAX_THREADS + "] (the readout trains on one thread "
                + "per worker, and on at most " + SoftmaxReadout.MAX_THREADS + ")");
        Require.positive("--readout-rate", readoutRate, null);
        if (weight != null) {
            Require.inRange("--weight", weight, 0.0, NalsmLiquid.MAX_WEIGHT, "mV");
        }
        executor.check();
    }

    @Override
    public void checkResources() {
        IdxImages.Shape trainImages = IdxImages.requireShape("--data", data, IdxImages.Split.TRAIN);
        IdxImages.Shape testImages = IdxImages.requireShape("--data", data, IdxImages.Split.TEST);
        OptionChecks.sideFits(side, trainImages);
        SampleSplit.of(train, test, trainImages, testImages, "--train", "--test");
        NalsmExperiment.requireFits(options(), trainImages, testImages);
    }

    /** The experiment's options that the command's give. */
    private NalsmExperiment.Options options() {
        NalsmLiquid.Model kind = model();
        return new NalsmExperiment.Options(side, kind, phase1, train, test, epochs, seed, workers, readoutRate,
                weight != null ? weight : kind == NalsmLiquid.Model.LSM ? NalsmExperiment.Options.STATIC_WEIGHT
                : NalsmExperiment.Options.PLASTIC_WEIGHT);
    }

    /** The liquid named by --model; refuses an unknown name. */
    private NalsmLiquid.Model model() {
        return Arrays.stream(NalsmLiquid.Model.values()).filter(m -> m.label().equals(model))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("--model = '" + model + "' is not "
                        + "allowed: must be one of " + Arrays.stream(NalsmLiquid.Model.values())
                        .map(NalsmLiquid.Model::label).toList()));
    }

    @Override
    public Integer call() throws Exception {
        checkOptions();
        checkResources();
        IdxImages trainImages = IdxImages.read(data, IdxImages.Split.TRAIN);
        IdxImages testImages = IdxImages.read(data, IdxImages.Split.TEST);
        NalsmExperiment.Options options = options();
        NalsmExperiment.requireFits(options, trainImages, testImages);
        Map<String, Object> r;
        try (OutputDirectory directory = OutputDirectory.open(out, NalsmExperiment.RESULT);
             JobExecutor features = executor.open(workers)) {
            r = NalsmExperiment.run(options, trainImages, testImages, data.toString(), directory, features);
        }
        System.out.printf(Locale.ROOT,
                "%s, %d neurons, seed %d: test accuracy %.4f (validation %.4f, epoch %d), branching "
                + "factor %.3f; %.0f s. Results in %s%n", r.get("model"), (int) r.get("liquid_size"), seed,
                (double) r.get("test_accuracy"), (double) r.get("validation_accuracy"), (int) r.get("best_epoch"),
                (double) r.get("branching_factor"), (double) r.get("wall_seconds"), out.toAbsolutePath());
        return 0;
    }
}

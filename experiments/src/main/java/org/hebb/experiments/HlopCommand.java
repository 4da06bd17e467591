package org.hebb.experiments;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;

import org.hebb.experiments.hlop.HlopExperiment;
import org.hebb.experiments.hlop.HlopSettings;
import org.hebb.experiments.hlop.HlopVariant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hebb hlop}: continual learning of permuted Fashion-MNIST, with and without HLOP. */
@Command(name = "hlop", mixinStandardHelpOptions = true,
        description = "A spiking network learns permuted Fashion-MNIST tasks one after another with a "
                + "three-factor rule (baseline), with its updates projected off the subspaces that Hebbian "
                + "subspace neurons learn (hlop), or all tasks at once (multitask); result.json with the "
                + "accuracy matrix, ACC and BWT, and plots. Resumes from the checkpoint in --out.")
final class HlopCommand implements Callable<Integer>, CheckedOptions {
    @Option(names = "--seed", defaultValue = "1", description = "Master seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--variant", defaultValue = "hlop", description = "baseline, hlop or multitask (default "
            + "${DEFAULT-VALUE}).")
    String variant;

    @Option(names = "--tasks", defaultValue = "10", description = "Tasks, 1 to 10 (default ${DEFAULT-VALUE}).")
    int tasks;

    @Option(names = "--train-per-task", defaultValue = "10000", description = "Training images per task, a "
            + "random subset of Fashion-MNIST's 60,000 (default ${DEFAULT-VALUE}).")
    int trainPerTask;

    @Option(names = "--test-per-task", defaultValue = "2000", description = "Test images per task, the "
            + "first of Fashion-MNIST's 10,000 (default ${DEFAULT-VALUE}).")
    int testPerTask;

    @Option(names = "--hidden", defaultValue = "800", description = "Hidden LIF neurons (default "
            + "${DEFAULT-VALUE}).")
    int hidden;

    @Option(names = "--out", defaultValue = "out/hlop", description = "Output directory (default "
            + "${DEFAULT-VALUE}).")
    Path out;

    @Override
    public void checkOptions() {
        settings();
    }

    /** The settings the options give; refuses a value out of its range, naming its option. */
    private HlopSettings settings() {
        HlopVariant kind = Arrays.stream(HlopVariant.values()).filter(v -> v.label().equals(variant))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("--variant = '" + variant + "' is "
                        + "not allowed: use baseline, hlop or multitask"));
        HlopSettings s = HlopSettings.standard(seed, kind);
        if (tasks != s.tasks() || trainPerTask != s.trainPerTask() || testPerTask != s.testPerTask()
                || hidden != s.hidden()) {
            s = s.reduced(tasks, trainPerTask, testPerTask, hidden);
        }
        return s;
    }

    @Override
    public void checkResources() {
        HlopExperiment.requireRunnable(settings());
    }

    @Override
    public Integer call() throws Exception {
        checkOptions();
        checkResources();
        HlopExperiment.run(settings(), out);
        return 0;
    }
}

package org.hebb.experiments;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.hebb.experiments.data.IdxImages;
import org.hebb.experiments.nalsm.InputEncoding;
import org.hebb.experiments.nalsm.LiquidDynamics;
import org.hebb.experiments.nalsm.UnsupervisedPhase;
import org.hebb.util.Require;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hebb liquid-dynamics}: NALSM's unsupervised phase with and without the astrocyte. */
@Command(name = "liquid-dynamics", mixinStandardHelpOptions = true,
        description = "Runs NALSM's unsupervised phase on Fashion-MNIST (or MNIST) with astrocyte-modulated "
                + "STDP and with plain STDP, and writes the liquid's rate, the astrocyte and the branching "
                + "factor over the samples.")
final class LiquidDynamicsCommand implements Callable<Integer>, CheckedOptions {
    /** Blocks reported when --block is left out. */
    private static final int DEFAULT_BLOCKS = 20;

    @Option(names = "--side", defaultValue = "10", description = "Grid side: 10 for 1000 neurons, 20 for 8000 "
            + "(default ${DEFAULT-VALUE}).")
    int side;

    @Option(names = "--samples", defaultValue = "50000", description = "Samples of 20 ms "
            + "(default ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--block", description = "Samples per reported block (default: a twentieth of --samples, at "
            + "least 1: 2500 for 50,000).")
    Integer block;

    @Option(names = "--probe-samples", defaultValue = "20", description = "250 ms samples for the branching "
            + "factor: the last images of the training data, at most as many as it has (default "
            + "${DEFAULT-VALUE}).")
    int probeSamples;

    @Option(names = "--data", description = "Directory of IDX files (default: Fashion-MNIST at "
            + "/usr/share/datasets/fashion-mnist).")
    Path data = IdxImages.FASHION_MNIST;

    @Option(names = "--seed", defaultValue = "1", description = "Master seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", defaultValue = "out/liquid-dynamics", description = "Output directory "
            + "(default ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public void checkOptions() {
        OptionChecks.side(side);
        Require.atLeast("--samples", samples, 1);
        int blockSize = blockSize();
        Require.that(blockSize >= 1 && blockSize <= samples, "--block = " + blockSize + " is not allowed: must be in "
                + "[1, " + samples + "] (at most --samples)");
        Require.atLeast("--probe-samples", probeSamples, 1);
    }

    @Override
    public void checkResources() {
        IdxImages.Shape images = IdxImages.requireShape("--data", data, IdxImages.Split.TRAIN);
        OptionChecks.sideFits(side, images);
        LiquidDynamics.requireRunnable(settings(), images);
    }

    /** {@code --block}, or when it is left out a twentieth of {@code --samples} (at least 1). */
    private int blockSize() {
        return block != null ? block : Math.max(1, samples / DEFAULT_BLOCKS);
    }

    private LiquidDynamics.Settings settings() {
        return new LiquidDynamics.Settings(side, samples, blockSize(), probeSamples, seed);
    }

    @Override
    public Integer call() throws Exception {
        checkOptions();
        checkResources();
        IdxImages images = IdxImages.read(data, IdxImages.Split.TRAIN);
        LiquidDynamics.Settings settings = settings();
        // checks the probe samples against the data and the liquid against the heap before opening out
        LiquidDynamics.Summary s = LiquidDynamics.run(settings, new InputEncoding(images), out);
        for (LiquidDynamics.ModelRun run : s.models()) {
            UnsupervisedPhase.Block last = run.blocks().get(run.blocks().size() - 1);
            System.out.printf(Locale.ROOT, "%-8s liquid %.1f -> %.1f Hz, A %.4f, NALSM branching factor %.3f -> %.3f "
                            + "(%.1f s)%n", run.model(), run.blocks().get(0).liquidRateHz(), last.liquidRateHz(),
                    last.depressionAtEnd(), run.probeBefore().branchingFactor(),
                    run.probeAfter().branchingFactor(), run.phaseSeconds());
        }
        System.out.println("Results in " + out.toAbsolutePath()
                + ": summary.md, summary.json, liquid_rate.png, astrocyte.png, branching_factor.png");
        return 0;
    }
}

package org.hebb.experiments;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.hebb.experiments.data.IdxImages;
import org.hebb.experiments.readout.PixelReadout;
import org.hebb.experiments.readout.SampleSplit;
import org.hebb.experiments.readout.SoftmaxReadout;
import org.hebb.util.Require;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hebb pixel-readout}: NALSM's linear readout on raw pixels, the yardstick for what a liquid adds. */
@Command(name = "pixel-readout", mixinStandardHelpOptions = true,
        description = "Trains NALSM's linear softmax readout (Adadelta) on the raw pixels of Fashion-MNIST (or "
                + "MNIST) with NALSM's split and model selection on validation accuracy.")
final class PixelReadoutCommand implements Callable<Integer>, CheckedOptions {
    @Option(names = "--data", description = "Directory of the IDX files (default: Debian's "
            + "dataset-fashion-mnist, /usr/share/datasets/fashion-mnist).")
    Path data = IdxImages.FASHION_MNIST;

    @Option(names = "--epochs", defaultValue = "30", description = "Epochs (default ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--seed", defaultValue = "1", description = "Master seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--train", defaultValue = "50000", description = "Training images, at most 50,000; "
            + "validation uses a fifth as many, at most 10,000 (default ${DEFAULT-VALUE}).")
    int train;

    @Option(names = "--test", defaultValue = "10000", description = "Test images (default ${DEFAULT-VALUE}).")
    int test;

    @Option(names = "--out", defaultValue = "out/pixel-readout", description = "Output directory "
            + "(default ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public void checkOptions() {
        Require.inRange("--epochs", epochs, 1, SoftmaxReadout.Settings.MAX_EPOCHS);
        SampleSplit.requireCounts(train, test, "--train", "--test");
    }

    @Override
    public void checkResources() {
        SampleSplit.of(train, test, IdxImages.requireShape("--data", data, IdxImages.Split.TRAIN),
                IdxImages.requireShape("--data", data, IdxImages.Split.TEST), "--train", "--test");
    }

    @Override
    public Integer call() throws Exception {
        checkOptions();
        checkResources();
        IdxImages trainImages = IdxImages.read(data, IdxImages.Split.TRAIN);
        IdxImages testImages = IdxImages.read(data, IdxImages.Split.TEST);
        SampleSplit.of(train, test, trainImages, testImages, "--train", "--test");
        Map<String, Object> r = PixelReadout.run(new PixelReadout.Options(epochs, seed, train, test), trainImages,
                testImages, data.toString(), out);
        System.out.printf(Locale.ROOT,
                "pixels -> linear softmax, seed %d: test accuracy %.4f at the best validation epoch "
                + "%d (validation %.4f); %.1f s. Results in %s%n", seed, (double) r.get("test_accuracy"),
                (int) r.get("best_epoch") + 1, (double) r.get("validation_accuracy"),
                (double) r.get("wall_seconds"), out.toAbsolutePath());
        return 0;
    }
}

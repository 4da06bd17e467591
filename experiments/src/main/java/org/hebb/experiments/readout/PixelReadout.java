package org.hebb.experiments.readout;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.hebb.experiments.RunPhase;
import org.hebb.experiments.data.IdxImages;
import org.hebb.experiments.output.OutputDirectory;
import org.hebb.experiments.output.Plots;
import org.hebb.simulator.storage.HebbVersion;
import org.hebb.util.Require;

/**
 * The yardstick for what a liquid adds: NALSM's linear softmax readout trained on the raw pixels (grey level / 255)
 * instead of liquid spike counts, with NALSM's split (train images 0-49,999, validation 50,000-59,999, the 10,000
 * test images; a training file of another size is split 5:1 the same way) and model selection on validation
 * accuracy.
 */
public final class PixelReadout {
    /** The result file, written last. */
    public static final String RESULT = "pixel-readout.json";

    private PixelReadout() {
    }

    /**
     * The run's settings, checked when made (the sample counts again, against the data, by {@link #split}).
     *
     * @param epochs readout epochs (1 to {@link SoftmaxReadout.Settings#MAX_EPOCHS})
     * @param seed   master seed
     * @param train  training images, 2 to 50,000 (the full protocol: 50,000); validation takes a fifth as many
     * @param test   test images, at least 2 (full: 10,000)
     */
    public record Options(int epochs, long seed, int train, int test) {
        public Options {
            Require.inRange("epochs", epochs, 1, SoftmaxReadout.Settings.MAX_EPOCHS);
            SampleSplit.requireCounts(train, test);
        }

        /** The split of the data for these sample counts; refused when the data has too few images. */
        public SampleSplit split(IdxImages trainImages, IdxImages testImages) {
            return SampleSplit.of(train, test, trainImages, testImages);
        }
    }

    /**
     * Trains and writes {@code pixel-readout.json} and {@code validation_accuracy.png} into {@code out}, as
     * {@link #run(Options, Path, Path)} with these options.
     */
    public static Map<String, Object> run(Path dataDirectory, int epochs, long seed, int train, int test, Path out)
            throws IOException {
        return run(new Options(epochs, seed, train, test), dataDirectory, out);
    }

    /**
     * Trains and writes {@code validation_accuracy.png} and then {@code pixel-readout.json} into {@code out}, which is
     * opened ({@link OutputDirectory}) before the images are read.
     *
     * @throws IllegalArgumentException before anything is trained or written when the data has fewer images than
     *                                  the options ask for
     */
    public static Map<String, Object> run(Options o, Path dataDirectory, Path out) throws IOException {
        try (OutputDirectory directory = OutputDirectory.open(out, RESULT)) {
            long start = System.nanoTime();
            IdxImages train = IdxImages.read(dataDirectory, IdxImages.Split.TRAIN);
            IdxImages test = IdxImages.read(dataDirectory, IdxImages.Split.TEST);
            return run(o, train, test, dataDirectory.toString(), directory, start);
        }
    }

    /**
     * As {@link #run(Options, Path, Path)} on images already read: {@code train} (the training file: train and
     * validation) and {@code test}, from {@code dataset} (recorded in the result); the split is checked before
     * {@code out} is opened.
     *
     * @throws IllegalArgumentException before anything is opened, trained or written when the data has fewer images
     *                                  than the options ask for
     */
    public static Map<String, Object> run(Options o, IdxImages train, IdxImages test, String dataset, Path out)
            throws IOException {
        long start = System.nanoTime();
        o.split(train, test);
        try (OutputDirectory directory = OutputDirectory.open(out, RESULT)) {
            return run(o, train, test, dataset, directory, start);
        }
    }

    private static Map<String, Object> run(Options o, IdxImages train, IdxImages test, String dataset,
                                           OutputDirectory out, long start) throws IOException {
        int epochs = o.epochs();
        long seed = o.seed();
        SampleSplit split = o.split(train, test);
        RunPhase.workStarts();
        SoftmaxReadout.Samples trainSet = pixels(train, 0, split.train());
        SoftmaxReadout.Samples validationSet = pixels(train, split.validationStart(), split.validation());
        SoftmaxReadout.Samples testSet = pixels(test, 0, split.test());
        SoftmaxReadout readout = new SoftmaxReadout(train.rows() * train.columns(), IdxImages.CLASSES,
                SoftmaxReadout.Settings.nalsm(epochs, seed),
                SoftmaxReadout.defaultThreads(Runtime.getRuntime().availableProcessors()));
        SoftmaxReadout.Result result = readout.train(trainSet, validationSet, testSet);
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("model", "pixels");
        json.put("liquid_size", 0);
        json.put("dataset", dataset);
        json.put("seed", seed);
        json.put("hebb_version", HebbVersion.describe());
        json.put("train_samples", trainSet.size());
        json.put("validation_samples", validationSet.size());
        json.put("test_samples", testSet.size());
        json.put("epochs", epochs);
        json.put("best_epoch", result.bestEpoch());
        json.put("test_accuracy", result.selectedTestAccuracy());
        json.put("validation_accuracy", result.selectedValidationAccuracy());
        json.put("branching_factor", null);
        json.put("validation_accuracy_per_epoch", result.validationAccuracy());
        json.put("test_accuracy_per_epoch", result.testAccuracy());
        json.put("train_loss_per_epoch", result.trainLoss());
        json.put("readout", "linear softmax on grey levels / 255, Adadelta lr 0.1 rho 0.95 eps 1e-8, L2 5e-10, "
                + "batches of 100");
        json.put("wall_seconds", seconds);
        double[] epochAxis = new double[epochs];
        for (int e = 0; e < epochs; e++) {
            epochAxis[e] = e + 1;
        }
        Plots.lines(out.resolve("validation_accuracy.png"), "Linear readout on pixels (seed " + seed + ")", "epoch",
                "accuracy", epochAxis, List.of("validation", "test"),
                List.of(result.validationAccuracy(), result.testAccuracy()));
        out.writeResult(json);
        return json;
    }

    private static SoftmaxReadout.Samples pixels(IdxImages images, int from, int count) {
        int dimension = images.rows() * images.columns();
        float[] features = new float[count * dimension];
        int[] labels = new int[count];
        for (int s = 0; s < count; s++) {
            for (int k = 0; k < dimension; k++) {
                features[s * dimension + k] = images.pixel(from + s, k) / 255f;
            }
            labels[s] = images.label(from + s);
        }
        return new SoftmaxReadout.Samples(features, dimension, labels);
    }
}

package org.hebb.experiments.readout;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.hebb.experiments.data.IdxImages;
import org.hebb.experiments.output.OutputDirectory;
import org.hebb.experiments.output.Plots;

/**
 * The yardstick for what a liquid adds: NALSM's linear softmax readout trained on the raw pixels (grey level / 255)
 * instead of liquid spike counts, with NALSM's split (train images 0-49,999, validation 50,000-59,999, the 10,000
 * test images; a training file of another size is split 5:1 the same way) and model selection on validation
 * accuracy.
 */
public final class PixelReadout {
    /** Training images used for training; the rest of the training file validates. */
    public static final int TRAIN_IMAGES = 50_000;

    /** The result file, written last. */
    public static final String RESULT = "pixel-readout.json";

    private PixelReadout() {
    }

    /**
     * Trains and writes {@code validation_accuracy.png} and then {@code pixel-readout.json} into {@code out}, which is
     * opened ({@link OutputDirectory}) before the images are read.
     *
     * @param trainLimit at most this many training images (and a validation set of at most a fifth of it; the
     *                   full protocol: 50,000), for quick runs
     * @param testLimit  at most this many test images (full: 10,000)
     */
    public static Map<String, Object> run(Path dataDirectory, int epochs, long seed, int trainLimit, int testLimit,
                                          Path out) throws IOException {
        try (OutputDirectory directory = OutputDirectory.open(out, RESULT)) {
            return run(dataDirectory, epochs, seed, trainLimit, testLimit, directory);
        }
    }

    private static Map<String, Object> run(Path dataDirectory, int epochs, long seed, int trainLimit, int testLimit,
                                           OutputDirectory out) throws IOException {
        long start = System.nanoTime();
        IdxImages train = IdxImages.read(dataDirectory, IdxImages.Split.TRAIN);
        IdxImages test = IdxImages.read(dataDirectory, IdxImages.Split.TEST);
        int validationStart = Math.min(TRAIN_IMAGES, train.size() * 5 / 6);
        int trainCount = Math.min(trainLimit, validationStart);
        int validationCount = Math.min(train.size() - validationStart, Math.max(1, trainCount / 5));
        SoftmaxReadout.Samples trainSet = pixels(train, 0, trainCount);
        SoftmaxReadout.Samples validationSet = pixels(train, validationStart, validationCount);
        SoftmaxReadout.Samples testSet = pixels(test, 0, Math.min(testLimit, test.size()));
        SoftmaxReadout readout = new SoftmaxReadout(train.rows() * train.columns(), 10,
                SoftmaxReadout.Settings.nalsm(epochs, seed));
        SoftmaxReadout.Result result = readout.train(trainSet, validationSet, testSet);
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("model", "pixels");
        json.put("liquid_size", 0);
        json.put("dataset", dataDirectory.toString());
        json.put("seed", seed);
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
            labels[s] = images.labels()[from + s];
        }
        return new SoftmaxReadout.Samples(features, dimension, labels);
    }
}

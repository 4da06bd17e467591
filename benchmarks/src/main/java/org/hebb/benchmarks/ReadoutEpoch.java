package org.hebb.benchmarks;

import java.util.Locale;
import java.util.SplittableRandom;

import org.hebb.experiments.readout.SoftmaxReadout;

/**
 * NALSM's readout at NALSM8000's size: wall time per epoch of {@link SoftmaxReadout} (Adadelta 0.1, batches of
 * 100) on synthetic liquid features: TRAIN training samples, a fifth as many validation and test samples each, of
 * DIMENSION L1-normalised spike counts (uniform on 0 to twice a mean that depends on the class, so that training
 * learns something).
 * Uses only the readout's public API (and, when given, its constructor with threads), so the same program times
 * any build of it: put an older experiments jar first on the class path. Prints one line per run of EPOCHS epochs:
 * seconds per epoch and the final test accuracy. Usage: {@code ReadoutEpoch DIMENSION TRAIN EPOCHS RUNS [THREADS]}.
 */
public final class ReadoutEpoch {
    private ReadoutEpoch() {
    }

    private static SoftmaxReadout.Samples samples(int count, int dimension, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] features = new float[count * dimension];
        int[] labels = new int[count];
        for (int s = 0; s < count; s++) {
            int label = random.nextInt(10);
            labels[s] = label;
            double sum = 0;
            for (int f = 0; f < dimension; f++) {
                double mean = 1 + ((f * 7 + label * 13) % 10 == 0 ? 2 : 0);
                int spikes = (int) (random.nextDouble() * 2 * mean);
                features[s * dimension + f] = spikes;
                sum += spikes;
            }
            for (int f = 0; f < dimension; f++) {
                features[s * dimension + f] = (float) (features[s * dimension + f] / sum);
            }
        }
        return new SoftmaxReadout.Samples(features, dimension, labels);
    }

    public static void main(String[] args) throws Exception {
        int dimension = Integer.parseInt(args[0]);
        int trainCount = Integer.parseInt(args[1]);
        int epochs = Integer.parseInt(args[2]);
        int runs = Integer.parseInt(args[3]);
        Integer threads = args.length > 4 ? Integer.valueOf(args[4]) : null;
        SoftmaxReadout.Samples train = samples(trainCount, dimension, 1);
        SoftmaxReadout.Samples validation = samples(trainCount / 5, dimension, 2);
        SoftmaxReadout.Samples test = samples(trainCount / 5, dimension, 3);
        SoftmaxReadout.Settings settings = new SoftmaxReadout.Settings(0.1, 0.95, 1e-8, 5e-10, 100, epochs, 1);
        for (int r = 0; r < runs; r++) {
            SoftmaxReadout readout = threads == null ? new SoftmaxReadout(dimension, 10, settings)
                    : SoftmaxReadout.class.getConstructor(int.class, int.class, SoftmaxReadout.Settings.class,
                    int.class).newInstance(dimension, 10, settings, threads);
            long start = System.nanoTime();
            SoftmaxReadout.Result result = readout.train(train, validation, test);
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "{\"dimension\":%d,\"train\":%d,\"epochs\":%d,\"threads\":%s,"
                            + "\"seconds_per_epoch\":%.4f,\"test_accuracy\":%.4f}%n", dimension, trainCount, epochs,
                    threads == null ? "null" : threads.toString(), seconds / epochs,
                    result.testAccuracy()[epochs - 1]);
        }
    }
}

package org.hebb.experiments.readout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;

import org.apache.commons.rng.UniformRandomProvider;
import org.hebb.simulator.random.Seeds;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The readout's blocked, multithreaded training adds every sum in the order of the plainest one, one sample and
 * one feature at a time: weights, losses and accuracies equal bit for bit those of that plain training (written
 * here as the reference), whatever the number of threads, with dimensions and batches that fill no block exactly.
 */
class SoftmaxReadoutOrderTest {
    /** The plain training: logits sample by sample and feature by feature, gradients sample by sample. */
    private static final class PlainReadout {
        final int dimension;
        final int classes;
        final SoftmaxReadout.Settings settings;
        final double[][] w;
        final double[][] squaredGradients;
        final double[][] squaredUpdates;
        final double[][] gradient;

        PlainReadout(int dimension, int classes, SoftmaxReadout.Settings settings) {
            this.dimension = dimension;
            this.classes = classes;
            this.settings = settings;
            w = new double[dimension + 1][classes];
            squaredGradients = new double[dimension + 1][classes];
            squaredUpdates = new double[dimension + 1][classes];
            gradient = new double[dimension + 1][classes];
        }

        double[] predict(SoftmaxReadout.Samples samples, int sample) {
            double[] p = new double[classes];
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                double z = w[dimension][c];
                for (int f = 0; f < dimension; f++) {
                    z += samples.features()[sample * dimension + f] * w[f][c];
                }
                p[c] = z;
                max = Math.max(max, z);
            }
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                p[c] = Math.exp(p[c] - max);
                sum += p[c];
            }
            for (int c = 0; c < classes; c++) {
                p[c] /= sum;
            }
            return p;
        }

        double[] train(SoftmaxReadout.Samples train) {
            UniformRandomProvider random = Seeds.generator(settings.seed(), "readout shuffle");
            int[] order = new int[train.size()];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            double[] loss = new double[settings.epochs()];
            for (int epoch = 0; epoch < settings.epochs(); epoch++) {
                for (int i = order.length - 1; i > 0; i--) {
                    int j = random.nextInt(i + 1);
                    int t = order[i];
                    order[i] = order[j];
                    order[j] = t;
                }
                double total = 0;
                for (int start = 0; start < order.length; start += settings.batchSize()) {
                    int end = Math.min(order.length, start + settings.batchSize());
                    for (double[] row : gradient) {
                        java.util.Arrays.fill(row, 0);
                    }
                    for (int k = start; k < end; k++) {
                        int sample = order[k];
                        double[] p = predict(train, sample);
                        total -= Math.log(Math.max(1e-300, p[train.labels()[sample]]));
                        for (int c = 0; c < classes; c++) {
                            double error = (p[c] - (c == train.labels()[sample] ? 1 : 0)) * (1.0 / (end - start));
                            if (error == 0) {
                                continue;
                            }
                            for (int f = 0; f < dimension; f++) {
                                gradient[f][c] += error * train.features()[sample * dimension + f];
                            }
                            gradient[dimension][c] += error;
                        }
                    }
                    for (int f = 0; f <= dimension; f++) {
                        for (int c = 0; c < classes; c++) {
                            double g = gradient[f][c] + (f < dimension ? settings.l2() * w[f][c] : 0);
                            squaredGradients[f][c] = settings.rho() * squaredGradients[f][c] + (1 - settings.rho()) * g
                                    * g;
                            double update = -Math.sqrt(squaredUpdates[f][c] + settings.epsilon())
                                    / Math.sqrt(squaredGradients[f][c] + settings.epsilon()) * g;
                            squaredUpdates[f][c] = settings.rho() * squaredUpdates[f][c] + (1 - settings.rho())
                                    * update * update;
                            w[f][c] += settings.learningRate() * update;
                        }
                    }
                }
                loss[epoch] = total / order.length;
            }
            return loss;
        }
    }

    private static SoftmaxReadout.Samples samples(int count, int dimension, int classes, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] features = new float[count * dimension];
        int[] labels = new int[count];
        for (int s = 0; s < count; s++) {
            labels[s] = random.nextInt(classes);
            for (int f = 0; f < dimension; f++) {
                features[s * dimension + f] = (float) (random.nextDouble() + (f % classes == labels[s] ? 0.5 : 0));
            }
        }
        return new SoftmaxReadout.Samples(features, dimension, labels);
    }

    @ParameterizedTest(name = "{0} features, {1} classes, batches of {2}, {3} thread(s)")
    @CsvSource({"37, 3, 7, 1", "37, 3, 7, 2", "601, 10, 13, 1", "601, 10, 13, 3", "2, 2, 1, 2"})
    void trainingAddsInThePlainOrderBitForBit(int dimension, int classes, int batch, int threads) {
        SoftmaxReadout.Settings settings = new SoftmaxReadout.Settings(0.5, 0.95, 1e-8, 1e-4, batch, 3, 5);
        SoftmaxReadout.Samples train = samples(120, dimension, classes, 1);
        SoftmaxReadout.Samples validation = samples(40, dimension, classes, 3);
        SoftmaxReadout.Samples test = samples(40, dimension, classes, 2);
        SoftmaxReadout readout = new SoftmaxReadout(dimension, classes, settings, threads);
        SoftmaxReadout.Result result = readout.train(train, validation, test);
        PlainReadout plain = new PlainReadout(dimension, classes, settings);
        double[] loss = plain.train(train);
        assertArrayEquals(loss, result.trainLoss(), "losses per epoch, bit for bit");
        for (int f = 0; f <= dimension; f++) {
            for (int c = 0; c < classes; c++) {
                assertEquals(plain.w[f][c], readout.weight(f, c), 0, "weight of feature " + f + ", class " + c);
            }
        }
        assertEquals(plainAccuracy(plain, test), result.testAccuracy()[2], 0, "test accuracy");
        assertEquals(plainAccuracy(plain, validation), result.validationAccuracy()[2], 0, "validation accuracy");
    }

    private static double plainAccuracy(PlainReadout plain, SoftmaxReadout.Samples samples) {
        int correct = 0;
        for (int s = 0; s < samples.size(); s++) {
            double[] p = plain.predict(samples, s);
            int argmax = 0;
            for (int c = 1; c < plain.classes; c++) {
                argmax = p[c] > p[argmax] ? c : argmax;
            }
            correct += argmax == samples.labels()[s] ? 1 : 0;
        }
        return (double) correct / samples.size();
    }
}

package org.hebb.experiments.readout;

import org.apache.commons.rng.UniformRandomProvider;
import org.hebb.simulator.random.Seeds;
import org.hebb.util.Require;

/**
 * A linear softmax readout (features x classes weights and a bias per class) trained on cross-entropy by
 * minibatch Adadelta (Zeiler 2012, in TensorFlow's form: accumulators of squared gradients and squared updates
 * with decay rho, update scaled by the learning rate), with an L2 penalty; the model is chosen on validation
 * accuracy: the reported test accuracy is the one at the epoch with the best validation accuracy (NALSM's
 * protocol). Training is in double precision; samples are shuffled every epoch from the seed.
 */
public final class SoftmaxReadout {
    /**
     * Training settings.
     *
     * @param learningRate Adadelta's learning rate (NALSM 0.1)
     * @param rho          decay of the accumulators (TensorFlow's default 0.95)
     * @param epsilon      Adadelta's epsilon (TensorFlow's default 1e-8)
     * @param l2           weight of the L2 penalty (sum of squared weights / 2; NALSM 5e-10)
     * @param batchSize    samples per minibatch
     * @param epochs       passes over the training set
     * @param seed         master seed for the shuffles
     */
    public record Settings(double learningRate, double rho, double epsilon, double l2, int batchSize, int epochs,
                           long seed) {
        /** The most epochs (a million: far more than any run needs; the accuracies per epoch are kept). */
        public static final int MAX_EPOCHS = 1_000_000;

        public Settings {
            Require.positive("learning rate", learningRate, null);
            Require.that(rho > 0 && rho < 1, "rho = " + rho + " is not allowed: must be in (0, 1)");
            Require.positive("epsilon", epsilon, null);
            Require.nonNegative("l2", l2, null);
            Require.atLeast("batch size", batchSize, 1);
            Require.inRange("epochs", epochs, 1, MAX_EPOCHS);
        }

        /** NALSM's readout settings (Adadelta 0.1, L2 5e-10), batches of 100, {@code epochs} epochs. */
        public static Settings nalsm(int epochs, long seed) {
            return new Settings(0.1, 0.95, 1e-8, 5e-10, 100, epochs, seed);
        }
    }

    /**
     * Samples as rows of a flat array.
     *
     * @param features {@code size() * dimension} values, sample-major
     * @param labels   class of each sample, in [0, classes)
     */
    public record Samples(float[] features, int dimension, int[] labels) {
        public Samples {
            Require.that(features.length == (long) labels.length * dimension, "features has length "
                    + features.length + ": must be samples (" + labels.length + ") x dimension (" + dimension + ")");
        }

        public int size() {
            return labels.length;
        }
    }

    /**
     * What training gave.
     *
     * @param validationAccuracy per epoch (0-1)
     * @param testAccuracy       per epoch (0-1)
     * @param trainLoss          mean cross-entropy per epoch, during the epoch
     * @param bestEpoch          the epoch (from 0) with the best validation accuracy (the first if tied)
     */
    public record Result(double[] validationAccuracy, double[] testAccuracy, double[] trainLoss, int bestEpoch) {
        /** Test accuracy at the best validation epoch: the reported accuracy. */
        public double selectedTestAccuracy() {
            return testAccuracy[bestEpoch];
        }

        /** The best validation accuracy. */
        public double selectedValidationAccuracy() {
            return validationAccuracy[bestEpoch];
        }
    }

    private final int dimension;
    private final int classes;
    private final double[] weights;
    private final double[] squaredGradients;
    private final double[] squaredUpdates;
    private final double[] gradient;
    private final Settings settings;

    /** A readout of {@code dimension} features into {@code classes} classes, all weights 0. */
    public SoftmaxReadout(int dimension, int classes, Settings settings) {
        this.dimension = Require.atLeast("dimension", dimension, 1);
        this.classes = Require.atLeast("classes", classes, 2);
        this.settings = Require.notNull("settings", settings);
        int parameters = (dimension + 1) * classes;
        weights = new double[parameters];
        squaredGradients = new double[parameters];
        squaredUpdates = new double[parameters];
        gradient = new double[parameters];
    }

    /** Trains for the settings' epochs, evaluating validation and test accuracy after each. */
    public Result train(Samples train, Samples validation, Samples test) {
        requireShape(train, "train");
        requireShape(validation, "validation");
        requireShape(test, "test");
        UniformRandomProvider random = Seeds.generator(settings.seed(), "readout shuffle");
        int[] order = new int[train.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        int epochs = settings.epochs();
        double[] validationAccuracy = new double[epochs];
        double[] testAccuracy = new double[epochs];
        double[] loss = new double[epochs];
        int best = 0;
        double[] probabilities = new double[classes];
        for (int epoch = 0; epoch < epochs; epoch++) {
            for (int i = order.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            double total = 0;
            for (int start = 0; start < order.length; start += settings.batchSize()) {
                int end = Math.min(order.length, start + settings.batchSize());
                java.util.Arrays.fill(gradient, 0);
                for (int k = start; k < end; k++) {
                    int sample = order[k];
                    predict(train, sample, probabilities);
                    total -= Math.log(Math.max(1e-300, probabilities[train.labels()[sample]]));
                    accumulate(train, sample, probabilities, 1.0 / (end - start));
                }
                step();
            }
            loss[epoch] = total / order.length;
            validationAccuracy[epoch] = accuracy(validation);
            testAccuracy[epoch] = accuracy(test);
            if (validationAccuracy[epoch] > validationAccuracy[best]) {
                best = epoch;
            }
        }
        return new Result(validationAccuracy, testAccuracy, loss, best);
    }

    private void requireShape(Samples samples, String name) {
        Require.that(samples.dimension() == dimension, name + " dimension = " + samples.dimension()
                + " is not allowed: the readout takes " + dimension + " features");
        for (int label : samples.labels()) {
            Require.inRange(name + " label", label, 0, classes - 1);
        }
    }

    /** Class probabilities of one sample, into {@code out}. */
    double[] predict(Samples samples, int sample, double[] out) {
        float[] x = samples.features();
        int base = sample * dimension;
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < classes; c++) {
            double z = weights[dimension * classes + c];
            for (int f = 0; f < dimension; f++) {
                z += x[base + f] * weights[f * classes + c];
            }
            out[c] = z;
            max = Math.max(max, z);
        }
        double sum = 0;
        for (int c = 0; c < classes; c++) {
            out[c] = Math.exp(out[c] - max);
            sum += out[c];
        }
        for (int c = 0; c < classes; c++) {
            out[c] /= sum;
        }
        return out;
    }

    /** Adds one sample's cross-entropy gradient (p - y) x, scaled by {@code scale}. */
    private void accumulate(Samples samples, int sample, double[] probabilities, double scale) {
        float[] x = samples.features();
        int base = sample * dimension;
        int label = samples.labels()[sample];
        for (int c = 0; c < classes; c++) {
            double error = (probabilities[c] - (c == label ? 1 : 0)) * scale;
            if (error == 0) {
                continue;
            }
            for (int f = 0; f < dimension; f++) {
                gradient[f * classes + c] += error * x[base + f];
            }
            gradient[dimension * classes + c] += error;
        }
    }

    /** One Adadelta update from the accumulated gradient (plus the L2 penalty's on the weights, not the bias). */
    void step() {
        double rho = settings.rho();
        double epsilon = settings.epsilon();
        int weightCount = dimension * classes;
        for (int k = 0; k < weights.length; k++) {
            double g = gradient[k] + (k < weightCount ? settings.l2() * weights[k] : 0);
            squaredGradients[k] = rho * squaredGradients[k] + (1 - rho) * g * g;
            double update = -Math.sqrt(squaredUpdates[k] + epsilon) / Math.sqrt(squaredGradients[k] + epsilon) * g;
            squaredUpdates[k] = rho * squaredUpdates[k] + (1 - rho) * update * update;
            weights[k] += settings.learningRate() * update;
        }
    }

    /** Fraction of {@code samples} whose most probable class is their label. */
    public double accuracy(Samples samples) {
        double[] probabilities = new double[classes];
        int correct = 0;
        for (int s = 0; s < samples.size(); s++) {
            predict(samples, s, probabilities);
            int argmax = 0;
            for (int c = 1; c < classes; c++) {
                if (probabilities[c] > probabilities[argmax]) {
                    argmax = c;
                }
            }
            if (argmax == samples.labels()[s]) {
                correct++;
            }
        }
        return samples.size() == 0 ? 0 : (double) correct / samples.size();
    }

    /** Weight of feature {@code f} for class {@code c}; {@code f == dimension} is the bias. */
    double weight(int f, int c) {
        return weights[f * classes + c];
    }

    /** For tests: sets the gradient buffer. */
    void setGradient(int k, double value) {
        gradient[k] = value;
    }
}

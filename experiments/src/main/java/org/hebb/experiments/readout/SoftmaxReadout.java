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
 *
 * <p>Every sum is taken in one order whatever the number of threads or how samples are grouped: a logit is its bias
 * plus each feature times its weight, in feature order; a minibatch gradient sums its samples in batch order. So
 * the result is the same, bit for bit, on one thread or several, and the same as adding one sample at a time. The
 * work is split by sample (logits) and by feature (gradient and update); the logits of a batch are computed
 * together, a block of features at a time, so that the innermost loop runs over samples and vectorises.
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

    /**
     * Features per block: of the logits, computed block by block for a batch of samples (a block of 100 samples'
     * features, 200 KB, stays in the core's cache), and of the gradient and update, split among threads.
     */
    private static final int FEATURE_CHUNK = 256;
    /** Samples whose probabilities an evaluation computes together. */
    private static final int EVALUATION_CHUNK = 100;
    /** The most threads a readout trains and evaluates on. */
    public static final int MAX_THREADS = 256;

    private final int dimension;
    private final int classes;
    /** Per class, {@code dimension} weights then the bias. */
    private final double[] weights;
    private final double[] squaredGradients;
    private final double[] squaredUpdates;
    private final double[] gradient;
    private final Settings settings;
    private final int threads;
    private final ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(Scratch::new);

    /** A readout of {@code dimension} features into {@code classes} classes, all weights 0, on one thread. */
    public SoftmaxReadout(int dimension, int classes, Settings settings) {
        this(dimension, classes, settings, 1);
    }

    /**
     * A readout of {@code dimension} features into {@code classes} classes, all weights 0, trained and evaluated on
     * {@code threads} threads, 1 to {@link #MAX_THREADS} (the result does not depend on their number).
     */
    public SoftmaxReadout(int dimension, int classes, Settings settings, int threads) {
        this.dimension = Require.atLeast("dimension", dimension, 1);
        this.classes = Require.atLeast("classes", classes, 2);
        this.settings = Require.notNull("settings", settings);
        this.threads = Require.inRange("threads", threads, 1, MAX_THREADS);
        int parameters = (dimension + 1) * classes;
        weights = new double[parameters];
        squaredGradients = new double[parameters];
        squaredUpdates = new double[parameters];
        gradient = new double[parameters];
    }

    /** The number of threads to train on by default: {@code cores}, at most {@link #MAX_THREADS}. */
    public static int defaultThreads(int cores) {
        return Math.max(1, Math.min(cores, MAX_THREADS));
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
        int batch = settings.batchSize();
        double[][] errors = new double[Math.min(batch, Math.max(1, order.length))][classes];
        double[] batchLoss = new double[errors.length];
        int[] batchSamples = new int[errors.length];
        double[] rows = new double[errors.length * dimension];
        try (Ranges ranges = new Ranges(threads, "hebb-readout")) {
            for (int epoch = 0; epoch < epochs; epoch++) {
                for (int i = order.length - 1; i > 0; i--) {
                    int j = random.nextInt(i + 1);
                    int t = order[i];
                    order[i] = order[j];
                    order[j] = t;
                }
                double total = 0;
                for (int start = 0; start < order.length; start += batch) {
                    int end = Math.min(order.length, start + batch);
                    int n = end - start;
                    System.arraycopy(order, start, batchSamples, 0, n);
                    double scale = 1.0 / n;
                    ranges.run(n, (from, to) -> {
                        probabilities(train, batchSamples, from, to, rows, errors);
                        for (int s = from; s < to; s++) {
                            int label = train.labels()[batchSamples[s]];
                            double[] p = errors[s];
                            batchLoss[s] = -Math.log(Math.max(1e-300, p[label]));
                            for (int c = 0; c < classes; c++) {
                                p[c] = (p[c] - (c == label ? 1 : 0)) * scale;
                            }
                        }
                    });
                    for (int s = 0; s < n; s++) {
                        total += batchLoss[s];
                    }
                    ranges.forEach(chunks(dimension + 1), chunk -> {
                        int from = chunk * FEATURE_CHUNK;
                        int to = Math.min(dimension + 1, from + FEATURE_CHUNK);
                        accumulate(rows, n, errors, from, to);
                        step(from, to);
                    });
                }
                loss[epoch] = total / order.length;
                validationAccuracy[epoch] = accuracy(validation, ranges);
                testAccuracy[epoch] = accuracy(test, ranges);
                if (validationAccuracy[epoch] > validationAccuracy[best]) {
                    best = epoch;
                }
            }
        }
        return new Result(validationAccuracy, testAccuracy, loss, best);
    }

    private static int chunks(int length) {
        return (length + FEATURE_CHUNK - 1) / FEATURE_CHUNK;
    }

    private void requireShape(Samples samples, String name) {
        Require.that(samples.dimension() == dimension, name + " dimension = " + samples.dimension()
                + " is not allowed: the readout takes " + dimension + " features");
        for (int label : samples.labels()) {
            Require.inRange(name + " label", label, 0, classes - 1);
        }
    }

    /**
     * Class probabilities of samples {@code which[from]} to {@code which[to - 1]}, into {@code out[from]} to
     * {@code out[to - 1]}, their features copied as doubles into {@code rows} (sample s at {@code s * dimension};
     * into a scratch copy of the thread's if null).
     * Each logit is its bias plus the products of features and weights added in feature order, as one sample at a
     * time would add them; they are computed for the samples together, one block of features at a time, the block
     * turned feature by sample, so that the innermost loop adds weights times features of every sample into every
     * sample's logit (a loop the JIT vectorises).
     */
    private void probabilities(Samples samples, int[] which, int from, int to, double[] rows, double[][] out) {
        int n = to - from;
        int stride = dimension + 1;
        Scratch scratch = this.scratch.get();
        double[] copy = rows != null ? rows : scratch.rows(n * dimension);
        int first = rows != null ? from : 0;
        float[] x = samples.features();
        for (int s = 0; s < n; s++) {
            int base = which[from + s] * dimension;
            int row = (first + s) * dimension;
            for (int f = 0; f < dimension; f++) {
                copy[row + f] = x[base + f];
            }
        }
        double[] z = scratch.logits(classes * n);
        double[] features = scratch.features(FEATURE_CHUNK * n);
        for (int c = 0; c < classes; c++) {
            java.util.Arrays.fill(z, c * n, (c + 1) * n, weights[c * stride + dimension]);
        }
        for (int block = 0; block < dimension; block += FEATURE_CHUNK) {
            int width = Math.min(dimension, block + FEATURE_CHUNK) - block;
            transpose(copy, first, n, block, width, features);
            int c = 0;
            for (; c + 1 < classes; c += 2) {
                addProducts(z, c * n, (c + 1) * n, features, n, c * stride + block, (c + 1) * stride + block, width);
            }
            if (c < classes) {
                addProducts(z, c * n, -1, features, n, c * stride + block, -1, width);
            }
        }
        for (int s = 0; s < n; s++) {
            double[] p = out[from + s];
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < classes; k++) {
                p[k] = z[k * n + s];
                max = Math.max(max, p[k]);
            }
            double sum = 0;
            for (int k = 0; k < classes; k++) {
                p[k] = Math.exp(p[k] - max);
                sum += p[k];
            }
            for (int k = 0; k < classes; k++) {
                p[k] /= sum;
            }
        }
    }

    /**
     * Features {@code block} to {@code block + width - 1} of the {@code n} rows from row {@code first} of
     * {@code rows}, into {@code features} feature by sample, in tiles of 16 features (whose destination lines stay in
     * the cache).
     */
    private void transpose(double[] rows, int first, int n, int block, int width, double[] features) {
        for (int tile = 0; tile < width; tile += 16) {
            int end = Math.min(width, tile + 16);
            for (int s = 0; s < n; s++) {
                int row = (first + s) * dimension + block;
                for (int f = tile; f < end; f++) {
                    features[f * n + s] = rows[row + f];
                }
            }
        }
    }

    /**
     * Adds to the logits of one or two classes ({@code z[a]...} and {@code z[b]...}, b = -1 for none) of {@code n}
     * samples the products of {@code width} features (rows of {@code n} samples in {@code features}) with the
     * classes' weights (from {@code weights[wa]} and {@code weights[wb]}), feature by feature. Four features per
     * pass: {@code z + p + q + r + t} adds left to right, as four passes would, with fewer loads and stores.
     */
    private void addProducts(double[] z, int a, int b, double[] features, int n, int wa, int wb, int width) {
        int f = 0;
        for (; f + 3 < width; f += 4) {
            int r0 = f * n;
            int r1 = r0 + n;
            int r2 = r1 + n;
            int r3 = r2 + n;
            double a0 = weights[wa + f];
            double a1 = weights[wa + f + 1];
            double a2 = weights[wa + f + 2];
            double a3 = weights[wa + f + 3];
            if (b < 0) {
                for (int s = 0; s < n; s++) {
                    z[a + s] = z[a + s] + features[r0 + s] * a0 + features[r1 + s] * a1 + features[r2 + s] * a2
                            + features[r3 + s] * a3;
                }
                continue;
            }
            double b0 = weights[wb + f];
            double b1 = weights[wb + f + 1];
            double b2 = weights[wb + f + 2];
            double b3 = weights[wb + f + 3];
            for (int s = 0; s < n; s++) {
                double x0 = features[r0 + s];
                double x1 = features[r1 + s];
                double x2 = features[r2 + s];
                double x3 = features[r3 + s];
                z[a + s] = z[a + s] + x0 * a0 + x1 * a1 + x2 * a2 + x3 * a3;
                z[b + s] = z[b + s] + x0 * b0 + x1 * b1 + x2 * b2 + x3 * b3;
            }
        }
        for (; f < width; f++) {
            int row = f * n;
            double wa0 = weights[wa + f];
            for (int s = 0; s < n; s++) {
                z[a + s] += features[row + s] * wa0;
            }
            if (b >= 0) {
                double wb0 = weights[wb + f];
                for (int s = 0; s < n; s++) {
                    z[b + s] += features[row + s] * wb0;
                }
            }
        }
    }

    /** A thread's buffers for {@link #probabilities}, grown when a call needs more. */
    private static final class Scratch {
        private double[] logits = new double[0];
        private double[] features = new double[0];
        private double[] rows = new double[0];

        double[] rows(int length) {
            if (rows.length < length) {
                rows = new double[length];
            }
            return rows;
        }

        double[] logits(int length) {
            if (logits.length < length) {
                logits = new double[length];
            }
            return logits;
        }

        double[] features(int length) {
            if (features.length < length) {
                features = new double[length];
            }
            return features;
        }
    }

    /**
     * The minibatch gradient, for features {@code from} to {@code to - 1} (the bias is feature {@code dimension}):
     * the sum over the batch's {@code n} samples ({@code rows}, as doubles), in order, of each sample's scaled error
     * (p - y) / n times the feature; a class whose error is 0 adds nothing. Four samples per pass where all four
     * errors are non-zero ({@code g + p + q + r + t} adds left to right, as four passes would).
     */
    private void accumulate(double[] rows, int n, double[][] errors, int from, int to) {
        int stride = dimension + 1;
        for (int c = 0; c < classes; c++) {
            java.util.Arrays.fill(gradient, c * stride + from, c * stride + to, 0);
        }
        for (int s = 0; s < n; s += 4) {
            int group = Math.min(4, n - s);
            int pending = -1;
            for (int c = 0; c < classes; c++) {
                boolean allNonZero = group == 4;
                for (int k = 0; k < group && allNonZero; k++) {
                    allNonZero = errors[s + k][c] != 0;
                }
                if (!allNonZero) {
                    for (int k = s; k < s + group; k++) {
                        addOne(rows, k, errors[k][c], c, from, to);
                    }
                } else if (pending < 0) {
                    pending = c;
                } else {
                    addFour(rows, s, errors, pending, c, from, to);
                    pending = -1;
                }
            }
            if (pending >= 0) {
                addFour(rows, s, errors, pending, -1, from, to);
            }
        }
    }

    /**
     * Adds samples {@code s} to {@code s + 3}'s errors of class {@code a}, and of class {@code b} unless it is -1,
     * times their features to the gradient (the two classes share the loads of the features).
     */
    private void addFour(double[] rows, int s, double[][] errors, int a, int b, int from, int to) {
        int r0 = s * dimension;
        int r1 = r0 + dimension;
        int r2 = r1 + dimension;
        int r3 = r2 + dimension;
        int end = Math.min(to, dimension);
        int ga = a * (dimension + 1);
        double a0 = errors[s][a];
        double a1 = errors[s + 1][a];
        double a2 = errors[s + 2][a];
        double a3 = errors[s + 3][a];
        if (b < 0) {
            for (int f = from; f < end; f++) {
                gradient[ga + f] = gradient[ga + f] + a0 * rows[r0 + f] + a1 * rows[r1 + f] + a2 * rows[r2 + f]
                        + a3 * rows[r3 + f];
            }
        } else {
            int gb = b * (dimension + 1);
            double b0 = errors[s][b];
            double b1 = errors[s + 1][b];
            double b2 = errors[s + 2][b];
            double b3 = errors[s + 3][b];
            for (int f = from; f < end; f++) {
                double x0 = rows[r0 + f];
                double x1 = rows[r1 + f];
                double x2 = rows[r2 + f];
                double x3 = rows[r3 + f];
                gradient[ga + f] = gradient[ga + f] + a0 * x0 + a1 * x1 + a2 * x2 + a3 * x3;
                gradient[gb + f] = gradient[gb + f] + b0 * x0 + b1 * x1 + b2 * x2 + b3 * x3;
            }
            if (to > dimension) {
                gradient[gb + dimension] = gradient[gb + dimension] + b0 + b1 + b2 + b3;
            }
        }
        if (to > dimension) {
            gradient[ga + dimension] = gradient[ga + dimension] + a0 + a1 + a2 + a3;
        }
    }

    /** Adds sample {@code s}'s error {@code e} of class {@code c} times its features to the gradient (none if 0). */
    private void addOne(double[] rows, int s, double e, int c, int from, int to) {
        if (e == 0) {
            return;
        }
        int g = c * (dimension + 1);
        int r = s * dimension;
        int end = Math.min(to, dimension);
        for (int f = from; f < end; f++) {
            gradient[g + f] += e * rows[r + f];
        }
        if (to > dimension) {
            gradient[g + dimension] += e;
        }
    }

    /** One Adadelta update from the accumulated gradient (plus the L2 penalty's on the weights, not the bias). */
    void step() {
        step(0, dimension + 1);
    }

    /**
     * The Adadelta update of features {@code from} to {@code to - 1} of every class: the weights with the L2
     * penalty's gradient, in a loop without branches (which the JIT vectorises), then the bias without it.
     */
    private void step(int from, int to) {
        double l2 = settings.l2();
        int stride = dimension + 1;
        int end = Math.min(to, dimension);
        for (int c = 0; c < classes; c++) {
            for (int k = c * stride + from; k < c * stride + end; k++) {
                adadelta(k, gradient[k] + l2 * weights[k]);
            }
            if (to > dimension) {
                int bias = c * stride + dimension;
                adadelta(bias, gradient[bias] + 0.0);
            }
        }
    }

    private void adadelta(int k, double g) {
        double rho = settings.rho();
        double epsilon = settings.epsilon();
        squaredGradients[k] = rho * squaredGradients[k] + (1 - rho) * g * g;
        double update = -Math.sqrt(squaredUpdates[k] + epsilon) / Math.sqrt(squaredGradients[k] + epsilon) * g;
        squaredUpdates[k] = rho * squaredUpdates[k] + (1 - rho) * update * update;
        weights[k] += settings.learningRate() * update;
    }

    /** Fraction of {@code samples} whose most probable class is their label. */
    public double accuracy(Samples samples) {
        try (Ranges ranges = new Ranges(threads, "hebb-readout")) {
            return accuracy(samples, ranges);
        }
    }

    private double accuracy(Samples samples, Ranges ranges) {
        int n = samples.size();
        boolean[] right = new boolean[n];
        int[] all = new int[n];
        for (int s = 0; s < n; s++) {
            all[s] = s;
        }
        double[][] probabilities = new double[n][classes];
        ranges.run(n, (from, to) -> {
            for (int start = from; start < to; start += EVALUATION_CHUNK) {
                int end = Math.min(to, start + EVALUATION_CHUNK);
                probabilities(samples, all, start, end, null, probabilities);
                for (int s = start; s < end; s++) {
                    double[] p = probabilities[s];
                    int argmax = 0;
                    for (int c = 1; c < classes; c++) {
                        if (p[c] > p[argmax]) {
                            argmax = c;
                        }
                    }
                    right[s] = argmax == samples.labels()[s];
                }
            }
        });
        int correct = 0;
        for (boolean r : right) {
            correct += r ? 1 : 0;
        }
        return n == 0 ? 0 : (double) correct / n;
    }

    /** Weight of feature {@code f} for class {@code c}; {@code f == dimension} is the bias. */
    double weight(int f, int c) {
        return weights[c * (dimension + 1) + f];
    }

    /** For tests: sets the gradient of weight {@code f} of class {@code c} ({@code f == dimension}: the bias). */
    void setGradient(int f, int c, double value) {
        gradient[c * (dimension + 1) + f] = value;
    }
}

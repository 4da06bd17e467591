package org.hebb.plasticity.hlop;

import org.hebb.util.Require;

/**
 * How a {@link HebbianSubspace} learns: the step of Oja's subspace rule, its momentum, the clip applied to each
 * element of the batch-averaged update, and how many times the rule is applied to each batch.
 *
 * <p>One application on a batch of B activity vectors x (rows of the subspace H, M x N; y = H x;
 * x_hat = H<sup>T</sup> y) is:
 * <pre>
 *   g = clip((1/B) sum_b y (x - x_hat)^T, -updateClip, +updateClip)     (learning rows only)
 *   v = momentum * v + (1 - momentum) * g
 *   H = H + learningRate * v
 * </pre>
 *
 * @param learningRate         step of the rule, per application (dimensionless; activity is usually a rate)
 * @param momentum             weight of the previous velocity, in [0, 1); 0 turns momentum off
 * @param updateClip           bound on |g| elementwise, > 0
 * @param iterationsPerBatch   applications of the rule to every batch (or single vector) given to learn, >= 1
 * @param orthonormalizeOnMerge whether ending a task orthonormalises the rows it learned against the frozen rows
 *                             (Gram-Schmidt, which keeps their span), so that the projection is exact; when false the
 *                             learned rows are frozen as they are, which is only approximately orthonormal
 */
public record SubspaceLearningSettings(
        double learningRate,
        double momentum,
        double updateClip,
        int iterationsPerBatch,
        boolean orthonormalizeOnMerge) {

    /** Learning rate for hidden layers; the input layer of a network usually learns with 0.001. */
    public static final double DEFAULT_LEARNING_RATE = 0.01;
    public static final double DEFAULT_MOMENTUM = 0.9;
    public static final double DEFAULT_UPDATE_CLIP = 10;
    public static final int DEFAULT_ITERATIONS_PER_BATCH = 5;

    public SubspaceLearningSettings {
        Require.positive("learningRate", learningRate, null);
        Require.that(momentum >= 0 && momentum < 1,
                "momentum = " + momentum + " is not allowed: must be in [0, 1)");
        Require.positive("updateClip", updateClip, null);
        Require.atLeast("iterationsPerBatch", iterationsPerBatch, 1);
    }

    /** Learning rate 0.01, momentum 0.9, clip 10, 5 iterations per batch, orthonormalisation on merge. */
    public static SubspaceLearningSettings defaults() {
        return new SubspaceLearningSettings(DEFAULT_LEARNING_RATE, DEFAULT_MOMENTUM, DEFAULT_UPDATE_CLIP,
                DEFAULT_ITERATIONS_PER_BATCH, true);
    }

    public SubspaceLearningSettings withLearningRate(double value) {
        return new SubspaceLearningSettings(value, momentum, updateClip, iterationsPerBatch, orthonormalizeOnMerge);
    }

    public SubspaceLearningSettings withMomentum(double value) {
        return new SubspaceLearningSettings(learningRate, value, updateClip, iterationsPerBatch, orthonormalizeOnMerge);
    }

    public SubspaceLearningSettings withUpdateClip(double value) {
        return new SubspaceLearningSettings(learningRate, momentum, value, iterationsPerBatch, orthonormalizeOnMerge);
    }

    public SubspaceLearningSettings withIterationsPerBatch(int value) {
        return new SubspaceLearningSettings(learningRate, momentum, updateClip, value, orthonormalizeOnMerge);
    }

    public SubspaceLearningSettings withOrthonormalizeOnMerge(boolean value) {
        return new SubspaceLearningSettings(learningRate, momentum, updateClip, iterationsPerBatch, value);
    }
}

package org.hebb.experiments.nalsm;

import java.io.Serializable;
import java.util.ArrayDeque;

import org.hebb.experiments.jobs.Job;

/**
 * A block of NALSM's feature phase as a {@link Job} that carries everything it needs: the liquid's configuration,
 * W_init, its images' pixels and the dataset's scale (their encoding's 1 / m). It runs in this process or, shipped,
 * on a cluster's executor, and gives the same spike counts either way. The liquids it builds are kept per process
 * while one liquid is in use ({@code liquid} names it), so that the blocks that follow reuse them instead of building
 * their own.
 *
 * @param id      the block's name
 * @param config  the liquid's configuration
 * @param initial W_init, as {@link FeaturePhase#weightsOf} gives it
 * @param liquid  what the liquid is made from (configuration and W_init), naming the liquids kept for reuse
 * @param images  the block's images, as indices into their dataset (they key each sample's random input pulses)
 * @param pixels  each image's pixels
 * @param scale   the dataset's 1 / m ({@link InputEncoding#scale})
 */
record FeatureBlock(String id, NalsmLiquid.Config config, float[][] initial, String liquid, int[] images,
                    byte[][] pixels, double scale) implements Job<int[][]>, Serializable {
    /** Liquids idle in this process, all made from {@link #keptFor}. */
    private static final ArrayDeque<FeaturePhase.Worker> KEPT = new ArrayDeque<>();
    private static String keptFor;

    @Override
    public int[][] run(int worker) {
        FeaturePhase.Worker liquidWorker = take(liquid);
        if (liquidWorker == null) {
            liquidWorker = new FeaturePhase.Worker(config, initial);
        }
        float[] probabilities = new float[config.inputs()];
        int[][] features = new int[images.length][];
        for (int s = 0; s < images.length; s++) {
            InputEncoding.probabilities(pixels[s], scale, probabilities);
            features[s] = liquidWorker.features(images[s], probabilities);
        }
        give(liquid, liquidWorker);
        return features;
    }

    private static synchronized FeaturePhase.Worker take(String liquid) {
        if (!liquid.equals(keptFor)) {
            KEPT.clear();
            keptFor = liquid;
        }
        return KEPT.poll();
    }

    private static synchronized void give(String liquid, FeaturePhase.Worker worker) {
        if (liquid.equals(keptFor)) {
            KEPT.push(worker);
        }
    }

    /** Lets go of the liquids kept for {@code liquid} (when its feature set is done). */
    static synchronized void release(String liquid) {
        if (liquid.equals(keptFor)) {
            KEPT.clear();
            keptFor = null;
        }
    }
}

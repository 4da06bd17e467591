package org.hebb.experiments.hlop;

import java.io.IOException;
import java.util.Locale;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.PermutationSampler;
import org.hebb.experiments.data.IdxImages;
import org.hebb.plasticity.hlop.HebbianSubspace;
import org.hebb.plasticity.hlop.SubspaceLearningSettings;
import org.hebb.simulator.random.Seeds;

/**
 * How fast Oja's subspace rule, as {@link HebbianSubspace} runs it in the HLOP experiment (batches of 64, momentum
 * 0.9, 5 iterations per batch), brings the rows of task 1's input layer to the principal subspace of their
 * activity: 10,000 Fashion-MNIST training images as traces (pixel / 255 x 13, about where the input traces of
 * {@link HlopNetwork} reach), several passes over them, and after every fifth pass {@link SubspaceFit}'s largest
 * principal angle between the rows and as many leading eigenvectors of the activity's second moment, and that of the
 * 10 leading ones alone.
 *
 * <p>{@code java -cp experiments/target/hebb-experiments.jar org.hebb.experiments.hlop.SubspaceConvergence ROWS
 * PASSES RATE}
 */
public final class SubspaceConvergence {
    private static final int IMAGES = 10_000;
    private static final int BATCH = 64;
    private static final float TRACE_SCALE = 13f / 255f;

    private SubspaceConvergence() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: SubspaceConvergence ROWS PASSES LEARNING_RATE");
            System.exit(2);
        }
        int rows = Integer.parseInt(args[0]);
        int passes = Integer.parseInt(args[1]);
        double rate = Double.parseDouble(args[2]);
        IdxImages images = IdxImages.read(IdxImages.FASHION_MNIST, IdxImages.Split.TRAIN);
        int pixels = images.rows() * images.columns();
        float[][] traces = new float[IMAGES][pixels];
        SubspaceFit fit = new SubspaceFit(pixels);
        for (int i = 0; i < IMAGES; i++) {
            for (int p = 0; p < pixels; p++) {
                traces[i][p] = images.pixel(i, p) * TRACE_SCALE;
            }
            fit.add(traces[i]);
        }
        double[] eigenvalues = fit.eigenvalues();
        System.out.printf(Locale.ROOT, "second moment's eigenvalues: the first over number %d = %.0f; numbers %d and %d"
                + " differ by %.2f%%%n", rows, eigenvalues[0] / eigenvalues[rows - 1], rows, rows + 1,
                100 * (1 - eigenvalues[rows] / eigenvalues[rows - 1]));

        long seed = 1;
        HebbianSubspace subspace = HebbianSubspace.create(pixels, Seeds.derive(seed, "subspace"),
                SubspaceLearningSettings.defaults().withLearningRate(rate));
        subspace.beginTask(rows);
        UniformRandomProvider random = Seeds.generator(seed, "order");
        float[][] batch = new float[BATCH][];
        long start = System.nanoTime();
        for (int pass = 1; pass <= passes; pass++) {
            int[] order = PermutationSampler.natural(IMAGES);
            PermutationSampler.shuffle(random, order);
            for (int b = 0; b + BATCH <= IMAGES; b += BATCH) {
                for (int k = 0; k < BATCH; k++) {
                    batch[k] = traces[order[b + k]];
                }
                subspace.learn(batch);
            }
            if (pass == 1 || pass % 5 == 0) {
                double[] measures = fit.fit(subspace, 0);
                System.out.printf(Locale.ROOT, "pass %d: largest principal angle %.1f degrees, of the %d leading "
                        + "directions %.1f degrees (%.0f s)%n", pass, measures[0], SubspaceFit.LEADING, measures[2],
                        (System.nanoTime() - start) / 1e9);
            }
        }
    }
}

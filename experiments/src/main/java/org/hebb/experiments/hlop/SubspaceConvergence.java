package org.hebb.experiments.hlop;

import java.io.IOException;
import java.util.Locale;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.PermutationSampler;
import org.hebb.experiments.analysis.Subspaces;
import org.hebb.experiments.data.IdxImages;
import org.hebb.plasticity.hlop.HebbianSubspace;
import org.hebb.plasticity.hlop.SubspaceLearningSettings;
import org.hebb.simulator.random.Seeds;

/**
 * How fast Oja's subspace rule, as {@link HebbianSubspace} runs it in the HLOP experiment (batches of 64, momentum
 * 0.9, 5 iterations per batch), brings the rows of task 1's input layer to the principal subspace of their
 * activity: 10,000 Fashion-MNIST training images as traces (pixel / 255 x 13, about where the input traces of
 * {@link HlopNetwork} reach), several passes over them, and after every fifth pass the largest principal angle
 * between the rows and the activity's leading singular vectors, and that of the 10 leading ones alone.
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
        double[][] moment = new double[pixels][pixels];
        for (int i = 0; i < IMAGES; i++) {
            for (int p = 0; p < pixels; p++) {
                traces[i][p] = images.pixel(i, p) * TRACE_SCALE;
            }
            for (int p = 0; p < pixels; p++) {
                for (int q = 0; q < pixels && traces[i][p] != 0; q++) {
                    moment[p][q] += (double) traces[i][p] * traces[i][q] / IMAGES;
                }
            }
        }
        // symmetric and positive semi-definite: its singular values are its eigenvalues, largest first
        SingularValueDecomposition svd = new SingularValueDecomposition(new Array2DRowRealMatrix(moment, false));
        double[] eigenvalues = svd.getSingularValues();
        System.out.printf(Locale.ROOT, "second moment's eigenvalues: the first over number %d = %.0f; numbers %d and %d"
                + " differ by %.2f%%%n", rows, eigenvalues[0] / eigenvalues[rows - 1], rows, rows + 1,
                100 * (1 - eigenvalues[rows] / eigenvalues[rows - 1]));
        RealMatrix leading = svd.getU().getSubMatrix(0, pixels - 1, 0, rows - 1);
        RealMatrix leadingTen = svd.getU().getSubMatrix(0, pixels - 1, 0, Math.min(rows, 10) - 1);

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
                RealMatrix learnt = rowsAsColumns(subspace, pixels);
                double[] all = Subspaces.principalAnglesDeg(learnt, leading);
                double[] ten = Subspaces.principalAnglesDeg(learnt, leadingTen);
                System.out.printf(Locale.ROOT, "pass %d: largest principal angle %.1f degrees, of the 10 leading "
                        + "directions %.1f degrees (%.0f s)%n", pass, all[all.length - 1], ten[ten.length - 1],
                        (System.nanoTime() - start) / 1e9);
            }
        }
    }

    private static RealMatrix rowsAsColumns(HebbianSubspace subspace, int dimension) {
        double[] weights = subspace.weights();
        RealMatrix m = new Array2DRowRealMatrix(dimension, subspace.rows());
        for (int r = 0; r < subspace.rows(); r++) {
            for (int c = 0; c < dimension; c++) {
                m.setEntry(c, r, weights[r * dimension + c]);
            }
        }
        return m;
    }
}

package org.hebb.experiments.hlop;

import java.util.SplittableRandom;

import org.hebb.experiments.data.IdxImages;
import org.hebb.simulator.random.Seeds;
import org.hebb.util.Require;

/**
 * The tasks of permuted (Fashion-)MNIST: task 1 shows the images as they are, every later task the same images with
 * their pixels moved by a fixed random permutation of its own, drawn from the master seed (a stream per task, so
 * task k's permutation does not depend on how many tasks there are).
 */
public final class PermutedTasks {
    private PermutedTasks() {
    }

    /**
     * The pixel permutations of {@code tasks} tasks over images of {@code pixels} pixels: element k is task k + 1's,
     * the identity for k = 0; permuted image pixel p is original pixel {@code permutation[p]}.
     */
    public static int[][] permutations(int tasks, int pixels, long masterSeed) {
        Require.atLeast("tasks", tasks, 1);
        Require.atLeast("pixels", pixels, 1);
        int[][] permutations = new int[tasks][];
        for (int k = 0; k < tasks; k++) {
            permutations[k] = k == 0 ? randomOrder(pixels, null) : randomOrder(pixels, new SplittableRandom(
                    Seeds.derive(masterSeed, "pixel permutation of task " + (k + 1))));
        }
        return permutations;
    }

    /** 0..n-1 shuffled by {@code random} (Fisher-Yates), or in order when it is null. */
    static int[] randomOrder(int n, SplittableRandom random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; random != null && i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }

    /** {@code images} with their pixels moved by {@code permutation} (labels unchanged). */
    public static IdxImages permute(IdxImages images, int[] permutation) {
        int pixels = images.rows() * images.columns();
        Require.that(permutation.length == pixels, "permutation length = " + permutation.length + " is not "
                + "allowed: the images have " + pixels + " pixels");
        byte[][] moved = new byte[images.size()][pixels];
        for (int i = 0; i < moved.length; i++) {
            byte[] original = images.pixels()[i];
            for (int p = 0; p < pixels; p++) {
                moved[i][p] = original[permutation[p]];
            }
        }
        return new IdxImages(images.rows(), images.columns(), moved, images.labels());
    }
}

package org.hebb.experiments.hlop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.hebb.experiments.data.IdxImages;
import org.hebb.experiments.output.Plots;
import org.hebb.experiments.testing.SyntheticImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Permuted tasks (identity first, then fixed permutations from the master seed) and the continual-learning metrics
 * ACC and BWT, against values worked out by hand.
 */
class ContinualLearningTasksTest {
    @TempDir
    Path dir;

    @Test
    void taskOneIsTheIdentityAndLaterTasksAreFixedPermutationsOfTheirOwn() {
        int[][] tasks = PermutedTasks.permutations(10, 784, 7);
        for (int p = 0; p < 784; p++) {
            assertEquals(p, tasks[0][p], "task 1 leaves pixel " + p + " in place");
        }
        for (int k = 1; k < 10; k++) {
            int[] sorted = tasks[k].clone();
            Arrays.sort(sorted);
            for (int p = 0; p < 784; p++) {
                assertEquals(p, sorted[p], "task " + (k + 1) + " is a permutation");
            }
            assertFalse(Arrays.equals(tasks[0], tasks[k]), "task " + (k + 1) + " moves pixels");
            for (int m = 1; m < k; m++) {
                assertFalse(Arrays.equals(tasks[m], tasks[k]), "tasks " + (m + 1) + " and " + (k + 1) + " differ");
            }
        }
        assertArrayEquals(tasks[3], PermutedTasks.permutations(4, 784, 7)[3], "a task's permutation does not "
                + "depend on the number of tasks");
        assertFalse(Arrays.equals(tasks[1], PermutedTasks.permutations(2, 784, 8)[1]), "nor the seed's");
    }

    @Test
    void permutingMovesEachPixelWhereThePermutationSays() {
        IdxImages images = SyntheticImages.classBlobs(5, 3);
        int[] permutation = PermutedTasks.permutations(2, 784, 1)[1];
        IdxImages moved = PermutedTasks.permute(images, permutation);
        for (int i = 0; i < 5; i++) {
            assertEquals(images.label(i), moved.label(i));
            for (int p = 0; p < 784; p++) {
                assertEquals(images.pixel(i, permutation[p]), moved.pixel(i, p));
            }
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PermutedTasks.permute(images, new int[10]));
        assertTrue(e.getMessage().contains("permutation length = 10 is not allowed: the images have 784 pixels"),
                e.getMessage());
    }

    @Test
    void accAndBwtAreThePapersMeans() {
        // after task 1: task 1 at 0.9; after task 2: task 1 fell to 0.6, task 2 at 0.8; after task 3: 0.5, 0.7, 0.95
        AccuracyMatrix m = new AccuracyMatrix(new double[][] {{0.9, 0.1, 0.1}, {0.6, 0.8, 0.1}, {0.5, 0.7, 0.95}});
        assertEquals(100 * (0.5 + 0.7 + 0.95) / 3, m.acc(), 1e-12);
        assertEquals(100 * ((0.5 - 0.9) + (0.7 - 0.8)) / 2, m.bwt(), 1e-12, "task 3, the last, does not count");
        assertArrayEquals(new double[] {0.9, 0.6, 0.5}, m.perTask()[0]);
        assertArrayEquals(new double[] {0.95}, m.perTask()[2]);
        assertEquals(0, new AccuracyMatrix(new double[][] {{0.9, 0}, {0.9, 0.8}}).bwt(), 1e-12, "no forgetting");
        assertEquals("backward transfer needs at least 2 tasks; there is 1", assertThrows(IllegalStateException.class,
                () -> new AccuracyMatrix(new double[][] {{0.5}}).bwt()).getMessage());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new AccuracyMatrix(new double[][] {{0.5, 0.2}, {1.5, 0.3}}));
        assertTrue(e.getMessage().contains("accuracy on task 1 after task 2 = 1.5"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new AccuracyMatrix(new double[][] {{0.5, 0.2}, {0.3}}));
        assertTrue(e.getMessage().contains("row 2 has 1 tasks: must have 2"), e.getMessage());
    }

    @Test
    void theMatrixIsDrawnAsAHeatMap() throws Exception {
        Path file = dir.resolve("matrix.png");
        Plots.heatMap(file, "accuracy (%)", "task tested", "after learning task", List.of("1", "2"), List.of("1", "2"),
                new double[][] {{90, Double.NaN}, {60, 80}}, 0, 100);
        assertTrue(Files.size(file) > 1000, "a PNG");
    }
}

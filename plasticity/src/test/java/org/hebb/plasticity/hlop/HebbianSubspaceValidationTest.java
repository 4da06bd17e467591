package org.hebb.plasticity.hlop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Every argument is checked, with a message naming the parameter, the value and what is allowed. */
class HebbianSubspaceValidationTest {
    private static final int DIMENSION = 6;

    @Test
    void rejectsBadDimensionAndSettings() {
        expectArgument(() -> HebbianSubspace.create(0, 1), "dimension = 0", ">= 1");
        expectArgument(() -> HebbianSubspace.create(-3, 1), "dimension = -3", ">= 1");
        expectArgument(() -> HebbianSubspace.create(DIMENSION, 1, null), "settings is null");
        SubspaceLearningSettings defaults = SubspaceLearningSettings.defaults();
        expectArgument(() -> defaults.withLearningRate(0), "learningRate = 0.0", "> 0");
        expectArgument(() -> defaults.withLearningRate(Double.NaN), "learningRate = NaN", "> 0");
        expectArgument(() -> defaults.withMomentum(1), "momentum = 1.0", "[0, 1)");
        expectArgument(() -> defaults.withMomentum(-0.1), "momentum = -0.1", "[0, 1)");
        expectArgument(() -> defaults.withUpdateClip(0), "updateClip = 0.0", "> 0");
        expectArgument(() -> defaults.withIterationsPerBatch(0), "iterationsPerBatch = 0", ">= 1");
    }

    @Test
    void defaultsAreThePublishedOnes() {
        SubspaceLearningSettings defaults = SubspaceLearningSettings.defaults();
        assertEquals(0.01, defaults.learningRate());
        assertEquals(0.9, defaults.momentum());
        assertEquals(10, defaults.updateClip());
        assertEquals(5, defaults.iterationsPerBatch());
        assertTrue(defaults.orthonormalizeOnMerge());
    }

    @Test
    void rejectsBadRowCounts() {
        HebbianSubspace subspace = HebbianSubspace.create(DIMENSION, 1);
        expectArgument(() -> subspace.beginTask(0), "newRows = 0", ">= 1");
        expectArgument(() -> subspace.beginTask(DIMENSION + 1), "newRows = 7", "at most 6");
        subspace.beginTask(4);
        subspace.endTask();
        expectArgument(() -> subspace.beginTask(3), "newRows = 3", "at most 2");
        expectArgument(() -> subspace.beginTask(Integer.MAX_VALUE), "newRows = " + Integer.MAX_VALUE, "at most 2");
        subspace.beginTask(2);
        assertEquals(DIMENSION, subspace.rows());
    }

    @Test
    void rejectsBadActivity() {
        HebbianSubspace subspace = HebbianSubspace.create(DIMENSION, 1);
        subspace.beginTask(2);
        expectArgument(() -> subspace.learn(new float[DIMENSION - 1]), "activity.length = 5", "dimension() = 6");
        expectArgument(() -> subspace.learn((float[]) null), "activity is null");
        float[] withNaN = new float[DIMENSION];
        withNaN[3] = Float.NaN;
        expectArgument(() -> subspace.learn(withNaN), "activity[3] = NaN", "finite");
        float[] withInfinity = new float[DIMENSION];
        withInfinity[0] = Float.POSITIVE_INFINITY;
        expectArgument(() -> subspace.learn(new float[][] {new float[DIMENSION], withInfinity}),
                "batch[1][0] = Infinity", "finite");
        expectArgument(() -> subspace.learn(new float[0][]), "batch has 0 vectors");
        expectArgument(() -> subspace.learn((float[][]) null), "batch is null");
        expectArgument(() -> subspace.learn(new float[][] {new float[DIMENSION], null}), "batch[1] is null");
        expectArgument(() -> subspace.learn(new float[][] {new float[DIMENSION], new float[2]}),
                "batch[1].length = 2", "dimension() = 6");
    }

    @Test
    void rejectedBatchLeavesTheRowsUnchanged() {
        HebbianSubspace subspace = HebbianSubspace.create(DIMENSION, 1);
        subspace.beginTask(2);
        double[] before = subspace.weights();
        float[] good = {1, 2, 3, 4, 5, 6};
        assertThrows(IllegalArgumentException.class, () -> subspace.learn(new float[][] {good, new float[3]}));
        org.junit.jupiter.api.Assertions.assertArrayEquals(before, subspace.weights(), 0.0);
    }

    @Test
    void rejectsBadProjectionArguments() {
        HebbianSubspace subspace = HebbianSubspace.create(DIMENSION, 1);
        subspace.beginTask(2);
        subspace.endTask();
        float[] x = new float[DIMENSION];
        expectArgument(() -> subspace.project(new float[4], x), "activity.length = 4", "dimension() = 6");
        expectArgument(() -> subspace.project(x, new float[7]), "out.length = 7", "dimension() = 6");
        expectArgument(() -> subspace.project(null, x), "activity is null");
        expectArgument(() -> subspace.project(x, x, new double[1]), "rowScratch.length = 1", "frozenRows() = 2");
    }

    @Test
    void rejectsCallsOutOfOrder() {
        HebbianSubspace subspace = HebbianSubspace.create(DIMENSION, 1);
        expectState(() -> subspace.learn(new float[DIMENSION]), "no task in progress");
        expectState(subspace::endTask, "no task in progress");
        subspace.beginTask(1);
        expectState(() -> subspace.beginTask(1), "already in progress");
    }

    private static void expectArgument(Executable call, String... fragments) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        for (String fragment : fragments) {
            assertTrue(e.getMessage().contains(fragment), "message '" + e.getMessage() + "' lacks '" + fragment + "'");
        }
    }

    private static void expectState(Executable call, String fragment) {
        IllegalStateException e = assertThrows(IllegalStateException.class, call);
        assertTrue(e.getMessage().contains(fragment), "message '" + e.getMessage() + "' lacks '" + fragment + "'");
    }
}

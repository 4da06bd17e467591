package org.hebb.experiments.hlop;

import java.util.Arrays;

import org.hebb.util.Require;

/**
 * The accuracies of continual learning: {@code after[i][j]} is the test accuracy on task j after learning tasks
 * 1..i + 1, as a fraction in [0, 1]. The paper's metrics (Lopez-Paz and Ranzato's): ACC, the mean final accuracy
 * over all tasks, and BWT, the mean over every task but the last of its final accuracy minus its accuracy right after
 * it was learnt; both in percentage points. A negative BWT is forgetting.
 *
 * @param after the square matrix of accuracies, one row per task learnt
 */
public record AccuracyMatrix(double[][] after) {
    /** Checks the matrix: square, at least one task, every accuracy in [0, 1]. */
    public AccuracyMatrix {
        Require.atLeast("tasks", after.length, 1);
        for (int i = 0; i < after.length; i++) {
            Require.that(after[i].length == after.length, "accuracy matrix row " + (i + 1) + " has "
                    + after[i].length + " tasks: must have " + after.length + ", one per task");
            for (int j = 0; j < after.length; j++) {
                Require.inRange("accuracy on task " + (j + 1) + " after task " + (i + 1), after[i][j], 0.0, 1.0, "");
            }
        }
        after = Arrays.stream(after).map(double[]::clone).toArray(double[][]::new);
    }

    /** The number of tasks. */
    public int tasks() {
        return after.length;
    }

    /** ACC: the mean final accuracy over all tasks, in percentage points. */
    public double acc() {
        double sum = 0;
        for (double a : after[after.length - 1]) {
            sum += a;
        }
        return 100 * sum / after.length;
    }

    /**
     * BWT: the mean over tasks 1..T - 1 of the final accuracy minus the accuracy right after learning the task, in
     * percentage points.
     *
     * @throws IllegalStateException with a single task, where it is not defined
     */
    public double bwt() {
        if (after.length < 2) {
            throw new IllegalStateException("backward transfer needs at least 2 tasks; there is 1");
        }
        double sum = 0;
        for (int j = 0; j < after.length - 1; j++) {
            sum += after[after.length - 1][j] - after[j][j];
        }
        return 100 * sum / (after.length - 1);
    }

    /** Each task's accuracy as tasks are learnt: element j holds task j's accuracy after each task from j on. */
    public double[][] perTask() {
        double[][] curves = new double[after.length][];
        for (int j = 0; j < after.length; j++) {
            curves[j] = new double[after.length - j];
            for (int i = j; i < after.length; i++) {
                curves[j][i - j] = after[i][j];
            }
        }
        return curves;
    }

    @Override
    public double[][] after() {
        return Arrays.stream(after).map(double[]::clone).toArray(double[][]::new);
    }
}

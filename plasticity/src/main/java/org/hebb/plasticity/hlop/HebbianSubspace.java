package org.hebb.plasticity.hlop;

import java.util.Arrays;

import org.apache.commons.rng.UniformRandomProvider;
import org.hebb.plasticity.PresynapticProjection;
import org.hebb.simulator.checkpoint.Checkpointed;
import org.hebb.simulator.checkpoint.StateVisitor;
import org.hebb.simulator.random.Seeds;
import org.hebb.util.Require;

/**
 * Lateral "subspace neurons" that learn, with Oja's subspace rule, the principal subspace of a layer's presynaptic
 * activity task after task, and project weight updates onto its orthogonal complement (Hebbian learning based
 * orthogonal projection).
 *
 * <p>The module holds a matrix H of {@link #rows()} x {@link #dimension()} weights (row-major, double precision).
 * For an activity vector x (length N, usually presynaptic firing rates) the subspace neurons respond y = H x and
 * reconstruct x_hat = H<sup>T</sup> y. Learning a task:
 * <ol>
 *   <li>{@link #beginTask(int)} adds k rows, random unit vectors orthogonal to the existing rows;</li>
 *   <li>{@link #learn(float[][])} applies dH = (1/B) sum y (x - x_hat)<sup>T</sup> (see
 *       {@link SubspaceLearningSettings}) to the new rows only; y and x_hat use all rows, so the new rows capture
 *       what the frozen rows do not reconstruct;</li>
 *   <li>{@link #endTask()} freezes the new rows together with the old ones (and by default orthonormalises them
 *       against the old ones, which keeps their span).</li>
 * </ol>
 *
 * <p>{@link #project} writes x - H<sub>f</sub><sup>T</sup> H<sub>f</sub> x, where H<sub>f</sub> are the frozen rows
 * only: a weight update dW = delta (projected x)<sup>T</sup> leaves the responses to earlier tasks' inputs
 * unchanged, while the rows of the task in progress, still learning, do not constrain it. Before the first task
 * ends the projection is the identity.
 *
 * <p>Not thread-safe: learning and {@link #project(float[], float[])} share scratch arrays. Threads that project
 * concurrently (and never while the module learns or changes task) call
 * {@link #project(float[], float[], double[])} with scratch of their own.
 */
public final class HebbianSubspace implements PresynapticProjection, Checkpointed {
    private static final long MAX_WEIGHTS = Integer.MAX_VALUE - 8;

    private final int dimension;
    private final SubspaceLearningSettings settings;
    private final long seed;
    /** Tasks begun so far: task k's random rows come from streams of its own. */
    private int tasksBegun;
    private final double[] residual;

    private double[] weights = new double[0];
    private int rows;
    private int frozenRows;
    private boolean taskInProgress;
    /** Momentum and accumulated update of the learning rows, (rows - frozenRows) x dimension. */
    private double[] velocity = new double[0];
    private double[] update = new double[0];
    /** Responses y of all rows to one vector. */
    private double[] response = new double[0];

    private HebbianSubspace(int dimension, long seed, SubspaceLearningSettings settings) {
        this.dimension = dimension;
        this.settings = settings;
        this.seed = seed;
        this.residual = new double[dimension];
    }

    /**
     * An empty subspace (no rows) for activity vectors of length {@code dimension}, learning with
     * {@link SubspaceLearningSettings#defaults()}.
     *
     * @param seed seeds the stream that initialises new rows
     */
    public static HebbianSubspace create(int dimension, long seed) {
        return create(dimension, seed, SubspaceLearningSettings.defaults());
    }

    /** An empty subspace (no rows) for activity vectors of length {@code dimension}. */
    public static HebbianSubspace create(int dimension, long seed, SubspaceLearningSettings settings) {
        Require.atLeast("dimension", dimension, 1);
        Require.notNull("settings", settings);
        return new HebbianSubspace(dimension, seed, settings);
    }

    /**
     * Starts a task: adds {@code newRows} rows, each a random unit vector orthogonal to all existing rows, which
     * learn until {@link #endTask()}.
     *
     * @param newRows at least 1, and at most {@code dimension() - rows()}
     * @throws IllegalStateException if a task is already in progress
     */
    public void beginTask(int newRows) {
        if (taskInProgress) {
            throw new IllegalStateException("a task is already in progress: call endTask() before beginTask()");
        }
        Require.atLeast("newRows", newRows, 1);
        Require.that(newRows <= dimension - rows, "newRows = " + newRows + " is not allowed: the subspace has "
                + rows + " rows of at most dimension = " + dimension + ", so at most " + (dimension - rows)
                + " can be added");
        Require.that((long) (rows + newRows) * dimension <= MAX_WEIGHTS, "newRows = " + newRows
                + " is not allowed: " + (rows + newRows) + " rows of dimension " + dimension
                + " exceed the largest array (" + MAX_WEIGHTS + " weights)");
        int total = rows + newRows;
        tasksBegun++;
        UniformRandomProvider random = Seeds.generator(seed, "hebbian-subspace:rows of task " + tasksBegun);
        weights = Arrays.copyOf(weights, total * dimension);
        for (int row = rows; row < total; row++) {
            RowOrthonormalization.fillRandomOrthonormal(weights, dimension, row, random);
        }
        rows = total;
        velocity = new double[newRows * dimension];
        update = new double[newRows * dimension];
        response = new double[total];
        taskInProgress = true;
    }

    /**
     * Applies the rule {@code iterationsPerBatch} times to one activity vector (a batch of one).
     *
     * @param activity length {@link #dimension()}, finite values
     * @throws IllegalStateException if no task is in progress
     */
    public void learn(float[] activity) {
        requireTaskInProgress();
        requireActivity("activity", activity);
        for (int iteration = 0; iteration < settings.iterationsPerBatch(); iteration++) {
            Arrays.fill(update, 0);
            accumulate(activity);
            apply(1.0);
        }
    }

    /**
     * Applies the rule {@code iterationsPerBatch} times to a batch, each time with the update averaged over it.
     *
     * @param batch at least one vector, each of length {@link #dimension()} with finite values
     * @throws IllegalStateException if no task is in progress
     */
    public void learn(float[][] batch) {
        requireTaskInProgress();
        Require.notNull("batch", batch);
        Require.that(batch.length > 0, "batch has 0 vectors: at least one is required");
        for (int b = 0; b < batch.length; b++) {
            float[] activity = batch[b];
            if (activity == null || activity.length != dimension || !allFinite(activity)) {
                requireActivity("batch[" + b + "]", activity);
            }
        }
        double scale = 1.0 / batch.length;
        for (int iteration = 0; iteration < settings.iterationsPerBatch(); iteration++) {
            Arrays.fill(update, 0);
            for (float[] activity : batch) {
                accumulate(activity);
            }
            apply(scale);
        }
    }

    /**
     * Ends the task: its rows join the frozen ones and constrain {@link #project} from now on. With
     * {@link SubspaceLearningSettings#orthonormalizeOnMerge()} they are first orthonormalised, in order, against
     * the frozen rows and each other (the frozen rows are not touched); a row that has become dependent is
     * replaced by a random unit vector orthogonal to the others.
     *
     * @throws IllegalStateException if no task is in progress
     */
    public void endTask() {
        requireTaskInProgress();
        if (settings.orthonormalizeOnMerge()) {
            UniformRandomProvider random = Seeds.generator(seed, "hebbian-subspace:merge of task " + tasksBegun);
            for (int row = frozenRows; row < rows; row++) {
                if (!RowOrthonormalization.orthonormalize(weights, dimension, row)) {
                    RowOrthonormalization.fillRandomOrthonormal(weights, dimension, row, random);
                }
            }
        }
        frozenRows = rows;
        velocity = new double[0];
        update = new double[0];
        taskInProgress = false;
    }

    /**
     * Writes {@code activity - H_f^T (H_f activity)} into {@code out}, H_f being the frozen rows. Uses scratch of
     * this module (see the class comment on threads). Values are not checked: non-finite activity gives
     * non-finite output.
     *
     * @param activity length {@link #dimension()}
     * @param out      length {@link #dimension()}; may be {@code activity} itself
     */
    @Override
    public void project(float[] activity, float[] out) {
        project(activity, out, response);
    }

    /**
     * As {@link #project(float[], float[])}, with caller-owned scratch so that several threads can project at once
     * (while the module neither learns nor changes task).
     *
     * @param rowScratch length at least {@link #frozenRows()}; its contents are overwritten
     */
    public void project(float[] activity, float[] out, double[] rowScratch) {
        Require.notNull("activity", activity);
        Require.notNull("out", out);
        Require.notNull("rowScratch", rowScratch);
        requireLength("activity", activity.length);
        requireLength("out", out.length);
        if (rowScratch.length < frozenRows) {
            throw new IllegalArgumentException("rowScratch.length = " + rowScratch.length
                    + " is not allowed: must be >= frozenRows() = " + frozenRows);
        }
        for (int row = 0; row < frozenRows; row++) {
            int start = row * dimension;
            double sum = 0;
            for (int j = 0; j < dimension; j++) {
                sum += weights[start + j] * activity[j];
            }
            rowScratch[row] = sum;
        }
        if (out != activity) {
            System.arraycopy(activity, 0, out, 0, dimension);
        }
        for (int row = 0; row < frozenRows; row++) {
            int start = row * dimension;
            double y = rowScratch[row];
            for (int j = 0; j < dimension; j++) {
                out[j] = (float) (out[j] - y * weights[start + j]);
            }
        }
    }

    /**
     * Saves or restores the rows, how many are frozen, the task in progress with its momentum, and how many tasks
     * have begun (a task's random rows come from streams of its own, so a restored module draws what the saved
     * one would have drawn). The settings and seed are the module's own: restore into a module created
     * with the ones it was saved with. A saved state that does not fit this module (more rows than
     * {@link #dimension()}, rows of another length, inconsistent counts) is refused in the check before a restore
     * ({@link StateVisitor#checking()}), so the module and the network it is saved with stay as they were.
     */
    @Override
    public void checkpoint(StateVisitor state) {
        boolean checking = state.checking();
        long savedRows = checking ? state.savedScalar("rows", rows) : state.scalar("rows", rows);
        long savedFrozen = checking ? state.savedScalar("frozen_rows", frozenRows)
                : state.scalar("frozen_rows", frozenRows);
        long inProgressNow = taskInProgress ? 1 : 0;
        long savedInProgress = checking ? state.savedScalar("task_in_progress", inProgressNow)
                : state.scalar("task_in_progress", inProgressNow);
        long savedTasks = checking ? state.savedScalar("tasks_begun", tasksBegun)
                : state.scalar("tasks_begun", tasksBegun);
        Require.that(savedRows >= 0 && savedRows <= dimension, "the saved subspace does not fit dimension = "
                + dimension + ": rows = " + savedRows + ", allowed 0 to " + dimension);
        Require.that(savedInProgress == 0 || savedInProgress == 1, "the saved subspace is damaged: "
                + "task_in_progress = " + savedInProgress + ", allowed 0 or 1");
        boolean inProgress = savedInProgress == 1;
        Require.that(inProgress ? savedFrozen >= 0 && savedFrozen < savedRows : savedFrozen == savedRows,
                "the saved subspace is damaged: frozen_rows = " + savedFrozen + " with rows = " + savedRows
                        + (inProgress ? " and a task in progress: allowed 0 to rows - 1"
                        : " and no task in progress: must equal rows"));
        Require.that(savedTasks >= 0 && savedTasks <= Integer.MAX_VALUE, "the saved subspace is damaged: "
                + "tasks_begun = " + savedTasks + ", allowed 0 to " + Integer.MAX_VALUE);
        int newRows = (int) savedRows;
        int newFrozen = (int) savedFrozen;
        double[] newWeights = checking ? state.savedList("weights", weights, rows * dimension)
                : state.list("weights", weights, rows * dimension);
        double[] newVelocity = checking ? state.savedList("velocity", velocity, velocity.length)
                : state.list("velocity", velocity, velocity.length);
        if (!state.restoring()) {
            return;
        }
        Require.that(newWeights.length == newRows * dimension && newVelocity.length == (inProgress
                ? (newRows - newFrozen) * dimension : 0), "the saved subspace does not fit dimension = "
                + dimension + ": " + newRows + " rows, " + newFrozen + " frozen, " + newWeights.length + " weights, "
                + newVelocity.length + " momenta");
        if (checking) {
            return;
        }
        rows = newRows;
        frozenRows = newFrozen;
        taskInProgress = inProgress;
        tasksBegun = (int) savedTasks;
        weights = newWeights;
        velocity = newVelocity;
        update = new double[velocity.length];
        response = new double[rows];
    }

    /** Number of presynaptic neurons N, the length of activity vectors and of each row. */
    @Override
    public int dimension() {
        return dimension;
    }

    /** Number of rows M (subspace neurons), frozen and learning. */
    public int rows() {
        return rows;
    }

    /** Number of frozen rows, those of finished tasks, which the projection uses. */
    public int frozenRows() {
        return frozenRows;
    }

    /** Whether a task has begun and not ended. */
    public boolean taskInProgress() {
        return taskInProgress;
    }

    public SubspaceLearningSettings settings() {
        return settings;
    }

    /** A copy of H, {@code rows() x dimension()} row-major: element (i, j) at {@code i * dimension() + j}. */
    public double[] weights() {
        return weights.clone();
    }

    /** Adds the update of one vector, y_i (x - H^T y), for every learning row i, to {@link #update}. */
    private void accumulate(float[] activity) {
        for (int row = 0; row < rows; row++) {
            int start = row * dimension;
            double sum = 0;
            for (int j = 0; j < dimension; j++) {
                sum += weights[start + j] * activity[j];
            }
            response[row] = sum;
        }
        for (int j = 0; j < dimension; j++) {
            residual[j] = activity[j];
        }
        for (int row = 0; row < rows; row++) {
            int start = row * dimension;
            double y = response[row];
            for (int j = 0; j < dimension; j++) {
                residual[j] -= y * weights[start + j];
            }
        }
        for (int row = frozenRows; row < rows; row++) {
            int start = (row - frozenRows) * dimension;
            double y = response[row];
            for (int j = 0; j < dimension; j++) {
                update[start + j] += y * residual[j];
            }
        }
    }

    /** Clips the scaled accumulated update, folds it into the velocity and moves the learning rows. */
    private void apply(double scale) {
        double clip = settings.updateClip();
        double momentum = settings.momentum();
        double learningRate = settings.learningRate();
        int offset = frozenRows * dimension;
        for (int k = 0; k < update.length; k++) {
            double g = Math.max(-clip, Math.min(clip, update[k] * scale));
            velocity[k] = momentum * velocity[k] + (1 - momentum) * g;
            weights[offset + k] += learningRate * velocity[k];
        }
    }

    private void requireTaskInProgress() {
        if (!taskInProgress) {
            throw new IllegalStateException("no task in progress: call beginTask(newRows) before learn or endTask");
        }
    }

    private void requireActivity(String name, float[] activity) {
        Require.notNull(name, activity);
        requireLength(name, activity.length);
        Require.allFinite(name, activity, null);
    }

    private static boolean allFinite(float[] values) {
        for (float value : values) {
            if (!Float.isFinite(value)) {
                return false;
            }
        }
        return true;
    }

    private void requireLength(String name, int length) {
        if (length != dimension) {
            throw new IllegalArgumentException(name + ".length = " + length
                    + " is not allowed: must equal dimension() = " + dimension);
        }
    }
}

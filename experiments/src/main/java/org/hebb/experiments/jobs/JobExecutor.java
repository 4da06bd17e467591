package org.hebb.experiments.jobs;

import java.io.IOException;
import java.util.List;

import org.hebb.util.Require;

/**
 * Where a {@link JobRunner}'s pending jobs run: in this process on worker threads ({@link LocalExecutor}), or on a
 * cluster. The runner hands it the jobs and takes each result as it comes back, encoded; the runner writes the
 * checkpoint itself, atomically, so that a result is read back only once it is whole, whichever executor made it.
 * Jobs are deterministic, so an executor may run a job more than once (after a lost worker, say): every run gives
 * the same bytes. {@link JobExecutors#open} opens one by name ({@code local}, or {@code spark} with the hebb-spark
 * module on the class path).
 */
public interface JobExecutor extends AutoCloseable {
    /** Takes one job's result. */
    interface Results {
        /**
         * The result of job {@code index} (its place in the list given to {@link #execute}), encoded by the codec.
         * Called once per job, one call at a time, in any order.
         */
        void finished(int index, byte[] encoded) throws IOException;
    }

    /** How many jobs it runs at once (for progress reports and per-worker resources). */
    int workers();

    /**
     * Runs every job of {@code jobs} and hands each result, encoded with {@code codec}, to {@code results}; returns
     * when all are done.
     *
     * @throws IOException              the first failure, naming the job; the other jobs stop as soon as they can
     * @throws IllegalArgumentException {@code jobs}, {@code codec}, {@code results} or one of the jobs is null
     *                                  (see {@link #requireArguments}), before any job runs
     */
    <R> void execute(List<? extends Job<R>> jobs, JobCodec<R> codec, Results results) throws IOException;

    /**
     * The checks of {@link #execute}'s arguments that every executor makes first.
     *
     * @throws IllegalArgumentException naming {@code jobs}, {@code codec} or {@code results} where it is null, or
     *                                  {@code jobs[k]} where job k is
     */
    static void requireArguments(List<? extends Job<?>> jobs, JobCodec<?> codec, Results results) {
        Require.notNull("jobs", jobs);
        Require.notNull("codec", codec);
        Require.notNull("results", results);
        for (int k = 0; k < jobs.size(); k++) {
            Require.notNull("jobs[" + k + "]", jobs.get(k));
        }
    }

    /** Its name as {@link JobExecutors#open} takes it, recorded in results ({@code local}, {@code spark}). */
    String name();

    /**
     * Whether the jobs run in this process, on its files and in its heap, so that what they need of them can be
     * checked here before any runs; false for a cluster, whose workers have their own disks and heaps.
     */
    default boolean runsInThisProcess() {
        return false;
    }

    /** Releases what the executor holds (a cluster connection); the in-process executor holds nothing. */
    @Override
    default void close() {
    }
}

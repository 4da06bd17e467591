package org.hebb.experiments.jobs;

/**
 * One independent piece of an experiment (a block of samples to turn into features): identified by a name that
 * is stable across runs, and deterministic, so that a job run again, here or on another machine, gives the same
 * result.
 *
 * @param <R> its result
 */
public interface Job<R> {
    /** A stable, unique name made of letters, digits, '-', '_' and '.' (it names the job's checkpoint file). */
    String id();

    /**
     * Runs the job.
     *
     * @param worker the index of the worker running it (0 to workers - 1), for per-worker resources such as one
     *               network each; the result must not depend on it
     */
    R run(int worker) throws Exception;
}

package org.hebb.experiments.jobs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.hebb.simulator.storage.AtomicFiles;
import org.hebb.util.Require;

/**
 * Runs independent {@link Job}s through a {@link JobExecutor} (worker threads in this process by default) and
 * checkpoints each result to its own file as soon as it comes back (written atomically: a crash loses no finished
 * job). Jobs whose checkpoint exists are not run
 * again but read back, so an interrupted run resumes where it stopped and, the jobs being deterministic, ends with
 * the same results as an uninterrupted one. Results come back in the jobs' order, whatever order they finished in.
 * The directory belongs to one {@link CheckpointKey}: results made from other inputs are refused, not read back.
 * One runner at a time uses a directory: on starting it deletes the temporary files that a killed run left. Progress
 * (jobs done, elapsed time, estimated time left) is printed to standard error at most once a second.
 */
public final class JobRunner {
    /** The most workers a run can have (each may hold a copy of a network). */
    public static final int MAX_WORKERS = 4096;
    /** How a checkpoint file's name ends. */
    static final String SUFFIX = ".result";

    private JobRunner() {
    }

    /**
     * Runs {@code jobs} whose checkpoint is missing from {@code checkpoints} (created if needed) on
     * {@code workers} threads in this process ({@link LocalExecutor}); the first failure stops the others and is
     * rethrown naming the job.
     *
     * @param key what the jobs' results are made from ({@link CheckpointKey#claim}: checkpoints made from
     *            anything else are refused, naming what differs)
     * @throws IOException naming the file and what is wrong when a checkpoint cannot be read back
     */
    public static <R> List<R> run(List<? extends Job<R>> jobs, JobCodec<R> codec, Path checkpoints,
                                  CheckpointKey key, int workers, String label) throws IOException {
        return run(jobs, codec, checkpoints, key, new LocalExecutor(workers), label);
    }

    /**
     * As {@link #run(List, JobCodec, Path, CheckpointKey, int, String)}, the pending jobs run by {@code executor};
     * each result it hands back is written to its checkpoint here, atomically.
     */
    public static <R> List<R> run(List<? extends Job<R>> jobs, JobCodec<R> codec, Path checkpoints,
                                  CheckpointKey key, JobExecutor executor, String label) throws IOException {
        Set<String> ids = new HashSet<>();
        for (Job<R> job : jobs) {
            requireId("job id", job.id());
            Require.that(ids.add(job.id()), "job id = '" + job.id() + "' is not allowed: it is used twice");
        }
        key.claim(checkpoints);
        AtomicFiles.deleteTemporaryFiles(checkpoints);
        List<R> results = new ArrayList<>(jobs.size());
        List<Job<R>> pending = new ArrayList<>();
        List<Integer> places = new ArrayList<>();
        for (int k = 0; k < jobs.size(); k++) {
            Path file = checkpointFile(checkpoints, jobs.get(k).id());
            if (Files.exists(file)) {
                results.add(readBack(codec, file));
            } else {
                results.add(null);
                pending.add(jobs.get(k));
                places.add(k);
            }
        }
        int resumed = jobs.size() - pending.size();
        long start = System.nanoTime();
        long[] lastReport = {start};
        int[] done = {0};
        executor.execute(pending, codec, (index, encoded) -> {
            AtomicFiles.write(checkpointFile(checkpoints, pending.get(index).id()), encoded);
            results.set(places.get(index), codec.decode(encoded));
            report(label, ++done[0], pending.size(), resumed, start, lastReport);
        });
        return results;
    }

    /** Fails unless {@code id} is made of letters, digits, '-', '_' and '.' (so that it can name a file). */
    public static String requireId(String name, String id) {
        Require.that(id.matches("[A-Za-z0-9._-]+") && !id.matches("\\.+"), name + " = '" + id + "' is not "
                + "allowed: use letters, digits, '-', '_' and '.'");
        return id;
    }

    /** The checkpoint file of job {@code id} in {@code checkpoints}. */
    public static Path checkpointFile(Path checkpoints, String id) {
        return checkpoints.resolve(id + SUFFIX);
    }

    private static <R> R readBack(JobCodec<R> codec, Path file) throws IOException {
        try {
            return codec.decode(Files.readAllBytes(file));
        } catch (IOException | RuntimeException e) {
            throw new IOException("checkpoint " + file.toAbsolutePath() + " cannot be read back: "
                    + (e.getMessage() != null ? e.getMessage() : e.toString()) + "; delete it to make it again", e);
        }
    }

    private static void report(String label, int done, int pending, int resumed, long start, long[] lastReport) {
        long now = System.nanoTime();
        if (done < pending && now - lastReport[0] < 1_000_000_000L) {
            return;
        }
        lastReport[0] = now;
        double elapsed = (now - start) / 1e9;
        double eta = elapsed / done * (pending - done);
        System.err.printf(Locale.ROOT, "%s: %d of %d jobs done%s, %.1f s elapsed, ETA %.1f s%n", label, done + resumed,
                pending + resumed, resumed > 0 ? " (" + resumed + " from checkpoints)" : "", elapsed, eta);
    }
}

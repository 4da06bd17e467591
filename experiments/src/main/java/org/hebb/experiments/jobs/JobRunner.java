package org.hebb.experiments.jobs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.hebb.simulator.io.AtomicFiles;
import org.hebb.util.Require;

/**
 * Runs independent {@link Job}s on a number of worker threads and checkpoints each result to its own file as soon
 * as it is made (written atomically: a crash loses no finished job). Jobs whose checkpoint exists are not run
 * again but read back, so an interrupted run resumes where it stopped and, the jobs being deterministic, ends with
 * the same results as an uninterrupted one. Results come back in the jobs' order, whatever order they finished in.
 * A cluster engine can run the same jobs into the same checkpoint directory. Progress (jobs done, elapsed time,
 * estimated time left) is printed to standard error at most once a second.
 */
public final class JobRunner {
    private static final String SUFFIX = ".result";

    private JobRunner() {
    }

    /**
     * Runs {@code jobs} whose checkpoint is missing from {@code checkpoints} (created if needed) on
     * {@code workers} threads; the first failure stops the others and is rethrown naming the job.
     */
    public static <R> List<R> run(List<? extends Job<R>> jobs, JobCodec<R> codec, Path checkpoints, int workers,
                                  String label) throws IOException {
        Require.atLeast("workers", workers, 1);
        Set<String> ids = new HashSet<>();
        for (Job<R> job : jobs) {
            Require.that(job.id().matches("[A-Za-z0-9._-]+"), "job id = '" + job.id() + "' is not allowed: use "
                    + "letters, digits, '-', '_' and '.'");
            Require.that(ids.add(job.id()), "job id = '" + job.id() + "' is not allowed: it is used twice");
        }
        Files.createDirectories(checkpoints);
        List<R> results = new ArrayList<>(jobs.size());
        List<Integer> pending = new ArrayList<>();
        for (int k = 0; k < jobs.size(); k++) {
            Path file = checkpoints.resolve(jobs.get(k).id() + SUFFIX);
            if (Files.exists(file)) {
                results.add(codec.decode(Files.readAllBytes(file)));
            } else {
                results.add(null);
                pending.add(k);
            }
        }
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        AtomicReference<Exception> failure = new AtomicReference<>();
        long start = System.nanoTime();
        long[] lastReport = {start};
        Thread[] threads = new Thread[Math.min(workers, Math.max(1, pending.size()))];
        for (int w = 0; w < threads.length; w++) {
            int worker = w;
            threads[w] = new Thread(() -> {
                int p;
                while (failure.get() == null && (p = next.getAndIncrement()) < pending.size()) {
                    int k = pending.get(p);
                    Job<R> job = jobs.get(k);
                    try {
                        R result = job.run(worker);
                        AtomicFiles.write(checkpoints.resolve(job.id() + SUFFIX), codec.encode(result));
                        synchronized (results) {
                            results.set(k, result);
                        }
                        report(label, done.incrementAndGet(), pending.size(), jobs.size() - pending.size(), start,
                                lastReport);
                    } catch (Exception e) {
                        failure.compareAndSet(null, new IOException("job '" + job.id() + "' failed: " + e, e));
                    }
                }
            }, label + "-worker-" + w);
            threads[w].start();
        }
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(label + " was interrupted", e);
            }
        }
        if (failure.get() != null) {
            throw (IOException) failure.get();
        }
        return results;
    }

    private static void report(String label, int done, int pending, int resumed, long start, long[] lastReport) {
        long now = System.nanoTime();
        synchronized (lastReport) {
            if (done < pending && now - lastReport[0] < 1_000_000_000L) {
                return;
            }
            lastReport[0] = now;
        }
        double elapsed = (now - start) / 1e9;
        double eta = elapsed / done * (pending - done);
        System.err.printf("%s: %d of %d jobs done%s, %.1f s elapsed, ETA %.1f s%n", label, done + resumed,
                pending + resumed, resumed > 0 ? " (" + resumed + " from checkpoints)" : "", elapsed, eta);
    }
}

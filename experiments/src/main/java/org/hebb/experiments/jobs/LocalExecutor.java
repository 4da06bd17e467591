package org.hebb.experiments.jobs;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.hebb.util.Require;

/**
 * Runs jobs in this process on worker threads: each worker takes the next job not yet taken, so the jobs spread
 * over the workers whatever their cost; worker w passes w to {@link Job#run}. The first job to fail, with an
 * exception or an error, stops the others; {@link #execute} then throws an IOException naming the job and what it
 * threw, or, when the job ran out of memory, the OutOfMemoryError itself (so that the program reports it as such).
 */
public final class LocalExecutor implements JobExecutor {
    private final int workers;

    /** An executor of {@code workers} threads (1 to {@link JobRunner#MAX_WORKERS}). */
    public LocalExecutor(int workers) {
        this.workers = Require.inRange("workers", workers, 1, JobRunner.MAX_WORKERS);
    }

    @Override
    public int workers() {
        return workers;
    }

    @Override
    public String name() {
        return "local";
    }

    @Override
    public boolean runsInThisProcess() {
        return true;
    }

    @Override
    public <R> void execute(List<? extends Job<R>> jobs, JobCodec<R> codec, Results results) throws IOException {
        JobExecutor.requireArguments(jobs, codec, results);
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread[] threads = new Thread[Math.min(workers, Math.max(1, jobs.size()))];
        for (int w = 0; w < threads.length; w++) {
            int worker = w;
            threads[w] = new Thread(() -> {
                int k;
                while (failure.get() == null && (k = next.getAndIncrement()) < jobs.size()) {
                    Job<R> job = jobs.get(k);
                    try {
                        byte[] encoded = codec.encode(job.run(worker));
                        synchronized (results) {
                            results.finished(k, encoded);
                        }
                    } catch (Throwable e) {
                        // an Error too (out of memory, a stack overflow): a worker that died of it silently would
                        // leave its job without a result
                        failure.compareAndSet(null, e instanceof OutOfMemoryError ? e
                                : new IOException("job '" + job.id() + "' failed: " + e, e));
                    }
                }
            }, "hebb-worker-" + w);
            threads[w].start();
        }
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("the jobs were interrupted", e);
            }
        }
        Throwable failed = failure.get();
        if (failed instanceof OutOfMemoryError e) {
            throw e;
        }
        if (failed != null) {
            throw (IOException) failed;
        }
    }
}

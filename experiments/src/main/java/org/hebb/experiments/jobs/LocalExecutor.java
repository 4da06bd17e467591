package org.hebb.experiments.jobs;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.hebb.util.Require;

/**
 * Runs jobs in this process on worker threads: each worker takes the next job not yet taken, so the jobs spread
 * over the workers whatever their cost; worker w passes w to {@link Job#run}.
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
    public <R> void execute(List<? extends Job<R>> jobs, JobCodec<R> codec, Results results) throws IOException {
        AtomicInteger next = new AtomicInteger();
        AtomicReference<IOException> failure = new AtomicReference<>();
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
                    } catch (Exception e) {
                        failure.compareAndSet(null, new IOException("job '" + job.id() + "' failed: " + e, e));
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
        if (failure.get() != null) {
            throw failure.get();
        }
    }
}

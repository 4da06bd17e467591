package org.hebb.experiments.readout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

/**
 * Work over 0 to count - 1 cut into one contiguous range per thread: on a pool of daemon threads, or on the
 * caller's thread alone when there is one. Each call returns when every range is done (a barrier).
 */
final class Ranges implements AutoCloseable {
    /** Work on the range {@code from} to {@code to - 1}. */
    interface Task {
        void run(int from, int to);
    }

    private final int threads;
    private final ExecutorService pool;

    /** Ranges for {@code threads} threads, named {@code name} (none started for one). */
    Ranges(int threads, String name) {
        this.threads = threads;
        this.pool = threads < 2 ? null : Executors.newFixedThreadPool(threads, work -> {
            Thread t = new Thread(work, name);
            t.setDaemon(true);
            return t;
        });
    }

    /** Runs {@code task} on 0 to {@code count - 1}, one range per thread. */
    void run(int count, Task task) {
        if (pool == null || count < 2) {
            task.run(0, count);
            return;
        }
        int parts = Math.min(threads, count);
        List<Future<?>> futures = new ArrayList<>(parts);
        for (int part = 0; part < parts; part++) {
            int from = (int) ((long) count * part / parts);
            int to = (int) ((long) count * (part + 1) / parts);
            futures.add(pool.submit(() -> task.run(from, to)));
        }
        try {
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    /** Runs {@code task} for each of 0 to {@code count - 1}, one range per thread. */
    void forEach(int count, IntConsumer task) {
        run(count, (from, to) -> {
            for (int k = from; k < to; k++) {
                task.accept(k);
            }
        });
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}

package org.hebb.simulator.connect;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

/**
 * Runs numbered blocks of work on several threads, each block once, in no particular order. Blocks must not depend on
 * one another or on which thread runs them, so the result is the same for any number of threads.
 */
final class ParallelBlocks {
    private ParallelBlocks() {
    }

    /**
     * Runs {@code block} for 0 to {@code blocks - 1} on up to {@code threads} threads and returns when all are done;
     * the first exception a block throws is thrown here, once the other threads have stopped.
     */
    static void run(int threads, int blocks, IntConsumer block) {
        int workers = Math.min(threads, blocks);
        if (workers <= 1) {
            for (int b = 0; b < blocks; b++) {
                block.accept(b);
            }
            return;
        }
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Runnable work = () -> {
            for (int b = next.getAndIncrement(); b < blocks && failure.get() == null; b = next.getAndIncrement()) {
                try {
                    block.accept(b);
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                }
            }
        };
        List<Thread> started = new ArrayList<>();
        for (int w = 1; w < workers; w++) {
            Thread thread = new Thread(work, "hebb-build-" + w);
            thread.setDaemon(true);
            thread.start();
            started.add(thread);
        }
        work.run();
        for (Thread thread : started) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while building in parallel", e);
            }
        }
        Throwable t = failure.get();
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
    }
}

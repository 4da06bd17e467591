package org.hebb.simulator.engine;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * Persistent worker threads that run one task per partition per step. The calling thread runs partition 0 and
 * waits for the others; workers wait for the next step by spinning, then yielding, then parking, so that short
 * steps pay no scheduler round trip while idle workers between runs cost no CPU.
 */
final class WorkerPool implements AutoCloseable {
    private static final int SPINS = 1_000;
    private static final int YIELDS = 2_000;
    private static final long PARK_NANOS = 50_000;

    private final IntConsumer task;
    private final Thread[] workers;
    private final AtomicInteger pending = new AtomicInteger();
    private volatile long generation;
    private volatile boolean closed;
    private volatile Throwable failure;

    WorkerPool(int partitions, IntConsumer task, String name) {
        this.task = task;
        this.workers = new Thread[partitions - 1];
        for (int k = 1; k < partitions; k++) {
            int partition = k;
            Thread worker = new Thread(() -> workLoop(partition), name + "-worker-" + k);
            worker.setDaemon(true);
            workers[k - 1] = worker;
            worker.start();
        }
    }

    /** Runs the task for every partition and returns when all have finished. */
    void runAll() {
        if (closed) {
            throw new IllegalStateException("the worker pool has been closed");
        }
        pending.set(workers.length);
        generation++;
        Throwable own = null;
        try {
            task.accept(0);
        } catch (Throwable t) {
            own = t;
        }
        int spins = 0;
        while (pending.get() != 0) {
            spins = backOff(spins);
        }
        Throwable error = own != null ? own : failure;
        if (error != null) {
            failure = null;
            if (error instanceof RuntimeException e) {
                throw e;
            }
            if (error instanceof Error e) {
                throw e;
            }
            throw new IllegalStateException(error);
        }
    }

    private void workLoop(int partition) {
        long seen = 0;
        while (true) {
            int spins = 0;
            while (generation == seen && !closed) {
                spins = backOff(spins);
            }
            if (closed) {
                return;
            }
            seen++;
            try {
                task.accept(partition);
            } catch (Throwable t) {
                failure = t;
            }
            pending.decrementAndGet();
        }
    }

    /** One round of waiting: spin first, then yield, then park; returns the new round count. */
    private static int backOff(int spins) {
        if (spins < SPINS) {
            Thread.onSpinWait();
            return spins + 1;
        }
        if (spins < SPINS + YIELDS) {
            Thread.yield();
            return spins + 1;
        }
        LockSupport.parkNanos(PARK_NANOS);
        return spins;
    }

    @Override
    public void close() {
        closed = true;
        for (Thread worker : workers) {
            LockSupport.unpark(worker);
        }
    }
}

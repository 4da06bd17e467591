package org.hebb.plasticity.hlop;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hebb.simulator.testing.AllocationMeter;
import org.junit.jupiter.api.Test;

/** learn(float[]), learn(float[][]) and project allocate nothing once the task's rows exist. */
class HebbianSubspaceAllocationTest {
    private static final int DIMENSION = 64;
    private static final int CALLS = 20_000;

    @Test
    void hotPathsDoNotAllocate() {
        HebbianSubspace subspace = HebbianSubspace.create(DIMENSION, 1);
        subspace.beginTask(4);
        subspace.endTask();
        subspace.beginTask(4);
        float[] x = new float[DIMENSION];
        for (int j = 0; j < DIMENSION; j++) {
            x[j] = (float) Math.sin(j);
        }
        float[][] batch = {x, x, x};
        float[] out = new float[DIMENSION];
        Runnable calls = () -> {
            for (int i = 0; i < CALLS; i++) {
                subspace.learn(x);
                subspace.learn(batch);
                subspace.project(x, out);
            }
        };
        calls.run();
        long allocated = AllocationMeter.fewestBytesAllocated(calls, 1, thread -> false);
        System.out.printf("allocation: %d bytes over %d x (learn(x), learn(batch of 3), project)%n", allocated, CALLS);
        // A single allocation per call would be at least 16 bytes x CALLS; leave room for the counter itself.
        assertTrue(allocated < 4096, "hot paths allocated " + allocated + " bytes");
    }
}

package org.hebb.simulator.engine;

import java.util.Arrays;

/**
 * For one partition of a plastic projection with per-synapse delays: the synapses whose presynaptic spikes arrive
 * in each step of the delay ring, listed as delivery schedules them, so that a rule meets each arrival once
 * instead of scanning a spike's row again for every delay. Every list has the same capacity, doubled for all at
 * once when one step's arrivals exceed it, so that after the first busy steps a run allocates only when a step is
 * twice as busy as any before (growing each slot on its own would keep allocating as each slot in turn first met
 * a busy step).
 */
final class ArrivalRing {
    private static final int INITIAL_CAPACITY = 16;
    private final int[][] synapses;
    private final int[] counts;

    ArrivalRing(int depth) {
        synapses = new int[depth][INITIAL_CAPACITY];
        counts = new int[depth];
    }

    int depth() {
        return counts.length;
    }

    /** Lists synapses {@code start} to {@code end - 1} in the slots {@code base + delay} (wrapped) they arrive in. */
    void record(int base, int start, int end, short[] delays) {
        final int depth = counts.length;
        for (int j = start; j < end; j++) {
            int slot = base + delays[j];
            add(slot >= depth ? slot - depth : slot, j);
        }
    }

    /** As {@link #record}, only the synapses whose delay is {@code minimumDelay} steps or more. */
    void recordFrom(int base, int start, int end, short[] delays, int minimumDelay) {
        final int depth = counts.length;
        for (int j = start; j < end; j++) {
            if (delays[j] >= minimumDelay) {
                int slot = base + delays[j];
                add(slot >= depth ? slot - depth : slot, j);
            }
        }
    }

    private void add(int slot, int synapse) {
        int n = counts[slot];
        if (n == synapses[slot].length) {
            growAll(2 * n);
        }
        synapses[slot][n] = synapse;
        counts[slot] = n + 1;
    }

    private void growAll(int capacity) {
        for (int slot = 0; slot < synapses.length; slot++) {
            synapses[slot] = Arrays.copyOf(synapses[slot], capacity);
        }
    }

    void clear(int slot) {
        counts[slot] = 0;
    }

    void clearAll() {
        Arrays.fill(counts, 0);
    }

    int[] synapses(int slot) {
        return synapses[slot];
    }

    int count(int slot) {
        return counts[slot];
    }
}

package org.hebb.experiments.hlop;

import java.util.Arrays;

import org.hebb.simulator.engine.SpikeView;
import org.hebb.simulator.monitor.Monitor;

/** Counts each neuron's spikes since {@link #clear()}: the spikes of one sample. */
final class SpikeCounts implements Monitor {
    private final int[] counts;

    SpikeCounts(int size) {
        this.counts = new int[size];
    }

    @Override
    public void record(long step, SpikeView spikes) {
        for (int k = 0; k < spikes.partitions(); k++) {
            int[] neurons = spikes.neurons(k);
            for (int s = 0, n = spikes.count(k); s < n; s++) {
                counts[neurons[s]]++;
            }
        }
    }

    void clear() {
        Arrays.fill(counts, 0);
    }

    /** The live counts. */
    int[] counts() {
        return counts;
    }

    @Override
    public long memoryBytes() {
        return 4L * counts.length;
    }
}

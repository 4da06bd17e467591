package org.hebb.plasticity.testing;

import java.util.Arrays;

import org.hebb.simulator.monitor.SpikeMonitor;

/** A monitor's stored spikes as one list, for tests that compare the spikes of two runs. */
public final class SpikeLists {
    private SpikeLists() {
    }

    /** The spikes at and after {@code fromStep}, as pairs (step, neuron) in recording order. */
    public static long[] from(SpikeMonitor monitor, long fromStep) {
        long[] steps = monitor.steps();
        int[] neurons = monitor.neurons();
        long[] after = new long[2 * steps.length];
        int n = 0;
        for (int k = 0; k < steps.length; k++) {
            if (steps[k] >= fromStep) {
                after[n++] = steps[k];
                after[n++] = neurons[k];
            }
        }
        return Arrays.copyOf(after, n);
    }
}

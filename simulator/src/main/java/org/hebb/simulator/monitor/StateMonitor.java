package org.hebb.simulator.monitor;

import org.hebb.neurons.NeuronState;
import org.hebb.neurons.Precision;
import org.hebb.simulator.engine.SpikeView;
import org.hebb.simulator.population.NeuronPopulation;
import org.hebb.util.Require;

/**
 * Samples chosen variables of chosen neurons every {@code interval} steps, at the end of the step (after
 * threshold and reset), up to a bound on stored samples. Samples beyond the bound are not stored and counted
 * in {@link #droppedSamples()}.
 */
public final class StateMonitor implements Monitor {
    /** Default bound on stored values: 50 million (200 MB as floats, 400 MB as doubles). */
    public static final long DEFAULT_MAX_VALUES = 50_000_000L;

    private final NeuronPopulation population;
    private final String[] variables;
    private final int[] indices;
    /** The arrays of a single-precision state (read directly), else null. */
    private final float[][] arrays;
    private final int[] neurons;
    private final int interval;
    private final Samples samples;

    /** Created by {@link org.hebb.simulator.Network#monitorState}. */
    public StateMonitor(NeuronPopulation population, String[] variables, int[] neurons, int intervalSteps,
                        double dt, long maxValues) {
        Require.that(variables.length > 0, "variables is empty: name at least one variable of "
                + population.model().name());
        Require.that(neurons.length > 0, "neurons is empty: name at least one neuron of " + population.name());
        Require.atLeast("interval (steps)", intervalSteps, 1);
        this.population = population;
        this.variables = variables.clone();
        NeuronState state = population.state();
        this.indices = new int[variables.length];
        for (int v = 0; v < variables.length; v++) {
            indices[v] = state.indexOf(variables[v]);
        }
        boolean single = state.precision() == Precision.SINGLE;
        this.arrays = single ? new float[variables.length][] : null;
        for (int v = 0; single && v < variables.length; v++) {
            arrays[v] = state.array(indices[v]);
        }
        for (int n : neurons) {
            Require.inRange("monitored neuron of " + population.name(), n, 0, population.size() - 1);
        }
        this.neurons = neurons.clone();
        this.interval = intervalSteps;
        this.samples = new Samples(variables.length * neurons.length, dt, maxValues, !single);
    }

    @Override
    public boolean readsStateAfter(long step) {
        return (step + 1) % interval == 0;
    }

    @Override
    public void record(long step, SpikeView spikes) {
        if (!readsStateAfter(step)) {
            return;
        }
        if (!samples.begin(step)) {
            return;
        }
        if (arrays != null) {
            for (float[] array : arrays) {
                for (int n : neurons) {
                    samples.add(array[n]);
                }
            }
            return;
        }
        NeuronState state = population.state();
        for (int index : indices) {
            for (int n : neurons) {
                samples.add(state.get(index, n));
            }
        }
    }

    /** Number of stored samples. */
    public int sampleCount() {
        return samples.count();
    }

    /** Time in ms of each sample: the end of the sampled step. */
    public double[] times() {
        return samples.times();
    }

    /** The trace of {@code variable} for the {@code k}-th monitored neuron, one value per sample, as floats. */
    public float[] trace(String variable, int k) {
        int v = indexOf(variable);
        Require.inRange("k (monitored neuron position)", k, 0, neurons.length - 1);
        return samples.series(v * neurons.length + k);
    }

    /**
     * The trace of {@code variable} for the {@code k}-th monitored neuron as doubles: every bit of a
     * double-precision network's state, a single-precision one's floats widened.
     */
    public double[] traceDoubles(String variable, int k) {
        int v = indexOf(variable);
        Require.inRange("k (monitored neuron position)", k, 0, neurons.length - 1);
        return samples.seriesDoubles(v * neurons.length + k);
    }

    private int indexOf(String variable) {
        for (int v = 0; v < variables.length; v++) {
            if (variables[v].equals(variable)) {
                return v;
            }
        }
        throw new IllegalArgumentException("variable = '" + variable + "' is not monitored: must be one of "
                + String.join(", ", variables));
    }

    /** Samples not stored because the bound was reached. */
    public long droppedSamples() {
        return samples.dropped();
    }

    /** The monitored population. */
    public NeuronPopulation population() {
        return population;
    }

    @Override
    public long memoryBytes() {
        return samples.memoryBytes();
    }
}

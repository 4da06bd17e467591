package org.hebb.simulator.monitor;

import org.hebb.simulator.checkpoint.Checkpointed;
import org.hebb.simulator.checkpoint.StateVisitor;
import org.hebb.simulator.engine.SpikeView;
import org.hebb.simulator.plasticity.RuleState;
import org.hebb.util.Require;

/**
 * Samples one variable of a plasticity rule (a weight, a trace, an eligibility, a modulator, an astrocyte's rate)
 * for chosen elements every {@code interval} steps, after the step's monitors time, up to a bound on stored values
 * (samples beyond it are counted in {@link #droppedSamples()}). Elements are synapse indices (the projection's
 * synapse order) for synapse variables, neuron indices for neuron variables, and 0 for global ones. Under the
 * clock-driven engine a step's spikes change weights at the start of the next step, so the sample after step t
 * holds the weights changed by the spikes of steps up to t - 1.
 */
public final class RuleStateMonitor implements Monitor, Checkpointed {
    private final RuleState state;
    private final String variable;
    private final int[] elements;
    private final int interval;
    private final Samples samples;

    /** Created by {@link org.hebb.simulator.Network#monitorRule}. */
    public RuleStateMonitor(RuleState state, String variable, int[] elements, int intervalSteps, double dt,
                            long maxValues) {
        Require.notNull("elements", elements);
        Require.that(elements.length > 0, "elements is empty: name at least one element of '" + variable + "'");
        Require.atLeast("interval (steps)", intervalSteps, 1);
        int size = state.values(variable).length;
        for (int e : elements) {
            Require.inRange("element of '" + variable + "'", e, 0, size - 1);
        }
        DistinctIndices.require(elements, "element", "elements", "the monitor of rule variable '" + variable + "'");
        Require.that(maxValues >= 0 && maxValues <= Samples.MAX_VALUES, "maxValues = " + maxValues
                + " is not allowed: must be in [0, " + Samples.MAX_VALUES + "], the values one array holds");
        this.state = state;
        this.variable = variable;
        this.elements = elements.clone();
        this.interval = intervalSteps;
        this.samples = new Samples(elements.length, dt, maxValues);
    }

    @Override
    public boolean readsRulesAfter(long step) {
        return (step + 1) % interval == 0;
    }

    @Override
    public void record(long step, SpikeView spikes) {
        if (!readsRulesAfter(step)) {
            return;
        }
        if (!samples.begin(step)) {
            return;
        }
        float[] now = state.values(variable);
        for (int e : elements) {
            samples.add(now[e]);
        }
    }

    /** The monitored variable's name. */
    public String variable() {
        return variable;
    }

    /** Number of stored samples. */
    public int sampleCount() {
        return samples.count();
    }

    /** Time in ms of each sample: the end of the sampled step. */
    public double[] times() {
        return samples.times();
    }

    /** The values of the {@code k}-th monitored element, one per sample. */
    public float[] trace(int k) {
        Require.inRange("k (monitored element position)", k, 0, elements.length - 1);
        return samples.series(k);
    }

    /** {@inheritDoc} Stored and dropped samples. */
    @Override
    public void dropRecordings() {
        samples.clear();
    }

    /** Samples not stored because the bound was reached. */
    public long droppedSamples() {
        return samples.dropped();
    }

    @Override
    public long memoryBytes() {
        return samples.memoryBytes();
    }

    /**
     * The variable, how many elements and the interval: a saved sample holds one value per element. Which elements is
     * saved with the samples ({@link #checkpoint}).
     */
    @Override
    public String recordingLayout() {
        return variable + " of " + elements.length + " elements every " + interval + " steps";
    }

    /** The samples so far and the elements in order, which a restore checks; a restored monitor goes on after them. */
    @Override
    public void checkpoint(StateVisitor state) {
        WatchedIndices.checkpoint(state, elements, "elements", "the monitor of rule variable '" + variable + "'");
        state.part("samples", samples);
    }
}

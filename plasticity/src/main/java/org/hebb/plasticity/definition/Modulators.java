package org.hebb.plasticity.definition;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.hebb.plasticity.Signal;
import org.hebb.simulator.engine.SpikeHistory;
import org.hebb.simulator.engine.SpikeView;
import org.hebb.util.Require;

/**
 * The modulators of a rule on one projection, in Hebb's units: one array per modulator (a single value when
 * global, one per postsynaptic neuron otherwise), written by user code or by signals between steps and read by the
 * generated code.
 */
final class Modulators {
    private final List<ModulatorDefinition> definitions;
    private final float[][] values;
    private final Signal[] signals;
    /** Per modulator that follows spikes: their history, the decay per step and what a spike adds (else null). */
    private final SpikeHistory[] drivers;
    private final float[] decay;
    private final float[] increment;

    Modulators(List<ModulatorDefinition> definitions, Map<String, Signal> signals, int targets) {
        this.definitions = definitions;
        this.values = new float[definitions.size()][];
        this.signals = new Signal[definitions.size()];
        for (int k = 0; k < values.length; k++) {
            ModulatorDefinition m = definitions.get(k);
            values[k] = new float[m.perPostsynapticNeuron() ? targets : 1];
            Arrays.fill(values[k], initial(k));
            this.signals[k] = signals.get(m.name());
        }
        this.drivers = new SpikeHistory[definitions.size()];
        this.decay = new float[definitions.size()];
        this.increment = new float[definitions.size()];
    }

    /**
     * Modulator {@code modulator} follows the spikes in {@code history}: each step it decays by {@code decay}, and
     * each spike adds {@code increment} (in the modulator's unit) to it, or to neuron i's value for a spike of
     * neuron i when it has one per neuron.
     */
    void driveBySpikes(String modulator, SpikeHistory history, double decay, double increment) {
        int k = index(modulator);
        drivers[k] = history;
        this.decay[k] = (float) decay;
        this.increment[k] = (float) (increment * definitions.get(k).unit().factor());
    }

    /** The initial value of modulator {@code k}, in Hebb's units. */
    private float initial(int k) {
        return (float) (definitions.get(k).initial() * definitions.get(k).unit().factor());
    }

    /**
     * The modulators that follow spikes return to their initial values (the spikes that drove them are gone); those
     * set by user code or by signals keep theirs.
     */
    void resetSpikeDriven() {
        for (int k = 0; k < drivers.length; k++) {
            if (drivers[k] != null) {
                Arrays.fill(values[k], initial(k));
            }
        }
    }

    /** Whether any modulator follows spikes. */
    boolean hasDrivers() {
        return Arrays.stream(drivers).anyMatch(d -> d != null);
    }

    /** The modulators that follow spikes decay over one step and take the spikes of {@code step}. */
    void takeSpikes(long step) {
        for (int k = 0; k < drivers.length; k++) {
            if (drivers[k] == null) {
                continue;
            }
            float[] m = values[k];
            for (int i = 0; i < m.length; i++) {
                m[i] *= decay[k];
            }
            SpikeView spikes = drivers[k].at(step);
            if (m.length == 1) {
                m[0] += increment[k] * spikes.total();
                continue;
            }
            for (int part = 0; part < spikes.partitions(); part++) {
                int[] neurons = spikes.neurons(part);
                for (int s = 0, n = spikes.count(part); s < n; s++) {
                    m[neurons[s]] += increment[k];
                }
            }
        }
    }

    /** The live arrays, in declaration order. */
    float[][] arrays() {
        return values;
    }

    /** The live array of {@code modulator}. */
    float[] array(String modulator) {
        return values[index(modulator)];
    }

    /** Whether any modulator follows a signal. */
    boolean hasSignals() {
        return Arrays.stream(signals).anyMatch(s -> s != null);
    }

    /** Sets every modulator that follows a signal to the signal's value in {@code step}. */
    void evaluateSignals(long step, double dt) {
        for (int k = 0; k < signals.length; k++) {
            if (signals[k] != null) {
                set(k, signals[k].valueAt(step, step * dt));
            }
        }
    }

    /**
     * Sets {@code modulator} (every neuron's value, if it has one per neuron), in its declared unit; refused for a
     * modulator that follows a signal, which would overwrite the value before the next step's synapse updates.
     */
    void set(String modulator, double value) {
        int k = index(modulator);
        Require.that(signals[k] == null, "setModulator(" + modulator + ", value) is not allowed: " + modulator
                + " follows a signal, which sets it before every step's synapse updates; change the signal, or "
                + "build the rule without it to set the modulator from user code");
        set(k, value);
    }

    private void set(int k, double value) {
        Arrays.fill(values[k], (float) (Require.finiteFloat(definitions.get(k).name(), value, "")
                * definitions.get(k).unit().factor()));
    }

    /** Sets per-neuron {@code modulator} of postsynaptic neuron {@code neuron}, in its declared unit. */
    void set(String modulator, int neuron, double value) {
        int k = index(modulator);
        if (!definitions.get(k).perPostsynapticNeuron()) {
            // the message is built only on failure: user code calls this for every neuron in every step
            throw new IllegalArgumentException("setModulator(" + modulator + ", neuron, value) is not allowed: "
                    + modulator + " is global; use setModulator(" + modulator + ", value)");
        }
        Require.inRange("neuron", neuron, 0, values[k].length - 1);
        float v = (float) (value * definitions.get(k).unit().factor());
        if (!Float.isFinite(v)) {
            // named only on failure: user code calls this for every neuron in every step
            Require.finiteFloat(modulator + "[" + neuron + "]", value, "");
        }
        values[k][neuron] = v;
    }

    private int index(String modulator) {
        for (int k = 0; k < definitions.size(); k++) {
            if (definitions.get(k).name().equals(modulator)) {
                return k;
            }
        }
        throw new IllegalArgumentException("modulator = '" + modulator + "' is not allowed: the rule's modulators "
                + "are " + definitions.stream().map(ModulatorDefinition::name).toList());
    }
}

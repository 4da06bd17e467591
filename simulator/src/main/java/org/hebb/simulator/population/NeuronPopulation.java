package org.hebb.simulator.population;

import java.util.ArrayList;
import java.util.List;

import org.apache.commons.rng.UniformRandomProvider;
import org.hebb.neurons.NeuronModel;
import org.hebb.neurons.NeuronState;
import org.hebb.simulator.init.ValueDistribution;
import org.hebb.simulator.input.CurrentSource;
import org.hebb.simulator.random.Seeds;
import org.hebb.util.Require;

/** A population of neurons of one model, with its state arrays and the current sources injected into it. */
public final class NeuronPopulation extends Population {
    private final NeuronModel model;
    private final NeuronState state;
    private final long masterSeed;
    private final List<CurrentSource> currents = new ArrayList<>();
    private boolean frozen;

    /** Created by {@link org.hebb.simulator.Network#addNeurons}. */
    public NeuronPopulation(String name, int size, NeuronModel model, long masterSeed) {
        super(name, size);
        this.model = Require.notNull("model", model);
        this.state = model.createState(size);
        this.masterSeed = masterSeed;
    }

    /** The neuron model. */
    public NeuronModel model() {
        return model;
    }

    /** The live state arrays (reads see the current simulation state; writes change it). */
    public NeuronState state() {
        return state;
    }

    /**
     * Draws the initial value of {@code variable} for every neuron from {@code values}, with a stream derived from
     * the master seed, the population's name and the variable's name.
     */
    public NeuronPopulation initialize(String variable, ValueDistribution values) {
        Require.notNull("values", values);
        float[] target = state.array(variable);
        UniformRandomProvider random = Seeds.generator(masterSeed, "init:" + name() + ":" + variable);
        for (int i = 0; i < target.length; i++) {
            target[i] = (float) values.sample(random);
            if (!Float.isFinite(target[i])) {
                throw new IllegalArgumentException("initial " + variable + " = " + target[i] + " of neuron " + i
                        + " of population '" + name() + "' drawn from " + values.describe()
                        + " is not allowed: must be finite in single precision");
            }
        }
        return this;
    }

    /** Sets {@code variable} of every neuron from {@code values} (one finite value per neuron). */
    public NeuronPopulation set(String variable, float[] values) {
        Require.notNull("values", values);
        float[] target = state.array(variable);
        Require.that(values.length == target.length, "values for '" + variable + "' has length " + values.length
                + ": must be the population size " + target.length);
        Require.allFinite(variable, values, null);
        System.arraycopy(values, 0, target, 0, values.length);
        return this;
    }

    /**
     * Adds a current source; its current is summed with the others and with the model's bias. Only before the
     * network's first run.
     */
    public NeuronPopulation inject(CurrentSource source) {
        if (frozen) {
            throw new IllegalStateException("inject is not allowed after the first run: current sources are fixed "
                    + "then; change a source's values from a step callback instead, or build a new Network");
        }
        currents.add(Require.notNull("source", source));
        return this;
    }

    /** Called by the network at its first run: the current sources are fixed from then on. */
    public void freeze() {
        frozen = true;
    }

    /** The current sources injected into this population. */
    public List<CurrentSource> currentSources() {
        return List.copyOf(currents);
    }
}

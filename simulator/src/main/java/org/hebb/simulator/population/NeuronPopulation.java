package org.hebb.simulator.population;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleSupplier;

import org.apache.commons.rng.UniformRandomProvider;
import org.hebb.neurons.NeuronModel;
import org.hebb.neurons.NeuronState;
import org.hebb.neurons.Precision;
import org.hebb.simulator.init.ValueDistribution;
import org.hebb.neurons.ReceptorKind;
import org.hebb.simulator.input.CurrentSource;
import org.hebb.simulator.input.PoissonInput;
import org.hebb.simulator.random.Seeds;
import org.hebb.util.Require;

/**
 * A population of neurons of one model, with its state arrays, the current sources injected into it and the
 * Poisson inputs onto its receptors.
 */
public final class NeuronPopulation extends Population {
    private final NeuronModel model;
    private final NeuronState state;
    private final long masterSeed;
    private final List<CurrentSource> currents = new ArrayList<>();
    private final List<PoissonInput> poissonInputs = new ArrayList<>();
    private boolean frozen;
    /** Told of neuron state set through this population once the network has made its engine; null before. */
    private StateWrites stateWrites;

    /**
     * What a network's engine does around neuron state set through {@link #initialize} or {@link #set}: before, it
     * brings the population's state to the host where it keeps it elsewhere (a device, the event-driven engine's
     * kernels); after, it takes the host's state.
     */
    public interface StateWrites {
        /** Before the population's state arrays are written. */
        void before(NeuronPopulation population);

        /** After they are written (also when the write stopped on an error). */
        void after(NeuronPopulation population);
    }

    /** A single-precision population, as {@link #NeuronPopulation(String, int, NeuronModel, long, Precision)}. */
    public NeuronPopulation(String name, int size, NeuronModel model, long masterSeed) {
        this(name, size, model, masterSeed, Precision.SINGLE);
    }

    /** Created by {@link org.hebb.simulator.Network#addNeurons}. */
    public NeuronPopulation(String name, int size, NeuronModel model, long masterSeed, Precision precision) {
        super(name, size);
        this.model = Require.notNull("model", model);
        this.state = model.createState(size, precision);
        this.masterSeed = masterSeed;
    }

    /** The neuron model. */
    public NeuronModel model() {
        return model;
    }

    /**
     * The state arrays. On the clock-driven Java engine they are the live state; elsewhere they may lag behind it
     * (the event-driven engine keeps each neuron's values as of its last event, a device backend as of the last time
     * a state monitor read them). To change the state on every engine and backend, before the first run, between
     * runs or from a step callback, use {@link #initialize} or {@link #set}.
     */
    public NeuronState state() {
        return state;
    }

    /** Called by the network when it makes its engine: neuron state set from then on goes through {@code writes}. */
    public void watchStateWrites(StateWrites writes) {
        this.stateWrites = writes;
    }

    /**
     * Draws the initial value of {@code variable} for every neuron from {@code values}, with a stream derived from
     * the master seed, the population's name and the variable's name.
     */
    public NeuronPopulation initialize(String variable, ValueDistribution values) {
        Require.notNull("values", values);
        state.indexOf(variable); // refuses a variable the model lacks before anything is drawn
        UniformRandomProvider stream = Seeds.generator(masterSeed, "init:" + name() + ":" + variable);
        DoubleSupplier random = state.precision() == Precision.SINGLE ? values.floatSampler(stream)
                : values.sampler(stream);
        // every value is drawn and checked before any is written (by set): a refusal leaves the state as it was
        double[] drawn = new double[size()];
        for (int i = 0; i < drawn.length; i++) {
            drawn[i] = random.getAsDouble();
            double stored = stored(drawn[i]);
            if (!Double.isFinite(stored)) {
                throw new IllegalArgumentException("initial " + variable + " = " + stored + " of neuron " + i
                        + " of population '" + name() + "' drawn from " + values.describe()
                        + " is not allowed: " + finiteRule());
            }
        }
        return set(variable, drawn);
    }

    /** Sets {@code variable} of every neuron from {@code values} (one finite value per neuron). */
    public NeuronPopulation set(String variable, float[] values) {
        Require.notNull("values", values);
        Require.allFinite(variable, values, null);
        double[] widened = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            widened[i] = values[i];
        }
        return set(variable, widened);
    }

    /**
     * Sets {@code variable} of every neuron from {@code values}, in the variable's unit: one value per neuron, finite
     * in the population's precision (rounded to float in single precision); a per-neuron parameter's values must
     * meet the model's requirements on it (Izhikevich's {@code c < v_peak}), checked with the values as they are
     * stored.
     * Every value is checked before any is written: a refusal leaves the state as it was.
     */
    public NeuronPopulation set(String variable, double[] values) {
        Require.notNull("values", values);
        int index = state.indexOf(variable);
        Require.that(values.length == size(), "values for '" + variable + "' has length " + values.length
                + ": must be the population size " + size());
        double[] stored = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException(variable + "[" + i + "] = " + values[i]
                        + " is not allowed: must be finite");
            }
            stored[i] = stored(values[i]);
            if (!Double.isFinite(stored[i])) {
                throw new IllegalArgumentException(variable + "[" + i + "] = " + values[i] + " of population '"
                        + name() + "' is not allowed: " + finiteRule());
            }
        }
        model.requireNeuronValues(state, index, stored, "population '" + name() + "'");
        beforeWrite();
        try {
            for (int i = 0; i < values.length; i++) {
                state.set(index, i, values[i]);
            }
        } finally {
            afterWrite();
        }
        return this;
    }

    /**
     * Adds a current source; its current is summed with the others and with the model's bias. Only before the
     * network's first run (or {@code Network.prepare}).
     */
    public NeuronPopulation inject(CurrentSource source) {
        if (frozen) {
            throw new IllegalStateException("inject is not allowed after the network's first run (or prepare()): "
                    + "current sources are fixed then; change a source's values from a step callback instead, or "
                    + "build a new Network");
        }
        currents.add(Require.notNull("source", source));
        return this;
    }

    /**
     * Adds Poisson background input onto one of the model's receptors (see {@link PoissonInput}). Only before the
     * network's first run (or {@code Network.prepare}); the Java backend's clock-driven engine runs it.
     */
    public NeuronPopulation addPoissonInput(PoissonInput input) {
        if (frozen) {
            throw new IllegalStateException("addPoissonInput is not allowed after the network's first run (or "
                    + "prepare()): inputs are fixed then; build a new Network");
        }
        Require.notNull("input", input);
        model.receptorIndex(input.receptor());
        ReceptorKind kind = model.receptorKind(input.receptor());
        Require.that(!kind.requiresNonNegativeWeights() || input.weight() >= 0, "weight = " + input.weight() + " "
                + kind.weightUnit() + " of " + input.describe() + " is not allowed: receptor '" + input.receptor()
                + "' of " + model.name() + " is a conductance and needs weights >= 0");
        poissonInputs.add(input);
        return this;
    }

    /** {@code value} as the state stores it: rounded to float in single precision. */
    private double stored(double value) {
        return state.precision() == Precision.SINGLE ? (float) value : value;
    }

    /** What a stored value must be. */
    private String finiteRule() {
        return "must be finite in " + state.precision().name().toLowerCase(Locale.ROOT) + " precision";
    }

    private void beforeWrite() {
        if (stateWrites != null) {
            stateWrites.before(this);
        }
    }

    private void afterWrite() {
        if (stateWrites != null) {
            stateWrites.after(this);
        }
    }

    /** Called by the network when it is prepared (its first run): the current sources are fixed from then on. */
    public void freeze() {
        frozen = true;
    }

    /** The current sources injected into this population. */
    public List<CurrentSource> currentSources() {
        return List.copyOf(currents);
    }

    /** The Poisson inputs onto this population's receptors. */
    public List<PoissonInput> poissonInputs() {
        return List.copyOf(poissonInputs);
    }
}

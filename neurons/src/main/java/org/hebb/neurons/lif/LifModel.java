package org.hebb.neurons.lif;

import java.util.LinkedHashMap;
import java.util.Map;

import org.hebb.neurons.definition.DefinedNeuronModel;
import org.hebb.neurons.definition.NeuronDefinition;
import org.hebb.util.Require;

/**
 * What the leaky integrate-and-fire models share: the membrane parameters (PyNN names and units), the variables
 * {@code v} and {@code refractory_steps}, and threshold, reset and refractoriness (see {@link LifDefinitions}).
 * While refractory ({@code refractory_steps} > 0, a whole number) the membrane potential keeps its value, v_reset
 * after a spike, and input arriving at the membrane itself is discarded; synaptic currents and conductances keep
 * evolving.
 *
 * <p>The refractory period lasts tau_refrac from the spike, as in Brian2: a spike in step s, stamped at time
 * s dt, holds v in steps s+1 .. s+n-1 with n = round(tau_refrac / dt), and step s+n integrates again. With n = 0
 * or 1 the neuron is not held at all beyond the reset in the spike step, so it can fire again in the next step.
 * (NEST holds tau_refrac from its own stamp, the end of the step; see docs/ARCHITECTURE.md, "Timing
 * conventions".)
 */
public abstract class LifModel extends DefinedNeuronModel {
    /** Index of {@code v} in every LIF model's variables. */
    public static final int V = 0;
    /**
     * Index of {@code refractory_steps} in every LIF model's variables: the refractory time left after the time
     * the state is at, in steps of dt, i.e. how many of the coming steps hold v. A spike in step s leaves
     * n - 1 = round(tau_refrac / dt) - 1 (0 if that is negative) at the end of that step, and each held step
     * counts it down by one; a free step leaves -1 (0 and -1 both mean free). The event-driven engine reads and
     * writes it in the same sense, so that the neuron integrates again tau_refrac after its spike.
     */
    public static final int REFRACTORY = 1;

    protected final double cm;
    protected final double tauM;
    protected final double tauRefrac;
    protected final double vRest;
    protected final double vReset;
    protected final double vThresh;
    protected final double iOffset;

    protected LifModel(NeuronDefinition definition, Builder<?> b) {
        super(definition, b.values);
        this.cm = parameter("cm");
        this.tauM = parameter("tau_m");
        this.tauRefrac = parameter("tau_refrac");
        this.vRest = parameter("v_rest");
        this.vReset = parameter("v_reset");
        this.vThresh = parameter("v_thresh");
        this.iOffset = parameter("i_offset");
    }

    /** Membrane time constant in ms. */
    public double tauM() {
        return tauM;
    }

    /** Membrane capacitance in nF. */
    public double cm() {
        return cm;
    }

    /** Firing threshold, mV. */
    public double vThresh() {
        return vThresh;
    }

    /** Reset potential, mV. */
    public double vReset() {
        return vReset;
    }

    /**
     * The common LIF parameters, with PyNN's defaults. Subclasses add the model's own.
     *
     * @param <B> the concrete builder
     */
    public abstract static class Builder<B extends Builder<B>> {
        /** The parameter values set so far, by PyNN name; the definition's defaults fill the rest. */
        final Map<String, Double> values = new LinkedHashMap<>();

        protected abstract B self();

        /** Sets {@code name} to {@code value} (already validated). */
        protected final B set(String name, double value) {
            values.put(name, value);
            return self();
        }

        /** Membrane capacitance {@code cm} in nF (> 0). */
        public B cm(double nF) {
            return set("cm", Require.positive("cm", nF, "nF"));
        }

        /** Membrane time constant {@code tau_m} in ms (> 0). */
        public B tauM(double ms) {
            return set("tau_m", Require.positive("tau_m", ms, "ms"));
        }

        /**
         * Refractory period {@code tau_refrac} in ms (>= 0), rounded to whole steps: after a spike the neuron
         * integrates again tau_refrac later (see {@link LifModel}).
         */
        public B tauRefrac(double ms) {
            return set("tau_refrac", Require.nonNegative("tau_refrac", ms, "ms"));
        }

        /** Resting potential {@code v_rest} in mV. */
        public B vRest(double mV) {
            return set("v_rest", Require.finite("v_rest", mV, "mV"));
        }

        /** Reset potential {@code v_reset} in mV (below v_thresh). */
        public B vReset(double mV) {
            return set("v_reset", Require.finite("v_reset", mV, "mV"));
        }

        /** Firing threshold {@code v_thresh} in mV: a spike is emitted when v >= v_thresh after an update. */
        public B vThresh(double mV) {
            return set("v_thresh", Require.finite("v_thresh", mV, "mV"));
        }

        /** Constant bias current {@code i_offset} in nA. */
        public B iOffset(double nA) {
            return set("i_offset", Require.finite("i_offset", nA, "nA"));
        }
    }
}

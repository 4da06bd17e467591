package org.hebb.neurons.lif;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.hebb.neurons.NeuronKernel;
import org.hebb.neurons.NeuronModel;
import org.hebb.neurons.ReceptorKind;
import org.hebb.neurons.NeuronState;
import org.hebb.neurons.Variable;
import org.hebb.util.Require;

/**
 * What the leaky integrate-and-fire models share: the membrane parameters (PyNN names and units), the variables
 * {@code v} and {@code refractory_steps}, and threshold, reset and refractoriness. While refractory
 * ({@code refractory_steps} > 0, a whole number) the membrane potential keeps its value, v_reset after a spike,
 * and input arriving at the membrane itself is discarded; synaptic currents and conductances keep evolving.
 *
 * <p>The refractory period lasts tau_refrac from the spike, as in Brian2: a spike in step s, stamped at time
 * s dt, holds v in steps s+1 .. s+n-1 with n = round(tau_refrac / dt), and step s+n integrates again. With n = 0
 * or 1 the neuron is not held at all beyond the reset in the spike step, so it can fire again in the next step.
 * (NEST holds tau_refrac from its own stamp, the end of the step; see docs/ARCHITECTURE.md, "Timing
 * conventions".)
 */
public abstract class LifModel implements NeuronModel {
    /** Index of {@code v} in every LIF model's variables. */
    public static final int V = 0;
    /**
     * Index of {@code refractory_steps} in every LIF model's variables: the refractory time left after the time
     * the state is at, in steps of dt, i.e. how many of the coming steps hold v. A spike in step s leaves
     * n - 1 = round(tau_refrac / dt) - 1 (0 if that is negative) at the end of that step, and each held step
     * counts it down by one; the event-driven engine reads and writes it in the same sense, so that the neuron
     * integrates again tau_refrac after its spike.
     */
    public static final int REFRACTORY = 1;

    protected final double cm;
    protected final double tauM;
    protected final double tauRefrac;
    protected final double vRest;
    protected final double vReset;
    protected final double vThresh;
    protected final double iOffset;

    protected LifModel(Builder<?> b) {
        Require.that(b.vReset < b.vThresh, "v_reset = " + b.vReset + " mV is not allowed: must be below v_thresh = "
                + b.vThresh + " mV");
        this.cm = b.cm;
        this.tauM = b.tauM;
        this.tauRefrac = b.tauRefrac;
        this.vRest = b.vRest;
        this.vReset = b.vReset;
        this.vThresh = b.vThresh;
        this.iOffset = b.iOffset;
    }

    @Override
    public Map<String, Double> parameters() {
        Map<String, Double> p = new LinkedHashMap<>();
        p.put("cm", cm);
        p.put("tau_m", tauM);
        p.put("tau_refrac", tauRefrac);
        p.put("v_rest", vRest);
        p.put("v_reset", vReset);
        p.put("v_thresh", vThresh);
        p.put("i_offset", iOffset);
        p.putAll(specificParameters());
        return p;
    }

    /** Every LIF model has an excitatory and an inhibitory receptor. */
    @Override
    public List<String> receptors() {
        return List.of("excitatory", "inhibitory");
    }

    @Override
    public ReceptorKind receptorKind(String receptor) {
        receptorIndex(receptor);
        return weightKind();
    }

    /** How weights act on both receptors of this model. */
    protected abstract ReceptorKind weightKind();

    /**
     * The kernel: the model's integration (see {@link #createIntegrator}), then threshold, reset and the start of
     * the refractory period.
     */
    @Override
    public final NeuronKernel createKernel(NeuronState state, double dt) {
        final Integrator integrator = createIntegrator(state, dt);
        final float[] v = state.array(V);
        final float[] refractory = state.array(REFRACTORY);
        final float threshold = (float) vThresh;
        final float reset = (float) vReset;
        final float heldAfterSpike = refractoryStepsAfterSpike(dt);
        return (from, to, input, injected, spikes) -> {
            integrator.advance(from, to, input, injected);
            return thresholdAndReset(from, to, v, refractory, threshold, reset, heldAfterSpike, spikes);
        };
    }

    /**
     * The model's integration over one step for a range of neurons: consume synaptic input, advance the state,
     * hold refractory neurons and count their refractory steps down.
     */
    protected abstract Integrator createIntegrator(NeuronState state, double dt);

    /** One step of a LIF model's subthreshold dynamics over a range of neurons. */
    @FunctionalInterface
    protected interface Integrator {
        /** Advances neurons [from, to); see {@link NeuronKernel#step} for the arguments. */
        void advance(int from, int to, float[][] synapticInput, float[] injectedCurrent);
    }

    /** The parameters this model adds to the common LIF ones. */
    protected abstract Map<String, Double> specificParameters();

    /** The variables this model adds after {@code v} and {@code refractory_steps}. */
    protected abstract List<Variable> specificVariables();

    @Override
    public List<Variable> variables() {
        List<Variable> vars = new ArrayList<>();
        vars.add(Variable.state("v", "mV"));
        vars.add(Variable.state("refractory_steps", "steps"));
        vars.addAll(specificVariables());
        return vars;
    }

    @Override
    public NeuronState createState(int size) {
        NeuronState state = new NeuronState(variables(), size);
        java.util.Arrays.fill(state.array(V), (float) vRest);
        return state;
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
     * Refractory period in whole steps, n: tau_refrac / dt rounded to the nearest integer (at most 2^24). A spike
     * in step s lets the neuron integrate again in step s + n (in step s + 1 if n is 0).
     */
    public int refractorySteps(double dt) {
        long steps = Math.round(tauRefrac / dt);
        Require.that(steps <= 1 << 24, "tau_refrac = " + tauRefrac + " ms is not allowed at dt = " + dt
                + " ms: must be at most 2^24 steps");
        return (int) steps;
    }

    /**
     * What a spike leaves in {@code refractory_steps} at the end of its step: the steps after it that hold v,
     * {@link #refractorySteps} - 1, and 0 when tau_refrac is below 1.5 dt.
     */
    public int refractoryStepsAfterSpike(double dt) {
        return Math.max(refractorySteps(dt) - 1, 0);
    }

    /**
     * Threshold, reset and start of the refractory period for neurons [from, to).
     *
     * @return the number of spikes written to {@code spikes}
     */
    private static int thresholdAndReset(int from, int to, float[] v, float[] refractory, float vThresh,
                                           float vReset, float heldAfterSpike, int[] spikes) {
        int count = 0;
        for (int i = from; i < to; i++) {
            if (v[i] >= vThresh) {
                v[i] = vReset;
                refractory[i] = heldAfterSpike;
                spikes[count++] = i;
            }
        }
        return count;
    }

    /**
     * The common LIF parameters, with PyNN's defaults. Subclasses add the model's own.
     *
     * @param <B> the concrete builder
     */
    public abstract static class Builder<B extends Builder<B>> {
        double cm = 1.0;
        double tauM = 20.0;
        double tauRefrac = 0.1;
        double vRest = -65.0;
        double vReset = -65.0;
        double vThresh = -50.0;
        double iOffset = 0.0;

        protected abstract B self();

        /** Membrane capacitance {@code cm} in nF (> 0). */
        public B cm(double nF) {
            cm = Require.positive("cm", nF, "nF");
            return self();
        }

        /** Membrane time constant {@code tau_m} in ms (> 0). */
        public B tauM(double ms) {
            tauM = Require.positive("tau_m", ms, "ms");
            return self();
        }

        /**
         * Refractory period {@code tau_refrac} in ms (>= 0), rounded to whole steps: after a spike the neuron
         * integrates again tau_refrac later (see {@link LifModel}).
         */
        public B tauRefrac(double ms) {
            tauRefrac = Require.nonNegative("tau_refrac", ms, "ms");
            return self();
        }

        /** Resting potential {@code v_rest} in mV. */
        public B vRest(double mV) {
            vRest = Require.finite("v_rest", mV, "mV");
            return self();
        }

        /** Reset potential {@code v_reset} in mV (below v_thresh). */
        public B vReset(double mV) {
            vReset = Require.finite("v_reset", mV, "mV");
            return self();
        }

        /** Firing threshold {@code v_thresh} in mV: a spike is emitted when v >= v_thresh after an update. */
        public B vThresh(double mV) {
            vThresh = Require.finite("v_thresh", mV, "mV");
            return self();
        }

        /** Constant bias current {@code i_offset} in nA. */
        public B iOffset(double nA) {
            iOffset = Require.finite("i_offset", nA, "nA");
            return self();
        }
    }
}

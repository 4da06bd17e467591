package org.hebb.neurons.lif;

import org.hebb.neurons.EventDrivenKernel;
import org.hebb.neurons.NeuronState;

/**
 * What the exact LIF kernels share: membrane potential, time of the last event and end of the refractory period
 * per neuron, in double precision, and the refractory logic. Every input and spike also writes the neuron's values
 * into the population's float state, so that it always holds each neuron's state as of its last event. While refractory the membrane potential is held at
 * v_reset (synaptic currents, where the model has them, keep decaying); at the end of the period it evolves
 * freely again. The period is exactly tau_refrac long, [t_spike, t_spike + tau_refrac).
 */
abstract class LifEventKernel implements EventDrivenKernel {
    protected final NeuronState state;
    protected final double dt;
    protected final double tauM;
    protected final double cm;
    protected final double vReset;
    protected final double vThresh;
    private final double vRest;
    private final double iOffset;
    private final double tauRefrac;
    protected final double[] v;
    protected final double[] lastTime;
    protected final double[] refractoryUntil;
    /** Where the membrane potential settles with the neuron's constant currents and no synaptic input, mV. */
    protected final double[] vInf;
    /** The variables {@link #advance} changes, saved and restored around {@link #publish}. */
    private double[][] advancing;
    private double[] saved;
    private final float[] vOut;
    private final float[] refractoryOut;

    LifEventKernel(LifModel model, NeuronState state, double dt) {
        this.state = state;
        this.dt = dt;
        this.tauM = model.tauM;
        this.cm = model.cm;
        this.vRest = model.vRest;
        this.vReset = model.vReset;
        this.vThresh = model.vThresh;
        this.iOffset = model.iOffset;
        this.tauRefrac = model.tauRefrac;
        int n = state.size();
        this.v = new double[n];
        this.lastTime = new double[n];
        this.refractoryUntil = new double[n];
        this.vInf = new double[n];
        this.vOut = state.array(LifModel.V);
        this.refractoryOut = state.array(LifModel.REFRACTORY);
    }

    /**
     * Registers the model's own variables that {@link #advanceFree} and {@link #advanceHeld} change; every
     * subclass calls it once, in its constructor.
     */
    protected final void advancingVariables(double[]... extra) {
        advancing = new double[2 + extra.length][];
        advancing[0] = v;
        advancing[1] = lastTime;
        System.arraycopy(extra, 0, advancing, 2, extra.length);
        saved = new double[advancing.length];
    }

    @Override
    public void load(double timeMs, float[] injectedCurrent) {
        float[] vs = state.array(LifModel.V);
        float[] refractory = state.array(LifModel.REFRACTORY);
        for (int i = 0; i < v.length; i++) {
            v[i] = vs[i];
            lastTime[i] = timeMs;
            // refractory_steps: the coming steps that hold v (LifModel.REFRACTORY); writeState inverts this
            refractoryUntil[i] = timeMs + refractory[i] * dt;
            vInf[i] = vRest + tauM / cm * (iOffset + injectedCurrent[i]);
        }
        loadModelVariables();
    }

    /** Takes the model's own variables from the state arrays. */
    protected abstract void loadModelVariables();

    /** Brings neuron {@code i} to {@code timeMs}: held while refractory, free afterwards. */
    protected final void advance(int i, double timeMs) {
        double last = lastTime[i];
        if (timeMs <= last) {
            return;
        }
        double until = refractoryUntil[i];
        if (last < until) {
            double heldTo = Math.min(timeMs, until);
            advanceHeld(i, heldTo - last);
            last = heldTo;
        }
        if (timeMs > last) {
            advanceFree(i, timeMs - last);
        }
        lastTime[i] = timeMs;
    }

    /** Advances neuron {@code i} by {@code s} ms of refractoriness (v is held). */
    protected abstract void advanceHeld(int i, double s);

    /** Advances neuron {@code i} by {@code s} ms of free evolution. */
    protected abstract void advanceFree(int i, double s);

    /** Whether neuron {@code i} is refractory at {@code timeMs} (input at the membrane is then discarded). */
    protected final boolean refractoryAt(int i, double timeMs) {
        return timeMs < refractoryUntil[i];
    }

    /** When neuron {@code i}'s free evolution resumes: its last event, or the end of its refractory period. */
    protected final double freeFrom(int i) {
        return Math.max(lastTime[i], refractoryUntil[i]);
    }

    @Override
    public final void receive(int neuron, double timeMs, int receptor, double weight) {
        advance(neuron, timeMs);
        addInput(neuron, timeMs, receptor, weight);
        writeState(neuron);
    }

    /** Adds a weight arriving at {@code timeMs} to neuron {@code i}, already advanced to that time. */
    protected abstract void addInput(int i, double timeMs, int receptor, double weight);

    @Override
    public final void fire(int neuron, double timeMs) {
        advance(neuron, timeMs);
        v[neuron] = vReset;
        refractoryUntil[neuron] = timeMs + tauRefrac;
        writeState(neuron);
    }

    @Override
    public void publish(double timeMs) {
        for (int i = 0; i < v.length; i++) {
            for (int k = 0; k < advancing.length; k++) {
                saved[k] = advancing[k][i];
            }
            advance(i, timeMs);
            writeState(i);
            for (int k = 0; k < advancing.length; k++) {
                advancing[k][i] = saved[k];
            }
        }
    }

    /** Writes neuron {@code i}'s values as of its last event into the float state arrays. */
    protected void writeState(int i) {
        vOut[i] = (float) v[i];
        refractoryOut[i] = (float) (Math.max(0, refractoryUntil[i] - lastTime[i]) / dt);
    }
}

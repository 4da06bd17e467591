package org.hebb.neurons.lif;

import org.hebb.neurons.NeuronState;

/**
 * The exact kernel of {@link IfCurrDelta}: between events v relaxes towards v_inf in closed form; a spike can
 * only be reached at an input (a jump) or, when the constant currents put v_inf above threshold, at the time given
 * by v(t) = v_thresh, t = tau_m ln((v_inf - v0) / (v_inf - v_thresh)). No root finding.
 */
final class DeltaLifEventKernel extends LifEventKernel {
    DeltaLifEventKernel(IfCurrDelta model, NeuronState state, double dt) {
        super(model, state, dt);
        advancingVariables();
    }

    @Override
    protected void loadModelVariables() {
    }

    @Override
    protected void advanceHeld(int i, double s) {
    }

    @Override
    protected void advanceFree(int i, double s) {
        v[i] = vInf[i] + (v[i] - vInf[i]) * Math.exp(-s / tauM);
    }

    @Override
    protected void addInput(int i, double timeMs, int receptor, double weight) {
        if (!refractoryAt(i, timeMs)) {
            v[i] += weight;
        }
    }

    @Override
    public double nextThresholdTime(int neuron) {
        double start = freeFrom(neuron);
        double v0 = v[neuron];
        if (v0 >= vThresh) {
            return start;
        }
        double target = vInf[neuron];
        if (target <= vThresh) {
            return Double.POSITIVE_INFINITY;
        }
        return start + tauM * Math.log((target - v0) / (target - vThresh));
    }

    @Override
    public double spikeTimeToleranceMs() {
        return 0;
    }
}

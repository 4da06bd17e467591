package org.hebb.neurons.lif;

import org.hebb.neurons.NeuronState;

/**
 * The exact kernel of {@link IfCurrExp}: v and both synaptic currents follow their closed form between events
 * ({@link ExpCurrentTrajectory}); a weight arriving at t is added to its current at t; threshold crossings are
 * located by root finding on the closed form to {@link #TOLERANCE_MS}.
 */
final class ExpCurrentLifEventKernel extends LifEventKernel {
    /** How closely threshold crossings are located, ms. */
    static final double TOLERANCE_MS = 1e-12;

    private final double tauSynE;
    private final double tauSynI;
    private final double[] iE;
    private final double[] iI;
    private final ExpCurrentTrajectory trajectory;

    ExpCurrentLifEventKernel(IfCurrExp model, NeuronState state, double dt) {
        super(model, state, dt, 2);
        this.tauSynE = model.tauSynE();
        this.tauSynI = model.tauSynI();
        this.iE = new double[state.size()];
        this.iI = new double[state.size()];
        this.trajectory = new ExpCurrentTrajectory(tauM, tauSynE, tauSynI, TOLERANCE_MS);
        advancingVariables(iE, iI);
    }

    @Override
    protected void loadModelVariables() {
        float[] e = state.array(IfCurrExp.I_SYN_E);
        float[] in = state.array(IfCurrExp.I_SYN_I);
        for (int i = 0; i < iE.length; i++) {
            iE[i] = e[i];
            iI[i] = in[i];
        }
    }

    @Override
    protected void advanceHeld(int i, double s) {
        iE[i] *= Math.exp(-s / tauSynE);
        iI[i] *= Math.exp(-s / tauSynI);
    }

    @Override
    protected void advanceFree(int i, double s) {
        double target = vInf[i];
        v[i] = target + (v[i] - target) * Math.exp(-s / tauM)
                + iE[i] / cm * trajectory.psp(0, s) + iI[i] / cm * trajectory.psp(1, s);
        advanceHeld(i, s);
    }

    @Override
    public void receive(int neuron, double timeMs, int receptor, double weight) {
        advance(neuron, timeMs);
        if (receptor == 0) {
            iE[neuron] += weight;
        } else {
            iI[neuron] += weight;
        }
    }

    @Override
    public double nextThresholdTime(int neuron) {
        double start = freeFrom(neuron);
        double v0 = v[neuron];
        double e0 = iE[neuron];
        double i0 = iI[neuron];
        double held = start - lastTime[neuron];
        if (held > 0) {
            e0 *= Math.exp(-held / tauSynE);
            i0 *= Math.exp(-held / tauSynI);
        }
        double target = vInf[neuron];
        trajectory.set(target - vThresh, v0 - target, e0 / cm, i0 / cm);
        return start + trajectory.firstCrossing();
    }

    @Override
    protected void writeState(int i) {
        super.writeState(i);
        state.array(IfCurrExp.I_SYN_E)[i] = (float) iE[i];
        state.array(IfCurrExp.I_SYN_I)[i] = (float) iI[i];
    }

    @Override
    public double spikeTimeToleranceMs() {
        return TOLERANCE_MS;
    }
}

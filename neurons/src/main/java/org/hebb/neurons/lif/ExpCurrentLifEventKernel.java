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
    private final float[] iEOut;
    private final float[] iIOut;
    private final ExpCurrentTrajectory trajectory;

    ExpCurrentLifEventKernel(IfCurrExp model, NeuronState state, double dt) {
        super(model, state, dt);
        this.tauSynE = model.tauSynE();
        this.tauSynI = model.tauSynI();
        this.iE = new double[state.size()];
        this.iI = new double[state.size()];
        this.trajectory = new ExpCurrentTrajectory(tauM, tauSynE, tauSynI, TOLERANCE_MS);
        this.iEOut = state.array(IfCurrExp.I_SYN_E);
        this.iIOut = state.array(IfCurrExp.I_SYN_I);
        advancingVariables(iE, iI);
    }

    @Override
    protected void loadModelVariables() {
        for (int i = 0; i < iE.length; i++) {
            iE[i] = iEOut[i];
            iI[i] = iIOut[i];
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
        double decayM = Math.exp(-s / tauM);
        double decayE = Math.exp(-s / tauSynE);
        double decayI = Math.exp(-s / tauSynI);
        v[i] = target + (v[i] - target) * decayM + iE[i] / cm * trajectory.psp(0, s, decayM, decayE)
                + iI[i] / cm * trajectory.psp(1, s, decayM, decayI);
        iE[i] *= decayE;
        iI[i] *= decayI;
    }

    @Override
    protected void addInput(int i, double timeMs, int receptor, double weight) {
        if (receptor == 0) {
            iE[i] += weight;
        } else {
            iI[i] += weight;
        }
    }

    @Override
    public double nextThresholdTime(int neuron) {
        double start = setTrajectory(neuron);
        return start + trajectory.firstCrossing();
    }

    @Override
    public double nextThresholdTime(int neuron, double notBeforeMs) {
        double start = setTrajectory(neuron);
        return start + trajectory.firstCrossing(Math.max(0, notBeforeMs - start));
    }

    @Override
    public boolean hasCheapThresholdBound() {
        return true;
    }

    @Override
    public double thresholdTimeLowerBound(int neuron) {
        double start = setTrajectory(neuron);
        return start + trajectory.noCrossingBefore();
    }

    /** Sets the trajectory of {@code neuron} from where its free evolution starts; returns that time, ms. */
    private double setTrajectory(int neuron) {
        double start = freeFrom(neuron);
        double e0 = iE[neuron];
        double i0 = iI[neuron];
        double held = start - lastTime[neuron];
        if (held > 0) {
            e0 *= Math.exp(-held / tauSynE);
            i0 *= Math.exp(-held / tauSynI);
        }
        double target = vInf[neuron];
        trajectory.set(target - vThresh, v[neuron] - target, e0 / cm, i0 / cm);
        return start;
    }

    @Override
    protected void writeState(int i) {
        super.writeState(i);
        iEOut[i] = (float) iE[i];
        iIOut[i] = (float) iI[i];
    }

    @Override
    public double spikeTimeToleranceMs() {
        return TOLERANCE_MS;
    }
}

package org.hebb.neurons.adex;

import java.util.Arrays;

import org.hebb.util.Require;

/**
 * An independent reference for the AdEx neuron (Brette and Gerstner 2005), in double precision:
 *
 * <pre>
 * C dV/dt     = -g_L (V - E_L) + g_L Delta_T exp((V - V_T) / Delta_T) - w + I
 * tau_w dw/dt = a (V - E_L) - w
 * when V &gt; V_cut: V &lt;- V_r, w &lt;- w + b
 * </pre>
 *
 * integrated with the classical fourth-order Runge-Kutta method at a fixed step (0.001 ms in the tests), without a
 * refractory period. Units: mV, ms, nA, nF, uS.
 *
 * <p>The spike cut-off is V_cut = 0 mV, the value of the Brian 2 reproduction of Naud et al. (2008) and of pycaputo's
 * transcription of their Table 1 (V_peak = 0 mV). Above V_T + 5 Delta_T the exponential term dominates and V
 * diverges in finite time, so the cut-off moves a spike by at most about tau_m exp(-5), well under a millisecond, but
 * it does set where bursts end (Touboul and Brette 2008), which is why it is fixed here.
 *
 * <p>The right-hand side is evaluated at min(V, V_cut). Below the cut-off this changes nothing; in a step that crosses
 * it, it keeps the Runge-Kutta stages finite (exp(25) instead of an overflow). A step that crosses the cut-off is
 * redone from its start in 100 finer steps, and the spike and the reset take place at the end of the finer step that
 * crosses, so each spike is placed to within 1/100 of a step; without this the reset would come up to one whole step
 * late at every spike and the error would pile up along the train.
 */
final class ReferenceAdex implements AdexSpikeSource {
    /** The spike cut-off V_cut, mV. */
    static final double CUT_OFF_MV = 0.0;
    /** How many finer steps replace a step that crosses the cut-off. */
    private static final int SUBSTEPS = 100;
    /** A firing rate no parameter set reaches (1 per 0.1 ms), so a runaway fails fast instead of filling memory. */
    private static final double MAX_RATE_PER_MS = 10;

    private final double dtMs;

    /** @param dtMs the integration step, ms */
    ReferenceAdex(double dtMs) {
        this.dtMs = Require.positive("dtMs", dtMs, "ms");
    }

    @Override
    public double[] spikeTimes(NaudParameterSets p, double stimulusMs) {
        Require.positive("stimulusMs", stimulusMs, "ms");
        long steps = Math.round(stimulusMs / dtMs);
        double substepMs = dtMs / SUBSTEPS;
        double[] state = {p.restMv(), 0};
        double[] trial = new double[2];
        double[] spikes = new double[16];
        int count = 0;
        for (long step = 0; step < steps; step++) {
            trial[0] = state[0];
            trial[1] = state[1];
            rungeKutta(p, trial, dtMs);
            if (trial[0] <= CUT_OFF_MV) {
                state[0] = trial[0];
                state[1] = trial[1];
                continue;
            }
            for (int sub = 1; sub <= SUBSTEPS; sub++) {
                rungeKutta(p, state, substepMs);
                if (state[0] > CUT_OFF_MV) {
                    state[0] = p.resetMv();
                    state[1] += p.spikeAdaptationNa();
                    if (count == spikes.length) {
                        if (count > MAX_RATE_PER_MS * stimulusMs) {
                            throw new IllegalStateException(p + ": more than " + MAX_RATE_PER_MS
                                    + " spikes per ms, the reset no longer stops the upswing");
                        }
                        spikes = Arrays.copyOf(spikes, 2 * count);
                    }
                    spikes[count++] = Math.min(step * dtMs + sub * substepMs, stimulusMs);
                }
            }
        }
        return Arrays.copyOf(spikes, count);
    }

    /** One classical Runge-Kutta step of {@code h} ms from {@code state} = {V (mV), w (nA)}, in place. */
    private static void rungeKutta(NaudParameterSets p, double[] state, double h) {
        double v = state[0];
        double w = state[1];
        double k1v = dv(p, v, w);
        double k1w = dw(p, v, w);
        double k2v = dv(p, v + 0.5 * h * k1v, w + 0.5 * h * k1w);
        double k2w = dw(p, v + 0.5 * h * k1v, w + 0.5 * h * k1w);
        double k3v = dv(p, v + 0.5 * h * k2v, w + 0.5 * h * k2w);
        double k3w = dw(p, v + 0.5 * h * k2v, w + 0.5 * h * k2w);
        double k4v = dv(p, v + h * k3v, w + h * k3w);
        double k4w = dw(p, v + h * k3v, w + h * k3w);
        state[0] = v + h / 6 * (k1v + 2 * k2v + 2 * k3v + k4v);
        state[1] = w + h / 6 * (k1w + 2 * k2w + 2 * k3w + k4w);
    }

    /** dV/dt, mV/ms, evaluated at min(V, V_cut). */
    private static double dv(NaudParameterSets p, double v, double w) {
        double vc = Math.min(v, CUT_OFF_MV);
        double exponential = p.slopeMv() * Math.exp((vc - p.thresholdMv()) / p.slopeMv());
        return (-p.leakConductanceUs() * (vc - p.restMv() - exponential) - w + p.currentNa()) / p.capacitanceNf();
    }

    /** dw/dt, nA/ms. */
    private static double dw(NaudParameterSets p, double v, double w) {
        double vc = Math.min(v, CUT_OFF_MV);
        return (p.subthresholdAdaptationUs() * (vc - p.restMv()) - w) / p.adaptationTimeConstantMs();
    }
}

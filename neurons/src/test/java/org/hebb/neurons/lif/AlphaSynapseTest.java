package org.hebb.neurons.lif;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hebb.neurons.EventDrivenKernel;
import org.hebb.neurons.NeuronModel;
import org.hebb.neurons.NeuronState;
import org.hebb.neurons.definition.DefinedNeuronModel;
import org.hebb.neurons.testing.SingleNeuron;
import org.junit.jupiter.api.Test;

/**
 * IF_curr_alpha and IF_cond_alpha, defined from equations alone, against closed forms: after one input of weight w
 * at time 0 the synaptic current (conductance) is w (t / tau) exp(1 - t / tau); IF_curr_alpha's postsynaptic
 * potential is the closed-form solution of the membrane equation driven by it, on both engines, and IF_cond_alpha's peaks where a
 * fine-step double-precision integration of the same equations puts it.
 */
class AlphaSynapseTest {
    private static final double DT = 0.1;

    private static double alpha(double weight, double tau, double t) {
        return weight * t / tau * Math.exp(1 - t / tau);
    }

    /**
     * The potential above rest at time t of a membrane (tau_m, cm) driven by an alpha current of weight w and time
     * constant tau_s: (w e / (cm tau_s)) exp(-t / tau_m) (1 - exp(-k t) (1 + k t)) / k^2, k = 1/tau_s - 1/tau_m.
     */
    private static double psp(double weight, double tauS, double tauM, double cm, double t) {
        double k = 1 / tauS - 1 / tauM;
        return weight * Math.E / (cm * tauS) * Math.exp(-t / tauM) * (1 - Math.exp(-k * t) * (1 + k * t)) / (k * k);
    }

    /** IF_curr_alpha with tau_syn_E = 2 ms, tau_m = 10 ms, cm = 0.5 nF and a threshold no PSP reaches. */
    private static DefinedNeuronModel currentAlpha() {
        return IfCurrAlpha.DEFINITION.model().with("tau_syn_E", 2).with("tau_m", 10).with("cm", 0.5)
                .with("v_thresh", 0);
    }

    @Test
    void currentAlphaPspFollowsTheClosedFormAndPeaksWhereItDoes() {
        double tauS = 2;
        double tauM = 10;
        double cm = 0.5;
        double weight = 0.8;
        SingleNeuron neuron = new SingleNeuron(currentAlpha(), DT);
        neuron.receive(0, weight);
        double peak = 0;
        int peakStep = 0;
        for (int k = 1; k <= 600; k++) {
            neuron.step();
            double t = k * DT;
            assertEquals(alpha(weight, tauS, t), neuron.value("i_syn_e"), 2e-6, "i_syn_e at " + t + " ms");
            double rise = neuron.value("v") + 65;
            assertEquals(psp(weight, tauS, tauM, cm, t), rise, 2e-4, "PSP at " + t + " ms");
            if (rise > peak) {
                peak = rise;
                peakStep = k;
            }
        }
        double[] closed = peakOf(t -> psp(weight, tauS, tauM, cm, t));
        assertEquals(closed[0], peakStep * DT, DT / 2 + 1e-9, "peak time, ms");
        assertEquals(closed[1], peak, 1e-4 * closed[1], "peak amplitude, mV");
        assertTrue(closed[1] > 1, "test setup: a PSP of a few mV, got " + closed[1]);
    }

    /**
     * Event-driven, IF_curr_alpha (a Jordan block: y feeds i_syn with the same time constant) follows the closed
     * form of its PSP between events, and a threshold at half the PSP's peak is crossed where the closed form
     * crosses it (found by a scan refined by bisection).
     */
    @Test
    void eventDrivenAlphaPspAndItsThresholdCrossingFollowTheClosedForm() {
        double tauS = 2;
        double tauM = 10;
        double cm = 0.5;
        double weight = 0.8;
        double arrival = 1.5;
        DefinedNeuronModel probe = currentAlpha();
        NeuronState state = probe.createState(1);
        EventDrivenKernel kernel = probe.createEventKernel(state, DT);
        kernel.load(0, new float[1]);
        kernel.receive(0, arrival, 0, weight);
        for (double t = 0.25; t < 40; t += 1.75) {
            kernel.publish(arrival + t);
            assertEquals(psp(weight, tauS, tauM, cm, t), state.array("v")[0] + 65, 1e-5, "PSP at " + t);
        }
        double half = 0.5 * psp(weight, tauS, tauM, cm, 3.2);
        DefinedNeuronModel model = probe.with("v_thresh", -65 + half);
        EventDrivenKernel crossing = model.createEventKernel(model.createState(1), DT);
        crossing.load(0, new float[1]);
        crossing.receive(0, arrival, 0, weight);
        double step = 1e-3;
        double t = step;
        while (psp(weight, tauS, tauM, cm, t) < half) {
            t += step;
        }
        double lo = t - step;
        double hi = t;
        while (hi - lo > 1e-13) {
            double mid = 0.5 * (lo + hi);
            if (psp(weight, tauS, tauM, cm, mid) >= half) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        assertEquals(arrival + hi, crossing.nextThresholdTime(0), 1e-9);
    }

    @Test
    void conductanceAlphaFollowsTheClosedFormAndItsPspPeaksAsAFineIntegrationSays() {
        double dt = 0.01;
        double tauS = 0.3;
        double weight = 0.02;
        NeuronModel model = IfCondAlpha.DEFINITION.model().with("v_thresh", 0);
        SingleNeuron neuron = new SingleNeuron(model, dt);
        neuron.receive(0, weight);
        double peak = 0;
        int peakStep = 0;
        for (int k = 1; k <= 3000; k++) {
            neuron.step();
            double t = k * dt;
            assertEquals(alpha(weight, tauS, t), neuron.value("g_e"), 1e-5 * weight, "g_e at " + t + " ms");
            double rise = neuron.value("v") + 65;
            if (rise > peak) {
                peak = rise;
                peakStep = k;
            }
        }
        double[] reference = conductancePspPeak(weight, tauS);
        assertEquals(reference[0], peakStep * dt, 0.05, "peak time, ms");
        assertEquals(reference[1], peak, 0.01 * reference[1], "peak amplitude, mV");
        assertTrue(reference[1] > 0.5, "test setup: a PSP of about a mV, got " + reference[1]);
    }

    /**
     * The inhibitory receptor of IF_curr_alpha has its own time constant: with tau_syn_I = 4 ms and tau_syn_E = 2 ms
     * a negative weight makes i_syn_i the alpha current of tau_syn_I and v the closed-form PSP of that current,
     * while i_syn_e stays 0.
     */
    @Test
    void currentAlphaInhibitoryPspFollowsTheClosedFormOfItsOwnTimeConstant() {
        double tauS = 4;
        double tauM = 10;
        double cm = 0.5;
        double weight = -0.8;
        SingleNeuron neuron = new SingleNeuron(currentAlpha().with("tau_syn_I", tauS), DT);
        neuron.receive(1, weight);
        double largest = 0;
        for (int k = 1; k <= 600; k++) {
            neuron.step();
            double t = k * DT;
            assertEquals(alpha(weight, tauS, t), neuron.value("i_syn_i"), 2e-6, "i_syn_i at " + t + " ms");
            assertEquals(0, neuron.value("i_syn_e"), 0.0, "i_syn_e at " + t + " ms");
            double rise = neuron.value("v") + 65;
            assertEquals(psp(weight, tauS, tauM, cm, t), rise, 2e-4, "PSP at " + t + " ms");
            largest = Math.max(largest, -rise);
        }
        assertTrue(largest > 1, "test setup: a PSP of a few mV, got " + largest);
    }

    /**
     * The inhibitory receptor of IF_cond_alpha: g_i is the alpha conductance of tau_syn_I (1 ms here, tau_syn_E
     * 0.3 ms), and the PSP, driven towards e_rev_I = -80 mV, has the extremum of a fine integration.
     */
    @Test
    void conductanceAlphaInhibitoryFollowsItsOwnTimeConstantAndReversalPotential() {
        double dt = 0.01;
        double tauS = 1;
        double eRev = -80;
        double weight = 0.05;
        NeuronModel model = IfCondAlpha.DEFINITION.model().with("v_thresh", 0).with("tau_syn_I", tauS)
                .with("e_rev_I", eRev);
        SingleNeuron neuron = new SingleNeuron(model, dt);
        neuron.receive(1, weight);
        double trough = 0;
        int troughStep = 0;
        for (int k = 1; k <= 3000; k++) {
            neuron.step();
            double t = k * dt;
            assertEquals(alpha(weight, tauS, t), neuron.value("g_i"), 1e-5 * weight, "g_i at " + t + " ms");
            assertEquals(0, neuron.value("g_e"), 0.0, "g_e at " + t + " ms");
            double rise = neuron.value("v") + 65;
            if (rise < trough) {
                trough = rise;
                troughStep = k;
            }
        }
        double[] reference = conductancePspExtremum(weight, tauS, eRev);
        assertEquals(reference[0], troughStep * dt, 0.05, "trough time, ms");
        assertEquals(reference[1], trough, 0.01 * Math.abs(reference[1]), "trough depth, mV");
        assertTrue(reference[1] < -0.5, "test setup: a PSP of about a mV, got " + reference[1]);
    }

    /** Time and value of the maximum of f over (0, 60] ms, on a grid of 1e-4 ms. */
    private static double[] peakOf(java.util.function.DoubleUnaryOperator f) {
        double best = Double.NEGATIVE_INFINITY;
        double at = 0;
        for (double t = 1e-4; t <= 60; t += 1e-4) {
            double value = f.applyAsDouble(t);
            if (value > best) {
                best = value;
                at = t;
            }
        }
        return new double[] {at, best};
    }

    /**
     * Peak time and height above rest of IF_cond_alpha's PSP with PyNN's defaults (cm 1 nF, tau_m 20 ms, rest
     * -65 mV, e_rev_E 0 mV), integrated in double with rk4 at 1e-4 ms and the conductance in closed form.
     */
    private static double[] conductancePspPeak(double weight, double tauS) {
        return conductancePspExtremum(weight, tauS, 0);
    }

    /**
     * Time and value (above rest, signed) of the largest excursion of the PSP of an alpha conductance of
     * {@code tauS} towards {@code eRev} on PyNN's default membrane, integrated as {@link #conductancePspPeak}.
     */
    private static double[] conductancePspExtremum(double weight, double tauS, double eRev) {
        double h = 1e-4;
        double v = -65;
        double best = 0;
        double at = 0;
        for (int k = 0; k < 600_000; k++) {
            double t = k * h;
            double k1 = dv(v, alpha(weight, tauS, t), eRev);
            double k2 = dv(v + h / 2 * k1, alpha(weight, tauS, t + h / 2), eRev);
            double k3 = dv(v + h / 2 * k2, alpha(weight, tauS, t + h / 2), eRev);
            double k4 = dv(v + h * k3, alpha(weight, tauS, t + h), eRev);
            v += h / 6 * (k1 + 2 * k2 + 2 * k3 + k4);
            if (Math.abs(v + 65) > Math.abs(best)) {
                best = v + 65;
                at = t + h;
            }
        }
        return new double[] {at, best};
    }

    private static double dv(double v, double g, double eRev) {
        return (-65 - v) / 20 + g * (eRev - v) / 1.0;
    }
}

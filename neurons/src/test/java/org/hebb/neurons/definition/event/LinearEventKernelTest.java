package org.hebb.neurons.definition.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;

import org.hebb.neurons.EventDrivenKernel;
import org.hebb.neurons.NeuronState;
import org.hebb.neurons.Precision;
import org.hebb.neurons.definition.DefinedNeuronModel;
import org.hebb.neurons.definition.IntegrationMethod;
import org.hebb.neurons.definition.NeuronDefinition;
import org.hebb.neurons.lif.IfCurrExp;
import org.hebb.neurons.testing.SingleNeuron;
import org.junit.jupiter.api.Test;

/**
 * The event-driven kernel generated from definitions, on models that had no hand-written one: against closed forms
 * (per-neuron parameters, currents decaying while v is held) and, for a coupled system, against the clock-driven
 * kernel of the same definition (alpha currents: AlphaSynapseTest).
 */
class LinearEventKernelTest {
    private static final double DT = 0.1;

    private static EventDrivenKernel start(DefinedNeuronModel model, NeuronState state, double... injected) {
        EventDrivenKernel kernel = model.createEventKernel(state, DT);
        float[] current = new float[state.size()];
        for (int i = 0; i < injected.length; i++) {
            current[i] = (float) injected[i];
        }
        kernel.load(0, current);
        return kernel;
    }

    /** A per-neuron parameter enters each neuron's equilibrium: first spikes at tau_m ln((v_inf - v_rest) / (v_inf - v_thresh)). */
    @Test
    void perNeuronParametersSetEachNeuronsEquilibrium() {
        DefinedNeuronModel model = NeuronDefinition.builder("biased LIF")
                .parameter("tau_m", "ms", 10).parameter("cm", "nF", 0.25).parameter("v_rest", "mV", -65)
                .parameter("v_thresh", "mV", -50).neuronParameter("i_bias", "nA", 0)
                .equations("dv/dt = (v_rest - v) / tau_m + (i_bias + I_inj) / cm : mV")
                .initial("v", "v_rest").threshold("v > v_thresh").reset("v = v_rest")
                .method(IntegrationMethod.EXACT).build().model();
        NeuronState state = model.createState(3);
        float[] bias = state.array("i_bias");
        bias[0] = 0.5f;
        bias[1] = 1.0f;
        bias[2] = 0.2f;
        double[] injected = {0, 0.5, 0};
        EventDrivenKernel kernel = start(model, state, injected);
        for (int i = 0; i < 3; i++) {
            double vInf = -65 + 10 / 0.25 * (bias[i] + injected[i]);
            double expected = vInf > -50 ? 10 * Math.log((vInf + 65) / (vInf + 50)) : Double.POSITIVE_INFINITY;
            assertEquals(expected, kernel.nextThresholdTime(i), 1e-9, "neuron " + i);
        }
    }

    /**
     * An input during the refractory period: v stays at v_reset until the period ends while the current decays; from
     * then on v follows the closed form driven by what is left of the current.
     */
    @Test
    void currentsDecayWhileTheMembraneIsHeld() {
        double tauM = 10;
        double tauE = 5;
        double cm = 0.25;
        IfCurrExp model = IfCurrExp.builder().cm(cm).tauM(tauM).tauSynE(tauE).vRest(-65).vReset(-70)
                .vThresh(-50).tauRefrac(2).build();
        NeuronState state = model.createState(1);
        EventDrivenKernel kernel = start(model, state);
        kernel.fire(0, 1.0);
        kernel.receive(0, 1.5, 0, 0.3);
        kernel.publish(2.5);
        assertEquals(-70, state.array("v")[0], 1e-5, "held");
        assertEquals(0.3 * Math.exp(-1 / tauE), state.array("i_syn_e")[0], 1e-7, "decaying");
        double current = 0.3 * Math.exp(-1.5 / tauE);
        for (double s : new double[] {0.5, 3, 12}) {
            kernel.publish(3 + s);
            double psp = current / cm * (Math.exp(-s / tauE) - Math.exp(-s / tauM)) / (1 / tauM - 1 / tauE);
            double expected = -65 + (-70 + 65) * Math.exp(-s / tauM) + psp;
            assertEquals(expected, state.array("v")[0], 1e-5, "v at " + s + " ms after the period");
        }
    }

    /**
     * A membrane with subthreshold adaptation coupled both ways (dw/dt depends on v: a cycle, real eigenvalues) and
     * spike-triggered adaptation (w += b): the event-driven spike times agree with the clock-driven kernel of the same
     * definition, exact integration at dt = 0.005 ms, within n steps at the n-th spike (each reset on the grid can
     * delay the clock-driven train by up to a step).
     */
    @Test
    void coupledAdaptationAgreesWithTheClockDrivenKernel() {
        DefinedNeuronModel model = NeuronDefinition.builder("linear adaptive LIF")
                .parameter("C", "nF", 0.2).parameter("g_L", "uS", 0.01).parameter("E_L", "mV", -70)
                .parameter("a", "uS", 0.002).parameter("tau_w", "ms", 100).parameter("b", "nA", 0.05)
                .parameter("v_thresh", "mV", -50).parameter("v_reset", "mV", -60)
                .equations("""
                        dv/dt = (g_L * (E_L - v) - w + I_inj) / C : mV (unless refractory)
                        dw/dt = (a * (v - E_L) - w) / tau_w : nA
                        """)
                .initial("v", "E_L").threshold("v >= v_thresh").reset("v = v_reset; w += b")
                .refractory("2 * ms").method(IntegrationMethod.EXACT).build().model();
        double current = 0.35;
        double fine = 0.005;
        SingleNeuron clock = new SingleNeuron(model, fine);
        clock.inject(current);
        List<Double> clockSpikes = new ArrayList<>();
        for (int k = 1; clockSpikes.size() < 15 && k < 2_000_000; k++) {
            if (clock.step()) {
                clockSpikes.add(k * fine);
            }
        }
        EventDrivenKernel kernel = start(model, model.createState(1), current);
        double t = 0;
        for (int spike = 0; spike < 15; spike++) {
            t = kernel.nextThresholdTime(0);
            assertEquals(clockSpikes.get(spike), t, (spike + 1) * fine, "spike " + spike);
            kernel.fire(0, t);
        }
        assertTrue(clockSpikes.get(14) - clockSpikes.get(13) > clockSpikes.get(1) - clockSpikes.get(0),
                "test setup: the neuron adapts");
    }

    /**
     * The PSP of a current whose time constant is the membrane's to 1e-9 (tau_syn = tau_m (1 + 1e-9): rates that
     * nearly coincide), v(t) = (w / cm) e^(-t/tau_m) (1 - e^(-d t)) / d with d = 1/tau_syn - 1/tau_m, which is the
     * alpha-shaped (w / cm) t e^(-t/tau_m) to 1e-8 of it: to 4 ulps of its peak from the event-driven kernel in
     * double precision, to 1e-14 of it from the clock-driven kernel of the same model (exact propagators,
     * dt = 0.1 ms, 600 steps) on its grid; the threshold crossing on its rise to 1e-11 ms.
     */
    @Test
    void currentAsSlowAsTheMembraneGivesTheAlphaShapedPsp() {
        double tauM = 10;
        double tauS = tauM * (1 + 1e-9);
        double cm = 0.25;
        double weight = 0.5;
        double d = (tauM - tauS) / (tauM * tauS);
        DoubleUnaryOperator psp = t -> weight / cm * Math.exp(-t / tauM) * -Math.expm1(-d * t) / d;
        double peak = weight / cm * tauM / Math.E;
        IfCurrExp model = IfCurrExp.builder().cm(cm).tauM(tauM).tauSynE(tauS).tauSynI(5).vRest(0).vReset(-5)
                .vThresh(50).build();
        NeuronState state = model.createState(1, Precision.DOUBLE);
        EventDrivenKernel kernel = start(model, state);
        kernel.receive(0, 0, 0, weight);
        SingleNeuron clock = new SingleNeuron(model, DT, Precision.DOUBLE);
        clock.receive(0, weight);
        int steps = 0;
        for (int k : new int[] {1, 3, 10, 37, 100, 250, 600}) {
            double t = k * DT;
            kernel.publish(t);
            double event = state.get(state.indexOf("v"), 0);
            while (steps < k) {
                clock.step();
                steps++;
            }
            double expected = psp.applyAsDouble(t);
            assertEquals(expected, event, 4 * Math.ulp(peak), "event-driven v at " + t + " ms");
            assertEquals(expected, clock.exactValue("v"), 1e-14 * peak, "clock-driven v at " + t + " ms");
            assertEquals(weight / cm * t * Math.exp(-t / tauM), expected, 1e-8 * peak, "alpha shape at " + t + " ms");
        }
        double threshold = 5;
        IfCurrExp crossing = IfCurrExp.builder().cm(cm).tauM(tauM).tauSynE(tauS).tauSynI(5).vRest(0).vReset(-5)
                .vThresh(threshold).build();
        EventDrivenKernel spiking = start(crossing, crossing.createState(1, Precision.DOUBLE));
        spiking.receive(0, 0, 0, weight);
        double lo = 0;
        double hi = tauM;
        for (int i = 0; i < 200; i++) {
            double mid = 0.5 * (lo + hi);
            if (psp.applyAsDouble(mid) >= threshold) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        assertEquals(hi, spiking.nextThresholdTime(0), 1e-11, "the crossing of " + threshold + " mV");
    }
}

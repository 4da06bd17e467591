package org.hebb.neurons.definition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hebb.neurons.testing.SingleNeuron;
import org.junit.jupiter.api.Test;

/**
 * With exact integration, a variable that is not held but follows a held one (an adaptation current driven by v)
 * evolves while the neuron is refractory as if v were constant at its held value, the propagator of the
 * refractory system, and with the free system's propagator otherwise.
 */
class RefractoryCouplingTest {
    private static final double DT = 0.1;
    private static final double TAU_W = 30;
    private static final double A = 0.05;
    private static final double E_L = -70;
    private static final double V_RESET = -65;

    @Test
    void adaptationFollowsTheHeldPotentialWhileRefractory() {
        NeuronDefinition adapting = NeuronDefinition.builder("linear_adapting")
                .parameter("tau_m", "ms", 10).parameter("e_l", "mV", E_L).parameter("r_m", "MOhm", 100)
                .parameter("v_thresh", "mV", -50).parameter("v_reset", "mV", V_RESET)
                .parameter("tau_refrac", "ms", 5).parameter("a", "uS", A).parameter("tau_w", "ms", TAU_W)
                .equations("""
                        dv/dt = (e_l - v + r_m * (I_inj - w)) / tau_m : mV (unless refractory)
                        dw/dt = (a * (v - e_l) - w) / tau_w : nA
                        """)
                .initial("v", "e_l")
                .threshold("v >= v_thresh").reset("v = v_reset").refractory("tau_refrac")
                .method(IntegrationMethod.EXACT)
                .build();
        SingleNeuron neuron = new SingleNeuron(adapting.model(), DT);
        neuron.inject(0.5);
        int spikeStep = -1;
        for (int s = 0; s < 2000 && spikeStep < 0; s++) {
            if (neuron.step()) {
                spikeStep = s;
            }
        }
        assertTrue(spikeStep > 0, "the neuron spikes");
        // held for round(5 / 0.1) - 1 = 49 steps after the spike's own step; w relaxes towards a (v_reset - e_l)
        double w = neuron.value("w");
        double target = A * (V_RESET - E_L);
        double decay = Math.exp(-DT / TAU_W);
        double largest = 0;
        for (int k = 1; k <= 49; k++) {
            neuron.step();
            w = target + (w - target) * decay;
            assertEquals(V_RESET, neuron.value("v"), 0, "v held at step " + k + " after the spike");
            largest = Math.max(largest, Math.abs(neuron.value("w") - w));
        }
        // float rounding over 49 steps stays below 1e-5 nA; with the free system's propagator w deviates by 1.3e-3 nA
        assertTrue(largest < 1e-5, "w while refractory follows the held v: largest deviation " + largest + " nA");
        float wBefore = neuron.value("w");
        neuron.step();
        double freeW = target + (wBefore - target) * decay;
        assertTrue(Math.abs(neuron.value("w") - freeW) > 1e-5,
                "after the refractory period w sees v move again: " + neuron.value("w") + " against " + freeW);
    }
}

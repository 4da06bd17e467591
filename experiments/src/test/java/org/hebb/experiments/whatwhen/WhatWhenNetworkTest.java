package org.hebb.experiments.whatwhen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.hebb.neurons.lif.IfCurrExp;
import org.hebb.simulator.Network;
import org.junit.jupiter.api.Test;

/**
 * The three-factor "when" trace of a trial is the output its rule learns on: the readout unit's synaptic current,
 * computed from the presynaptic traces and the weights, matches the unit's own current step by step.
 */
class WhatWhenNetworkTest {
    @Test
    void theThreeFactorTraceIsTheReadoutUnitsCurrent() {
        WhatWhenSettings s = WhatWhenSettings.full(1).withReservoir(200, 50).withWhatSubspaceRows(0);
        WhatWhenNetwork w = WhatWhenNetwork.build(s);
        try (Network net = w.network()) {
            float[] weights = w.whenRule().weights();
            Random random = new Random(1);
            for (int k = 0; k < weights.length; k++) {
                weights[k] = (float) random.nextGaussian();
            }
            w.whenRule().setGate(0);
            double[][] fixed = WhatWhenRun.weights(w.whenRule());
            float[] current = w.when().state().array(IfCurrExp.I_SYN_E);
            int[] ms = {0};
            double[] largest = {0};
            net.afterEachStep((step, timeMs) -> {
                float[] x = w.whenRule().values("eligibility");
                for (int o = 0; o < WhatWhenSettings.CUES; o++) {
                    double output = WhatWhenRun.threeFactorOutput(s, fixed[o], x);
                    assertEquals(current[o], output, 1e-5 * (1 + Math.abs(current[o])), "ms " + ms[0]);
                    largest[0] = Math.max(largest[0], Math.abs(current[o]));
                }
                ms[0]++;
                w.showCue(0, ms[0]);
            });
            w.showCue(0, 0);
            net.run(200);
            assertTrue(largest[0] > 0.5, "the cue drives the readout units: " + largest[0]);
        }
    }
}

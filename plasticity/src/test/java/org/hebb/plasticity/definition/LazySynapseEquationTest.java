package org.hebb.plasticity.definition;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.hebb.neurons.lif.IfCurrExp;
import org.hebb.simulator.Network;
import org.hebb.simulator.connect.Connectors;
import org.hebb.simulator.connect.Delays;
import org.hebb.simulator.connect.Synapses;
import org.hebb.simulator.init.Values;
import org.hebb.simulator.input.SpikeTimesSource;
import org.hebb.simulator.population.NeuronPopulation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Synapse equations without on_transmit are solved lazily: at each arrival, a variable relaxing towards U and one
 * growing at a constant rate hold their closed-form values over the gap since the previous arrival, for gaps of one
 * step, of a few hundred (the table of powers) and of several thousand (beyond it).
 */
class LazySynapseEquationTest {
    private static final double DT = 0.1;
    private static final double U = 0.8;
    private static final double TAU_R = 50;
    private static final double RATE = 0.5;
    /** Spike times, ms: gaps of 1 step, 30 steps, 7000 steps and 453 steps. */
    private static final double[] TIMES = {10, 10.1, 13.1, 713.1, 758.4};

    static final SynapseDefinition RECOVERY = SynapseDefinition.builder("recovering resource and a clock")
            .parameter("U", "1", U)
            .parameter("tau_r", "ms", TAU_R)
            .parameter("rate", "1/ms", RATE)
            .synapseVariable("seen_u", "1", "0")
            .synapseVariable("seen_c", "1", "0")
            .synapseEquations("du/dt = (U - u) / tau_r : 1\ndc/dt = rate : 1")
            .onPre("seen_u = u; seen_c = c; u = 0; c = 0")
            .build();

    @ParameterizedTest(name = "delay {0} steps")
    @ValueSource(ints = {1, 5})
    void eachArrivalSeesTheClosedFormOverItsGap(int delay) {
        List<double[]> seen = new ArrayList<>();
        try (Network net = Network.builder().dt(DT).seed(1).build()) {
            SpikeTimesSource pre = net.addSpikeTimes("pre", new double[][] {TIMES});
            NeuronPopulation post = net.addNeurons("post", 1, IfCurrExp.builder().build());
            DefinedSynapses rule = net.addPlasticity(net.connect(pre, post, Connectors.oneToOne(),
                    Synapses.onto("excitatory").weights(Values.constant(0.1)).delays(Delays.steps(delay))),
                    RECOVERY.rule());
            net.afterEachStep((step, t) -> {
                float c = rule.values("seen_c")[0];
                if (seen.isEmpty() || seen.get(seen.size() - 1)[1] != c) {
                    seen.add(new double[] {rule.values("seen_u")[0], c});
                }
            });
            net.run(TIMES[TIMES.length - 1] + 5);
        }
        // the first entry is the initial 0, 0; each arrival then shows its gap
        assertEquals(TIMES.length + 1, seen.size(), "one change per arrival");
        long previous = 0;
        for (int k = 0; k < TIMES.length; k++) {
            long arrival = Math.round(TIMES[k] / DT) + delay;
            double gapMs = (arrival - previous) * DT;
            previous = arrival;
            double u = U * (1 - Math.exp(-gapMs / TAU_R));
            assertEquals(u, seen.get(k + 1)[0], 1e-6, "u after a gap of " + gapMs + " ms");
            assertEquals(RATE * gapMs, seen.get(k + 1)[1], 1e-6 * RATE * gapMs, "c after a gap of " + gapMs + " ms");
        }
    }
}

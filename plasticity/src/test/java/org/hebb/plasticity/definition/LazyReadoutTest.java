package org.hebb.plasticity.definition;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hebb.neurons.lif.IfCurrExp;
import org.hebb.simulator.Network;
import org.hebb.simulator.connect.Connectors;
import org.hebb.simulator.connect.Synapses;
import org.hebb.simulator.init.Values;
import org.hebb.simulator.input.SpikeTimesSource;
import org.hebb.simulator.population.NeuronPopulation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The value of a lazily solved synapse variable that a readout reports is, bit for bit, the value the generated
 * (single-precision) update uses: for a variable relaxing towards a non-zero level, whose offset drive / rate the
 * update computes in float from the parameters, and for one growing at a rate it computes likewise.
 */
class LazyReadoutTest {
    private static final double DT = 0.1;

    private static final SynapseDefinition RELAXING = SynapseDefinition.builder("relaxing towards a level")
            .parameter("U", "1", 0.8)
            .parameter("tau_r", "ms", 50)
            .synapseVariable("seen_u", "1", "0")
            .synapseVariable("seen_c", "1", "0")
            .synapseEquations("du/dt = (U - u) / tau_r : 1\ndc/dt = U / tau_r : 1")
            .initial("u", "0.3")
            .initial("c", "0.2")
            .onPre("seen_u = u; seen_c = c")
            .build();

    /**
     * Synapse 0 receives one spike, at which the update copies u, advanced from its initial value over the steps
     * since the start, into seen_u; synapse 1 receives none, and the readout of its u at that step advances the
     * same initial value over the same steps.
     */
    @ParameterizedTest(name = "U = {0}, tau_r = {1} ms")
    @CsvSource({"0.8, 50", "0.7, 3", "0.3, 7", "0.9, 13", "0.1, 0.7", "0.55, 11"})
    void theReadoutOfALazyVariableIsTheValueTheUpdateUses(double level, double tau) {
        double spikeMs = 20;
        float[] readout = new float[2];
        float[] used = new float[2];
        try (Network net = Network.builder().dt(DT).seed(1).build()) {
            SpikeTimesSource pre = net.addSpikeTimes("pre", new double[][] {{spikeMs}, {}});
            NeuronPopulation post = net.addNeurons("post", 2, IfCurrExp.builder().build());
            DefinedSynapses rule = net.addPlasticity(net.connect(pre, post, Connectors.oneToOne(),
                    Synapses.onto("excitatory").weights(Values.constant(0.1))), RELAXING.rule().with("U", level)
                    .with("tau_r", tau));
            net.afterEachStep((step, t) -> {
                float seen = rule.values("seen_u")[0];
                if (seen != 0 && used[0] == 0) {
                    used[0] = seen;
                    readout[0] = rule.values("u")[1];
                    used[1] = rule.values("seen_c")[0];
                    readout[1] = rule.values("c")[1];
                }
            });
            net.run(spikeMs + 5);
        }
        assertTrue(used[0] != 0, "the spike arrived");
        assertAll(() -> assertEquals(Float.floatToRawIntBits(used[0]), Float.floatToRawIntBits(readout[0]),
                "u used by the update " + used[0] + ", reported " + readout[0]),
                () -> assertEquals(Float.floatToRawIntBits(used[1]), Float.floatToRawIntBits(readout[1]),
                        "c used by the update " + used[1] + ", reported " + readout[1]));
    }
}

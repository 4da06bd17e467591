package org.hebb.plasticity.definition;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.hebb.neurons.lif.IfCurrExp;
import org.hebb.simulator.Network;
import org.hebb.simulator.connect.Connectors;
import org.hebb.simulator.connect.Projection;
import org.hebb.simulator.connect.Synapses;
import org.hebb.simulator.init.Values;
import org.hebb.simulator.input.SpikeTimesSource;
import org.hebb.simulator.population.NeuronPopulation;
import org.junit.jupiter.api.Test;

/** The README's rule of one's own, as the README writes it, delivers what its recursion gives; a reset restarts it. */
class ReadmeRuleTest {
    @Test
    void theReadmeDepressingSynapseDeliversItsRecursion() {
        SynapseDefinition depressing = SynapseDefinition.builder("depressing synapse")
                .parameter("U", "1", 0.5).parameter("tau_d", "ms", 800)
                .synapseEquations("dx/dt = (1 - x) / tau_d : 1")           // resources recover between spikes
                .initial("x", "1")
                .onTransmit("transmitted = w * U * x; x -= U * x")       // each spike uses a fraction U of them
                .build();
        float fifth;
        try (Network net = Network.builder().seed(1).build()) {
            SpikeTimesSource train = net.addSpikeTimes("train", new double[][] {{10, 30, 50, 70, 90}});
            NeuronPopulation cell = net.addNeurons("cell", 1, IfCurrExp.builder().build());
            Projection synapse = net.connect(train, cell, Connectors.oneToOne(),
                    Synapses.onto("excitatory").weights(Values.constant(2)));           // nA
            DefinedSynapses state = net.addPlasticity(synapse, depressing.rule().with("tau_d", 500));
            net.run(100);
            fifth = state.values("transmitted")[0];
        }
        double x = 1;
        for (int n = 1; n < 5; n++) {
            x = 1 + (x * 0.5 - 1) * Math.exp(-20 / 500.0);
        }
        assertEquals(2 * 0.5 * x, fifth, 1e-5);
    }

    /** After {@code Network.resetState()} the synapse starts afresh: its first spike transmits w * U again. */
    @Test
    void aResetStartsTheSynapseVariablesAfresh() {
        SynapseDefinition depressing = SynapseDefinition.builder("depressing synapse")
                .parameter("U", "1", 0.5).parameter("tau_d", "ms", 800)
                .synapseEquations("dx/dt = (1 - x) / tau_d : 1").initial("x", "1")
                .onTransmit("transmitted = w * U * x; x -= U * x")
                .build();
        try (Network net = Network.builder().seed(1).build()) {
            SpikeTimesSource train = net.addSpikeTimes("train", new double[][] {{10, 30, 50, 130}});
            NeuronPopulation cell = net.addNeurons("cell", 1, IfCurrExp.builder().build());
            Projection synapse = net.connect(train, cell, Connectors.oneToOne(),
                    Synapses.onto("excitatory").weights(Values.constant(2)));
            DefinedSynapses state = net.addPlasticity(synapse, depressing.rule());
            net.run(100);
            float third = state.values("transmitted")[0];
            assertEquals(2 * 0.5 * (1 + ((1 + (0.5 - 1) * Math.exp(-20 / 800.0)) * 0.5 - 1)
                    * Math.exp(-20 / 800.0)), third, 1e-5, "the third spike, depressed");
            net.resetState();
            net.run(50);
            assertEquals(1.0f, state.values("transmitted")[0], "the spike at 130 ms, the first after the reset");
            assertEquals(0.5f, state.values("x")[0], "resources after it");
        }
    }
}

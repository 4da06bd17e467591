package org.hebb.plasticity.definition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    /**
     * plasticity/README.md's reward-modulated rule, as written there: weights stay until the dopamine neurons
     * fire, then move by the eligibility that pairings left.
     */
    @Test
    void thePlasticityReadmeRewardedRuleLearnsOnlyAfterDopamine() {
        SynapseDefinition rewarded = SynapseDefinition.builder("reward-modulated eligibility")
                .parameter("tau_e", "ms", 500).parameter("eta", "weight/ms", 0.001).parameter("w_max", "weight", 1)
                .modulator("D", "1", SynapseDefinition.ModulatorScope.GLOBAL, 0)
                .synapseEquations("de/dt = -e / tau_e : 1")                   // decayed lazily, when touched
                .presynapticTrace("dx_pre/dt = -x_pre / (20*ms) : 1", "x_pre += 1")
                .postsynapticTrace("dx_post/dt = -x_post / (20*ms) : 1", "x_post += 1")
                .onPre("e -= x_post").onPost("e += x_pre")
                .onStep("D != 0", "w = clip(w + eta * dt * D * e, 0, w_max)")
                .build();
        try (Network net = Network.builder().seed(1).build()) {
            SpikeTimesSource pre = net.addSpikeTimes("pre", new double[][] {{10, 30}, {12, 32}});
            NeuronPopulation post = net.addNeurons("post", 1, IfCurrExp.builder().build());
            SpikeTimesSource dopamineNeurons = net.addSpikeTimes("dopamine", new double[][] {{100}});
            Projection projection = net.connect(pre, post, Connectors.allToAll(false),
                    Synapses.onto("excitatory").weights(Values.constant(0.5)));
            net.connect(net.addSpikeTimes("drive", new double[][] {{14, 34}}), post, Connectors.allToAll(false),
                    Synapses.onto("excitatory").weights(Values.constant(20)));
            DefinedSynapses rule = net.addPlasticity(projection, rewarded.rule().withSpikeDrive("D",
                    dopamineNeurons, 200, 0.1));
            net.run(99);
            assertEquals(0.5f, rule.weights()[0], "no dopamine yet, no change");
            assertEquals(0.5f, rule.weights()[1], "no dopamine yet, no change");
            net.run(50);
            assertTrue(rule.weights()[0] > 0.5f && rule.weights()[1] > 0.5f, "pre-before-post pairings, then "
                    + "dopamine, potentiate: " + rule.weights()[0] + ", " + rule.weights()[1]);
        }
    }
}

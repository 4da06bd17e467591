package org.hebb.plasticity.threefactor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hebb.neurons.lif.IfCurrExp;
import org.hebb.plasticity.definition.DefinedSynapses;
import org.hebb.plasticity.hlop.HebbianSubspace;
import org.hebb.simulator.Network;
import org.hebb.simulator.connect.Connectors;
import org.hebb.simulator.connect.Delays;
import org.hebb.simulator.connect.Projection;
import org.hebb.simulator.connect.Synapses;
import org.hebb.simulator.init.Values;
import org.hebb.simulator.input.PoissonSource;
import org.hebb.simulator.monitor.SpikeMonitor;
import org.hebb.simulator.population.NeuronPopulation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The three-factor rule's definition computes what its hand-written implementation computes, bit for bit (at dt =
 * 0.125 ms, where eta * dt is exact in float and both round the same product).
 */
class ThreeFactorDefinitionTest {
    private record Run(int[] neurons, float[] weights, float[] eligibility) {
    }

    private static Run run(boolean defined, ThreeFactor.Eligibility eligibility, ThreeFactor.Modulation modulation,
                           int threads, boolean hlop) {
        try (Network net = Network.builder().threads(threads).seed(4).dt(0.125).build()) {
            PoissonSource in = net.addPoissonSource("in", 200, 30);
            NeuronPopulation out = net.addNeurons("out", 50, IfCurrExp.builder().tauRefrac(2).build());
            Projection p = net.connect(in, out, Connectors.fixedProbability(0.3, true), Synapses.onto("excitatory")
                    .weights(Values.uniform(0.5, 1.5)).delays(hlop ? Delays.steps(4) : Delays.uniformSteps(1, 20)));
            ThreeFactor.Builder builder = ThreeFactor.builder().eligibility(eligibility).modulation(modulation)
                    .tauEligibility(200).tauPlus(20).tauMinus(20).aPlus(1).aMinus(1.05).eta(0.01).wMin(0).wMax(2);
            if (modulation == ThreeFactor.Modulation.GLOBAL) {
                builder.gate((step, t) -> ((int) (t / 40)) % 3 == 0 ? 0 : 1);
            }
            if (hlop) {
                HebbianSubspace subspace = HebbianSubspace.create(in.size(), 7);
                subspace.beginTask(4);
                float[] activity = new float[in.size()];
                for (int k = 0; k < 200; k++) {
                    for (int j = 0; j < activity.length; j++) {
                        activity[j] = (float) Math.sin(0.3 * j + k % 5);
                    }
                    subspace.learn(activity);
                }
                subspace.endTask();
                builder.projection(subspace);
            }
            ThreeFactor rule = builder.build();
            Object state = defined ? net.addPlasticity(p, ThreeFactorDefinition.of(rule)) : net.addPlasticity(p, rule);
            net.afterEachStep((step, t) -> {
                boolean few = ((int) (t / 25)) % 2 == 1;
                if (modulation == ThreeFactor.Modulation.GLOBAL) {
                    if (state instanceof DefinedSynapses d) {
                        d.setModulator("M", Math.sin(t / 20));
                    } else {
                        ((ThreeFactorSynapses) state).setModulator(Math.sin(t / 20));
                    }
                }
                for (int i = 0; i < 50 && modulation != ThreeFactor.Modulation.GLOBAL; i++) {
                    double value = few && i % 10 != 0 ? 0 : Math.sin(t / 20 + i);
                    if (state instanceof DefinedSynapses d) {
                        d.setModulator("M", i, value);
                    } else {
                        ((ThreeFactorSynapses) state).setModulator(i, value);
                    }
                }
                if (modulation != ThreeFactor.Modulation.GLOBAL) {
                    double gate = ((int) (t / 50)) % 4 == 0 ? 0 : 0.5 + (step % 7) * 0.1;
                    if (state instanceof DefinedSynapses d) {
                        d.setModulator("g", gate);
                    } else {
                        ((ThreeFactorSynapses) state).setGate(gate);
                    }
                }
            });
            SpikeMonitor spikes = net.monitorSpikes(out);
            net.run(200);
            net.resetState();
            net.run(150);
            String e = eligibility == ThreeFactor.Eligibility.PAIRED ? (defined ? "e" : "eligibility")
                    : (defined ? "x_pre" : "eligibility");
            org.hebb.simulator.plasticity.RuleState r = (org.hebb.simulator.plasticity.RuleState) state;
            return new Run(spikes.neurons(), r.values(defined ? "w" : "weight").clone(), r.values(e).clone());
        }
    }

    @ParameterizedTest(name = "{0} eligibility, {1} modulation, {2} threads, projection {3}")
    @CsvSource({"PAIRED, GLOBAL, 1, false", "PAIRED, PER_POSTSYNAPTIC_NEURON, 1, false",
            "PRESYNAPTIC, GLOBAL, 1, false", "PRESYNAPTIC, PER_POSTSYNAPTIC_NEURON, 1, false",
            "PAIRED, PER_POSTSYNAPTIC_NEURON, 2, false", "PRESYNAPTIC, GLOBAL, 2, false",
            "PRESYNAPTIC, GLOBAL, 1, true"})
    void theDefinitionMatchesTheHandWrittenRule(ThreeFactor.Eligibility eligibility,
                                                ThreeFactor.Modulation modulation, int threads, boolean hlop) {
        Run hand = run(false, eligibility, modulation, threads, hlop);
        Run defined = run(true, eligibility, modulation, threads, hlop);
        assertTrue(hand.neurons().length > 300, "test setup: too few spikes: " + hand.neurons().length);
        assertArrayEquals(hand.neurons(), defined.neurons(), "spikes");
        assertArrayEquals(hand.weights(), defined.weights(), "weights, bit for bit");
        assertArrayEquals(hand.eligibility(), defined.eligibility(), "eligibility, bit for bit");
    }
}

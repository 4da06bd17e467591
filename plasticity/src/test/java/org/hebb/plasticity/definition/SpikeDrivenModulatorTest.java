package org.hebb.plasticity.definition;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.hebb.neurons.lif.IfCurrExp;
import org.hebb.plasticity.threefactor.ThreeFactorDefinition;
import org.hebb.simulator.Network;
import org.hebb.simulator.connect.Connectors;
import org.hebb.simulator.connect.Delays;
import org.hebb.simulator.connect.Projection;
import org.hebb.simulator.connect.Synapses;
import org.hebb.simulator.init.Values;
import org.hebb.simulator.input.PoissonSource;
import org.hebb.simulator.input.SpikeTimesSource;
import org.hebb.simulator.monitor.SpikeMonitor;
import org.hebb.simulator.population.NeuronPopulation;
import org.junit.jupiter.api.Test;

/**
 * A modulator driven by the spikes of another population (NEST's volume transmitter): it decays by exp(-dt / tau)
 * each step and a spike of step s adds the increment from the synapse update of spike step s + 1 on, exactly as
 * user code that does the same from a spike monitor one step later.
 */
class SpikeDrivenModulatorTest {
    private static final double DT = 0.1;
    private static final double TAU = 50;
    private static final double INCREMENT = 0.4;

    /** The three-factor rule on 20 Poisson inputs onto 5 neurons, its modulator {@code modulator} driven by spikes. */
    private static DefinedSynapses ruleDrivenBy(Network net, SpikeTimesSource dopamine, String modulator) {
        PoissonSource in = net.addPoissonSource("in", 20, 10);
        NeuronPopulation out = net.addNeurons("out", 5, IfCurrExp.builder().build());
        Projection p = net.connect(in, out, Connectors.allToAll(false), Synapses.onto("excitatory")
                .weights(Values.constant(0.5)));
        return net.addPlasticity(p, ThreeFactorDefinition.PAIRED_GLOBAL.rule()
                .with("w_max", 1).withSpikeDrive(modulator, dopamine, TAU, INCREMENT));
    }

    @Test
    void aSpikeAddsTheIncrementWhichThenDecaysStepByStep() {
        List<Float> values = new ArrayList<>();
        List<Long> spikeSteps = new ArrayList<>();
        try (Network net = Network.builder().dt(DT).seed(3).build()) {
            SpikeTimesSource dopamine = net.addSpikeTimes("dopamine", new double[][] {{5.0}});
            DefinedSynapses rule = ruleDrivenBy(net, dopamine, "M");
            SpikeMonitor spikes = net.monitorSpikes(dopamine);
            net.afterEachStep((step, t) -> {
                values.add(rule.values("M")[0]);
                if (spikes.steps().length > spikeSteps.size()) {
                    spikeSteps.add(step);
                }
            });
            net.run(20);
        }
        assertEquals(1, spikeSteps.size(), "test setup: one dopamine spike");
        int first = values.indexOf((float) INCREMENT);
        assertEquals(spikeSteps.get(0) + 1, first, "the spike of step s adds the increment after step s + 1");
        for (int k = 0; k < first; k++) {
            assertEquals(0f, values.get(k), "before the spike");
        }
        float decay = (float) Math.exp(-DT / TAU);
        for (int k = first + 1; k < values.size(); k++) {
            assertEquals(values.get(k - 1) * decay, values.get(k), "step " + k + ": one step's decay, exactly");
        }
    }

    /**
     * Network.resetState drops the spikes that drove a modulator, so the modulator returns to its initial value; a
     * modulator set by user code keeps its value.
     */
    @Test
    void resetStateReturnsASpikeDrivenModulatorToItsInitialValueAndKeepsAValueSetByUserCode() {
        try (Network net = Network.builder().dt(DT).seed(3).build()) {
            DefinedSynapses rule = ruleDrivenBy(net, net.addSpikeTimes("dopamine", new double[][] {{5.0}}), "g");
            net.run(20);
            assertNotEquals(1f, rule.values("g")[0], "test setup: the spike and the decay moved g from its initial 1");
            rule.setModulator("M", 0.5);
            net.resetState();
            assertEquals(1f, rule.values("g")[0], "g, driven by spikes: its initial value");
            assertEquals(0.5f, rule.values("M")[0], "M, set by user code: kept");
        }
    }

    /**
     * The rule's weights before and after a run with the modulator per neuron driven by spikes, or set by user
     * code from a monitor.
     */
    private static float[][] learn(boolean driven) {
        try (Network net = Network.builder().dt(DT).seed(5).build()) {
            PoissonSource in = net.addPoissonSource("in", 100, 30);
            NeuronPopulation out = net.addNeurons("out", 20, IfCurrExp.builder().tauRefrac(2).build());
            PoissonSource error = net.addPoissonSource("error", 20, 40);
            Projection p = net.connect(in, out, Connectors.fixedProbability(0.3, false), Synapses.onto("excitatory")
                    .weights(Values.uniform(0.5, 1.5)).delays(Delays.uniformSteps(1, 10)));
            DefinedRule rule = ThreeFactorDefinition.PAIRED_PER_NEURON.rule().with("tau_e", 200).with("eta", 0.01)
                    .with("w_max", 2);
            if (driven) {
                rule = rule.withSpikeDrive("M", error, TAU, INCREMENT);
            }
            DefinedSynapses state = net.addPlasticity(p, rule);
            if (!driven) {
                SpikeMonitor errors = net.monitorSpikes(error);
                float decay = (float) Math.exp(-DT / TAU);
                float[] m = new float[out.size()];
                // spikes up to the previous step, and up to this one: the spikes of a step count one step later
                int[] seen = {0, 0};
                net.afterEachStep((step, t) -> {
                    for (int i = 0; i < m.length; i++) {
                        m[i] *= decay;
                    }
                    int[] neurons = errors.neurons();
                    for (int s = seen[0]; s < seen[1]; s++) {
                        m[neurons[s]] += (float) INCREMENT;
                    }
                    seen[0] = seen[1];
                    seen[1] = neurons.length;
                    for (int i = 0; i < m.length; i++) {
                        state.setModulator("M", i, m[i]);
                    }
                });
            }
            float[] before = state.weights().clone();
            net.run(300);
            return new float[][] {before, state.weights().clone()};
        }
    }

    @Test
    void perNeuronSpikesDriveTheRuleAsUserCodeWouldInTheirPlace() {
        float[][] driven = learn(true);
        float[][] byHand = learn(false);
        int changed = 0;
        for (int j = 0; j < driven[0].length; j++) {
            changed += driven[0][j] != driven[1][j] ? 1 : 0;
        }
        assertTrue(changed > driven[0].length / 2, "test setup: the modulator changes most weights: " + changed);
        assertArrayEquals(byHand[1], driven[1], "weights, bit for bit");
    }

    /**
     * A per-neuron modulator driven by a population of another size than the target's is refused, and the refused
     * rule leaves nothing behind: the network runs on with its weights untouched.
     */
    @Test
    void aPerNeuronModulatorNeedsAPopulationOfTheTargetsSize() {
        SynapseDefinition growing = SynapseDefinition.builder("growth by a modulator per neuron")
                .parameter("rate", "weight", 0.01)
                .modulator("M", "1", SynapseDefinition.ModulatorScope.PER_POSTSYNAPTIC_NEURON, 1)
                .onStep("w = w + rate * M")
                .build();
        try (Network net = Network.builder().dt(DT).seed(3).build()) {
            PoissonSource in = net.addPoissonSource("in", 20, 10);
            NeuronPopulation out = net.addNeurons("out", 5, IfCurrExp.builder().build());
            PoissonSource error = net.addPoissonSource("error", 6, 10);
            Projection p = net.connect(in, out, Connectors.allToAll(false), Synapses.onto("excitatory")
                    .weights(Values.constant(0.5)));
            for (DefinedRule rule : List.of(ThreeFactorDefinition.PAIRED_PER_NEURON.rule(), growing.rule())) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> net.addPlasticity(p,
                        rule.withSpikeDrive("M", error, TAU, 1)));
                assertTrue(e.getMessage().contains("spike drive of modulator M by population 'error' of size 6 is "
                        + "not allowed on projection"), e.getMessage());
            }
            net.run(5);
            for (float w : p.rows().weights()) {
                assertEquals(0.5f, w, "weight after the refused rules");
            }
        }
    }
}

package org.hebb.plasticity.definition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hebb.neurons.lif.IfCurrExp;
import org.hebb.plasticity.PresynapticProjection;
import org.hebb.plasticity.threefactor.ThreeFactor;
import org.hebb.plasticity.threefactor.ThreeFactorDefinition;
import org.hebb.plasticity.threefactor.ThreeFactorSynapses;
import org.hebb.simulator.BackendKind;
import org.hebb.simulator.Network;
import org.hebb.simulator.connect.Connectors;
import org.hebb.simulator.connect.Synapses;
import org.hebb.simulator.init.Values;
import org.hebb.simulator.population.NeuronPopulation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Signals, projections, spike drives and modulator values that a rule cannot take are refused, naming why. */
class DefinedRuleErrorsTest {
    private static void refused(Executable call, String... parts) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "message '" + e.getMessage() + "' should contain '" + part
                    + "'");
        }
    }

    /** The identity on three presynaptic neurons. */
    private static final PresynapticProjection IDENTITY = new PresynapticProjection() {
        @Override
        public int dimension() {
            return 3;
        }

        @Override
        public void project(float[] activity, float[] out) {
            System.arraycopy(activity, 0, out, 0, out.length);
        }
    };

    @Test
    void aSignalDrivesAGlobalModulatorOnly() {
        refused(() -> ThreeFactorDefinition.PAIRED_PER_NEURON.rule().withSignal("M", (step, t) -> 1),
                "signal for modulator = 'M' is not allowed", "global modulators [g]");
        refused(() -> ThreeFactorDefinition.PAIRED_GLOBAL.rule().withSignal("reward", (step, t) -> 1),
                "signal for modulator = 'reward' is not allowed", "global modulators [M, g]");
    }

    @Test
    void aProjectionAppliesToAPresynapticTraceThatOnStepReads() {
        refused(() -> ThreeFactorDefinition.PAIRED_GLOBAL.rule().withProjection("x_pre", IDENTITY),
                "projection of trace = 'x_pre' is not allowed", "on_step of", "reads are []");
    }

    @Test
    void whatKeepsARuleOnTheJavaBackendIsNamedWhenAnotherRefusesIt() {
        try (Network net = Network.builder().backend(BackendKind.OPENCL).seed(1).build()) {
            NeuronPopulation cells = net.addNeurons("cells", 3, IfCurrExp.builder().build());
            refused(() -> net.addPlasticity(net.connect(cells, cells, Connectors.allToAll(false),
                    Synapses.onto("excitatory").weights(Values.constant(0.5))),
                    ThreeFactorDefinition.PRESYNAPTIC_GLOBAL.rule().withProjection("x_pre", IDENTITY)),
                    "is not allowed on the OPENCL backend: it projects trace(s) [x_pre] (HLOP's orthogonal "
                    + "projection), which only the JAVA backend runs");
            refused(() -> net.addPlasticity(net.connect(cells, cells, Connectors.allToAll(false),
                    Synapses.onto("excitatory").named("driven").weights(Values.constant(0.5))),
                    ThreeFactorDefinition.PAIRED_GLOBAL.rule().withSpikeDrive("g", cells, 10, 1)),
                    "it drives modulator(s) [g] by spikes");
        }
    }

    @Test
    void aSpikeDriveNeedsAModulatorWithoutASignal() {
        try (Network net = Network.builder().seed(1).build()) {
            NeuronPopulation cells = net.addNeurons("cells", 3, IfCurrExp.builder().build());
            refused(() -> ThreeFactorDefinition.PAIRED_GLOBAL.rule().withSpikeDrive("D", cells, 10, 1),
                    "spike drive of modulator = 'D' is not allowed", "has the modulators [M, g]");
            refused(() -> ThreeFactorDefinition.PAIRED_GLOBAL.rule().withSignal("M", (step, t) -> 1)
                    .withSpikeDrive("M", cells, 10, 1), "it follows a signal");
            refused(() -> ThreeFactorDefinition.PAIRED_GLOBAL.rule().withSpikeDrive("M", cells, -1, 1), "-1");
        }
    }

    @Test
    void aModulatorValueNamesTheModulatorAndNeuron() {
        try (Network net = Network.builder().seed(1).build()) {
            NeuronPopulation cells = net.addNeurons("cells", 3, IfCurrExp.builder().build());
            DefinedSynapses rule = net.addPlasticity(net.connect(cells, cells, Connectors.allToAll(false),
                    Synapses.onto("excitatory").weights(Values.constant(0.5))),
                    ThreeFactorDefinition.PAIRED_PER_NEURON.rule());
            refused(() -> rule.setModulator("g", 1, 0.5), "setModulator(g, neuron, value) is not allowed",
                    "g is global");
            refused(() -> rule.setModulator("M", 3, 0.5), "neuron");
            refused(() -> rule.setModulator("M", 1, Double.NaN), "M[1]");
            refused(() -> rule.setModulator("dopamine", 0.5), "modulator = 'dopamine' is not allowed", "[M, g]");
        }
    }

    /**
     * A modulator that follows a signal is set from it before every step's synapse updates, so a value that user
     * code set would be overwritten after at most one step: setting it is refused, naming the modulator, and the
     * other modulators stay settable.
     */
    @Test
    void aModulatorThatFollowsASignalIsNotSetByUserCode() {
        try (Network net = Network.builder().seed(1).build()) {
            NeuronPopulation cells = net.addNeurons("cells", 3, IfCurrExp.builder().build());
            DefinedSynapses rule = net.addPlasticity(net.connect(cells, cells, Connectors.allToAll(false),
                    Synapses.onto("excitatory").weights(Values.constant(0.5))),
                    ThreeFactorDefinition.PAIRED_GLOBAL.rule().withSignal("M", (step, t) -> 0));
            refused(() -> rule.setModulator("M", 1), "setModulator(M, value) is not allowed",
                    "M follows a signal");
            rule.setModulator("g", 0.5);
            assertEquals(0.5f, rule.values("g")[0]);
            ThreeFactorSynapses threeFactor = net.addPlasticity(net.connect(cells, cells,
                    Connectors.allToAll(false), Synapses.onto("excitatory").named("gated")
                            .weights(Values.constant(0.5))), ThreeFactor.builder().wMin(0).wMax(1)
                    .gate((step, t) -> 1).build());
            refused(() -> threeFactor.setGate(0), "setModulator(g, value) is not allowed", "g follows a signal");
            threeFactor.setModulator(1);
        }
    }
}

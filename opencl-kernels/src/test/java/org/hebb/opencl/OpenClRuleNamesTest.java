package org.hebb.opencl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hebb.neurons.lif.IfCurrExp;
import org.hebb.plasticity.definition.DefinedSynapses;
import org.hebb.plasticity.definition.SynapseDefinition;
import org.hebb.simulator.BackendKind;
import org.hebb.simulator.Network;
import org.hebb.simulator.connect.Connectors;
import org.hebb.simulator.connect.Delays;
import org.hebb.simulator.connect.Synapses;
import org.hebb.simulator.init.Values;
import org.hebb.simulator.input.PoissonSource;
import org.hebb.simulator.monitor.SpikeMonitor;
import org.hebb.simulator.population.NeuronPopulation;
import org.hebb.simulator.testing.Prerequisites;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A definition whose names are each another's with a suffix (traces x and x_decay, synapse equations e and
 * e_length) runs on the device as on the Java backend: the generated OpenCL C gives every name its own parameters.
 */
class OpenClRuleNamesTest {
    private static final SynapseDefinition SUFFIXED = SynapseDefinition.builder("suffixed names")
            .parameter("tau", "ms", 20).parameter("A", "weight", 0.02).parameter("w_max", "weight", 2)
            .parameter("tau_e", "ms", 50)
            .synapseEquations("de/dt = -e / tau_e : 1\nde_length/dt = -e_length / tau_e : 1")
            .presynapticTrace("dx/dt = -x / tau : 1", "x += 1")
            .postsynapticTrace("dx_decay/dt = -x_decay / tau : 1", "x_decay += 1")
            .onPre("w = clip(w - A * x_decay + A * e_length, 0, w_max); e_length = e_length + 0.1")
            .onPost("w = clip(w + A * x + A * e, 0, w_max); e = e + 0.1")
            .build();

    private record Outcome(int[] neurons, double[] times, float[] weights, float[] e) {
    }

    @BeforeEach
    void requireDevice() {
        Prerequisites.require(OpenClDevices.missingReason());
    }

    private static Outcome run(BackendKind backend) {
        try (Network net = Network.builder().backend(backend).threads(1).seed(11).build()) {
            // the source first, so that the cells' spike lists and blocks start past the device's first
            PoissonSource in = net.addPoissonSource("in", 200, 20);
            NeuronPopulation cells = net.addNeurons("cells", 100, IfCurrExp.builder().tauRefrac(2).build());
            DefinedSynapses rule = net.addPlasticity(net.connect(in, cells,
                    Connectors.fixedProbability(0.2, false), Synapses.onto("excitatory")
                            .weights(Values.uniform(0.5, 1.5)).delays(Delays.uniformSteps(1, 15))), SUFFIXED.rule());
            SpikeMonitor spikes = net.monitorSpikes(cells);
            net.run(100);
            net.synchronizeRuleState();
            return new Outcome(spikes.neurons(), spikes.times(), rule.weights().clone(),
                    rule.storedValues("e_length").clone());
        }
    }

    @ParameterizedTest(name = "{0} shape")
    @ValueSource(strings = {"cpu", "gpu"})
    void namesThatExtendOthersRunOnTheDevice(String shape) {
        Outcome java = run(BackendKind.JAVA);
        Outcome device = Shapes.inShape(shape, () -> run(BackendKind.OPENCL));
        assertTrue(java.neurons().length > 100, "test setup: too few spikes: " + java.neurons().length);
        assertArrayEquals(java.neurons(), device.neurons(), "spiking neurons in order");
        assertArrayEquals(java.times(), device.times(), "spike times");
        assertArrayEquals(java.weights(), device.weights(), "weights, bit for bit");
        assertArrayEquals(java.e(), device.e(), "e_length as stored, bit for bit");
    }
}

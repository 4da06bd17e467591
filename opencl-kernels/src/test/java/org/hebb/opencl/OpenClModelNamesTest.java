package org.hebb.opencl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hebb.neurons.definition.DefinedNeuronModel;
import org.hebb.neurons.definition.IntegrationMethod;
import org.hebb.neurons.definition.NeuronDefinition;
import org.hebb.neurons.definition.Receptor;
import org.hebb.simulator.BackendKind;
import org.hebb.simulator.Network;
import org.hebb.simulator.connect.Connectors;
import org.hebb.simulator.connect.Synapses;
import org.hebb.simulator.init.Values;
import org.hebb.simulator.monitor.SpikeMonitor;
import org.hebb.simulator.population.NeuronPopulation;
import org.hebb.simulator.testing.Prerequisites;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Two models of one name whose kernel sources have equal {@link String#hashCode()} (their variables are named "Aa"
 * and "BB", which hash alike) run in one device program, each under a name of its own, with the Java backend's
 * spikes.
 */
class OpenClModelNamesTest {
    @BeforeEach
    void requireDevice() {
        Prerequisites.require(OpenClDevices.missingReason());
    }

    /** A model named "twin" whose one variable, {@code variable}, spikes above 1 nA and then loses 1 nA. */
    private static DefinedNeuronModel twin(String variable) {
        return NeuronDefinition.builder("twin").parameter("tau", "ms", 5).parameter("theta", "nA", 1)
                .equations("d" + variable + "/dt = -" + variable + " / tau : nA")
                .threshold(variable + " > theta").reset(variable + " = " + variable + " - theta")
                .receptor(Receptor.of("in", "nA", variable + " += weight"))
                .method(IntegrationMethod.EULER).build().model();
    }

    private record Outcome(int[] aa, int[] bb) {
    }

    private static Outcome run(BackendKind backend) {
        try (Network net = Network.builder().backend(backend).threads(1).seed(5).build()) {
            NeuronPopulation aa = net.addNeurons("aa", 40, twin("Aa"));
            NeuronPopulation bb = net.addNeurons("bb", 40, twin("BB"));
            var input = net.addPoissonSource("in", 100, 40);
            net.connect(input, aa, Connectors.fixedProbability(0.2, false), Synapses.onto("in")
                    .weights(Values.constant(0.3)));
            net.connect(input, bb, Connectors.fixedProbability(0.2, false), Synapses.onto("in")
                    .weights(Values.constant(0.4)));
            SpikeMonitor aaSpikes = net.monitorSpikes(aa);
            SpikeMonitor bbSpikes = net.monitorSpikes(bb);
            net.run(100);
            return new Outcome(aaSpikes.neurons(), bbSpikes.neurons());
        }
    }

    @ParameterizedTest(name = "{0} shape")
    @ValueSource(strings = {"cpu", "gpu"})
    void modelsWithCollidingSourceHashesRunAsInJava(String shape) {
        Outcome java = run(BackendKind.JAVA);
        Outcome device = Shapes.inShape(shape, () -> run(BackendKind.OPENCL));
        assertTrue(java.aa().length > 20 && java.bb().length > 20, java.aa().length + " and " + java.bb().length);
        assertArrayEquals(java.aa(), device.aa());
        assertArrayEquals(java.bb(), device.bb());
    }
}

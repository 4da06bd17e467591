package org.hebb.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.hebb.neurons.lif.IfCurrExp;
import org.hebb.simulator.BackendKind;
import org.hebb.simulator.Network;
import org.hebb.simulator.connect.Connectors;
import org.hebb.simulator.connect.Synapses;
import org.hebb.simulator.init.Values;
import org.hebb.simulator.input.Currents;
import org.hebb.simulator.population.NeuronPopulation;
import org.hebb.simulator.testing.Prerequisites;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The runaway report counts spikes on the device without reading them: the same warnings, for the same windows, as
 * on the Java backend, in both shapes, for a population after a healthy one (so that its blocks start past the
 * first), beside a source.
 */
class OpenClRunawayWarningsTest {
    @BeforeEach
    void anOpenClDeviceIsInstalled() {
        Prerequisites.require(OpenClDevices.missingReason());
    }

    @TempDir
    Path directory;

    private static Network network(BackendKind backend) {
        Network net = Network.builder().backend(backend).threads(1).seed(3).build();
        NeuronPopulation healthy = net.addNeurons("healthy", 300, IfCurrExp.builder().tauRefrac(2).build());
        NeuronPopulation saturated = net.addNeurons("saturated", 700, IfCurrExp.builder().tauRefrac(2).build());
        saturated.inject(Currents.constant(1000));
        net.connect(net.addPoissonSource("drive", 300, 20), healthy, Connectors.oneToOne(),
                Synapses.onto("excitatory").weights(Values.constant(2.0)));
        return net;
    }

    private static List<String> warnings(BackendKind backend) {
        try (Network net = network(backend)) {
            net.run(250);
            net.run(130);
            return net.warnings();
        }
    }

    @ParameterizedTest(name = "{0} shape")
    @ValueSource(strings = {"cpu", "gpu"})
    void warningsMatchTheJavaBackend(String shape) {
        List<String> java = warnings(BackendKind.JAVA);
        List<String> device = Shapes.inShape(shape, () -> warnings(BackendKind.OPENCL));
        assertEquals(2, java.size(), java.toString());
        assertTrue(java.get(0).contains("population 'saturated' (700 neurons, IF_curr_exp) fired at a mean rate of "
                + "500.0 Hz over the 100.0 ms from t = 0.0 to 100.0 ms"), java.get(0));
        assertTrue(java.get(1).contains("from t = 200.0 to 300.0 ms"), java.get(1));
        assertEquals(java, device);
    }

    /**
     * A checkpoint saved at 250 ms, within the window from 200 to 300 ms, holds what the detector counted of it:
     * restored into a new network, on either backend, that window is judged and reported, as in the Java
     * backend's run that never stopped; the new network also has the warnings the checkpoint saved.
     */
    @ParameterizedTest(name = "{0} shape")
    @ValueSource(strings = {"cpu", "gpu"})
    void aCheckpointWithinAWindowWarnsAsARunThatNeverStopped(String shape) {
        List<String> straight = warnings(BackendKind.JAVA);
        Path file = directory.resolve("runaway.h5");
        BackendKind[][] routes = {{BackendKind.OPENCL, BackendKind.OPENCL}, {BackendKind.JAVA, BackendKind.OPENCL},
            {BackendKind.OPENCL, BackendKind.JAVA}};
        for (BackendKind[] route : routes) {
            List<String> resumed = Shapes.inShape(shape, () -> {
                try (Network net = network(route[0])) {
                    net.run(250);
                    net.saveCheckpoint(file);
                }
                try (Network net = network(route[1])) {
                    net.restoreCheckpoint(file);
                    net.run(130);
                    return net.warnings();
                }
            });
            assertEquals(straight, resumed, "saved on " + route[0] + ", restored on " + route[1]);
        }
    }
}

package org.hebb.opencl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.hebb.neurons.definition.NeuronDefinition;
import org.hebb.simulator.BackendKind;
import org.hebb.simulator.Network;
import org.hebb.simulator.connect.Connectors;
import org.hebb.simulator.connect.Synapses;
import org.hebb.simulator.init.Values;
import org.hebb.simulator.input.Currents;
import org.hebb.simulator.input.PoissonSource;
import org.hebb.simulator.monitor.SpikeMonitor;
import org.hebb.simulator.population.NeuronPopulation;
import org.hebb.simulator.testing.Prerequisites;
import org.hebb.simulator.testing.ReadmeModel;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The README's model of one's own, as the README writes it: it runs on both backends, with the same spikes. */
class ReadmeModelTest {
    @BeforeEach
    void anOpenClDeviceIsInstalled() {
        Prerequisites.require(OpenClDevices.missingReason());
    }

    @Test
    void theReadmesAdaptingLifGivesTheSameSpikesOnBothBackends() {
        NeuronDefinition adaptiveLif = ReadmeModel.ADAPTIVE_LIF;
        List<int[]> neurons = new ArrayList<>();
        List<double[]> times = new ArrayList<>();
        for (BackendKind backend : List.of(BackendKind.JAVA, BackendKind.OPENCL)) {
            try (Network net = Network.builder().backend(backend).seed(1).build()) {
                NeuronPopulation cells = net.addNeurons("cells", 100, adaptiveLif.model().with("b", 0.05));
                PoissonSource drive = net.addPoissonSource("drive", 50, 20.0);
                net.connect(drive, cells, Connectors.fixedInDegree(10, false),
                        Synapses.onto("synaptic").weights(Values.constant(0.4)));
                cells.inject(Currents.constant(0.15));
                SpikeMonitor spikes = net.monitorSpikes(cells);
                net.run(1000);
                System.out.println(backend + ": " + spikes.totalCount() + " spikes");
                neurons.add(spikes.neurons());
                times.add(spikes.times());
            }
        }
        assertTrue(neurons.get(0).length > 500, "the example fires: " + neurons.get(0).length + " spikes");
        assertArrayEquals(neurons.get(0), neurons.get(1), "spiking neurons in order");
        assertArrayEquals(times.get(0), times.get(1), "spike times");
        assertTrue(adaptiveLif.model().javaSource(0.1).contains("class"), "the kernel can be shown");
    }
}

package org.hebb.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.hebb.neurons.lif.IfCondExp;
import org.hebb.simulator.connect.Connectors;
import org.hebb.simulator.connect.Delays;
import org.hebb.simulator.connect.Synapses;
import org.hebb.simulator.init.Values;
import org.hebb.simulator.input.PoissonSource;
import org.hebb.simulator.monitor.SpikeMonitor;
import org.hebb.simulator.monitor.StateMonitor;
import org.hebb.simulator.population.NeuronPopulation;
import org.junit.jupiter.api.Test;

/**
 * The README's first network, as the README writes it (its connections are checked against README.md's text): it
 * runs its 1.5 s at moderate rates and gives no warning, so that a reader trying it sees no runaway activity.
 */
class ReadmeNetworkTest {
    private static final List<String> README_LINES = List.of(
            "net.connect(exc, inh, Connectors.fixedProbability(0.02, false),",
            "Synapses.onto(\"excitatory\").weights(Values.constant(0.002))     // uS",
            "net.connect(inh, exc, Connectors.fixedProbability(0.02, false),",
            "Synapses.onto(\"inhibitory\").weights(Values.constant(0.002)).delays(Delays.steps(1)));",
            "net.connect(drive, exc, Connectors.fixedInDegree(10, false),",
            "Synapses.onto(\"excitatory\").weights(Values.uniform(0.002, 0.01)));");

    @Test
    void theReadmesFirstNetworkRunsQuietlyAtModerateRates() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        README_LINES.forEach(line -> assertTrue(readme.contains(line), "README.md no longer has: " + line));
        try (Network net = Network.builder().dt(0.1).seed(42).build()) {
            IfCondExp model = IfCondExp.builder().cm(0.2).tauM(20).tauRefrac(5)
                    .vRest(-60).vReset(-60).vThresh(-50).tauSynE(5).tauSynI(10).eRevE(0).eRevI(-80).build();
            NeuronPopulation exc = net.addNeurons("exc", 3200, model);
            NeuronPopulation inh = net.addNeurons("inh", 800, model);
            exc.initialize("v", Values.normal(-65, 5));
            PoissonSource drive = net.addPoissonSource("drive", 100, 10.0);
            net.connect(exc, inh, Connectors.fixedProbability(0.02, false),
                    Synapses.onto("excitatory").weights(Values.constant(0.002))
                            .delays(Delays.uniformSteps(1, 20)));
            net.connect(inh, exc, Connectors.fixedProbability(0.02, false),
                    Synapses.onto("inhibitory").weights(Values.constant(0.002)).delays(Delays.steps(1)));
            net.connect(drive, exc, Connectors.fixedInDegree(10, false),
                    Synapses.onto("excitatory").weights(Values.uniform(0.002, 0.01)));
            SpikeMonitor spikes = net.monitorSpikes(exc);
            SpikeMonitor inhibitory = net.monitorSpikes(inh);
            StateMonitor v = net.monitorState(exc, new String[] {"v"}, new int[] {0, 1, 2}, 0.5);
            net.checkRate(exc, 0, 200, 100);
            net.run(1000);
            net.run(500);
            assertEquals(List.of(), net.warnings());
            assertTrue(spikes.meanRateHz() > 1 && spikes.meanRateHz() < 20, "exc " + spikes.meanRateHz() + " Hz");
            assertTrue(inhibitory.meanRateHz() > 5 && inhibitory.meanRateHz() < 80,
                    "inh " + inhibitory.meanRateHz() + " Hz");
            assertTrue(Double.isFinite(v.trace("v", 0)[10]), "the README prints neuron 0's v at the 11th sample");
        }
    }
}

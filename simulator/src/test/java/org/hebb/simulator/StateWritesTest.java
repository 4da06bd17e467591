package org.hebb.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;

import org.hebb.neurons.lif.IfCurrExp;
import org.hebb.simulator.init.Values;
import org.hebb.simulator.monitor.SpikeMonitor;
import org.hebb.simulator.population.NeuronPopulation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Neuron state set between runs, with {@code initialize} or {@code set}, is the state the next run goes on from on
 * every engine: a resting population whose potentials are put above threshold fires at once, every neuron.
 */
class StateWritesTest {
    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void potentialsSetBetweenRunsAreWhereTheNextRunGoesOn(EngineKind engine) {
        try (Network net = Network.builder().seed(3).threads(1).engine(engine).build()) {
            NeuronPopulation cells = net.addNeurons("cells", 100, IfCurrExp.builder().vThresh(-50).tauRefrac(2)
                    .build());
            SpikeMonitor spikes = net.monitorSpikes(cells);
            net.run(20);
            assertEquals(0, spikes.totalCount(), "a resting population is silent");
            cells.initialize("v", Values.constant(-45));
            net.run(1);
            assertEquals(100, spikes.totalCount(), "spikes in the millisecond after initialize put v above threshold");
            net.run(10);
            float[] above = new float[cells.size()];
            Arrays.fill(above, -45f);
            cells.set("v", above);
            net.run(1);
            assertEquals(200, spikes.totalCount(), "spikes in the millisecond after set put v above threshold");
        }
    }
}

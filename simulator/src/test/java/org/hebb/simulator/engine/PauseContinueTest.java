package org.hebb.simulator.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hebb.neurons.lif.IfCurrExp;
import org.hebb.simulator.Network;
import org.hebb.simulator.connect.Connectors;
import org.hebb.simulator.connect.Delays;
import org.hebb.simulator.connect.Synapses;
import org.hebb.simulator.init.Values;
import org.hebb.simulator.input.PoissonSource;
import org.hebb.simulator.monitor.SpikeMonitor;
import org.hebb.simulator.population.NeuronPopulation;
import org.junit.jupiter.api.Test;

/** Running twice continues where the first run stopped: 30 ms + 70 ms equals 100 ms at once. */
class PauseContinueTest {
    private static long[][] run(double... durations) {
        try (Network net = Network.builder().seed(7).threads(1).build()) {
            NeuronPopulation cells = net.addNeurons("cells", 500, IfCurrExp.builder().tauRefrac(2).build());
            PoissonSource drive = net.addPoissonSource("drive", 200, 50);
            net.connect(drive, cells, Connectors.fixedProbability(0.2, true),
                    Synapses.onto("excitatory").weights(Values.constant(0.3)).delays(Delays.uniformSteps(1, 40)));
            net.connect(cells, cells, Connectors.fixedProbability(0.05, false),
                    Synapses.onto("inhibitory").weights(Values.constant(-0.2)).delays(Delays.uniformSteps(5, 60)));
            SpikeMonitor monitor = net.monitorSpikes(cells);
            double total = 0;
            for (double d : durations) {
                net.run(d);
                total += d;
            }
            assertEquals(total, net.timeMs(), 1e-9);
            long[] neurons = java.util.Arrays.stream(monitor.neurons()).asLongStream().toArray();
            return new long[][] {monitor.steps(), neurons};
        }
    }

    @Test
    void twoRunsEqualOne() {
        long[][] once = run(100);
        long[][] twice = run(30, 70);
        assertTrue(once[0].length > 100, "spikes: " + once[0].length);
        assertArrayEquals(once[0], twice[0]);
        assertArrayEquals(once[1], twice[1]);
    }
}

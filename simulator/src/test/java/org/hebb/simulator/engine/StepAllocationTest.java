package org.hebb.simulator.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.hebb.simulator.EngineKind;
import org.hebb.simulator.Network;
import org.hebb.simulator.monitor.SpikeMonitor;
import org.hebb.simulator.monitor.StateMonitor;
import org.hebb.simulator.population.NeuronPopulation;
import org.hebb.simulator.testing.AllocationMeter;
import org.hebb.simulator.testing.StepNetworks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Java engines' step loop allocates nothing ({@link AllocationMeter#assertStepsAllocateNothing}), with spike
 * monitors of bounded size and a rate checker attached, on one thread and two.
 */
class StepAllocationTest {
    @ParameterizedTest(name = "{0}, {1} threads")
    @CsvSource({"CLOCK_DRIVEN, 1", "CLOCK_DRIVEN, 2", "EVENT_DRIVEN, 1"})
    void stepsAllocateNothing(EngineKind engine, int threads) {
        try (Network net = Network.builder().dt(0.1).seed(5).engine(engine).threads(threads).build()) {
            SpikeMonitor bounded = StepNetworks.recurrent(net);
            if (engine == EngineKind.CLOCK_DRIVEN) {
                StepNetworks.addClockDrivenParts(net, (NeuronPopulation) bounded.population());
            }
            AllocationMeter.assertStepsAllocateNothing(net, engine + ", " + threads + " threads");
            assertTrue(bounded.droppedSpikes() > 0, "the network is active");
        }
    }

    /**
     * Monitors that stream to files hold bounded memory, and their steps allocate nothing either: a run of twice the
     * steps allocates no more than a run of {@value AllocationMeter#MEASURED_STEPS} (each run's end copies the file,
     * which allocates the same whatever the run's length).
     */
    @Test
    void streamingMonitorsAllocateNothingPerStep(@TempDir Path directory) {
        try (Network net = Network.builder().dt(0.1).seed(5).threads(1).build()) {
            SpikeMonitor bounded = StepNetworks.recurrent(net);
            NeuronPopulation exc = (NeuronPopulation) bounded.population();
            SpikeMonitor streamed = net.monitorSpikes(exc, SpikeMonitor.settings().countsOnly()
                    .streamTo(directory.resolve("spikes.csv")));
            net.monitorState(exc, new String[] {"v", "i_syn_e"}, new int[] {0, 1, 2}, 0.1, StateMonitor.settings()
                    .maxStoredValues(0).streamTo(directory.resolve("state.csv")));
            int steps = AllocationMeter.MEASURED_STEPS;
            net.run(2 * steps * net.dt());
            long once = AllocationMeter.fewestBytesAllocated(() -> net.run(steps * net.dt()), 3, thread -> false);
            long twice = AllocationMeter.fewestBytesAllocated(() -> net.run(2 * steps * net.dt()), 3, thread -> false);
            System.out.printf("streaming monitors: %d bytes over %d steps, %d over %d%n", once, steps, twice,
                    2 * steps);
            assertTrue(streamed.totalCount() > steps, "the monitor streams spikes: " + streamed.totalCount());
            assertTrue(twice - once < AllocationMeter.ALLOWED_BYTES, (twice - once) + " bytes allocated by "
                    + steps + " steps more (allowed " + AllocationMeter.ALLOWED_BYTES + ")");
        }
    }
}

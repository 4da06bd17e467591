package org.hebb.simulator.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hebb.simulator.EngineKind;
import org.hebb.simulator.Network;
import org.hebb.simulator.monitor.SpikeMonitor;
import org.hebb.simulator.population.NeuronPopulation;
import org.hebb.simulator.testing.AllocationMeter;
import org.hebb.simulator.testing.StepNetworks;
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
}

package org.hebb.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hebb.neurons.lif.IfCurrExp;
import org.hebb.plasticity.definition.SynapseDefinition;
import org.hebb.simulator.BackendKind;
import org.hebb.simulator.Network;
import org.hebb.simulator.connect.Connectors;
import org.hebb.simulator.connect.Synapses;
import org.hebb.simulator.init.Values;
import org.hebb.simulator.input.PoissonSource;
import org.hebb.simulator.population.NeuronPopulation;
import org.hebb.simulator.run.SimulationAbortedException;
import org.hebb.simulator.testing.Prerequisites;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Weights that a rule drives to infinity or NaN on the device are found when a run of a cycle ends, with the report
 * the Java backend gives at the cycle's scan: the rule changes a weight at each postsynaptic spike, and its source
 * never fires, so no neuron receives the weight and only the weight scan can see it.
 */
class OpenClWeightCheckTest {
    private static final SynapseDefinition GROWTH = SynapseDefinition.builder("growth")
            .parameter("gain", "1", 1e30)
            .onPost("w = w * gain")
            .build();
    /** w * gain * gain overflows, times 0 it is NaN, which clip keeps (its min and max propagate NaN on both). */
    private static final SynapseDefinition CLIPPED_NAN = SynapseDefinition.builder("clipped")
            .parameter("gain", "1", 1e30)
            .parameter("w_max", "weight", 1)
            .onPost("w = clip(w * gain * gain * 0, 0, w_max)")
            .build();

    @BeforeEach
    void requireDevice() {
        Prerequisites.require(OpenClDevices.missingReason());
    }

    private static String report(BackendKind backend, SynapseDefinition rule) {
        try (Network net = Network.builder().backend(backend).threads(1).seed(3).build()) {
            NeuronPopulation silent = net.addNeurons("silent", 10, IfCurrExp.builder().build());
            PoissonSource drive = net.addPoissonSource("drive", 50, 100);
            NeuronPopulation cells = net.addNeurons("cells", 20, IfCurrExp.builder().tauRefrac(2).build());
            net.connect(drive, cells, Connectors.allToAll(true), Synapses.onto("excitatory")
                    .weights(Values.constant(2)));
            net.addPlasticity(net.connect(silent, cells, Connectors.allToAll(true), Synapses.onto("excitatory")
                    .weights(Values.constant(0.5))), rule.rule());
            SimulationAbortedException e = assertThrows(SimulationAbortedException.class,
                    () -> net.run(Network.WEIGHT_CHECK_CYCLE_MS));
            assertEquals(Network.WEIGHT_CHECK_CYCLE_MS, e.timeMs(), 1e-9);
            return e.getMessage();
        }
    }

    @Test
    void theDeviceReportsAnInfiniteWeightAsJavaDoes() {
        String java = report(BackendKind.JAVA, GROWTH);
        assertTrue(java.contains("weight = Infinity of synapse ") && java.contains("is not finite (found by the "
                + "check at t = 1000.000 ms)"), java);
        assertEquals(java, report(BackendKind.OPENCL, GROWTH));
    }

    @Test
    void aNanWeightThroughClipIsReportedOnTheDeviceAsJavaDoes() {
        String java = report(BackendKind.JAVA, CLIPPED_NAN);
        assertTrue(java.contains("weight = NaN of synapse ") && java.contains("is not finite (found by the "
                + "check at t = 1000.000 ms)"), java);
        assertEquals(java, report(BackendKind.OPENCL, CLIPPED_NAN));
    }
}

package org.hebb.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hebb.neurons.lif.IfCurrExp;
import org.hebb.plasticity.definition.SynapseDefinition;
import org.hebb.simulator.BackendKind;
import org.hebb.simulator.Network;
import org.hebb.simulator.connect.Connectors;
import org.hebb.simulator.connect.Projection;
import org.hebb.simulator.connect.Synapses;
import org.hebb.simulator.init.Values;
import org.hebb.simulator.input.PoissonSource;
import org.hebb.simulator.population.NeuronPopulation;
import org.hebb.simulator.run.SimulationAbortedException;
import org.hebb.simulator.testing.Prerequisites;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Weights that a rule drives to infinity or NaN on the device are found as the Java backend finds them, with the
 * same report at the same time: by the scan at every cycle of {@link Network#WEIGHT_CHECK_CYCLE_MS} during a run, and
 * by the shares that the ends of short runs scan. The rule changes a weight at each postsynaptic spike, and its source
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

    /** The report that stops a run of {@code cycles} cycles, checked to come at the end of the first cycle. */
    private static String report(BackendKind backend, SynapseDefinition rule, int cycles) {
        try (Network net = plasticNetwork(backend, rule)) {
            SimulationAbortedException e = assertThrows(SimulationAbortedException.class,
                    () -> net.run(cycles * Network.WEIGHT_CHECK_CYCLE_MS));
            assertEquals(Network.WEIGHT_CHECK_CYCLE_MS, e.timeMs(), 1e-9, e.getMessage());
            return e.getMessage();
        }
    }

    private static Network plasticNetwork(BackendKind backend, SynapseDefinition rule) {
        Network net = Network.builder().backend(backend).threads(1).seed(3).build();
        NeuronPopulation silent = net.addNeurons("silent", 10, IfCurrExp.builder().build());
        PoissonSource drive = net.addPoissonSource("drive", 50, 100);
        NeuronPopulation cells = net.addNeurons("cells", 20, IfCurrExp.builder().tauRefrac(2).build());
        net.connect(drive, cells, Connectors.allToAll(true), Synapses.onto("excitatory")
                .weights(Values.constant(2)));
        net.addPlasticity(net.connect(silent, cells, Connectors.allToAll(true), Synapses.onto("excitatory")
                .weights(Values.constant(0.5))), rule.rule());
        return net;
    }

    /** The Java backend's report for a run of {@code cycles} cycles, checked to name {@code weight} at 1000 ms. */
    private static String javaReport(SynapseDefinition rule, int cycles, String weight) {
        String java = report(BackendKind.JAVA, rule, cycles);
        assertTrue(java.contains("weight = " + weight + " of synapse ") && java.contains("is not finite (found by the "
                + "check at t = 1000.000 ms)"), java);
        return java;
    }

    @Test
    void theDeviceReportsAnInfiniteWeightAsJavaDoes() {
        assertEquals(javaReport(GROWTH, 1, "Infinity"), report(BackendKind.OPENCL, GROWTH, 1));
    }

    @Test
    void aNanWeightThroughClipIsReportedOnTheDeviceAsJavaDoes() {
        assertEquals(javaReport(CLIPPED_NAN, 1, "NaN"), report(BackendKind.OPENCL, CLIPPED_NAN, 1));
    }

    /**
     * A run of three cycles whose weight turns NaN in the first stops at the first cycle's scan on the device as on
     * the Java backend (not when the run ends), in both work shapes: the scan runs on the device during the run.
     */
    @ParameterizedTest
    @ValueSource(strings = {"cpu", "gpu"})
    void aLongRunStopsAtTheFirstCycleOnTheDeviceAsOnJava(String shape) {
        assertEquals(javaReport(CLIPPED_NAN, 3, "NaN"),
                Shapes.inShape(shape, () -> report(BackendKind.OPENCL, CLIPPED_NAN, 3)));
    }

    /**
     * After a run that a cycle's scan stops, the host holds the weights of that step, as after any run: the device
     * copies them back before the stop is thrown (a stale copy of the last run's end would still read 0.5).
     */
    @ParameterizedTest
    @ValueSource(strings = {"cpu", "gpu"})
    void theHostHoldsTheDevicesWeightsAfterAStopDuringARun(String shape) {
        float[] java = weightsAfterStop(BackendKind.JAVA);
        int firstNan = 0;
        while (firstNan < java.length && !Float.isNaN(java[firstNan])) {
            firstNan++;
        }
        assertTrue(firstNan < java.length, "the stop comes after a weight turned NaN");
        float[] device = Shapes.inShape(shape, () -> weightsAfterStop(BackendKind.OPENCL));
        for (int j = 0; j < java.length; j++) {
            assertEquals(Float.floatToRawIntBits(java[j]), Float.floatToRawIntBits(device[j]), "synapse " + j);
        }
    }

    private static float[] weightsAfterStop(BackendKind backend) {
        try (Network net = plasticNetwork(backend, CLIPPED_NAN)) {
            assertThrows(SimulationAbortedException.class, () -> net.run(3 * Network.WEIGHT_CHECK_CYCLE_MS));
            Projection plastic = net.projections().get(1);
            float[] weights = new float[plastic.synapseCount()];
            for (int j = 0; j < weights.length; j++) {
                weights[j] = plastic.weightOf(j);
            }
            return weights;
        }
    }

    /**
     * Runs of 10 ms one after another: each run's end scans a share of the weights the device copied back, so the
     * bad weight is found at the same run's end, with the same report, as on the Java backend.
     */
    @ParameterizedTest
    @ValueSource(strings = {"cpu", "gpu"})
    void shortRunsFindTheWeightAtTheSameRunsEndOnTheDevice(String shape) {
        String java = shortRunsReport(BackendKind.JAVA);
        assertTrue(java.contains("weight = NaN of synapse ") && !java.contains("t = 1000.000 ms"), java);
        assertEquals(java, Shapes.inShape(shape, () -> shortRunsReport(BackendKind.OPENCL)));
    }

    /** The report that stops runs of 10 ms, with the time it came at. */
    private static String shortRunsReport(BackendKind backend) {
        try (Network net = plasticNetwork(backend, CLIPPED_NAN)) {
            SimulationAbortedException e = assertThrows(SimulationAbortedException.class, () -> {
                for (int k = 0; k < 200; k++) {
                    net.run(10);
                }
            });
            return e.timeMs() + " ms: " + e.getMessage();
        }
    }
}

package org.hebb.opencl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.stream.IntStream;

import org.hebb.neurons.lif.IfCurrExp;
import org.hebb.simulator.BackendKind;
import org.hebb.simulator.Network;
import org.hebb.simulator.connect.Connectors;
import org.hebb.simulator.connect.Synapses;
import org.hebb.simulator.init.Values;
import org.hebb.simulator.monitor.SpikeMonitor;
import org.hebb.simulator.monitor.StateMonitor;
import org.hebb.simulator.population.NeuronPopulation;
import org.hebb.simulator.testing.Prerequisites;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Membrane potentials set on the host once the device holds the network, after {@code Network.prepare}, between
 * two runs or from a step callback, are where the device goes on from: the spikes and potentials of the Java
 * backend's run, bit for bit.
 */
class OpenClStateWritesTest {
    @BeforeEach
    void requireDevice() {
        Prerequisites.require(OpenClDevices.missingReason());
    }

    private record Outcome(long[] steps, int[] neurons, float[] v) {
    }

    /**
     * Prepared or not, potentials drawn, 100 ms run; with {@code between}, potentials set and 50 ms more, then 50 ms
     * in which a step callback sets them again.
     */
    private static Outcome simulate(BackendKind backend, boolean prepareFirst, boolean between) {
        try (Network net = Network.builder().backend(backend).threads(1).seed(31).build()) {
            NeuronPopulation cells = net.addNeurons("cells", 150, IfCurrExp.builder().tauRefrac(2).build());
            net.connect(net.addPoissonSource("in", 200, 25), cells, Connectors.fixedProbability(0.1, false),
                    Synapses.onto("excitatory").weights(Values.constant(0.5)));
            SpikeMonitor spikes = net.monitorSpikes(cells);
            StateMonitor v = net.monitorState(cells, new String[] {"v"}, IntStream.range(0, cells.size()).toArray(),
                    5);
            if (prepareFirst) {
                net.prepare();
            }
            cells.initialize("v", Values.uniform(-65, -50.5));
            net.run(100);
            if (between) {
                cells.set("v", ramp(cells.size(), -64f));
                net.run(50);
                net.afterEachStep((step, timeMs) -> {
                    if (step == 1700) {
                        cells.set("v", ramp(cells.size(), -63f));
                    }
                });
                net.run(50);
            }
            float[] samples = new float[0];
            for (int i = 0; i < cells.size(); i++) {
                float[] trace = v.trace("v", i);
                samples = Arrays.copyOf(samples, samples.length + trace.length);
                System.arraycopy(trace, 0, samples, samples.length - trace.length, trace.length);
            }
            return new Outcome(spikes.steps(), spikes.neurons(), samples);
        }
    }

    /** Potentials rising from {@code lowest} mV by 0.09 mV a neuron, below threshold. */
    private static float[] ramp(int size, float lowest) {
        float[] v = new float[size];
        for (int i = 0; i < size; i++) {
            v[i] = lowest + 0.09f * i;
        }
        return v;
    }

    @ParameterizedTest(name = "{0} shape")
    @ValueSource(strings = {"cpu", "gpu"})
    void potentialsDrawnAfterPreparingReachTheDevice(String shape) {
        assertSame(simulate(BackendKind.JAVA, false, false),
                Shapes.inShape(shape, () -> simulate(BackendKind.OPENCL, true, false)));
    }

    @ParameterizedTest(name = "{0} shape")
    @ValueSource(strings = {"cpu", "gpu"})
    void potentialsSetBetweenRunsAndFromACallbackReachTheDevice(String shape) {
        assertSame(simulate(BackendKind.JAVA, false, true),
                Shapes.inShape(shape, () -> simulate(BackendKind.OPENCL, false, true)));
    }

    private static void assertSame(Outcome java, Outcome device) {
        assertTrue(java.neurons().length > 50, "test setup: too few spikes: " + java.neurons().length);
        assertArrayEquals(java.steps(), device.steps(), "spike steps");
        assertArrayEquals(java.neurons(), device.neurons(), "spiking neurons");
        assertArrayEquals(java.v(), device.v(), "membrane potentials every 5 ms");
    }
}

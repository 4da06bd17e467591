package org.hebb.simulator.monitor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.hebb.neurons.lif.IfCurrDelta;
import org.hebb.simulator.Network;
import org.hebb.simulator.input.Currents;
import org.hebb.simulator.population.NeuronPopulation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** StateMonitor: sampling interval and times, values equal to the state at the sample, refusals. */
class StateMonitorTest {

    private static Network network() {
        return Network.builder().dt(0.1).seed(13).threads(1).build();
    }

    /** Neurons driven by noise strong enough to fire, so traces contain resets and refractory counts. */
    private static NeuronPopulation noisyPopulation(Network net) {
        NeuronPopulation pop = net.addNeurons("pop", 5,
                IfCurrDelta.builder().tauM(10).tauRefrac(0.5).vThresh(-55).vReset(-70).build());
        pop.inject(Currents.gaussianNoise(1.2, 3));
        return pop;
    }

    @Test
    void samplesEveryIntervalAtTheEndOfTheStep() {
        try (Network net = network()) {
            NeuronPopulation pop = noisyPopulation(net);
            StateMonitor monitor = net.monitorState(pop, new String[] {"v"}, new int[] {0}, 0.5);
            net.run(10);
            assertEquals(20, monitor.sampleCount());
            double[] times = monitor.times();
            for (int s = 0; s < 20; s++) {
                assertEquals(0.5 * (s + 1), times[s], 1e-9, "sample " + s);
            }
            assertEquals(pop, monitor.population());
        }
    }

    @Test
    void intervalIsRoundedToWholeStepsAndAtLeastOne() {
        try (Network net = network()) {
            NeuronPopulation pop = noisyPopulation(net);
            StateMonitor rounded = net.monitorState(pop, new String[] {"v"}, new int[] {0}, 0.26);
            StateMonitor tiny = net.monitorState(pop, new String[] {"v"}, new int[] {0}, 0.01);
            net.run(3);
            assertEquals(10, rounded.sampleCount(), "0.26 ms rounds to 3 steps: samples at 0.3, 0.6, ..., 3.0");
            assertEquals(0.3, rounded.times()[0], 1e-9);
            assertEquals(3.0, rounded.times()[9], 1e-9);
            assertEquals(30, tiny.sampleCount(), "an interval below dt samples every step");
        }
    }

    @Test
    void tracesEqualThePopulationStateAtTheSampleTimes() {
        int[] watched = {4, 1};
        try (Network net = network()) {
            NeuronPopulation pop = noisyPopulation(net);
            StateMonitor monitor = net.monitorState(pop, new String[] {"refractory_steps", "v"}, watched, 0.3);
            float[] v = pop.state().array("v");
            float[] refractory = pop.state().array("refractory_steps");
            List<float[]> seen = new ArrayList<>();
            // Callbacks run after monitors, on the same end-of-step state.
            net.afterEachStep((step, t) -> {
                if ((step + 1) % 3 == 0) {
                    seen.add(new float[] {v[4], v[1], refractory[4], refractory[1]});
                }
            });
            net.run(30);
            assertEquals(100, monitor.sampleCount());
            assertEquals(100, seen.size());
            float[] v4 = monitor.trace("v", 0);
            float[] v1 = monitor.trace("v", 1);
            float[] r4 = monitor.trace("refractory_steps", 0);
            float[] r1 = monitor.trace("refractory_steps", 1);
            int resets = 0;
            for (int s = 0; s < 100; s++) {
                assertEquals(seen.get(s)[0], v4[s], "v of neuron 4, sample " + s);
                assertEquals(seen.get(s)[1], v1[s], "v of neuron 1, sample " + s);
                assertEquals(seen.get(s)[2], r4[s], "refractory_steps of neuron 4, sample " + s);
                assertEquals(seen.get(s)[3], r1[s], "refractory_steps of neuron 1, sample " + s);
                resets += r4[s] > 0 || r1[s] > 0 ? 1 : 0;
            }
            assertTrue(resets > 0, "the test needs neurons that fire");
            assertEquals(v[4], v4[99], "the last sample is the final state");
            assertEquals(v[1], v1[99]);
        }
    }

    @Test
    void samplingContinuesAcrossRuns() {
        try (Network net = network()) {
            NeuronPopulation pop = noisyPopulation(net);
            StateMonitor monitor = net.monitorState(pop, new String[] {"v"}, new int[] {2}, 1.0);
            net.run(2.5);
            net.run(2.5);
            assertArrayEquals(new double[] {1, 2, 3, 4, 5}, monitor.times(), 1e-9);
        }
    }

    @Test
    void memoryCountsStepsAndValues() {
        try (Network net = network()) {
            NeuronPopulation pop = noisyPopulation(net);
            StateMonitor monitor = net.monitorState(pop, new String[] {"v", "refractory_steps"},
                    new int[] {0, 1, 2}, 0.2);
            assertEquals(0, monitor.memoryBytes());
            net.run(2);
            assertEquals(10, monitor.sampleCount());
            assertEquals(8L * 10 + 4L * 10 * 2 * 3, monitor.memoryBytes());
            assertEquals(0, monitor.droppedSamples());
        }
    }

    @Test
    void boundedMonitorDropsSamplesBeyondTheBound() {
        try (Network net = network()) {
            NeuronPopulation pop = noisyPopulation(net);
            StateMonitor monitor = net.addMonitor(pop,
                    new StateMonitor(pop, new String[] {"v"}, new int[] {0, 1, 2}, 1, 0.1, 10));
            net.run(1);
            assertEquals(3, monitor.sampleCount(), "3 samples of 3 values fit in 10");
            assertEquals(7, monitor.droppedSamples());
        }
    }

    /**
     * Streamed to a file with nothing stored, every sample of two runs is there, equal to what a storing monitor
     * records, written when each run ends; the partial file goes when the network closes.
     */
    @Test
    void aStreamedMonitorWritesEverySampleAndStoresNone(@TempDir Path directory) throws IOException {
        Path file = directory.resolve("state.csv");
        try (Network net = network()) {
            NeuronPopulation pop = noisyPopulation(net);
            StateMonitor stored = net.monitorState(pop, new String[] {"v", "refractory_steps"}, new int[] {0, 2},
                    0.5);
            StateMonitor streamed = net.monitorState(pop, new String[] {"v", "refractory_steps"},
                    new int[] {0, 2}, 0.5, StateMonitor.settings().maxStoredValues(0).streamTo(file));
            net.run(3);
            assertEquals(6 * 2 + 2, Files.readAllLines(file).size(), "the first run's samples, after it ends");
            net.run(2);
            assertEquals(0, streamed.sampleCount(), "nothing stored");
            assertEquals(0, streamed.memoryBytes(), "no memory");
            List<String> lines = Files.readAllLines(file);
            assertTrue(lines.get(0).startsWith("# state of population 'pop' every 5 steps, master seed"),
                    lines.get(0));
            assertTrue(lines.get(0).endsWith(", dt 0.1 ms, units v mV, refractory_steps "
                    + pop.state().variable(pop.state().indexOf("refractory_steps")).unit()), lines.get(0));
            assertEquals("time_ms,neuron,v,refractory_steps", lines.get(1));
            assertEquals(10 * 2, lines.size() - 2, "ten samples of two neurons");
            double[] times = stored.times();
            float[] v0 = stored.trace("v", 0);
            float[] v2 = stored.trace("v", 1);
            for (int s = 0; s < times.length; s++) {
                String[] first = lines.get(2 + 2 * s).split(",");
                String[] second = lines.get(3 + 2 * s).split(",");
                assertEquals(times[s], Double.parseDouble(first[0]), 1e-9, "time of sample " + s);
                assertEquals("0", first[1]);
                assertEquals("2", second[1]);
                assertEquals(v0[s], Float.parseFloat(first[2]), "v of neuron 0, sample " + s);
                assertEquals(v2[s], Float.parseFloat(second[2]), "v of neuron 2, sample " + s);
            }
        }
        assertTrue(Files.exists(file), "the file stays");
        assertFalse(Files.exists(directory.resolve("state.csv.partial")), "the partial file goes with the network");
    }

    /**
     * Stored values go into one array, which holds at most 2^31 - 9 of them: a larger bound would let a long run fail
     * when the array is full, so it is refused when given, pointing to a file.
     */
    @Test
    void aBoundBeyondWhatAnArrayHoldsIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StateMonitor.settings().maxStoredValues(1L << 31));
        assertTrue(e.getMessage().startsWith("maxStoredValues = 2147483648 is not allowed: must be in [0, "
                + "2147483639]"), e.getMessage());
        assertTrue(e.getMessage().contains("streamTo"), e.getMessage());
        StateMonitor.settings().maxStoredValues(2147483639L);
    }

    @Test
    void unknownVariableIsRefusedNamingTheAllowedOnes() {
        try (Network net = network()) {
            NeuronPopulation pop = noisyPopulation(net);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> net.monitorState(pop, new String[] {"v", "g_e"}, new int[] {0}, 1));
            String m = e.getMessage();
            assertTrue(m.contains("'g_e'") && m.contains("v, refractory_steps"), m);
            StateMonitor monitor = net.monitorState(pop, new String[] {"v"}, new int[] {0}, 1);
            e = assertThrows(IllegalArgumentException.class, () -> monitor.trace("refractory_steps", 0));
            assertTrue(e.getMessage().contains("'refractory_steps' is not monitored")
                    && e.getMessage().contains("one of v"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> monitor.trace("v", 1));
            assertTrue(e.getMessage().contains("= 1 is not allowed") && e.getMessage().contains("[0, 0]"),
                    e.getMessage());
        }
    }

    @Test
    void neuronOutOfRangeAndEmptyListsAreRefused() {
        try (Network net = network()) {
            NeuronPopulation pop = noisyPopulation(net);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> net.monitorState(pop, new String[] {"v"}, new int[] {0, 5}, 1));
            assertTrue(e.getMessage().contains("pop = 5") && e.getMessage().contains("[0, 4]"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class,
                    () -> net.monitorState(pop, new String[] {"v"}, new int[] {}, 1));
            assertTrue(e.getMessage().contains("neurons is empty"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class,
                    () -> net.monitorState(pop, new String[] {}, new int[] {0}, 1));
            assertTrue(e.getMessage().contains("variables is empty"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class,
                    () -> net.monitorState(pop, new String[] {"v"}, new int[] {0}, 0));
            assertTrue(e.getMessage().contains("interval = 0.0 ms"), e.getMessage());
        }
    }

    /**
     * A neuron or variable listed twice would be stored twice under two positions (and a trace read by position
     * would not say which): refused, naming the monitor, the entry and both positions; nothing is monitored.
     */
    @Test
    void aNeuronOrVariableListedTwiceIsRefused() {
        try (Network net = network()) {
            NeuronPopulation pop = noisyPopulation(net);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> net.monitorState(pop, new String[] {"v"}, new int[] {0, 3, 1, 3}, 0.5));
            assertEquals("neuron 3 is listed twice for the state monitor of population 'pop', at positions 1 and 3 "
                    + "of neurons: each may be listed once", e.getMessage());
            e = assertThrows(IllegalArgumentException.class,
                    () -> net.monitorState(pop, new String[] {"v", "v"}, new int[] {0}, 0.5));
            assertEquals("variable 'v' is listed twice for the state monitor of population 'pop', at positions 0 "
                    + "and 1 of variables: each may be listed once", e.getMessage());
            assertEquals(0, net.monitorMemoryBytes());
        }
    }
}

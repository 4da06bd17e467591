package org.hebb.opencl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.hebb.neurons.lif.IfCurrExp;
import org.hebb.plasticity.testing.PlasticNetworks;
import org.hebb.plasticity.testing.PlasticNetworks.Setup;
import org.hebb.plasticity.testing.SpikeLists;
import org.hebb.simulator.BackendKind;
import org.hebb.simulator.Network;
import org.hebb.simulator.checkpoint.CheckpointException;
import org.hebb.simulator.connect.Connectors;
import org.hebb.simulator.connect.Delays;
import org.hebb.simulator.connect.Synapses;
import org.hebb.simulator.init.Values;
import org.hebb.simulator.monitor.SpikeMonitor;
import org.hebb.simulator.monitor.StateMonitor;
import org.hebb.simulator.plasticity.RuleState;
import org.hebb.simulator.population.NeuronPopulation;
import org.hebb.simulator.population.Population;
import org.hebb.simulator.testing.CheckpointRewrite;
import org.hebb.simulator.testing.Prerequisites;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A network stopped, saved, restored into the network built again and run on gives the spikes, final membrane
 * potentials and rule variables of a run that never stopped, bit for bit: static and with each rule the device runs,
 * in both work shapes, saved on the OpenCL backend and restored there or on the Java backend (two threads), and
 * saved on the Java backend and restored on OpenCL. A file whose spike lists the network cannot hold is refused and
 * changes nothing on the device.
 */
class OpenClCheckpointTest {
    @TempDir
    Path directory;

    @BeforeEach
    void requireDevice() {
        Prerequisites.require(OpenClDevices.missingReason());
    }

    /** Static: Poisson input and recurrent inhibition with per-synapse delays (dt 0.1 ms). */
    private static RuleState none(Network net) {
        NeuronPopulation out = net.addNeurons("out", 120, IfCurrExp.builder().tauRefrac(2).build());
        net.connect(net.addPoissonSource("in", 200, 30), out, Connectors.fixedProbability(0.2, false),
                Synapses.onto("excitatory").weights(Values.uniform(0.5, 1.5)).delays(Delays.uniformSteps(1, 30)));
        net.connect(out, out, Connectors.fixedProbability(0.1, false), Synapses.onto("inhibitory")
                .weights(Values.uniform(-1, -0.2)).delays(Delays.uniformSteps(5, 25)));
        return null;
    }

    static Stream<Arguments> networks() {
        Setup none = OpenClCheckpointTest::none;
        Setup stdp = PlasticNetworks::stdp;
        Setup threeFactor = PlasticNetworks::threeFactor;
        Setup astrocyte = PlasticNetworks::astrocyte;
        Setup shortTerm = PlasticNetworks::shortTerm;
        List<BackendKind[]> routes = List.of(new BackendKind[] {BackendKind.OPENCL, BackendKind.OPENCL},
                new BackendKind[] {BackendKind.JAVA, BackendKind.OPENCL},
                new BackendKind[] {BackendKind.OPENCL, BackendKind.JAVA});
        return routes.stream().flatMap(route -> Stream.of("cpu", "gpu").flatMap(shape -> Stream.of(
                Arguments.of("static", none, 0.1, null, shape, route[0], route[1]),
                Arguments.of("STDP", stdp, 0.1, "weight", shape, route[0], route[1]),
                Arguments.of("three-factor", threeFactor, 0.1, "weight", shape, route[0], route[1]),
                Arguments.of("astrocyte STDP", astrocyte, 1.0, "weight", shape, route[0], route[1]),
                Arguments.of("Tsodyks-Markram", shortTerm, 0.1, "x", shape, route[0], route[1]))));
    }

    private record Outcome(List<long[]> spikes, List<float[]> v, float[] variable) {
    }

    /** The spike monitors of every neuron population, then a monitor of v for each (sampled every 5 ms). */
    private record Monitors(List<SpikeMonitor> spikes, List<StateMonitor> v) {
    }

    private static Outcome outcome(Network net, Monitors monitors, RuleState rule, String variable, long fromStep) {
        List<long[]> spikes = new ArrayList<>();
        for (SpikeMonitor m : monitors.spikes()) {
            spikes.add(SpikeLists.from(m, fromStep));
        }
        List<float[]> v = new ArrayList<>();
        for (StateMonitor m : monitors.v()) {
            int neurons = m.population().size();
            float[] last = new float[neurons];
            for (int i = 0; i < neurons; i++) {
                float[] trace = m.trace("v", i);
                last[i] = trace[trace.length - 1];
            }
            v.add(last);
        }
        net.synchronizeRuleState();
        return new Outcome(spikes, v, rule == null ? new float[0] : rule.values(variable).clone());
    }

    private static Monitors monitorAll(Network net) {
        List<SpikeMonitor> spikes = new ArrayList<>();
        List<StateMonitor> v = new ArrayList<>();
        for (Population p : net.populations()) {
            if (p instanceof NeuronPopulation np) {
                spikes.add(net.monitorSpikes(p));
                v.add(net.monitorState(np, new String[] {"v"}, IntStream.range(0, np.size()).toArray(), 5));
            }
        }
        return new Monitors(spikes, v);
    }

    /** On OpenCL one thread, on Java two (so that the partitions differ from the device's blocks). */
    private static Network network(double dt, BackendKind backend) {
        return Network.builder().backend(backend).dt(dt).seed(3).threads(backend == BackendKind.JAVA ? 2 : 1)
                .build();
    }

    @ParameterizedTest(name = "{0}, {4} shape, saved on {5}, restored on {6}")
    @MethodSource("networks")
    void aRestoredNetworkGoesOnAsIfItHadNeverStopped(String name, Setup setup, double dt, String variable,
                                                     String shape, BackendKind savedOn, BackendKind restoredOn) {
        double first = 40 * Math.max(1, dt * 10);
        double second = 60 * Math.max(1, dt * 10);
        Path file = directory.resolve("device.h5");
        Shapes.inShape(shape, () -> {
            Outcome straight;
            long split;
            try (Network net = network(dt, restoredOn)) {
                RuleState rule = setup.build(net);
                Monitors monitors = monitorAll(net);
                net.run(first);
                split = net.stepsRun();
                net.run(second);
                straight = outcome(net, monitors, rule, variable, split);
            }
            try (Network net = network(dt, savedOn)) {
                setup.build(net);
                net.run(first);
                net.saveCheckpoint(file);
            }
            try (Network net = network(dt, restoredOn)) {
                RuleState rule = setup.build(net);
                Monitors monitors = monitorAll(net);
                net.restoreCheckpoint(file);
                assertEquals(split, net.stepsRun(), "the clock");
                net.run(second);
                Outcome resumed = outcome(net, monitors, rule, variable, 0);
                assertTrue(straight.spikes().stream().mapToInt(s -> s.length).sum() > 200,
                        "test setup: too few spikes");
                for (int k = 0; k < straight.spikes().size(); k++) {
                    assertArrayEquals(straight.spikes().get(k), resumed.spikes().get(k), name
                            + ": spikes of population " + k + " (step, neuron)");
                    assertArrayEquals(straight.v().get(k), resumed.v().get(k), name + ": v of population " + k);
                }
                assertArrayEquals(straight.variable(), resumed.variable(), name + ": " + variable);
            }
            return null;
        });
    }

    /** 80 cells driven by 100 Poisson sources, with recurrent inhibition through delays of 0.5 to 2.5 ms. */
    private static NeuronPopulation refusalNetwork(Network net) {
        return refusalNetwork(net, Delays.uniformSteps(5, 25));
    }

    /** The same, the recurrent inhibition with {@code inhibitionDelays}. */
    private static NeuronPopulation refusalNetwork(Network net, Delays.DelayDistribution inhibitionDelays) {
        NeuronPopulation cells = net.addNeurons("cells", 80, IfCurrExp.builder().tauRefrac(2).build());
        net.connect(net.addPoissonSource("drive", 100, 30), cells, Connectors.fixedProbability(0.2, false),
                Synapses.onto("excitatory").weights(Values.uniform(0.5, 1.5)).delays(Delays.uniformSteps(1, 40)));
        net.connect(cells, cells, Connectors.fixedProbability(0.1, false), Synapses.onto("inhibitory")
                .weights(Values.uniform(-1, -0.2)).delays(inhibitionDelays));
        return cells;
    }

    /** The spikes (step, neuron) and the v samples of the cells over 1 ms, then {@code restore}, then 30 ms more. */
    private static Outcome runAround(BackendKind backend, Consumer<Network> restore) {
        try (Network net = network(0.1, backend)) {
            NeuronPopulation cells = refusalNetwork(net);
            SpikeMonitor spikes = net.monitorSpikes(cells);
            StateMonitor v = net.monitorState(cells, new String[] {"v"}, IntStream.range(0, cells.size()).toArray(),
                    1);
            net.run(1);
            restore.accept(net);
            net.run(30);
            List<float[]> traces = new ArrayList<>();
            for (int i = 0; i < cells.size(); i++) {
                traces.add(v.trace("v", i));
            }
            return new Outcome(List.of(SpikeLists.from(spikes, 0)), traces, new float[0]);
        }
    }

    /**
     * The delays are not saved with the weights but described: a file saved on the device is refused by a network
     * whose recurrent inhibition has other delays (the same synapses, the same longest delay), naming the projection,
     * and restores into the network built as the saved one on either backend.
     */
    @Test
    void aFileSavedOnTheDeviceIsRefusedByANetworkWithOtherDelays() {
        Path file = directory.resolve("device.h5");
        try (Network net = network(0.1, BackendKind.OPENCL)) {
            refusalNetwork(net);
            net.run(5);
            net.saveCheckpoint(file);
        }
        for (BackendKind backend : BackendKind.values()) {
            try (Network net = network(0.1, backend)) {
                refusalNetwork(net, Delays.uniformSteps(6, 25));
                CheckpointException e = assertThrows(CheckpointException.class, () -> net.restoreCheckpoint(file));
                assertTrue(e.getMessage().contains("comes from another network: it has 'synapses of projection "
                        + "cells->cells.inhibitory: delays = per synapse, CRC-32C "), backend + ": " + e.getMessage());
                assertEquals(0, net.stepsRun(), backend + ": nothing restored");
            }
            try (Network net = network(0.1, backend)) {
                refusalNetwork(net);
                net.restoreCheckpoint(file);
                assertEquals(50, net.stepsRun(), backend + ": the network built as the saved one restores");
            }
        }
    }

    /**
     * A spike list with a neuron out of range, negative, repeated or out of order (in a file whose checksum fits) is
     * refused on the OpenCL backend, naming the neuron and the list, before anything changes on the device: the
     * clock stays, and the network runs on with the spikes and potentials of the Java backend's run that never met
     * the file.
     */
    @ParameterizedTest(name = "{0} shape")
    @ValueSource(strings = {"cpu", "gpu"})
    void aSpikeListTheNetworkCannotHoldIsRefusedAndChangesNothingOnTheDevice(String shape) {
        Path file = directory.resolve("device.h5");
        String list = "state/engine/population_cells/spikes_0";
        Outcome expected = runAround(BackendKind.JAVA, net -> { });
        assertTrue(expected.spikes().get(0).length > 100, "test setup: too few spikes");
        Shapes.inShape(shape, () -> {
            try (Network net = network(0.1, BackendKind.OPENCL)) {
                refusalNetwork(net);
                net.run(60);
                net.saveCheckpoint(file);
            }
            Path unchanged = directory.resolve("unchanged.h5");
            CheckpointRewrite.rewritten(file, unchanged, entries -> assertTrue(entries.containsKey(list + "_length"),
                    "test setup: the file holds " + list + ", among " + entries.keySet()));
            try (Network net = network(0.1, BackendKind.OPENCL)) {
                refusalNetwork(net);
                net.restoreCheckpoint(unchanged);
                assertEquals(600, net.stepsRun(), "test setup: a file written again by hand restores");
            }
            Object[][] cases = {{new int[] {3, 80}, "checkpoint lists neuron 80 of population 'cells', which has 80"},
                {new int[] {-1}, "checkpoint lists neuron -1 of population 'cells'"},
                {new int[] {5, 7, 7}, "checkpoint lists neuron 7 of population 'cells' after neuron 7"},
                {new int[] {9, 4}, "checkpoint lists neuron 4 of population 'cells' after neuron 9"}};
            for (Object[] c : cases) {
                int[] neurons = (int[]) c[0];
                Path bad = directory.resolve("bad.h5");
                CheckpointRewrite.rewritten(file, bad, entries -> {
                    entries.put(list + "_length", new long[] {neurons.length});
                    entries.put(list, neurons);
                });
                Outcome refused = runAround(BackendKind.OPENCL, net -> {
                    long step = net.stepsRun();
                    CheckpointException e = assertThrows(CheckpointException.class, () -> net.restoreCheckpoint(bad));
                    for (String part : new String[] {(String) c[1], "spikes_0"}) {
                        assertTrue(e.getMessage().contains(part), "message '" + e.getMessage() + "' should contain '"
                                + part + "'");
                    }
                    assertEquals(step, net.stepsRun(), "the clock unchanged");
                });
                String what = Arrays.toString(neurons) + ": ";
                assertArrayEquals(expected.spikes().get(0), refused.spikes().get(0), what + "spikes (step, neuron)");
                for (int i = 0; i < expected.v().size(); i++) {
                    assertArrayEquals(expected.v().get(i), refused.v().get(i), what + "v of neuron " + i);
                }
            }
            return null;
        });
    }
}

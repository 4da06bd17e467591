package org.hebb.opencl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.hebb.neurons.lif.IfCurrExp;
import org.hebb.plasticity.testing.PlasticNetworks;
import org.hebb.plasticity.testing.PlasticNetworks.Setup;
import org.hebb.plasticity.testing.SpikeLists;
import org.hebb.simulator.BackendKind;
import org.hebb.simulator.Network;
import org.hebb.simulator.connect.Connectors;
import org.hebb.simulator.connect.Delays;
import org.hebb.simulator.connect.Synapses;
import org.hebb.simulator.init.Values;
import org.hebb.simulator.monitor.SpikeMonitor;
import org.hebb.simulator.monitor.StateMonitor;
import org.hebb.simulator.plasticity.RuleState;
import org.hebb.simulator.population.NeuronPopulation;
import org.hebb.simulator.population.Population;
import org.hebb.simulator.testing.Prerequisites;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A network stopped, saved, restored into the network built again and run on gives the spikes, final membrane
 * potentials and rule variables of a run that never stopped, bit for bit: static and with each rule the device runs,
 * in both work shapes, saved on the OpenCL backend and restored there or on the Java backend (two threads), and
 * saved on the Java backend and restored on OpenCL.
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
}

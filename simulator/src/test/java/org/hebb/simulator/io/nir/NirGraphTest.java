package org.hebb.simulator.io.nir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import org.hebb.neurons.NeuronState;
import org.hebb.neurons.definition.DefinedNeuronModel;
import org.hebb.neurons.lif.IfCurrExp;
import org.hebb.neurons.nir.NirModels;
import org.hebb.simulator.Network;
import org.hebb.simulator.connect.Connectors;
import org.hebb.simulator.connect.Delays;
import org.hebb.simulator.connect.Synapses;
import org.hebb.simulator.init.Values;
import org.hebb.simulator.monitor.SpikeMonitor;
import org.hebb.simulator.population.NeuronPopulation;
import org.hebb.simulator.population.Population;
import org.hebb.simulator.storage.HebbVersion;
import org.hebb.simulator.testing.H5py;
import org.hebb.simulator.testing.Prerequisites;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * NIR graphs: a network of NIR's LIF, CubaLIF and IF neurons with delays, recurrence and biases, written to NIR and
 * read back, gives the original's spikes and potentials bit for bit; the file reads with h5py in NIR's layout; graphs
 * written by Norse and by the nir package run with the spikes their equations give; what Hebb does not import is
 * refused, naming it.
 */
class NirGraphTest {
    private static final double RUN_MS = 200;
    private static final String INPUT = "in";

    @TempDir
    Path directory;

    private static double[][] inputTimes() {
        Random random = new Random(11);
        double[][] times = new double[40][];
        for (int i = 0; i < times.length; i++) {
            times[i] = random.doubles(12, 0, RUN_MS).map(t -> Math.round(t * 10) / 10.0).sorted().distinct()
                    .toArray();
        }
        return times;
    }

    private static void setEach(NeuronPopulation p, String variable, java.util.function.IntToDoubleFunction value) {
        NeuronState state = p.state();
        int column = state.indexOf(variable);
        for (int i = 0; i < p.size(); i++) {
            state.set(column, i, value.applyAsDouble(i));
        }
    }

    /** Input spikes into LIF (recurrent), CubaLIF with per-neuron time constants and a bias, and IF with a drift. */
    private static Network original() {
        Network net = Network.builder().dt(0.1).seed(5).threads(1).build();
        Population in = net.addSpikeTimes(INPUT, inputTimes());
        NeuronPopulation lif = net.addNeurons("lif", 30, DefinedNeuronModel.of(NirModels.LIF).with("tau", 8));
        setEach(lif, "v_leak", i -> 0.1 * (i % 4));
        NeuronPopulation cuba = net.addNeurons("cuba", 20,
                DefinedNeuronModel.of(NirModels.withTauPerNeuron(NirModels.CUBA_LIF)));
        setEach(cuba, "tau_syn", i -> 3 + 0.1 * i);
        setEach(cuba, "tau_mem", i -> 12 + 0.3 * i);
        setEach(cuba, "u_bias", i -> 0.3);
        NeuronPopulation integrator = net.addNeurons("if", 10, DefinedNeuronModel.of(NirModels.IF));
        setEach(integrator, "drift", i -> 0.002 * i);
        setEach(integrator, "v_threshold", i -> 2);
        net.connect(in, lif, Connectors.fixedProbability(0.3, false), Synapses.onto(NirModels.RECEPTOR)
                .weights(Values.uniform(0.2, 0.7)).delays(Delays.uniformSteps(1, 6)).named("in_lif"));
        net.connect(lif, lif, Connectors.fixedProbability(0.1, false), Synapses.onto(NirModels.RECEPTOR)
                .weights(Values.uniform(-0.3, 0.2)).delays(Delays.steps(3)).named("lif_lif"));
        net.connect(in, cuba, Connectors.fixedProbability(0.2, false), Synapses.onto(NirModels.RECEPTOR)
                .weights(Values.uniform(0.05, 0.2)).named("in_cuba"));
        net.connect(lif, cuba, Connectors.fixedProbability(0.3, false), Synapses.onto(NirModels.RECEPTOR)
                .weights(Values.uniform(0, 0.2)).delays(Delays.uniformSteps(1, 4)).named("lif_cuba"));
        net.connect(cuba, integrator, Connectors.fixedProbability(0.5, false), Synapses.onto(NirModels.RECEPTOR)
                .weights(Values.uniform(0.1, 0.4)).named("cuba_if"));
        return net;
    }

    private record Recorded(Map<String, long[]> steps, Map<String, int[]> neurons, Map<String, float[]> v) {
    }

    private static Recorded run(Network net, List<String> names) {
        Map<String, SpikeMonitor> monitors = new LinkedHashMap<>();
        for (Population p : net.populations()) {
            if (names.contains(p.name())) {
                monitors.put(p.name(), net.monitorSpikes(p));
            }
        }
        net.run(RUN_MS);
        Recorded r = new Recorded(new LinkedHashMap<>(), new LinkedHashMap<>(), new LinkedHashMap<>());
        monitors.forEach((name, m) -> {
            r.steps().put(name, m.steps());
            r.neurons().put(name, m.neurons());
        });
        for (Population p : net.populations()) {
            if (p instanceof NeuronPopulation np) {
                r.v().put(p.name(), np.state().array("v").clone());
            }
        }
        return r;
    }

    @Test
    void aNetworkWrittenAndReadBackGivesTheSameSpikesBitForBit() {
        Path file = directory.resolve("net.nir");
        List<String> names = List.of("lif", "cuba", "if");
        Recorded straight;
        try (Network net = original()) {
            straight = run(net, names);
            NirGraph.export(net, file);
        }
        for (String name : names) {
            assertTrue(straight.steps().get(name).length > 20, "test setup: " + name + " fires: "
                    + straight.steps().get(name).length);
        }
        try (Network net = Network.builder().dt(0.1).seed(5).threads(1).build()) {
            Map<String, Population> loaded = NirGraph.load(file, net, Map.of(INPUT, inputTimes()));
            assertEquals(List.of(INPUT, "lif", "cuba", "if"), List.copyOf(loaded.keySet()), "the populations");
            assertEquals(NirModels.withTauPerNeuron(NirModels.CUBA_LIF),
                    ((DefinedNeuronModel) ((NeuronPopulation) loaded.get("cuba")).model()).definition(),
                    "per-neuron time constants");
            Recorded again = run(net, names);
            for (String name : names) {
                assertArrayEquals(straight.steps().get(name), again.steps().get(name), name + ": spike steps");
                assertArrayEquals(straight.neurons().get(name), again.neurons().get(name), name + ": neurons");
                assertArrayEquals(straight.v().get(name), again.v().get(name), name + ": v, bit for bit");
            }
        }
    }

    /**
     * Populations come back in the network's order (the order of their state in a checkpoint), whatever the order of
     * the projections, an Input that feeds nothing included; projections in theirs.
     */
    @Test
    void aNetworkReadBackKeepsTheOrderOfItsPopulationsAndProjections() {
        Path file = directory.resolve("order.nir");
        try (Network net = Network.builder().dt(0.1).build()) {
            net.addSpikeTimes("idle", new double[][] {{4}});
            NeuronPopulation a = net.addNeurons("a", 2, DefinedNeuronModel.of(NirModels.LIF));
            Population in = net.addSpikeTimes("in", new double[][] {{1}, {2}});
            NeuronPopulation b = net.addNeurons("b", 2, DefinedNeuronModel.of(NirModels.IF));
            net.addSpikeTimes("silent", new double[][] {{3}});
            net.connect(b, a, Connectors.oneToOne(), Synapses.onto(NirModels.RECEPTOR).weights(new float[] {1, 2})
                    .named("b_a"));
            net.connect(in, b, Connectors.oneToOne(), Synapses.onto(NirModels.RECEPTOR).weights(new float[] {3, 4})
                    .named("in_b"));
            net.connect(in, a, Connectors.oneToOne(), Synapses.onto(NirModels.RECEPTOR).weights(new float[] {5, 6})
                    .named("in_a"));
            NirGraph.export(net, file);
        }
        try (Network net = Network.builder().dt(0.1).build()) {
            Map<String, Population> loaded = NirGraph.load(file, net, Map.of());
            List<String> order = List.of("idle", "a", "in", "b", "silent");
            assertEquals(order, List.copyOf(loaded.keySet()), "the populations' order");
            assertEquals(order, net.populations().stream().map(Population::name).toList(), "the network's populations");
            assertEquals(List.of("b_a", "in_b", "in_a"), net.projections().stream().map(p -> p.name()).toList(),
                    "the projections' order");
        }
    }

    @Test
    void h5pyReadsTheFileInNirsLayout() throws Exception {
        Prerequisites.require(H5py.missing());
        Path file = directory.resolve("net.nir");
        try (Network net = original()) {
            NirGraph.export(net, file);
        }
        Map<String, String> read = H5py.read(file);
        assertTrue(read.get("/version").endsWith(": " + NirGraph.VERSION), read.get("/version"));
        assertTrue(read.get("/node/type").endsWith(": NIRGraph"), read.get("/node/type"));
        assertEquals("5", read.get("@hebb_seed"), "master seed");
        assertEquals(HebbVersion.describe(), read.get("@hebb_version"), "the build that wrote it");
        assertTrue(read.get("/node/nodes/in/type").endsWith(": Input"));
        assertEquals("int64: 40", read.get("/node/nodes/in/shape"));
        assertTrue(read.get("/node/nodes/lif/type").endsWith(": LIF"));
        assertEquals("float64: " + "0.008 ".repeat(30).trim(), read.get("/node/nodes/lif/tau"), "tau in seconds");
        assertEquals("30", read.get("/node/nodes/lif/v_leak#shape"));
        assertTrue(read.get("/node/nodes/cuba/type").endsWith(": CubaLIF"));
        assertTrue(read.get("/node/nodes/if/type").endsWith(": IF"));
        assertTrue(read.get("/node/nodes/in_lif_d1/type").endsWith(": Linear"), "one Linear node per delay");
        assertEquals("30 40", read.get("/node/nodes/in_lif_d1/weight#shape"), "outputs x inputs");
        assertTrue(read.get("/node/nodes/in_lif_d6_delay/type").endsWith(": Delay"));
        assertEquals("float64: " + "0.0006 ".repeat(30).trim(), read.get("/node/nodes/in_lif_d6_delay/delay"),
                "six steps of 0.1 ms, in seconds");
        assertTrue(read.get("/node/nodes/in_cuba/type").endsWith(": Affine"), "the first into cuba carries its bias");
        assertEquals("float64: " + "0.3 ".repeat(20).trim(), read.get("/node/nodes/in_cuba/bias"));
        assertTrue(read.get("/node/nodes/if_output/type").endsWith(": Output"));
        assertEquals("2", read.get("/node/edges#shape").split(" ")[1], "edges are (source, target) pairs");
        assertTrue(read.get("/node/edges").contains("in in_lif_d1 "), read.get("/node/edges"));
        assertTrue(read.get("/node/edges").contains(" in_lif_d1 lif "), read.get("/node/edges"));
        assertTrue(read.get("/node/edges").contains("in_lif_d6 in_lif_d6_delay in_lif_d6_delay lif"));
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(NirGraphTest.class.getResource("/nir/" + name).toURI());
    }

    /**
     * The nir package's two LIF neurons (tau 10 ms): the first, with v_leak 1.2 above its threshold 1, fires when
     * 1.2 (1 - exp(-t / tau)) first exceeds 1 at the end of a step (t > tau ln 6 = 17.92 ms: 18.0 ms, step 179),
     * then every 180 steps after its reset to 0; each spike, a Dirac pulse of weight 1, lifts the second by
     * R w / tau = 100 mV above its threshold of 20, one step later.
     */
    @Test
    void aGraphWrittenByTheNirPackageRunsAsItsEquationsSay() throws Exception {
        try (Network net = Network.builder().dt(0.1).seed(1).build()) {
            Map<String, Population> loaded = NirGraph.load(resource("two_lif_neurons.nir"), net, Map.of());
            SpikeMonitor first = net.monitorSpikes(loaded.get("lif1"));
            SpikeMonitor second = net.monitorSpikes(loaded.get("lif2"));
            net.run(100);
            assertArrayEquals(new long[] {179, 359, 539, 719, 899}, first.steps(), "the first neuron's spikes");
            assertArrayEquals(new long[] {180, 360, 540, 720, 900}, second.steps(), "the second's, a step later");
        }
    }

    /** Norse's LIF (tau 2.5 ms, threshold 0.1) behind an Affine node: each input spike lifts v by 400 mV. */
    @Test
    void aGraphWrittenByNorseRuns() throws Exception {
        double[][] times = {{5, 12, 40, 41}};
        try (Network net = Network.builder().dt(0.1).seed(1).build()) {
            Map<String, Population> loaded = NirGraph.load(resource("lif_norse.nir"), net, Map.of("input", times));
            SpikeMonitor input = net.monitorSpikes(loaded.get("input"));
            SpikeMonitor output = net.monitorSpikes(loaded.get("1"));
            net.run(50);
            assertEquals(4, input.steps().length, "test setup: the input spikes");
            long[] expected = java.util.Arrays.stream(input.steps()).map(s -> s + 1).toArray();
            assertArrayEquals(expected, output.steps(), "one output spike a step after each input spike");
        }
    }

    /** Writes a graph of {@code nodes} (name, type, then array name and values, ...) and {@code edges}. */
    private Path graph(String name, Object[][] nodes, String[][] edges) {
        Path file = directory.resolve(name);
        try (WritableHdfFile out = HdfFile.write(file)) {
            out.putDataset("version", "1.0.7");
            WritableGroup graph = out.putGroup("node");
            graph.putDataset("type", "NIRGraph");
            WritableGroup all = graph.putGroup("nodes");
            for (Object[] node : nodes) {
                WritableGroup g = all.putGroup((String) node[0]);
                g.putDataset("type", node[1]);
                for (int k = 2; k < node.length; k += 2) {
                    g.putDataset((String) node[k], node[k + 1]);
                }
            }
            graph.putDataset("edges", edges);
        }
        return file;
    }

    private void refused(Path file, String... parts) {
        try (Network net = Network.builder().dt(0.1).build()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> NirGraph.load(file, net, Map.of()));
            for (String part : parts) {
                assertTrue(e.getMessage().contains(part), "'" + part + "' missing from: " + e.getMessage());
            }
        }
    }

    @Test
    void whatHebbDoesNotImportIsRefusedNamingIt() {
        Object[] input = {"x", "Input", "shape", new long[] {2}};
        Object[] lif = {"n", "LIF", "tau", new double[] {0.01, 0.01}, "r", new double[] {1, 1}, "v_leak",
                new double[] {0, 0}, "v_threshold", new double[] {1, 1}};
        refused(graph("conv.nir", new Object[][] {input, {"c", "Conv2d", "weight", new double[][] {{1}}}, lif},
                new String[][] {{"x", "c"}, {"c", "n"}}), "conv.nir", "node 'c' has type Conv2d", "imports Input");
        refused(graph("twice.nir", new Object[][] {input, {"a", "Linear", "weight", new double[][] {{1, 0}, {0, 1}}},
                        {"b", "Linear", "weight", new double[][] {{1, 0}, {0, 1}}}, lif},
                new String[][] {{"x", "a"}, {"a", "b"}, {"b", "n"}}), "two weight nodes ('a' and 'b')");
        refused(graph("shape.nir", new Object[][] {input, {"a", "Linear", "weight", new double[][] {{1, 0, 0}}}, lif},
                new String[][] {{"x", "a"}, {"a", "n"}}), "node 'a' has weights of shape 1 x 3", "must be 2 x 2");
        refused(graph("bias.nir", new Object[][] {input, {"a", "Affine", "weight", new double[][] {{1, 0}, {0, 1}},
                "bias", new double[] {1, 2, 3}}, lif}, new String[][] {{"x", "a"}, {"a", "n"}}),
                "node 'a' has 3 biases for 2 outputs");
        refused(graph("edge.nir", new Object[][] {input, lif}, new String[][] {{"x", "m"}}),
                "an edge names node 'm'");
        refused(directory.resolve("missing.nir"), "missing.nir does not exist");
    }

    /**
     * A neuron node's arrays are one value per neuron (as many as v_threshold has): another length, or an array the
     * node type needs that is missing, is refused naming the file, the node and the array.
     */
    @Test
    void neuronArraysOfAnotherSizeOrMissingAreRefused() {
        Object[] input = {"x", "Input", "shape", new long[] {2}};
        refused(graph("tau.nir", new Object[][] {input, {"n", "LIF", "tau", new double[] {0.01}, "r",
                new double[] {1, 1}, "v_leak", new double[] {0, 0}, "v_threshold", new double[] {1, 1}}},
                new String[][] {{"x", "n"}}), "tau.nir is not allowed: node 'n' (LIF) has 1 values of 'tau' for its "
                + "2 neurons (the values of v_threshold): it needs one per neuron");
        refused(graph("reset.nir", new Object[][] {input, {"n", "IF", "r", new double[] {1, 1},
                "v_threshold", new double[] {1, 1}, "v_reset", new double[] {0, 0, 0}}},
                new String[][] {{"x", "n"}}), "reset.nir", "node 'n' (IF) has 3 values of 'v_reset'");
        refused(graph("missing.nir", new Object[][] {input, {"n", "CubaLIF", "tau_syn", new double[] {0.01, 0.01},
                "v_leak", new double[] {0, 0}, "v_threshold", new double[] {1, 1}}},
                new String[][] {{"x", "n"}}), "missing.nir is not allowed: node 'n' (CubaLIF) has no array "
                + "'tau_mem'; a CubaLIF node needs tau_syn, tau_mem, v_leak, v_threshold");
    }

    /** Time constants that are no time (zero, negative, NaN) and parameters that are not finite are refused. */
    @Test
    void neuronParametersOutOfRangeAreRefused() {
        Object[] input = {"x", "Input", "shape", new long[] {2}};
        for (double bad : new double[] {0, -0.01, Double.NaN}) {
            refused(graph("tau.nir", new Object[][] {input, {"n", "LIF", "tau", new double[] {0.01, bad}, "r",
                    new double[] {1, 1}, "v_leak", new double[] {0, 0}, "v_threshold", new double[] {1, 1}}},
                    new String[][] {{"x", "n"}}), "tau.nir is not allowed: node 'n' (LIF) has tau[1] = " + bad
                    + "; time constants must be finite and > 0 (s)");
        }
        refused(graph("leak.nir", new Object[][] {input, {"n", "LIF", "tau", new double[] {0.01, 0.01}, "r",
                new double[] {1, 1}, "v_leak", new double[] {Double.NaN, 0}, "v_threshold", new double[] {1, 1}}},
                new String[][] {{"x", "n"}}), "leak.nir is not allowed: node 'n' (LIF) has v_leak[0] = NaN; it "
                + "must be finite");
    }

    /** Weights and biases that are not finite are refused, naming the file, the node and the entry. */
    @Test
    void weightsAndBiasesThatAreNotFiniteAreRefused() {
        Object[] input = {"x", "Input", "shape", new long[] {2}};
        Object[] lif = {"n", "LIF", "tau", new double[] {0.01, 0.01}, "r", new double[] {1, 1}, "v_leak",
                new double[] {0, 0}, "v_threshold", new double[] {1, 1}};
        refused(graph("bias.nir", new Object[][] {input, {"a", "Affine", "weight", new double[][] {{1, 0}, {0, 1}},
                "bias", new double[] {0, Double.NaN}}, lif}, new String[][] {{"x", "a"}, {"a", "n"}}),
                "bias.nir is not allowed: node 'a' (Affine) has bias[1] = NaN; it must be finite");
        refused(graph("weight.nir", new Object[][] {input, {"a", "Linear", "weight",
                new double[][] {{1, 0}, {Double.POSITIVE_INFINITY, 1}}}, lif}, new String[][] {{"x", "a"}, {"a", "n"}}),
                "weight.nir is not allowed: node 'a' (Linear) has weight[1, 0] = Infinity; it must be finite");
    }

    @Test
    void aNetworkOfOtherModelsIsNotWritten() {
        try (Network net = Network.builder().build()) {
            net.addNeurons("cells", 3, IfCurrExp.builder().build());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> NirGraph.export(net, directory.resolve("x.nir")));
            assertTrue(e.getMessage().contains("population 'cells' has model IF_curr_exp, which NIR cannot express"),
                    e.getMessage());
        }
    }

    /** A Delay node's delays that are no time (negative, NaN, infinite) are refused, naming the node and value. */
    @Test
    void delaysThatAreNoTimeAreRefused() {
        Object[] input = {"x", "Input", "shape", new long[] {2}};
        Object[] lif = {"n", "LIF", "tau", new double[] {0.01, 0.01}, "r", new double[] {1, 1}, "v_leak",
                new double[] {0, 0}, "v_threshold", new double[] {1, 1}};
        for (double bad : new double[] {-0.001, Double.NaN, Double.NEGATIVE_INFINITY}) {
            refused(graph("delay.nir", new Object[][] {input, {"d", "Delay", "delay", new double[] {0.001, bad}}, lif},
                    new String[][] {{"x", "d"}, {"d", "n"}}), "delay.nir is not allowed: node 'd' (Delay) has "
                    + "delay[1] = " + bad + " s; delays must be finite and >= 0");
        }
    }
}

package org.hebb.simulator.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.hebb.neurons.definition.DefinedNeuronModel;
import org.hebb.neurons.lif.IfCondExp;
import org.hebb.neurons.lif.IfCurrExp;
import org.hebb.simulator.Network;
import org.hebb.simulator.connect.Connectors;
import org.hebb.simulator.connect.Delays;
import org.hebb.simulator.connect.Projection;
import org.hebb.simulator.connect.Synapses;
import org.hebb.simulator.init.Values;
import org.hebb.simulator.monitor.SpikeMonitor;
import org.hebb.simulator.population.NeuronPopulation;
import org.hebb.simulator.storage.Datasets;
import org.hebb.simulator.storage.HebbVersion;
import org.hebb.simulator.testing.H5py;
import org.hebb.simulator.testing.Prerequisites;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SONATA networks: an export read back by h5py (names, types, shapes, every synapse), a network built again from
 * its export with the same spikes, and a network written by h5py imported and run.
 */
class SonataNetworkTest {
    @TempDir
    Path directory;

    @Test
    void h5pyReadsEveryNodeAndEdge() throws Exception {
        Prerequisites.require(H5py.missing());
        Projection input;
        Projection recurrent;
        try (Network net = Network.builder().seed(4).dt(0.1).build()) {
            var drive = net.addPoissonSource("drive", 30, 10);
            var cells = net.addNeurons("cells", 20, IfCurrExp.builder().tauM(15).build());
            input = net.connect(drive, cells, Connectors.fixedProbability(0.3, false), Synapses.onto("excitatory")
                    .weights(Values.uniform(0.5, 1.5)).delays(Delays.uniformSteps(1, 20)));
            recurrent = net.connect(cells, cells, Connectors.fixedProbability(0.2, false),
                    Synapses.onto("inhibitory").weights(Values.constant(-0.7)).delays(Delays.steps(15)));
            SonataNetwork.export(net, directory);
        }
        Map<String, String> nodes = H5py.read(directory.resolve("nodes.h5"));
        assertEquals(("int64: " + "0 ".repeat(30)).trim(), nodes.get("/nodes/drive/node_type_id"));
        assertEquals(("int64: " + "1 ".repeat(20)).trim(), nodes.get("/nodes/cells/node_type_id"));
        assertTrue(nodes.get("/nodes/cells/node_group_index").endsWith(" 18 19"), "node indices");
        List<String> types = Files.readAllLines(directory.resolve("node_types.csv"));
        assertEquals("node_type_id model_type model_template dynamics_params pop_name", types.get(0));
        assertEquals("0 virtual hebb:PoissonSource drive.json drive", types.get(1));
        assertTrue(types.get(2).startsWith("1 point_neuron hebb:"), types.get(2));
        assertTrue(Files.readString(directory.resolve("cells.json")).contains("\"tau_m\" : 15.0"),
                Files.readString(directory.resolve("cells.json")));
        Map<String, String> edges = H5py.read(directory.resolve("edges.h5"));
        for (Projection p : new Projection[] {input, recurrent}) {
            String group = "/edges/" + p.name();
            assertEquals(p.source().name(), edges.get(group + "/source_node_id@node_population"));
            assertEquals(p.target().name(), edges.get(group + "/target_node_id@node_population"));
            String[] sources = values(edges.get(group + "/source_node_id"), "int64");
            String[] targets = values(edges.get(group + "/target_node_id"), "int64");
            String[] weights = values(edges.get(group + "/0/syn_weight"), "float32");
            String[] delays = values(edges.get(group + "/0/delay"), "float64");
            assertEquals(p.synapseCount(), sources.length, group + " synapses");
            assertTrue(p.synapseCount() > 30, "test setup: synapses of " + group);
            for (int pre = 0; pre < p.source().size(); pre++) {
                for (int j = p.rowStart(pre); j < p.rowEnd(pre); j++) {
                    assertEquals(pre, Integer.parseInt(sources[j]), group + " source of synapse " + j);
                    assertEquals(p.targetOf(j), Integer.parseInt(targets[j]), group + " target of synapse " + j);
                    assertEquals(p.weightOf(j), Float.parseFloat(weights[j]), group + " weight of synapse " + j);
                    assertEquals(p.delayMsOf(j, 0.1), Double.parseDouble(delays[j]), 1e-12, group + " delay");
                }
            }
        }
        List<String> edgeTypes = Files.readAllLines(directory.resolve("edge_types.csv"));
        assertEquals("1 static_synapse inhibitory NONE", edgeTypes.get(2));
        String config = Files.readString(directory.resolve("circuit_config.json"));
        assertTrue(config.contains("\"nodes_file\""), config);
        assertTrue(config.contains("\"hebb_seed\" : 4"), config);
        assertTrue(config.contains("\"hebb_version\" : \"" + HebbVersion.describe() + "\""), config);
    }

    private static String[] values(String read, String dtype) {
        assertTrue(read.startsWith(dtype + ": "), read);
        return read.substring(dtype.length() + 2).split(" ");
    }

    /** Input spike times, ms, of three inputs. */
    private static final double[][] INPUT = {{2, 11.3, 20, 35}, {5, 6.1, 40}, {1, 17, 17.5, 30, 44}};

    /** Two populations of different models driven by spike times, with recurrent synapses; their spikes. */
    private static Map<String, SpikeMonitor> build(Network net, boolean fromSonata, Path directory,
                                                   Path inputFile) {
        if (fromSonata) {
            SonataNetwork.load(directory, net, inputFile);
        } else {
            var input = net.addSpikeTimes("input", INPUT);
            var fast = net.addNeurons("fast", 15, IfCurrExp.builder().tauM(8).tauRefrac(1).build());
            var slow = net.addNeurons("slow", 10, IfCondExp.builder().integration(IfCondExp.Integration.EULER)
                    .build());
            net.connect(input, fast, Connectors.allToAll(false), Synapses.onto("excitatory")
                    .weights(Values.uniform(2, 6)).delays(Delays.uniformSteps(1, 20)));
            net.connect(fast, slow, Connectors.fixedProbability(0.5, false), Synapses.onto("excitatory")
                    .weights(Values.uniform(0.01, 0.05)).delays(Delays.uniformSteps(5, 15)));
            net.connect(fast, fast, Connectors.fixedProbability(0.2, false), Synapses.onto("inhibitory")
                    .weights(Values.uniform(-2, -0.5)).delays(Delays.steps(3)));
        }
        Map<String, SpikeMonitor> spikes = new java.util.LinkedHashMap<>();
        for (var p : net.populations()) {
            spikes.put(p.name(), net.monitorSpikes(p));
        }
        return spikes;
    }

    /**
     * A network exported to SONATA (and its input as a SONATA spike file), built again from the files in a fresh
     * network, gives the same spikes bit for bit: models and parameters, weights, delays and inputs survive.
     */
    @Test
    void aNetworkBuiltFromItsSonataFilesSpikesAsTheOriginal() {
        Path inputFile = directory.resolve("input.h5");
        Map<String, long[]> original = new java.util.LinkedHashMap<>();
        Map<String, int[]> originalNeurons = new java.util.LinkedHashMap<>();
        try (Network net = Network.builder().seed(5).dt(0.1).build()) {
            Map<String, SpikeMonitor> spikes = build(net, false, directory, inputFile);
            net.run(60);
            SonataNetwork.export(net, directory);
            SonataSpikes.write(inputFile, spikes.get("input"));
            spikes.forEach((name, m) -> original.put(name, m.steps()));
            spikes.forEach((name, m) -> originalNeurons.put(name, m.neurons()));
            assertTrue(spikes.get("slow").storedCount() > 3, "test setup: the slow cells spike");
        }
        try (Network net = Network.builder().seed(5).dt(0.1).build()) {
            Map<String, SpikeMonitor> spikes = build(net, true, directory, inputFile);
            net.run(60);
            assertEquals(original.keySet(), spikes.keySet(), "the populations");
            for (String name : original.keySet()) {
                assertArrayEquals(original.get(name), spikes.get(name).steps(), "spike steps of " + name);
                assertArrayEquals(originalNeurons.get(name), spikes.get(name).neurons(), "spiking neurons of " + name);
            }
        }
    }

    /**
     * Per-neuron parameters (Izhikevich's a, b, c and d, as in his network of regular spiking and chattering cells)
     * travel as node properties in each population's group 0, one value per node, and come back to each neuron.
     */
    @Test
    void perNeuronParametersComeBackToEachNeuron() {
        String[] names = {"a", "b", "c", "d"};
        double[][] values = {{0.02, 0.02, 0.1, 0.02}, {0.2, 0.25, 0.2, 0.2}, {-65, -50, -65, -55}, {8, 2, 2, 4}};
        try (Network net = Network.builder().seed(1).dt(0.1).build()) {
            NeuronPopulation cells = net.addNeurons("cells", 4,
                    org.hebb.neurons.izhikevich.Izhikevich.builder().build());
            for (int p = 0; p < names.length; p++) {
                int column = cells.state().indexOf(names[p]);
                for (int i = 0; i < 4; i++) {
                    cells.state().set(column, i, values[p][i]);
                }
            }
            SonataNetwork.export(net, directory);
        }
        try (Network net = Network.builder().seed(1).dt(0.1).build()) {
            NeuronPopulation cells = (NeuronPopulation) SonataNetwork.load(directory, net, null).get("cells");
            for (int p = 0; p < names.length; p++) {
                int column = cells.state().indexOf(names[p]);
                for (int i = 0; i < 4; i++) {
                    assertEquals((float) values[p][i], (float) cells.state().get(column, i), names[p] + " of " + i);
                }
            }
        }
    }

    /**
     * A population or projection whose name cannot name its files and groups is refused, naming it, before any file
     * is written: a space would split the population's row of node_types.csv, a '/' would put its parameter file
     * outside the directory (and its group under another), '.' is the group that holds it, and a population named
     * circuit_config would have its parameter file replaced by the configuration.
     */
    @Test
    void namesThatCannotNameTheExportsFilesAreRefused() {
        Path out = directory.resolve("export");
        for (String name : new String[] {"layer 4", "../cells", "circuit_config", ".", "a/b"}) {
            boolean projection = name.equals("a/b");
            try (Network net = Network.builder().seed(1).dt(0.1).build()) {
                var cells = net.addNeurons(projection ? "cells" : name, 2, IfCurrExp.builder().build());
                if (projection) {
                    net.connect(cells, cells, Connectors.allToAll(false), Synapses.onto("excitatory")
                            .weights(Values.constant(0.1)).delays(Delays.steps(1)).named(name));
                }
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> SonataNetwork.export(net, out));
                assertEquals((projection ? "projection" : "population") + " name = '" + name + "' is not allowed "
                        + "in a SONATA export: it names files and groups of the export, so it must not contain "
                        + "whitespace, '/' or '\\', nor be '.'" + (projection ? "" : " or circuit_config"),
                        e.getMessage());
            }
            assertFalse(Files.exists(out), "nothing written for " + name);
            assertFalse(Files.exists(directory.resolve("cells.json")), "nothing written outside for " + name);
        }
    }

    /** A SONATA network written by h5py (an independent writer) imports with its structure and runs. */
    @Test
    void aNetworkWrittenByH5pyImportsAndRuns() throws Exception {
        Prerequisites.require(H5py.missing());
        String script = String.join("\n",
                "import sys, h5py, numpy as np",
                "d = sys.argv[1]",
                "with h5py.File(d + '/nodes.h5', 'w') as f:",
                "    for name, n, t in (('in', 2, 0), ('cells', 3, 1)):",
                "        g = f.create_group('nodes/' + name)",
                "        g['node_type_id'] = np.full(n, t, dtype=np.uint32)",
                "        g['node_group_id'] = np.zeros(n, dtype=np.uint32)",
                "        g['node_group_index'] = np.arange(n, dtype=np.uint32)",
                "        g.create_group('0')",
                "with h5py.File(d + '/edges.h5', 'w') as f:",
                "    g = f.create_group('edges/in_to_cells')",
                "    g['source_node_id'] = np.array([0, 0, 1, 1], dtype=np.uint64)",
                "    g['source_node_id'].attrs['node_population'] = 'in'",
                "    g['target_node_id'] = np.array([0, 1, 1, 2], dtype=np.uint64)",
                "    g['target_node_id'].attrs['node_population'] = 'cells'",
                "    g['edge_type_id'] = np.zeros(4, dtype=np.uint32)",
                "    g['edge_group_id'] = np.zeros(4, dtype=np.uint32)",
                "    g['edge_group_index'] = np.arange(4, dtype=np.uint32)",
                "    g['0/syn_weight'] = np.array([30.0, 30.0, 0.5, 30.0])",
                "    g['0/delay'] = np.array([1.0, 2.5, 1.0, 0.1])",
                "with h5py.File(d + '/in.h5', 'w') as f:",
                "    g = f.create_group('spikes/in')",
                "    g['timestamps'] = np.array([5.0, 10.0])",
                "    g['node_ids'] = np.array([0, 1], dtype=np.uint64)",
                "open(d + '/node_types.csv', 'w').write('node_type_id model_type model_template dynamics_params "
                        + "pop_name\\n0 virtual NONE NONE in\\n1 point_neuron hebb:IF_curr_exp cells.json cells\\n')",
                "open(d + '/edge_types.csv', 'w').write('edge_type_id model_template receptor dynamics_params\\n"
                        + "0 static_synapse excitatory NONE\\n')",
                "open(d + '/cells.json', 'w').write('{\"tau_m\": 10.0}')");
        Process p = new ProcessBuilder("/usr/bin/python3", "-c", script, directory.toString())
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), "h5py wrote the network: " + output);
        try (Network net = Network.builder().seed(1).dt(0.1).build()) {
            Map<String, org.hebb.simulator.population.Population> built = SonataNetwork.load(directory, net,
                    directory.resolve("in.h5"));
            assertEquals(List.of("in", "cells"), List.copyOf(built.keySet()), "populations in file order");
            Projection edges = net.projections().get(0);
            assertEquals("in_to_cells", edges.name());
            assertEquals(4, edges.synapseCount());
            assertEquals(25, edges.delayOf(1), "2.5 ms in steps of 0.1 ms");
            assertEquals(10.0, ((DefinedNeuronModel) ((NeuronPopulation) built.get("cells")).model())
                    .parameter("tau_m"), "parameters from dynamics_params");
            SpikeMonitor cells = net.monitorSpikes(built.get("cells"));
            net.run(20);
            int[] counts = cells.counts();
            assertTrue(counts[0] >= 1 && counts[1] >= 2 && counts[2] >= 1, "the strong synapses make each cell "
                    + "fire: " + java.util.Arrays.toString(counts));
        }
    }

    /**
     * Rewrites the one edge population of an exported network ({@code cells} onto themselves, three synapses) with
     * these source ids, weights and delays (ms).
     */
    private void writeEdges(long[] sources, float[] weights, double[] delays) {
        writeEdges(sources, weights, delays, new long[] {0, 0, 0});
    }

    /** As {@link #writeEdges(long[], float[], double[])}, with these edge types. */
    private void writeEdges(long[] sources, float[] weights, double[] delays, long[] types) {
        try (io.jhdf.WritableHdfFile out = io.jhdf.HdfFile.write(directory.resolve("edges.h5"))) {
            io.jhdf.api.WritableGroup group = out.putGroup("edges").putGroup("recurrent");
            group.putDataset("source_node_id", sources).putAttribute("node_population", "cells");
            group.putDataset("target_node_id", new long[] {1, 2, 0}).putAttribute("node_population", "cells");
            group.putDataset("edge_type_id", types);
            io.jhdf.api.WritableGroup properties = group.putGroup("0");
            properties.putDataset("syn_weight", weights);
            properties.putDataset("delay", delays);
        }
    }

    /** A network of three cells with recurrent synapses, exported to the test directory. */
    private void exportThreeCells() {
        try (Network net = Network.builder().seed(1).dt(0.1).build()) {
            var cells = net.addNeurons("cells", 3, IfCurrExp.builder().build());
            net.connect(cells, cells, Connectors.fromList(new int[] {0, 1, 2}, new int[] {1, 2, 0}),
                    Synapses.onto("excitatory").weights(new float[] {1, 1, 1}).delays(Delays.steps(2))
                            .named("recurrent"));
            SonataNetwork.export(net, directory);
        }
    }

    private String refusal() {
        try (Network net = Network.builder().seed(1).dt(0.1).build()) {
            return org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> SonataNetwork.load(directory, net, null)).getMessage();
        }
    }

    /** Delays that are no time (negative, NaN, infinite) are refused, naming the synapse and the value. */
    @Test
    void delaysThatAreNoTimeAreRefused() {
        exportThreeCells();
        for (double bad : new double[] {-2, Double.NaN, Double.POSITIVE_INFINITY}) {
            writeEdges(new long[] {0, 1, 2}, new float[] {1, 1, 1}, new double[] {0.5, bad, 0.5});
            String message = refusal();
            assertTrue(message.contains("edges.h5 is not allowed: edge population 'recurrent' has delay[1] = " + bad
                    + " ms; delays must be finite and >= 0"), message);
        }
    }

    /**
     * Node ids outside their population, weights that are not finite and delays beyond Hebb's longest are refused,
     * naming the file, the dataset, the edge and the values allowed.
     */
    @Test
    void edgeValuesAProjectionCannotHaveAreRefused() {
        exportThreeCells();
        for (long bad : new long[] {3, -1, 1L << 33}) {
            writeEdges(new long[] {0, bad, 2}, new float[] {1, 1, 1}, new double[] {0.5, 0.5, 0.5});
            String message = refusal();
            assertTrue(message.contains("edges.h5 is not allowed: edge population 'recurrent' has source_node_id[1] = "
                    + bad + ", outside population 'cells' of 3 nodes (ids 0 to 2)"), message);
        }
        writeEdges(new long[] {0, 1, 2}, new float[] {1, Float.NaN, 1}, new double[] {0.5, 0.5, 0.5});
        String message = refusal();
        assertTrue(message.contains("edges.h5 is not allowed: edge population 'recurrent' has syn_weight[1] = NaN; "
                + "weights must be finite"), message);
        writeEdges(new long[] {0, 1, 2}, new float[] {1, 1, 1}, new double[] {0.5, 0.5, 4000});
        message = refusal();
        assertTrue(message.contains("edges.h5 is not allowed: edge population 'recurrent' has delay[2] = 4000.0 ms, "
                + "40000 steps of 0.1 ms; Hebb's longest delay is 32767 steps"), message);
    }

    /**
     * SONATA keeps an edge's properties at its edge_group_index in the group its edge_group_id names: the weights
     * and delays of edges listed in another order than their group's rows go to the edges that own them, and edges
     * of several property groups, which Hebb does not build, are refused.
     */
    @Test
    void edgePropertiesAreReadAtTheirEdgeGroupIndex() {
        exportThreeCells();
        writeGroupedEdges(new long[] {0, 0, 0}, new long[] {2, 0, 1});
        try (Network net = Network.builder().seed(1).dt(0.1).build()) {
            SonataNetwork.load(directory, net, null);
            var p = net.projections().get(0);
            float[] weights = new float[3];
            double[] delays = new double[3];
            for (int j = 0; j < 3; j++) {
                weights[j] = p.weightOf(j);
                delays[j] = p.delayMsOf(j, 0.1);
            }
            assertArrayEquals(new float[] {3, 1, 2}, weights, "each edge's syn_weight at its edge_group_index");
            assertArrayEquals(new double[] {0.3, 0.1, 0.2}, delays, 1e-12, "each edge's delay at its index");
        }
        writeGroupedEdges(new long[] {0, 1, 0}, new long[] {0, 0, 1});
        String message = refusal();
        assertTrue(message.contains("edges.h5 is not allowed: edge population 'recurrent' has edge_group_id[1] = 1 "
                + "and edge_group_id[0] = 0: Hebb builds a projection of one property group"), message);
        writeGroupedEdges(new long[] {0, 0, 0}, new long[] {0, 3, 1});
        message = refusal();
        assertTrue(message.contains("edges.h5 is not allowed: edge population 'recurrent' has edge_group_index[1] = "
                + "3, outside its group '0' of 3 rows"), message);
    }

    /** Edges 0->1, 1->2, 2->0 with these property groups and rows; group 0 holds weights 1, 2, 3 and delays. */
    private void writeGroupedEdges(long[] groupIds, long[] groupIndices) {
        try (io.jhdf.WritableHdfFile out = io.jhdf.HdfFile.write(directory.resolve("edges.h5"))) {
            io.jhdf.api.WritableGroup group = out.putGroup("edges").putGroup("recurrent");
            group.putDataset("source_node_id", new long[] {0, 1, 2}).putAttribute("node_population", "cells");
            group.putDataset("target_node_id", new long[] {1, 2, 0}).putAttribute("node_population", "cells");
            group.putDataset("edge_type_id", new long[] {0, 0, 0});
            group.putDataset("edge_group_id", groupIds);
            group.putDataset("edge_group_index", groupIndices);
            io.jhdf.api.WritableGroup properties = group.putGroup("0");
            properties.putDataset("syn_weight", new float[] {1, 2, 3});
            properties.putDataset("delay", new double[] {0.1, 0.2, 0.3});
        }
    }

    /** Datasets of one edge population with different lengths are refused, naming them. */
    @Test
    void edgeDatasetsOfDifferentLengthsAreRefused() {
        exportThreeCells();
        writeEdges(new long[] {0, 1, 2}, new float[] {1, 1, 1}, new double[] {0.5, 0.5});
        String message = refusal();
        assertTrue(message.contains("edge population 'recurrent' has 3 source_node_id, 3 target_node_id, 3 "
                + "syn_weight and 2 delay values: it needs one of each per edge"), message);
        writeEdges(new long[] {0, 1, 2}, new float[] {1, 1}, new double[] {0.5, 0.5, 0.5});
        message = refusal();
        assertTrue(message.contains("3 source_node_id, 3 target_node_id, 2 syn_weight and 3 delay values"), message);
    }

    /**
     * An edge population that mixes edge types (here an excitatory and an inhibitory one) is refused, as a node
     * population that mixes node types is, rather than built with the first edge's type for every edge.
     */
    @Test
    void anEdgePopulationOfMixedTypesIsRefused() throws java.io.IOException {
        exportThreeCells();
        Files.writeString(directory.resolve("edge_types.csv"), "edge_type_id model_template receptor "
                + "dynamics_params\n0 static_synapse excitatory NONE\n1 static_synapse inhibitory NONE\n");
        writeEdges(new long[] {0, 1, 2}, new float[] {1, -1, 1}, new double[] {0.5, 0.5, 0.5}, new long[] {0, 1, 0});
        String message = refusal();
        assertTrue(message.contains("edges.h5 is not allowed: edge population 'recurrent' mixes edge types 0 and 1: "
                + "Hebb builds a projection of one type"), message);
    }

    /** An input spike file whose timestamps and node_ids differ in length is refused, naming both lengths. */
    @Test
    void inputSpikesWithUnequalTimestampsAndNodeIdsAreRefused() {
        try (Network net = Network.builder().seed(1).dt(0.1).build()) {
            net.addSpikeTimes("input", new double[][] {{1}, {2}});
            SonataNetwork.export(net, directory);
        }
        Path spikes = directory.resolve("spikes.h5");
        for (long[] ids : new long[][] {{0, 1}, {0, 1, 1, 0}}) {
            try (io.jhdf.WritableHdfFile out = io.jhdf.HdfFile.write(spikes)) {
                io.jhdf.api.WritableGroup group = out.putGroup("spikes").putGroup("input");
                group.putDataset("timestamps", new double[] {1, 2, 3});
                group.putDataset("node_ids", ids);
            }
            try (Network net = Network.builder().seed(1).dt(0.1).build()) {
                String message = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                        () -> SonataNetwork.load(directory, net, spikes)).getMessage();
                assertTrue(message.contains("spikes.h5 is not allowed: population 'input' has 3 timestamps and "
                        + ids.length + " node_ids: it needs one of each per spike"), message);
            }
        }
    }

    /** Input spike times that are no time (negative, NaN, infinite) are refused, naming the file and the spike. */
    @Test
    void inputSpikeTimesThatAreNoTimeAreRefused() {
        try (Network net = Network.builder().seed(1).dt(0.1).build()) {
            net.addSpikeTimes("input", new double[][] {{1}, {2}});
            SonataNetwork.export(net, directory);
        }
        Path spikes = directory.resolve("spikes.h5");
        for (double bad : new double[] {-1, Double.NaN, Double.POSITIVE_INFINITY}) {
            try (io.jhdf.WritableHdfFile out = io.jhdf.HdfFile.write(spikes)) {
                io.jhdf.api.WritableGroup group = out.putGroup("spikes").putGroup("input");
                group.putDataset("timestamps", new double[] {1, bad});
                group.putDataset("node_ids", new long[] {0, 1});
            }
            try (Network net = Network.builder().seed(1).dt(0.1).build()) {
                String message = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                        () -> SonataNetwork.load(directory, net, spikes)).getMessage();
                assertTrue(message.contains("spikes.h5 is not allowed: population 'input' has timestamps[1] = " + bad
                        + " ms; spike times must be finite and >= 0"), message);
            }
        }
    }

    /** A missing types or parameter file, or a parameter file that is not a JSON object of numbers, is refused. */
    @Test
    void missingOrMalformedTextFilesAreRefusedNamingThem() throws java.io.IOException {
        exportThreeCells();
        Files.writeString(directory.resolve("cells.json"), "{\"tau_m\": \"fast\"}");
        String message = refusal();
        assertTrue(message.contains("cells.json is not allowed: it must be a JSON object of parameter values"),
                message);
        Files.delete(directory.resolve("cells.json"));
        message = refusal();
        assertTrue(message.contains("SONATA file " + directory.resolve("cells.json") + " does not exist"), message);
        Files.delete(directory.resolve("edge_types.csv"));
        message = refusal();
        assertTrue(message.contains("SONATA file " + directory.resolve("edge_types.csv") + " does not exist"),
                message);
    }

    /** A types file with an id that is not an integer, or an id listed twice, is refused, naming the id. */
    @Test
    void typeIdsThatAreNoIntegersOrListedTwiceAreRefused() throws java.io.IOException {
        exportThreeCells();
        Path types = directory.resolve("edge_types.csv");
        String header = "edge_type_id model_template receptor dynamics_params\n";
        Files.writeString(types, header + "e0 static_synapse excitatory NONE\n");
        String message = refusal();
        assertTrue(message.contains("edge_types.csv is not allowed: edge_type_id 'e0' is not an integer"), message);
        Files.writeString(types, header + "0 static_synapse excitatory NONE\n0 static_synapse inhibitory NONE\n");
        message = refusal();
        assertTrue(message.contains("edge_types.csv is not allowed: edge_type_id 0 is listed twice"), message);
    }

    /**
     * An edge population whose property group (that of its edge_group_id, 0 without one) is missing or no group is
     * refused, naming the group.
     */
    @Test
    void aMissingPropertyGroupIsRefusedNamingIt() {
        exportThreeCells();
        for (long edgeGroup : new long[] {-1, 1}) {
            try (io.jhdf.WritableHdfFile out = io.jhdf.HdfFile.write(directory.resolve("edges.h5"))) {
                io.jhdf.api.WritableGroup group = out.putGroup("edges").putGroup("recurrent");
                group.putDataset("source_node_id", new long[] {0}).putAttribute("node_population", "cells");
                group.putDataset("target_node_id", new long[] {1}).putAttribute("node_population", "cells");
                group.putDataset("edge_type_id", new long[] {0});
                if (edgeGroup < 0) {
                    group.putDataset("0", new double[] {1});
                } else {
                    group.putDataset("edge_group_id", new long[] {edgeGroup});
                    io.jhdf.api.WritableGroup properties = group.putGroup("0");
                    properties.putDataset("syn_weight", new double[] {1});
                    properties.putDataset("delay", new double[] {1});
                }
            }
            String message = refusal();
            assertTrue(message.contains("edges.h5 is not allowed: edge population 'recurrent' has no property group '"
                    + Math.max(0, edgeGroup) + "' (its edge_group_id)"), message);
        }
    }
}

package org.hebb.simulator.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.hebb.neurons.lif.IfCurrExp;
import org.hebb.simulator.Network;
import org.hebb.simulator.connect.Connectors;
import org.hebb.simulator.connect.Delays;
import org.hebb.simulator.connect.Projection;
import org.hebb.simulator.connect.Synapses;
import org.hebb.simulator.init.Values;
import org.hebb.simulator.testing.H5py;
import org.hebb.simulator.testing.Prerequisites;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A network exported to SONATA nodes and edges, read back by h5py: names, types, shapes and every synapse. */
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
        assertTrue(Files.readString(directory.resolve("circuit_config.json")).contains("\"nodes_file\""));
    }

    private static String[] values(String read, String dtype) {
        assertTrue(read.startsWith(dtype + ": "), read);
        return read.substring(dtype.length() + 2).split(" ");
    }
}

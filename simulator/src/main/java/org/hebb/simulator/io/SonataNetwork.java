package org.hebb.simulator.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableDataset;
import io.jhdf.api.WritableGroup;
import org.hebb.neurons.NeuronState;
import org.hebb.neurons.definition.DefinedNeuronModel;
import org.hebb.neurons.definition.Parameter;
import org.hebb.simulator.Network;
import org.hebb.simulator.connect.Projection;
import org.hebb.simulator.population.NeuronPopulation;
import org.hebb.simulator.population.Population;
import org.hebb.simulator.storage.AtomicFiles;
import org.hebb.simulator.storage.HebbVersion;
import org.hebb.simulator.storage.StreamedDataset;

/**
 * Exports a network's structure in SONATA's network format (nodes and edges), which NEST, BMTK and NetPyNE read:
 * <ul>
 * <li>{@code nodes.h5}: per population, {@code /nodes/<population>/node_type_id}, {@code node_group_id} and
 *     {@code node_group_index}, and the property group {@code 0} with the model's per-neuron parameters (one value
 *     per node, in the parameter's unit; none for most models);</li>
 * <li>{@code node_types.csv}: one type per population (space-separated: node_type_id, model_type
 *     {@code point_neuron} or {@code virtual} for spike sources, model_template {@code hebb:<model>} for a
 *     built-in model ({@code hebb-user:<name>} for a model of the user's own, which {@link #load} refuses),
 *     dynamics_params, pop_name), with the model's parameter values in {@code <population>.json};</li>
 * <li>{@code edges.h5}: per projection, {@code /edges/<projection>/source_node_id} and {@code target_node_id}
 *     (with the attribute {@code node_population}), {@code edge_type_id}, {@code edge_group_id},
 *     {@code edge_group_index}, and {@code 0/syn_weight} (in the receptor's weight unit) and {@code 0/delay} (ms);</li>
 * <li>{@code edge_types.csv}: one type per projection (edge_type_id, model_template {@code static_synapse},
 *     receptor, dynamics_params {@code NONE});</li>
 * <li>{@code circuit_config.json}, naming the four files, with Hebb's {@code hebb_seed} (the master seed, which drew
 *     the connections and weights) and {@code hebb_dt_ms}.</li>
 * </ul>
 * Node ids are the neurons' indices in their population. A projection without synapses has no edge group (the
 * HDF5 library Hebb uses writes no empty dataset). Every file is written atomically. {@link #load} builds such a
 * network again.
 */
public final class SonataNetwork {
    /** The configuration's file name, without {@code .json}, which names no population's parameter file. */
    private static final String CONFIG = "circuit_config";

    private SonataNetwork() {
    }

    private static void requireExportable(String what, String name) {
        SonataNames.require(what, name, "a SONATA export: it names files and groups of the export",
                what.equals("population") ? CONFIG : null);
    }

    /**
     * Writes {@code network}'s populations and projections into {@code directory} (created if needed).
     *
     * @throws IllegalArgumentException before anything is written, naming a population or projection whose name
     *                                  holds whitespace, '/' or '\' or is '.' (it names the export's files, columns
     *                                  and groups), or a population named circuit_config (its parameter file would
     *                                  be the configuration's)
     */
    public static void export(Network network, Path directory) {
        for (Population p : network.populations()) {
            requireExportable("population", p.name());
        }
        for (Projection p : network.projections()) {
            requireExportable("projection", p.name());
        }
        try {
            Files.createDirectories(directory);
            List<Population> populations = network.populations();
            ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            StringBuilder nodeTypes = new StringBuilder("node_type_id model_type model_template dynamics_params "
                    + "pop_name\n");
            for (int k = 0; k < populations.size(); k++) {
                Population p = populations.get(k);
                boolean neurons = p instanceof NeuronPopulation;
                String builtIn = neurons ? BuiltInModels.nameOf(((NeuronPopulation) p).model()) : null;
                String template = !neurons ? "hebb:" + p.getClass().getSimpleName() : builtIn != null
                        ? "hebb:" + builtIn : "hebb-user:" + ((NeuronPopulation) p).model().name().replace(' ', '_');
                Map<String, Double> parameters = neurons && ((NeuronPopulation) p).model()
                        instanceof DefinedNeuronModel defined ? defined.parameters() : Map.of();
                nodeTypes.append(k).append(neurons ? " point_neuron " : " virtual ").append(template).append(' ')
                        .append(p.name()).append(".json ").append(p.name()).append('\n');
                AtomicFiles.write(directory.resolve(p.name() + ".json"), json.writeValueAsString(parameters));
            }
            AtomicFiles.write(directory.resolve("node_types.csv"), nodeTypes.toString());
            AtomicFiles.writeWith(directory.resolve("nodes.h5"), temporary -> writeNodes(temporary, populations));
            List<Projection> projections = network.projections();
            StringBuilder edgeTypes = new StringBuilder("edge_type_id model_template receptor dynamics_params\n");
            for (int k = 0; k < projections.size(); k++) {
                edgeTypes.append(k).append(" static_synapse ").append(projections.get(k).receptor())
                        .append(" NONE\n");
            }
            AtomicFiles.write(directory.resolve("edge_types.csv"), edgeTypes.toString());
            AtomicFiles.writeWith(directory.resolve("edges.h5"), temporary -> writeEdges(temporary, projections,
                    network.dt()));
            Map<String, Object> config = new LinkedHashMap<>();
            config.put("manifest", Map.of("$NETWORK_DIR", "."));
            config.put("networks", Map.of(
                    "nodes", List.of(Map.of("nodes_file", "$NETWORK_DIR/nodes.h5",
                            "node_types_file", "$NETWORK_DIR/node_types.csv")),
                    "edges", List.of(Map.of("edges_file", "$NETWORK_DIR/edges.h5",
                            "edge_types_file", "$NETWORK_DIR/edge_types.csv"))));
            config.put("components", Map.of("point_neuron_models_dir", "$NETWORK_DIR"));
            config.put("hebb_seed", network.seed());
            config.put("hebb_dt_ms", network.dt());
            config.put("hebb_version", HebbVersion.describe());
            AtomicFiles.write(directory.resolve(CONFIG + ".json"), json.writeValueAsString(config));
        } catch (IOException e) {
            throw new UncheckedIOException("SONATA network could not be written to " + directory + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Builds the populations and projections of the SONATA network in {@code directory} (nodes.h5,
     * node_types.csv, edges.h5, edge_types.csv, as {@link #export} writes them) into {@code network}: point
     * neurons of Hebb's built-in models ({@code model_template hebb:<model>}, parameters from their dynamics_params
     * file) become neuron populations, virtual nodes become spike sources replaying {@code inputSpikes} (a SONATA
     * spike file; null, or no group for the population, for silent ones), and each edge population becomes a
     * projection with its weights and delays (rounded to steps of the network's dt).
     *
     * @return the populations by name
     * @throws IllegalArgumentException naming the file and what Hebb cannot build from it
     */
    public static Map<String, Population> load(Path directory, Network network, Path inputSpikes) {
        return new SonataReader(directory, network, inputSpikes).load();
    }

    private static void writeNodes(Path file, List<Population> populations) {
        try (WritableHdfFile out = HdfFile.write(file)) {
            WritableGroup nodes = out.putGroup("nodes");
            for (int k = 0; k < populations.size(); k++) {
                Population p = populations.get(k);
                WritableGroup group = nodes.putGroup(p.name());
                long[] type = new long[p.size()];
                java.util.Arrays.fill(type, k);
                StreamedDataset.put(group, "node_type_id", type);
                StreamedDataset.put(group, "node_group_id", new long[p.size()]);
                StreamedDataset.put(group, "node_group_index", indices(p.size()));
                WritableGroup properties = group.putGroup("0");
                if (p instanceof NeuronPopulation neurons && neurons.model() instanceof DefinedNeuronModel model) {
                    for (Parameter parameter : model.definition().parameters()) {
                        if (parameter.perNeuron()) {
                            StreamedDataset.put(properties, parameter.name(), column(neurons, parameter.name()));
                        }
                    }
                }
            }
        }
    }

    private static void writeEdges(Path file, List<Projection> projections, double dt) {
        try (WritableHdfFile out = HdfFile.write(file)) {
            WritableGroup edges = out.putGroup("edges");
            for (int k = 0; k < projections.size(); k++) {
                Projection p = projections.get(k);
                int n = p.synapseCount();
                if (n == 0) {
                    continue;
                }
                long[] sources = new long[n];
                long[] targets = new long[n];
                float[] weights = new float[n];
                double[] delays = new double[n];
                for (int pre = 0; pre < p.source().size(); pre++) {
                    for (int j = p.rowStart(pre); j < p.rowEnd(pre); j++) {
                        sources[j] = pre;
                        targets[j] = p.targetOf(j);
                        weights[j] = p.weightOf(j);
                        delays[j] = p.delayMsOf(j, dt);
                    }
                }
                WritableGroup group = edges.putGroup(p.name());
                WritableDataset source = StreamedDataset.put(group, "source_node_id", sources);
                source.putAttribute("node_population", p.source().name());
                WritableDataset target = StreamedDataset.put(group, "target_node_id", targets);
                target.putAttribute("node_population", p.target().name());
                long[] type = new long[n];
                java.util.Arrays.fill(type, k);
                StreamedDataset.put(group, "edge_type_id", type);
                StreamedDataset.put(group, "edge_group_id", new long[n]);
                StreamedDataset.put(group, "edge_group_index", indices(n));
                WritableGroup properties = group.putGroup("0");
                StreamedDataset.put(properties, "syn_weight", weights);
                StreamedDataset.put(properties, "delay", delays);
            }
        }
    }

    /** The values of {@code population}'s per-neuron column {@code name}, neuron by neuron. */
    private static double[] column(NeuronPopulation population, String name) {
        NeuronState state = population.state();
        int index = state.indexOf(name);
        double[] values = new double[population.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = state.get(index, i);
        }
        return values;
    }

    private static long[] indices(int n) {
        long[] indices = new long[n];
        for (int i = 0; i < n; i++) {
            indices[i] = i;
        }
        return indices;
    }
}

package org.hebb.simulator.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import org.hebb.neurons.NeuronState;
import org.hebb.neurons.definition.DefinedNeuronModel;
import org.hebb.neurons.definition.Parameter;
import org.hebb.simulator.Network;
import org.hebb.simulator.connect.Connectors;
import org.hebb.simulator.connect.Delays;
import org.hebb.simulator.connect.Synapses;
import org.hebb.simulator.population.NeuronPopulation;
import org.hebb.simulator.population.Population;
import org.hebb.simulator.storage.Datasets;

/** Builds a network from SONATA files ({@link SonataNetwork#load}). */
final class SonataReader {
    private final Path directory;
    private final Network network;
    private final Path inputSpikes;

    SonataReader(Path directory, Network network, Path inputSpikes) {
        this.directory = directory;
        this.network = network;
        this.inputSpikes = inputSpikes;
    }

    Map<String, Population> load() {
        Map<Long, Map<String, String>> nodeTypes = types("node_types.csv", "node_type_id");
        Map<Long, Map<String, String>> edgeTypes = types("edge_types.csv", "edge_type_id");
        Map<String, Population> populations = new LinkedHashMap<>();
        Path nodes = directory.resolve("nodes.h5");
        try (HdfFile in = open(nodes)) {
            for (Group g : byFirstType(group(in, "nodes", nodes), "node_type_id", nodes)) {
                long[] type = Datasets.longs(dataset(g, "node_type_id", nodes));
                populations.put(g.getName(), population(g, type, nodeTypes, nodes));
            }
        }
        Path edges = directory.resolve("edges.h5");
        try (HdfFile in = open(edges)) {
            for (Group g : byFirstType(group(in, "edges", edges), "edge_type_id", edges)) {
                project(g.getName(), g, populations, edgeTypes, edges);
            }
        }
        return populations;
    }

    /**
     * The groups under {@code parent} in the order of their first type id, then of their names: HDF5 lists groups
     * by name, and the order of populations and projections is the order Hebb builds them in (projections onto one
     * receptor are summed in that order).
     */
    private static List<Group> byFirstType(Group parent, String typeDataset, Path file) {
        List<Group> groups = new ArrayList<>();
        Map<Group, Long> firstType = new HashMap<>();
        for (Node node : parent.getChildren().values()) {
            if (!(node instanceof Group g)) {
                throw refused(file, "'" + node.getPath() + "' is not a group");
            }
            long[] type = Datasets.longs(dataset(g, typeDataset, file));
            firstType.put(g, type.length == 0 ? Long.MAX_VALUE : type[0]);
            groups.add(g);
        }
        groups.sort(java.util.Comparator.comparing((Group g) -> firstType.get(g)).thenComparing(Group::getName));
        return groups;
    }

    private Population population(Group group, long[] type, Map<Long, Map<String, String>> nodeTypes, Path file) {
        String name = group.getName();
        if (type.length == 0) {
            throw refused(file, "population '" + name + "' has no nodes");
        }
        requireOneType(file, "population '" + name + "'", "node", type, "population");
        Map<String, String> nodeType = nodeTypes.get(type[0]);
        if (nodeType == null) {
            throw refused(file, "population '" + name + "' has node type " + type[0] + ", which node_types.csv "
                    + "does not list");
        }
        if ("virtual".equals(nodeType.get("model_type"))) {
            return network.addSpikeTimes(name, inputTimes(name, type.length));
        }
        String template = nodeType.getOrDefault("model_template", "");
        if (!template.startsWith("hebb:")) {
            throw refused(file, "population '" + name + "' has model_template '" + template + "': Hebb builds "
                    + "its own models (hebb:<model>) and virtual nodes");
        }
        Map<String, Double> parameters = parameters(nodeType.get("dynamics_params"));
        NeuronPopulation neurons = network.addNeurons(name, type.length, BuiltInModels.model(template.substring(5),
                parameters));
        setPerNeuron(neurons, group, file);
        return neurons;
    }

    /**
     * Sets each per-neuron parameter of {@code neurons}' model that the population's property group 0 holds, one
     * value per node; the others keep the model's value.
     */
    private static void setPerNeuron(NeuronPopulation neurons, Group group, Path file) {
        if (!(group.getChild("0") instanceof Group properties)) {
            return;
        }
        NeuronState state = neurons.state();
        for (Parameter parameter : ((DefinedNeuronModel) neurons.model()).definition().parameters()) {
            if (!parameter.perNeuron() || !(properties.getChild(parameter.name()) instanceof Dataset d)) {
                continue;
            }
            double[] values = Datasets.doubles(d);
            if (values.length != neurons.size()) {
                throw refused(file, "population '" + neurons.name() + "' has " + values.length + " values of '"
                        + parameter.name() + "' for its " + neurons.size() + " nodes: it needs one per node");
            }
            int column = state.indexOf(parameter.name());
            for (int i = 0; i < values.length; i++) {
                if (!Double.isFinite(values[i])) {
                    throw refused(file, "population '" + neurons.name() + "' has " + parameter.name() + "[" + i
                            + "] = " + values[i] + "; it must be finite");
                }
                state.set(column, i, values[i]);
            }
        }
    }

    private void project(String name, Group group, Map<String, Population> populations,
                         Map<Long, Map<String, String>> edgeTypes, Path file) {
        Dataset sources = dataset(group, "source_node_id", file);
        Dataset targets = dataset(group, "target_node_id", file);
        Population source = populations.get(nodePopulation(sources, file));
        Population target = populations.get(nodePopulation(targets, file));
        if (source == null || !(target instanceof NeuronPopulation neurons)) {
            throw refused(file, "edge population '" + name + "' connects " + nodePopulation(sources, file) + " to "
                    + nodePopulation(targets, file) + ": both must be node populations, the target of neurons");
        }
        long[] type = Datasets.longs(dataset(group, "edge_type_id", file));
        requireOneType(file, "edge population '" + name + "'", "edge", type, "projection");
        Map<String, String> edgeType = edgeTypes.get(type.length == 0 ? -1 : type[0]);
        if (edgeType == null) {
            throw refused(file, "edge population '" + name + "' has an edge type that edge_types.csv does not list");
        }
        int[] pre = nodeIds(Datasets.longs(sources), source, name, "source_node_id", file);
        int[] post = nodeIds(Datasets.longs(targets), target, name, "target_node_id", file);
        long propertyGroup = oneGroup(group, name, file);
        if (!(group.getChild(Long.toString(propertyGroup)) instanceof Group properties)) {
            throw refused(file, "edge population '" + name + "' has no property group '" + propertyGroup
                    + "' (its edge_group_id)");
        }
        double[] weights = Datasets.doubles(dataset(properties, "syn_weight", file));
        double[] delays = Datasets.doubles(dataset(properties, "delay", file));
        if (post.length != pre.length || weights.length != pre.length || delays.length != pre.length) {
            throw refused(file, "edge population '" + name + "' has " + pre.length + " source_node_id, "
                    + post.length + " target_node_id, " + weights.length + " syn_weight and " + delays.length
                    + " delay values: it needs one of each per edge");
        }
        if (group.getChild("edge_group_index") instanceof Dataset index) {
            long[] rows = Datasets.longs(index);
            if (rows.length != pre.length) {
                throw refused(file, "edge population '" + name + "' has " + rows.length + " edge_group_index values "
                        + "for " + pre.length + " edges: it needs one per edge");
            }
            for (int k = 0; k < rows.length; k++) {
                if (rows[k] < 0 || rows[k] >= weights.length) {
                    throw refused(file, "edge population '" + name + "' has edge_group_index[" + k + "] = " + rows[k]
                            + ", outside its group '" + propertyGroup + "' of " + weights.length + " rows");
                }
            }
            weights = atRows(weights, rows);
            delays = atRows(delays, rows);
        }
        float[] w = new float[weights.length];
        int[] steps = new int[delays.length];
        for (int k = 0; k < w.length; k++) {
            if (!(delays[k] >= 0) || Double.isInfinite(delays[k])) {
                throw refused(file, "edge population '" + name + "' has delay[" + k + "] = " + delays[k] + " ms; "
                        + "delays must be finite and >= 0");
            }
            w[k] = (float) weights[k];
            if (!Float.isFinite(w[k])) {
                throw refused(file, "edge population '" + name + "' has syn_weight[" + k + "] = " + weights[k]
                        + "; weights must be finite" + (Double.isFinite(weights[k]) ? " as float32" : ""));
            }
            long rounded = Math.max(1, Math.round(delays[k] / network.dt()));
            if (rounded > Delays.MAX_STEPS) {
                throw refused(file, "edge population '" + name + "' has delay[" + k + "] = " + delays[k] + " ms, "
                        + rounded + " steps of " + network.dt() + " ms; Hebb's longest delay is " + Delays.MAX_STEPS
                        + " steps");
            }
            steps[k] = (int) rounded;
        }
        network.connect(source, neurons, Connectors.fromList(pre, post), Synapses.onto(edgeType.getOrDefault(
                "receptor", "excitatory")).weights(w).delays(steps).named(name));
    }

    /** Each element's spike times in {@code population}'s group of the input spike file (none without one). */
    private double[][] inputTimes(String population, int size) {
        List<List<Double>> times = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            times.add(new ArrayList<>());
        }
        if (inputSpikes != null) {
            try (HdfFile in = open(inputSpikes)) {
                Node spikes = in.getByPath("spikes");
                Node group = spikes instanceof Group g ? g.getChild(population) : null;
                if (group instanceof Group g) {
                    double[] t = Datasets.doubles(dataset(g, "timestamps", inputSpikes));
                    long[] ids = Datasets.longs(dataset(g, "node_ids", inputSpikes));
                    if (ids.length != t.length) {
                        throw refused(inputSpikes, "population '" + population + "' has " + t.length
                                + " timestamps and " + ids.length + " node_ids: it needs one of each per spike");
                    }
                    for (int k = 0; k < t.length; k++) {
                        if (!(t[k] >= 0) || Double.isInfinite(t[k])) {
                            throw refused(inputSpikes, "population '" + population + "' has timestamps[" + k + "] = "
                                    + t[k] + " ms; spike times must be finite and >= 0");
                        }
                        if (ids[k] < 0 || ids[k] >= size) {
                            throw refused(inputSpikes, "population '" + population + "' has node " + ids[k]
                                    + ", beyond its " + size + " nodes");
                        }
                        times.get((int) ids[k]).add(t[k]);
                    }
                }
            }
        }
        double[][] perElement = new double[size][];
        for (int i = 0; i < size; i++) {
            perElement[i] = times.get(i).stream().mapToDouble(Double::doubleValue).sorted().toArray();
        }
        return perElement;
    }

    private Map<String, Double> parameters(String file) {
        if (file == null || file.equals("NONE")) {
            return Map.of();
        }
        Path path = directory.resolve(file);
        requireFile(path);
        try {
            return new ObjectMapper().readValue(path.toFile(), new TypeReference<>() { });
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw refused(path, "it must be a JSON object of parameter values (numbers) by name ("
                    + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw new UncheckedIOException("dynamics_params " + path + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** The rows of a space-separated SONATA types file by their id column. */
    private Map<Long, Map<String, String>> types(String name, String idColumn) {
        Path file = directory.resolve(name);
        requireFile(file);
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException("SONATA file " + file + " cannot be read: " + e.getMessage(), e);
        }
        if (lines.isEmpty()) {
            throw refused(file, "it is empty; its first line names the columns");
        }
        String[] columns = lines.get(0).trim().split("\\s+");
        Map<Long, Map<String, String>> rows = new HashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] cells = line.trim().split("\\s+");
            Map<String, String> row = new HashMap<>();
            for (int c = 0; c < Math.min(columns.length, cells.length); c++) {
                row.put(columns[c], cells[c]);
            }
            String id = row.get(idColumn);
            if (id == null) {
                throw refused(file, "a row has no " + idColumn + ": '" + line + "'");
            }
            long key;
            try {
                key = Long.parseLong(id);
            } catch (NumberFormatException e) {
                throw refused(file, idColumn + " '" + id + "' is not an integer");
            }
            if (rows.put(key, row) != null) {
                throw refused(file, idColumn + " " + key + " is listed twice; each type is listed once");
            }
        }
        return rows;
    }

    private static HdfFile open(Path file) {
        requireFile(file);
        return new HdfFile(file);
    }

    private static void requireFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("SONATA file " + file + " does not exist");
        }
    }

    private static Group group(HdfFile in, String name, Path file) {
        Node node = in.getChild(name);
        if (!(node instanceof Group g)) {
            throw refused(file, "it has no group '" + name + "'");
        }
        return g;
    }

    private static Dataset dataset(Group group, String name, Path file) {
        if (!(group.getChild(name) instanceof Dataset d)) {
            throw refused(file, "group '" + group.getPath() + "' has no dataset '" + name + "'");
        }
        return d;
    }

    private static String nodePopulation(Dataset ids, Path file) {
        Attribute a = ids.getAttribute("node_population");
        if (a == null) {
            throw refused(file, "dataset '" + ids.getPath() + "' has no attribute node_population");
        }
        Object value = a.getData();
        return value instanceof String s ? s : String.valueOf(value);
    }

    /** Refuses {@code what} ("population 'cells'") when its type ids ({@code kind}: node or edge) differ. */
    private static void requireOneType(Path file, String what, String kind, long[] type, String builds) {
        for (long t : type) {
            if (t != type[0]) {
                throw refused(file, what + " mixes " + kind + " types " + type[0] + " and " + t + ": Hebb builds a "
                        + builds + " of one type");
            }
        }
    }

    /**
     * The property group of every edge of {@code group} (its edge_group_id; 0 without one, as Hebb wrote before it
     * wrote the dataset), refused where the edges have several.
     */
    private static long oneGroup(Group group, String name, Path file) {
        if (!(group.getChild("edge_group_id") instanceof Dataset d)) {
            return 0;
        }
        long[] ids = Datasets.longs(d);
        for (int k = 0; k < ids.length; k++) {
            if (ids[k] != ids[0]) {
                throw refused(file, "edge population '" + name + "' has edge_group_id[" + k + "] = " + ids[k]
                        + " and edge_group_id[0] = " + ids[0] + ": Hebb builds a projection of one property group");
            }
        }
        return ids.length == 0 ? 0 : ids[0];
    }

    /** {@code values[rows[k]]} for each k. */
    private static double[] atRows(double[] values, long[] rows) {
        double[] ordered = new double[rows.length];
        for (int k = 0; k < rows.length; k++) {
            ordered[k] = values[(int) rows[k]];
        }
        return ordered;
    }

    /** {@code ids} of {@code dataset} as indices into {@code population}, refused where one is outside it. */
    private static int[] nodeIds(long[] ids, Population population, String edges, String dataset, Path file) {
        int[] indices = new int[ids.length];
        for (int k = 0; k < indices.length; k++) {
            if (ids[k] < 0 || ids[k] >= population.size()) {
                throw refused(file, "edge population '" + edges + "' has " + dataset + "[" + k + "] = " + ids[k]
                        + ", outside population '" + population.name() + "' of " + population.size() + " nodes (ids 0 "
                        + "to " + (population.size() - 1) + ")");
            }
            indices[k] = (int) ids[k];
        }
        return indices;
    }

    private static IllegalArgumentException refused(Path file, String what) {
        return new IllegalArgumentException("SONATA file " + file + " is not allowed: " + what);
    }
}

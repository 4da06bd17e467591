package org.hebb.simulator.io.nir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import org.hebb.neurons.nir.NirModels;
import org.hebb.simulator.Network;
import org.hebb.simulator.connect.Connectors;
import org.hebb.simulator.connect.Synapses;
import org.hebb.simulator.population.NeuronPopulation;
import org.hebb.simulator.population.Population;
import org.hebb.simulator.storage.Datasets;

/** Builds a network from a NIR graph ({@link NirGraph#load}). */
final class NirReader {
    private static final Set<String> TYPES = Set.of("Input", "Output", "LIF", "CubaLIF", "IF", "Linear", "Affine",
            "Delay");
    /** The arrays each node type needs, in NIR's order; the others have defaults ({@link NirNeurons}). */
    private static final Map<String, List<String>> NEEDED = Map.of("Input", List.of("shape"), "Output",
            List.of("shape"), "LIF", List.of("tau", "v_leak", "v_threshold"), "CubaLIF", List.of("tau_syn",
            "tau_mem", "v_leak", "v_threshold"), "IF", List.of("v_threshold"), "Linear", List.of("weight"),
            "Affine", List.of("weight", "bias"), "Delay", List.of("delay"));
    /** The time constants of neuron nodes (s), which must be > 0. */
    private static final Set<String> TIME_CONSTANTS = Set.of("tau", "tau_syn", "tau_mem");
    /** The arrays Hebb reads from neuron nodes, one value per neuron each. */
    private static final List<String> PER_NEURON = List.of("tau", "tau_syn", "tau_mem", "r", "v_leak", "v_threshold",
            "v_reset", "w_in");

    /**
     * A chain from a population to neurons: source, then optionally a delay per source element, weights and a delay
     * per target element, in NIR's order (source -> delay -> weights -> delay -> target).
     */
    private record Chain(NirNode source, double[] delayBefore, NirNode weights, double[] delayAfter,
                         NirNode target) {
    }

    private final Path file;
    private final Network network;
    private final Map<String, double[][]> inputSpikes;
    private final Map<String, NirNode> nodes = new LinkedHashMap<>();
    private final List<String[]> edges = new ArrayList<>();

    NirReader(Path file, Network network, Map<String, double[][]> inputSpikes) {
        this.file = file;
        this.network = network;
        this.inputSpikes = inputSpikes;
    }

    Map<String, Population> load() {
        read();
        List<Chain> chains = new ArrayList<>();
        for (String[] e : edges) {
            NirNode target = nodes.get(e[1]);
            if (target.isNeurons()) {
                walk(e[0], target, null, null, null, chains);
            }
        }
        for (Chain c : chains) {
            checkSizes(c);
        }
        Map<String, double[]> biases = biases(chains);
        Map<String, Population> populations = new LinkedHashMap<>();
        for (String name : populationOrder()) {
            NirNode node = nodes.get(name);
            populations.put(name, node.type().equals("Input") ? inputs(node)
                    : NirNeurons.build(network, node, biases.get(name)));
        }
        Set<String> names = new HashSet<>();
        for (Chain c : chains) {
            connect(c, populations, names);
        }
        return populations;
    }

    private void read() {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("NIR file " + file + " does not exist");
        }
        try (HdfFile in = new HdfFile(file)) {
            Node graph = in.getChild("node");
            if (!(graph instanceof Group g) || !"NIRGraph".equals(string(g, "type"))) {
                throw refused("it has no group 'node' of type NIRGraph");
            }
            if (!(g.getChild("nodes") instanceof Group children)) {
                throw refused("its graph has no group 'nodes'");
            }
            for (Node child : children.getChildren().values()) {
                nodes.put(child.getName(), node((Group) child));
            }
            if (!(g.getChild("edges") instanceof Dataset e) || !(e.getData() instanceof String[][] pairs)) {
                throw refused("its graph has no dataset 'edges' of (source, target) names");
            }
            for (String[] pair : pairs) {
                for (String end : pair) {
                    if (!nodes.containsKey(end)) {
                        throw refused("an edge names node '" + end + "', which the graph does not have");
                    }
                }
                edges.add(pair);
            }
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (RuntimeException e) {
            throw refused("it cannot be read as HDF5 (" + e.getMessage() + ")");
        }
    }

    private NirNode node(Group group) {
        String type = string(group, "type");
        if (!TYPES.contains(type)) {
            throw refused("node '" + group.getName() + "' has type " + type + ", which Hebb does not import: it "
                    + "imports " + String.join(", ", List.of("Input", "Output", "LIF", "CubaLIF", "IF", "Linear",
                    "Affine", "Delay")));
        }
        NirNode node = NirNode.of(group.getName(), type);
        for (Node child : group.getChildren().values()) {
            if (child instanceof Dataset d && !child.getName().equals("type") && !d.isScalar()
                    && d.getJavaType() != String.class) {
                long[] shape = new long[d.getDimensions().length];
                for (int k = 0; k < shape.length; k++) {
                    shape[k] = d.getDimensions()[k];
                }
                node.with(child.getName(), Datasets.doubles(d), shape);
            }
        }
        List<String> needed = NEEDED.get(type);
        for (String name : needed) {
            if (!node.values().containsKey(name)) {
                throw refused("node '" + node.name() + "' (" + type + ") has no array '" + name + "'; a " + type
                        + " node needs " + String.join(", ", needed));
            }
        }
        if (node.isWeights() && node.shapes().getOrDefault("weight", new long[0]).length != 2) {
            throw refused("node '" + node.name() + "' (" + type + ") must have a 2-D weight (outputs x inputs)");
        }
        if (node.isWeights()) {
            checkWeights(node);
        }
        if (node.isNeurons()) {
            checkNeurons(node);
        }
        if (type.equals("Delay")) {
            double[] delays = node.require("delay");
            for (int k = 0; k < delays.length; k++) {
                if (!(delays[k] >= 0) || Double.isInfinite(delays[k])) {
                    throw refused("node '" + node.name() + "' (Delay) has delay[" + k + "] = " + delays[k] + " s; "
                            + "delays must be finite and >= 0");
                }
            }
        }
        return node;
    }

    /** Refuses a Linear or Affine node with a weight or bias that is not finite. */
    private void checkWeights(NirNode node) {
        double[] weight = node.values().get("weight");
        int inputs = (int) node.shapes().get("weight")[1];
        for (int k = 0; k < weight.length; k++) {
            if (!Double.isFinite(weight[k])) {
                throw refused("node '" + node.name() + "' (" + node.type() + ") has weight[" + k / inputs + ", "
                        + k % inputs + "] = " + weight[k] + "; it must be finite");
            }
        }
        double[] bias = node.values().getOrDefault("bias", new double[0]);
        for (int k = 0; k < bias.length; k++) {
            if (!Double.isFinite(bias[k])) {
                throw refused("node '" + node.name() + "' (" + node.type() + ") has bias[" + k + "] = " + bias[k]
                        + "; it must be finite");
            }
        }
    }

    /**
     * Refuses a neuron node with an array of another length than its v_threshold, a value that is not finite or a
     * time constant that is not > 0.
     */
    private void checkNeurons(NirNode node) {
        int neurons = node.values().get("v_threshold").length;
        for (String name : PER_NEURON) {
            double[] values = node.values().get(name);
            if (values != null && values.length != neurons) {
                throw refused("node '" + node.name() + "' (" + node.type() + ") has " + values.length + " values of '"
                        + name + "' for its " + neurons + " neurons (the values of v_threshold): it needs one per "
                        + "neuron");
            }
            for (int i = 0; values != null && i < values.length; i++) {
                boolean timeConstant = TIME_CONSTANTS.contains(name);
                if (!Double.isFinite(values[i]) || timeConstant && !(values[i] > 0)) {
                    throw refused("node '" + node.name() + "' (" + node.type() + ") has " + name + "[" + i + "] = "
                            + values[i] + (timeConstant ? "; time constants must be finite and > 0 (s)"
                            : "; it must be finite"));
                }
            }
        }
    }

    private String string(Group group, String name) {
        if (!(group.getChild(name) instanceof Dataset d) || !(d.getData() instanceof String s)) {
            throw refused("group '" + group.getPath() + "' has no string '" + name + "'");
        }
        return s;
    }

    /** Follows the edges into {@code name} back to populations, adding a chain for each one reached. */
    private void walk(String name, NirNode target, double[] delayBefore, NirNode weights, double[] delayAfter,
                      List<Chain> chains) {
        NirNode node = nodes.get(name);
        if (node.isPopulation()) {
            chains.add(new Chain(node, delayBefore, weights, delayAfter, target));
            return;
        }
        String refusal = "between populations, node '" + target.name() + "' is reached through ";
        switch (node.type()) {
            case "Delay" -> {
                boolean after = weights == null;
                if ((after ? delayAfter : delayBefore) != null) {
                    throw refused(refusal + "two Delay nodes in a row ('" + name + "'): Hebb imports one Delay "
                            + "on each side of the weights");
                }
                for (String[] e : edges) {
                    if (e[1].equals(name)) {
                        walk(e[0], target, after ? null : node.require("delay"), weights,
                                after ? node.require("delay") : delayAfter, chains);
                    }
                }
            }
            case "Linear", "Affine" -> {
                if (weights != null) {
                    throw refused(refusal + "two weight nodes ('" + name + "' and '" + weights.name() + "'): Hebb "
                            + "imports one Linear or Affine node between populations");
                }
                for (String[] e : edges) {
                    if (e[1].equals(name)) {
                        walk(e[0], target, null, node, delayAfter, chains);
                    }
                }
            }
            default -> throw refused("node '" + name + "' (" + node.type() + ") feeds node '" + target.name()
                    + "'; only populations, Linear, Affine and Delay nodes may");
        }
    }

    private void checkSizes(Chain c) {
        int from = c.source().size();
        int to = c.target().size();
        String between = "from '" + c.source().name() + "' to '" + c.target().name() + "'";
        if (c.weights() == null) {
            if (from != to) {
                throw refused(between + " without weights, sizes " + from + " and " + to + " must be equal");
            }
        } else {
            long[] shape = c.weights().shapes().get("weight");
            if (shape[0] != to || shape[1] != from) {
                throw refused("node '" + c.weights().name() + "' has weights of shape " + shape[0] + " x " + shape[1]
                        + "; " + between + " they must be " + to + " x " + from + " (outputs x inputs)");
            }
            if (c.weights().type().equals("Affine") && c.weights().require("bias").length != to) {
                throw refused("node '" + c.weights().name() + "' has " + c.weights().require("bias").length
                        + " biases for " + to + " outputs");
            }
        }
        if (c.delayBefore() != null && c.delayBefore().length != from
                || c.delayAfter() != null && c.delayAfter().length != to) {
            throw refused("a Delay node " + between + " has one delay per element of another size");
        }
    }

    /** Per neuron node, the sum of the biases of the Affine nodes feeding it (each Affine node counted once). */
    private Map<String, double[]> biases(List<Chain> chains) {
        Map<String, double[]> biases = new HashMap<>();
        Set<String> counted = new HashSet<>();
        for (Chain c : chains) {
            NirNode w = c.weights();
            if (w != null && w.type().equals("Affine") && counted.add(w.name() + "\n" + c.target().name())) {
                double[] bias = w.require("bias");
                double[] sum = biases.computeIfAbsent(c.target().name(), k -> new double[c.target().size()]);
                for (int i = 0; i < sum.length; i++) {
                    sum[i] += bias[i];
                }
            }
        }
        return biases;
    }

    /** Populations in the order edges first name them, then those no edge names. */
    private List<String> populationOrder() {
        Set<String> order = new java.util.LinkedHashSet<>();
        for (String[] e : edges) {
            for (String end : e) {
                if (nodes.get(end).isPopulation()) {
                    order.add(end);
                }
            }
        }
        nodes.values().stream().filter(NirNode::isPopulation).forEach(n -> order.add(n.name()));
        return new ArrayList<>(order);
    }

    private Population inputs(NirNode node) {
        int size = node.size();
        double[][] times = inputSpikes.getOrDefault(node.name(), new double[size][0]);
        if (times.length != size) {
            throw new IllegalArgumentException("input spikes of '" + node.name() + "' have " + times.length
                    + " elements; the NIR Input node has " + size);
        }
        return network.addSpikeTimes(node.name(), times);
    }

    private void connect(Chain c, Map<String, Population> populations, Set<String> names) {
        double[] scale = NirNeurons.weightScale(c.target());
        int from = c.source().size();
        int to = c.target().size();
        double[] w = c.weights() == null ? null : c.weights().require("weight");
        int count = 0;
        for (int k = 0; k < (w == null ? 0 : w.length); k++) {
            count += w[k] != 0 ? 1 : 0;
        }
        int synapses = w == null ? from : count;
        int[] pre = new int[synapses];
        int[] post = new int[synapses];
        float[] weights = new float[synapses];
        int[] delays = new int[synapses];
        int k = 0;
        for (int j = 0; j < from; j++) {
            for (int i = 0; i < to; i++) {
                if (w == null ? i != j : w[i * from + j] == 0) {
                    continue;
                }
                pre[k] = j;
                post[k] = i;
                weights[k] = (float) ((w == null ? 1 : w[i * from + j]) * scale[i]);
                double seconds = (c.delayBefore() == null ? 0 : c.delayBefore()[j])
                        + (c.delayAfter() == null ? 0 : c.delayAfter()[i]);
                delays[k++] = (int) Math.max(1, Math.round(NirUnits.milliseconds(seconds) / network.dt()));
            }
        }
        String name = c.weights() == null ? c.source().name() + "_to_" + c.target().name() : c.weights().name();
        if (!names.add(name)) {
            name = name + "_" + c.source().name() + "_to_" + c.target().name();
            names.add(name);
        }
        network.connect(populations.get(c.source().name()), (NeuronPopulation) populations.get(c.target().name()),
                Connectors.fromList(pre, post), Synapses.onto(NirModels.RECEPTOR).weights(weights).delays(delays)
                        .named(name));
    }

    private IllegalArgumentException refused(String what) {
        return new IllegalArgumentException("NIR file " + file + " is not allowed: " + what);
    }
}

package org.hebb.simulator.io.nir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import org.hebb.neurons.nir.NirModels;
import org.hebb.simulator.Network;
import org.hebb.simulator.connect.Projection;
import org.hebb.simulator.population.NeuronPopulation;
import org.hebb.simulator.population.Population;
import org.hebb.simulator.storage.AtomicFiles;
import org.hebb.simulator.storage.HebbVersion;

/** Writes a network as a NIR graph ({@link NirGraph#export}). */
final class NirWriter {
    private final Network network;
    private final Map<String, NirNode> nodes = new LinkedHashMap<>();
    private final List<String[]> edges = new ArrayList<>();
    /** Biases still to be carried by an Affine node into their population. */
    private final Map<Population, double[]> biases = new IdentityHashMap<>();

    NirWriter(Network network) {
        this.network = network;
    }

    void write(Path file) {
        for (Population p : network.populations()) {
            if (p instanceof NeuronPopulation np) {
                NirNode node = NirNeurons.node(np);
                if (node == null) {
                    throw refused("population '" + p.name() + "' has model " + np.model().name() + ", which NIR "
                            + "cannot express: export populations of NirModels (LIF, CubaLIF, IF) and spike sources");
                }
                add(node);
                double[] bias = NirNeurons.bias(np, node.type());
                if (bias != null) {
                    biases.put(np, bias);
                }
            } else {
                add(NirNode.of(p.name(), "Input").with("shape", new double[] {p.size()}, 1));
            }
        }
        for (Projection p : network.projections()) {
            project(p);
        }
        if (!biases.isEmpty()) {
            throw refused("population '" + biases.keySet().iterator().next().name() + "' has a bias (u_bias or "
                    + "drift) but no projection onto it: NIR carries a bias on the Affine node of an input");
        }
        for (Population p : network.populations()) {
            boolean sends = network.projections().stream().anyMatch(x -> x.source() == p);
            if (!sends) {
                add(NirNode.of(p.name() + "_output", "Output").with("shape", new double[] {p.size()}, 1));
                edges.add(new String[] {p.name(), p.name() + "_output"});
            }
        }
        if (edges.isEmpty()) {
            throw refused("it has no populations: a NIR graph needs edges");
        }
        orderByPopulation();
        try {
            AtomicFiles.writeWith(file, temporary -> {
                try (WritableHdfFile out = HdfFile.write(temporary)) {
                    out.putDataset("version", NirGraph.VERSION);
                    out.putAttribute("hebb_seed", network.seed());
                    out.putAttribute("hebb_version", HebbVersion.describe());
                    WritableGroup graph = out.putGroup("node");
                    graph.putDataset("type", "NIRGraph");
                    WritableGroup all = graph.putGroup("nodes");
                    for (NirNode node : nodes.values()) {
                        writeNode(all.putGroup(node.name()), node);
                    }
                    graph.putDataset("edges", edges.toArray(new String[0][]));
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("NIR file " + file + " could not be written: " + e.getMessage(), e);
        }
    }

    /**
     * Moves forward, for each population in the network's order, the first edge out of it (into a weight or Output
     * node; every population has one), so that populations are first named by the edges in that order: a reader that
     * orders nodes by the edges, as Hebb's does (HDF5 lists a group's nodes by name), builds them in the network's
     * order. The edges into populations, whose order is the projections', keep their order.
     */
    private void orderByPopulation() {
        List<String[]> ordered = new ArrayList<>();
        for (Population p : network.populations()) {
            for (String[] e : edges) {
                if (e[0].equals(p.name())) {
                    ordered.add(e);
                    break;
                }
            }
        }
        for (String[] e : edges) {
            if (!ordered.contains(e)) {
                ordered.add(e);
            }
        }
        edges.clear();
        edges.addAll(ordered);
    }

    private static void writeNode(WritableGroup group, NirNode node) {
        group.putDataset("type", node.type());
        node.values().forEach((name, values) -> {
            long[] shape = node.shapes().get(name);
            if (name.equals("shape")) {
                long[] ints = new long[values.length];
                for (int k = 0; k < ints.length; k++) {
                    ints[k] = (long) values[k];
                }
                group.putDataset(name, ints);
            } else if (shape.length == 2) {
                double[][] rows = new double[(int) shape[0]][(int) shape[1]];
                for (int i = 0; i < rows.length; i++) {
                    System.arraycopy(values, i * rows[i].length, rows[i], 0, rows[i].length);
                }
                group.putDataset(name, rows);
            } else {
                group.putDataset(name, values);
            }
        });
    }

    private void add(NirNode node) {
        if (nodes.putIfAbsent(node.name(), node) != null) {
            throw refused("two of its nodes would be named '" + node.name() + "': rename a population or "
                    + "projection");
        }
    }

    /**
     * One Linear (or, carrying its target's bias, Affine) node per delay of the projection's synapses, each followed
     * by a Delay node unless the delay is one step (edges take one step).
     */
    private void project(Projection p) {
        NeuronPopulation np = p.target();
        NirNode target = nodes.get(np.name());
        if (!p.receptor().equals(NirModels.RECEPTOR)) {
            throw refused("projection '" + p.name() + "' onto '" + p.target().name() + "' (receptor "
                    + p.receptor() + ") is not onto a NIR model's receptor '" + NirModels.RECEPTOR + "'");
        }
        int from = p.source().size();
        int to = p.target().size();
        if ((long) from * to > Integer.MAX_VALUE - 8) {
            throw refused("projection '" + p.name() + "' would need a NIR weight matrix of " + to + " x " + from
                    + ", more than a Java array holds");
        }
        double[] scale = NirNeurons.weightScale(target);
        Projection.SparseRows rows = p.rows();
        Map<Integer, double[]> byDelay = new TreeMap<>();
        Map<Integer, BitSet> present = new TreeMap<>();
        for (int pre = 0; pre < from; pre++) {
            for (int s = rows.rowPointer()[pre]; s < rows.rowPointer()[pre + 1]; s++) {
                int post = rows.targets()[s];
                int delay = rows.delays() == null ? rows.uniformDelay() : rows.delays()[s];
                double w = rows.weights() == null ? rows.uniformWeight() : rows.weights()[s];
                BitSet seen = present.computeIfAbsent(delay, d -> new BitSet());
                int at = post * from + pre;
                if (seen.get(at)) {
                    throw refused("projection '" + p.name() + "' has two synapses from neuron " + pre + " to "
                            + post + " with one delay: NIR's weight matrix holds one");
                }
                seen.set(at);
                byDelay.computeIfAbsent(delay, d -> new double[to * from])[at] = w / scale[post];
            }
        }
        for (Map.Entry<Integer, double[]> group : byDelay.entrySet()) {
            String name = byDelay.size() == 1 ? p.name() : p.name() + "_d" + group.getKey();
            double[] bias = biases.remove(np);
            NirNode weights = NirNode.of(name, bias == null ? "Linear" : "Affine")
                    .with("weight", group.getValue(), to, from);
            if (bias != null) {
                weights.with("bias", bias, to);
            }
            add(weights);
            edges.add(new String[] {p.source().name(), name});
            if (group.getKey() == 1) {
                edges.add(new String[] {name, np.name()});
            } else {
                double[] delay = new double[to];
                java.util.Arrays.fill(delay, NirUnits.seconds(group.getKey(), network.dt()));
                add(NirNode.of(name + "_delay", "Delay").with("delay", delay, to));
                edges.add(new String[] {name, name + "_delay"});
                edges.add(new String[] {name + "_delay", np.name()});
            }
        }
    }

    private IllegalArgumentException refused(String what) {
        return new IllegalArgumentException("the network cannot be written as NIR: " + what);
    }
}

package org.hebb.simulator.io.nir;

import java.nio.file.Path;
import java.util.Map;

import org.hebb.neurons.nir.NirModels;
import org.hebb.simulator.Network;
import org.hebb.simulator.population.Population;
import org.hebb.util.Require;

/**
 * Networks in NIR, the neuromorphic intermediate representation (Pedersen et al., Nature Communications 2024), which
 * snnTorch, Norse, Rockpool, Sinabs, Lava, Nengo and the SpiNNaker2 tools read and write: an HDF5 file with the
 * layout of nir 1.0's {@code nir.write} ({@code /version}, {@code /node/type} = NIRGraph, {@code /node/nodes/<name>}
 * with each node's type and arrays, {@code /node/edges} as (source, target) names). Hebb reads and writes the nodes
 * it shares with NIR: Input, Output, LIF, CubaLIF, IF, Linear, Affine and Delay.
 *
 * <p>NIR's semantics as Hebb reads them (docs/FORMATS.md): times in seconds; a spike is a Dirac pulse of unit area;
 * neuron nodes become populations of {@link NirModels}; an Input node becomes a spike source replaying the spikes
 * the caller gives; the weights of a Linear or Affine node between two populations become a projection onto the
 * receptor {@code input} (zero entries are no synapse), with an optional Delay node on either side; an edge takes
 * one time step, a Delay node's delay rounded to steps (at least one).
 */
public final class NirGraph {
    /** The version of nir whose file layout Hebb writes. */
    public static final String VERSION = "1.0.7";

    private NirGraph() {
    }

    /**
     * Writes {@code network} to {@code file} (atomically): populations of {@link NirModels} become LIF, CubaLIF or IF
     * nodes (R = 1, w_in = 1), spike sources Input nodes, each projection a Linear node per delay of its synapses
     * (Affine for the first into a population with a bias), followed by a Delay node unless the delay is one step;
     * populations that project nowhere feed an Output node {@code <population>_output}. Read back, populations and
     * projections come in the network's order.
     *
     * @throws IllegalArgumentException naming what NIR cannot express: another model, another receptor, two synapses
     *                                  between one pair with one delay, a bias without a projection to carry it
     */
    public static void export(Network network, Path file) {
        new NirWriter(Require.notNull("network", network)).write(Require.notNull("file", file));
    }

    /**
     * Builds the graph in {@code file} into {@code network} (created by the caller, with its seed, dt and backend):
     * a population per Input and neuron node (named as the node) and a projection per chain of nodes between them.
     *
     * @param inputSpikes per Input node, each element's spike times in ms (an Input node not named is silent)
     * @return the populations by node name
     * @throws IllegalArgumentException naming the file and what does not fit: a missing file or group, a node type
     *                                  Hebb does not import, chains Hebb does not build (two weight or two Delay
     *                                  nodes in a row), shapes that do not match
     */
    public static Map<String, Population> load(Path file, Network network, Map<String, double[][]> inputSpikes) {
        return new NirReader(Require.notNull("file", file), Require.notNull("network", network),
                Require.notNull("inputSpikes", inputSpikes)).load();
    }
}

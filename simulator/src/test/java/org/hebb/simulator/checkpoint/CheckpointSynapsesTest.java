package org.hebb.simulator.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.zip.CRC32C;

import io.jhdf.HdfFile;
import org.hebb.neurons.lif.IfCurrExp;
import org.hebb.simulator.Network;
import org.hebb.simulator.connect.Connector;
import org.hebb.simulator.connect.Connectors;
import org.hebb.simulator.connect.Delays;
import org.hebb.simulator.connect.Synapses;
import org.hebb.simulator.init.Values;
import org.hebb.simulator.population.NeuronPopulation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Neither the delays nor which target each synapse has are saved with the weights, so a checkpoint describes them:
 * a network built with the same seed and synapse counts but other delays or another connectivity is refused, naming
 * the projection and what differs, and the network built as the saved one restores.
 */
class CheckpointSynapsesTest {
    private static final String PROJECTION = "projection cells->cells.excitatory";

    @TempDir
    Path directory;

    /**
     * Poisson drive into 20 cells, which excite each other through {@code connector} with {@code delays}. The drive's
     * delay of 40 steps is the longest, so the engine keeps as many steps of input whatever {@code delays} are.
     */
    private static Network network(Connector connector, Delays.DelayDistribution delays) {
        Network net = Network.builder().seed(7).build();
        NeuronPopulation cells = net.addNeurons("cells", 20, IfCurrExp.builder().build());
        net.connect(net.addPoissonSource("drive", 30, 30), cells, Connectors.fixedProbability(0.2, false),
                Synapses.onto("excitatory").weights(Values.uniform(0.5, 1.5)).delays(Delays.steps(40)));
        net.connect(cells, cells, connector, Synapses.onto("excitatory").weights(Values.uniform(0.1, 0.3))
                .delays(delays));
        return net;
    }

    private Path saved(Network built) {
        Path file = directory.resolve("net.h5");
        try (Network net = built) {
            net.run(5);
            net.saveCheckpoint(file);
        }
        return file;
    }

    /** Asserts that {@code other} refuses {@code file}, its message holding every one of {@code parts}. */
    private static void refused(Path file, Network other, String... parts) {
        try (Network net = other) {
            CheckpointException e = assertThrows(CheckpointException.class, () -> net.restoreCheckpoint(file));
            for (String part : parts) {
                assertTrue(e.getMessage().contains(part), e.getMessage());
            }
            assertEquals(0, net.stepsRun(), "nothing restored");
        }
    }

    private static void restores(Path file, Network same) {
        try (Network net = same) {
            net.restoreCheckpoint(file);
            assertEquals(Math.round(5 / net.dt()), net.stepsRun(), "the network built as the saved one restores");
        }
    }

    @Test
    void anotherUniformDelayIsRefusedNamingIt() {
        Connector connector = Connectors.fixedInDegree(4, false);
        Path file = saved(network(connector, Delays.steps(2)));
        refused(file, network(connector, Delays.steps(3)), "comes from another network: it has 'synapses of "
                + PROJECTION + ": delays = 2 steps' where this network has 'synapses of " + PROJECTION
                + ": delays = 3 steps'");
        restores(file, network(connector, Delays.steps(2)));
    }

    @Test
    void otherPerSynapseDelaysAreRefusedNamingThem() {
        Connector connector = Connectors.fixedInDegree(4, false);
        Path file = saved(network(connector, Delays.uniformSteps(1, 40)));
        refused(file, network(connector, Delays.uniformSteps(1, 39)), "comes from another network: it has 'synapses "
                + "of " + PROJECTION + ": delays = per synapse, CRC-32C ", "where this network has 'synapses of "
                + PROJECTION + ": delays = per synapse, CRC-32C ");
        refused(file, network(connector, Delays.steps(2)), "it has 'synapses of " + PROJECTION + ": delays = per "
                + "synapse, CRC-32C ", "where this network has 'synapses of " + PROJECTION + ": delays = 2 steps'");
        restores(file, network(connector, Delays.uniformSteps(1, 40)));
    }

    /** A fixed in-degree has the same synapse count with or without self-connections, but other sources. */
    @Test
    void anotherConnectivityWithTheSameCountIsRefusedNamingIt() {
        Path file = saved(network(Connectors.fixedInDegree(4, false), Delays.steps(2)));
        refused(file, network(Connectors.fixedInDegree(4, true), Delays.steps(2)), "comes from another network: it "
                + "has 'synapses of " + PROJECTION + ": connectivity = CRC-32C ", "where this network has 'synapses of "
                + PROJECTION + ": connectivity = CRC-32C ");
        restores(file, network(Connectors.fixedInDegree(4, false), Delays.steps(2)));
    }

    /**
     * The same pairs from the same sources, to other targets: the digest is CRC-32C of the row offsets and then the
     * targets as little-endian 32-bit integers, as docs/FORMATS.md says.
     */
    @Test
    void anotherPairingIsRefusedAndTheDigestIsThatOfTheRows() throws Exception {
        // sources 0 and 1 each have one synapse: rows [0, 1, 2, 2, ...], targets [5, 6] or [6, 5]
        int[] pre = {1, 0};
        Path file = saved(network(Connectors.fromList(pre, new int[] {6, 5}), Delays.steps(2)));
        int[] rowOffsets = new int[21];
        rowOffsets[1] = 1;
        for (int i = 2; i <= 20; i++) {
            rowOffsets[i] = 2;
        }
        String saved = crc32c(rowOffsets, new int[] {5, 6});
        String other = crc32c(rowOffsets, new int[] {6, 5});
        try (HdfFile in = new HdfFile(file)) {
            String network = String.join("\n", (String[]) in.getDatasetByPath("network").getData());
            assertTrue(network.contains("synapses of " + PROJECTION + ": connectivity = CRC-32C " + saved + "\n"),
                    network);
        }
        refused(file, network(Connectors.fromList(pre, new int[] {5, 6}), Delays.steps(2)), "it has 'synapses of "
                + PROJECTION + ": connectivity = CRC-32C " + saved + "' where this network has 'synapses of "
                + PROJECTION + ": connectivity = CRC-32C " + other + "'");
        restores(file, network(Connectors.fromList(pre, new int[] {6, 5}), Delays.steps(2)));
    }

    /** The digest of arrays longer than the checksum's buffer is still CRC-32C of all their little-endian bytes. */
    @Test
    void aDigestCoversEveryValue() {
        int[] targets = new int[200_003];
        short[] delays = new short[70_001];
        for (int k = 0; k < targets.length; k++) {
            targets[k] = k * 7919;
        }
        for (int k = 0; k < delays.length; k++) {
            delays[k] = (short) (k % 300 + 1);
        }
        ByteBuffer bytes = ByteBuffer.allocate(4 * targets.length + 2 * delays.length).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asIntBuffer().put(targets);
        bytes.position(4 * targets.length);
        bytes.asShortBuffer().put(delays);
        CRC32C crc = new CRC32C();
        crc.update(bytes.array());
        assertEquals(crc.getValue(), CheckpointFile.digest(targets, delays));
        delays[70_000]++;
        assertTrue(crc.getValue() != CheckpointFile.digest(targets, delays), "the last value counts");
    }

    /** CRC-32C of the arrays as little-endian 32-bit integers, one after another, in hexadecimal. */
    private static String crc32c(int[]... arrays) {
        CRC32C crc = new CRC32C();
        for (int[] values : arrays) {
            ByteBuffer bytes = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
            bytes.asIntBuffer().put(values);
            crc.update(bytes.array());
        }
        return HexFormat.of().toHexDigits((int) crc.getValue());
    }

    /**
     * Versions 2 to 4 saved no lines of a projection's synapses: such a file restores into a network whose other
     * lines are its lines (its delays and connectivity cannot be checked), and a version 5 file with the same lines
     * is refused.
     */
    @Test
    void networkLinesOfVersion4CarryNoSynapses() {
        String shape = "engine CLOCK_DRIVEN, SINGLE\npopulation cells: 20 IF_curr_exp\n"
                + "projection cells->cells.excitatory: cells -> cells (excitatory), 80 synapses\n";
        CheckpointFile.Header expected = new CheckpointFile.Header(shape + CheckpointFile.SYNAPSES_MARK + PROJECTION
                + ": delays = 2 steps\n", "JAVA", "", 7, 0.1, 0);
        CheckpointFile.Header old = new CheckpointFile.Header(shape, "JAVA", "", 7, 0.1, 0);
        FormatVersions.olderRestoresAndNextIsRefused(directory, old, expected, 4, "comes from another network: it "
                + "has '(nothing)' where this network has 'synapses of " + PROJECTION + ": delays = 2 steps'");
    }
}

package org.hebb.simulator.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import org.hebb.neurons.NeuronModel;
import org.hebb.neurons.lif.IfCurrExp;
import org.hebb.simulator.Network;
import org.hebb.simulator.connect.Connectors;
import org.hebb.simulator.connect.Delays;
import org.hebb.simulator.connect.Synapses;
import org.hebb.simulator.init.Values;
import org.hebb.simulator.input.PoissonSource;
import org.hebb.simulator.monitor.RuleStateMonitor;
import org.hebb.simulator.monitor.SpikeMonitor;
import org.hebb.simulator.monitor.StateMonitor;
import org.hebb.simulator.plasticity.RuleState;
import org.hebb.simulator.population.NeuronPopulation;
import org.hebb.simulator.storage.HebbVersion;
import org.hebb.simulator.testing.CheckpointRewrite;
import org.hebb.simulator.testing.H5py;
import org.hebb.simulator.testing.Prerequisites;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A static network with heterogeneous delays, stopped, saved, restored into a network built again by the same code
 * and run on, gives the spikes and state of a run that never stopped, bit for bit, whatever the thread counts;
 * checkpoint files that are damaged, newer or from another network are refused, naming what is wrong, and leave
 * the network as it was.
 */
class CheckpointTest {
    private static final double FIRST_MS = 60;
    private static final double SECOND_MS = 90;

    @TempDir
    Path directory;

    private record Built(Network net, NeuronPopulation cells, PoissonSource drive, SpikeMonitor spikes) {
    }

    /** The test network: Poisson input and recurrent inhibition with delays of 0.1 to 4 ms. */
    static Network network(int threads, int size, long seed) {
        return build(threads, size, seed).net();
    }

    private static Built build(int threads, int size, long seed) {
        return build(threads, size, seed, IfCurrExp.builder().tauRefrac(2).build());
    }

    private static Built build(int threads, int size, long seed, NeuronModel model) {
        Network net = Network.builder().threads(threads).seed(seed).build();
        NeuronPopulation cells = net.addNeurons("cells", size, model);
        PoissonSource drive = net.addPoissonSource("drive", 100, 30);
        net.connect(drive, cells, Connectors.fixedProbability(0.2, false), Synapses.onto("excitatory")
                .weights(Values.uniform(0.5, 1.5)).delays(Delays.uniformSteps(1, 40)));
        net.connect(cells, cells, Connectors.fixedProbability(0.1, false), Synapses.onto("inhibitory")
                .weights(Values.uniform(-1, -0.2)).delays(Delays.uniformSteps(5, 25)));
        SpikeMonitor spikes = net.monitorSpikes(cells);
        return new Built(net, cells, drive, spikes);
    }

    /** The spike steps and neurons at and after {@code fromStep}. */
    static long[][] spikesFrom(SpikeMonitor spikes, long fromStep) {
        long[] steps = spikes.steps();
        int[] neurons = spikes.neurons();
        int first = 0;
        while (first < steps.length && steps[first] < fromStep) {
            first++;
        }
        long[] n = new long[neurons.length - first];
        for (int k = first; k < neurons.length; k++) {
            n[k - first] = neurons[k];
        }
        return new long[][] {Arrays.copyOfRange(steps, first, steps.length), n};
    }

    @ParameterizedTest(name = "saved on {0} thread(s), restored on {1}")
    @CsvSource({"1, 1", "2, 1", "1, 2"})
    void aRestoredNetworkGoesOnAsIfItHadNeverStopped(int savedThreads, int restoredThreads) {
        Path file = directory.resolve("net.h5");
        long[][] straight;
        float[] straightV;
        long split;
        try (Network net = build(1, 80, 7).net()) {
            Built b = new Built(net, (NeuronPopulation) net.populations().get(0), null,
                    net.monitorSpikes(net.populations().get(0)));
            net.run(FIRST_MS);
            split = net.stepsRun();
            net.run(SECOND_MS);
            straight = spikesFrom(b.spikes(), split);
            straightV = b.cells().state().array("v").clone();
        }
        try (Network net = build(savedThreads, 80, 7).net()) {
            net.run(FIRST_MS);
            net.saveCheckpoint(file);
        }
        try (Network net = build(restoredThreads, 80, 7).net()) {
            SpikeMonitor spikes = net.monitorSpikes(net.populations().get(0));
            net.restoreCheckpoint(file);
            assertEquals(split, net.stepsRun(), "the clock");
            net.run(SECOND_MS);
            long[][] resumed = spikesFrom(spikes, 0);
            assertTrue(straight[0].length > 100, "test setup: too few spikes " + straight[0].length);
            assertArrayEquals(straight[0], resumed[0], "spike steps");
            assertArrayEquals(straight[1], resumed[1], "spiking neurons");
            assertArrayEquals(straightV, ((NeuronPopulation) net.populations().get(0)).state().array("v"),
                    "membrane potentials, bit for bit");
        }
    }

    @Test
    void aRunThatCheckpointsResumesAfterBeingStoppedWithTheResultOfOneRun() {
        Path file = directory.resolve("periodic.h5");
        long[][] straight;
        float[] straightV;
        try (Network net = build(1, 80, 7).net()) {
            SpikeMonitor spikes = net.monitorSpikes(net.populations().get(0));
            net.run(FIRST_MS + SECOND_MS);
            straight = spikesFrom(spikes, 0);
            straightV = ((NeuronPopulation) net.populations().get(0)).state().array("v").clone();
        }
        try (Network net = build(1, 80, 7).net()) {
            SpikeMonitor spikes = net.monitorSpikes(net.populations().get(0));
            net.run(FIRST_MS + SECOND_MS, 25, directory.resolve("every25.h5"));
            assertArrayEquals(straight[0], spikesFrom(spikes, 0)[0], "checkpointing changes no spike");
        }
        long checkpointed;
        try (Network net = build(2, 80, 7).net()) {
            // a run killed at 70 ms: its last checkpoint is the one at 50 ms
            net.run(50, 25, file);
            checkpointed = net.stepsRun();
            net.run(20);
        }
        try (Network net = build(1, 80, 7).net()) {
            SpikeMonitor spikes = net.monitorSpikes(net.populations().get(0));
            net.restoreCheckpoint(file);
            assertEquals(checkpointed, net.stepsRun(), "the clock of the last checkpoint");
            net.run(FIRST_MS + SECOND_MS - 50);
            long[][] resumed = spikesFrom(spikes, 0);
            long[][] expected = after(straight, checkpointed);
            assertArrayEquals(expected[0], resumed[0], "spike steps");
            assertArrayEquals(expected[1], resumed[1], "spiking neurons");
            assertArrayEquals(straightV, ((NeuronPopulation) net.populations().get(0)).state().array("v"),
                    "membrane potentials, bit for bit");
        }
    }

    /** Streamed spikes and samples of the test network run for {@code runsMs}, checkpointed every 25 ms. */
    private void streamed(Path spikes, Path samples, Path checkpoint, double... runsMs) {
        try (Network net = build(1, 80, 7).net()) {
            NeuronPopulation cells = (NeuronPopulation) net.populations().get(0);
            net.monitorSpikes(cells, SpikeMonitor.settings().streamTo(spikes));
            net.monitorState(cells, new String[] {"v"}, new int[] {3, 7}, 0.7,
                    StateMonitor.settings().streamTo(samples));
            if (checkpoint != null && Files.exists(checkpoint)) {
                net.restoreCheckpoint(checkpoint);
            }
            for (double ms : runsMs) {
                if (checkpoint != null) {
                    net.run(ms, 25, checkpoint);
                } else {
                    net.run(ms);
                }
            }
        }
    }

    @Test
    void streamedFilesGoOnAfterARestoreAsIfTheRunHadNeverStopped() throws IOException {
        streamed(directory.resolve("straight-spikes.csv"), directory.resolve("straight-v.csv"), null,
                FIRST_MS + SECOND_MS);
        Path spikes = directory.resolve("spikes.csv");
        Path samples = directory.resolve("v.csv");
        Path checkpoint = directory.resolve("streamed.h5");
        // the checkpoint at 50 ms, then a run whose files reached 62.5 ms when it was killed
        streamed(spikes, samples, checkpoint, 50);
        Path kept = directory.resolve("kept.h5");
        Files.copy(checkpoint, kept);
        streamed(spikes, samples, null, 50, 12.5);
        Files.copy(kept, checkpoint, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        streamed(spikes, samples, checkpoint, FIRST_MS + SECOND_MS - 50);
        assertEquals(Files.readString(directory.resolve("straight-spikes.csv")), Files.readString(spikes));
        assertEquals(Files.readString(directory.resolve("straight-v.csv")), Files.readString(samples));
    }

    /**
     * A state monitor's file whose comment line does not name the variables' units, as Hebb wrote it before it did,
     * is the same stream's: a restore of that run's checkpoint keeps its samples before the checkpoint, and the file
     * ends as an uninterrupted run's, under the header that names the units.
     */
    @Test
    void aStateFileWrittenWithoutUnitsGoesOnAfterARestore() throws IOException {
        Path straight = directory.resolve("straight-v.csv");
        streamed(directory.resolve("straight-spikes.csv"), straight, null, FIRST_MS + SECOND_MS);
        Path samples = directory.resolve("v.csv");
        Path checkpoint = directory.resolve("streamed.h5");
        streamed(directory.resolve("spikes.csv"), samples, checkpoint, 50);
        String written = Files.readString(samples);
        String withoutUnits = written.replaceFirst(" ms, units v mV\n", " ms\n");
        assertNotEquals(written, withoutUnits, "test setup: the units are named");
        Files.writeString(samples, withoutUnits);
        streamed(directory.resolve("spikes.csv"), samples, checkpoint, FIRST_MS + SECOND_MS - 50);
        assertEquals(Files.readString(straight), Files.readString(samples));
    }

    /** The spikes (steps, neurons) of {@code spikes} at and after {@code fromStep}. */
    private static long[][] after(long[][] spikes, long fromStep) {
        int first = 0;
        while (first < spikes[0].length && spikes[0][first] < fromStep) {
            first++;
        }
        return new long[][] {Arrays.copyOfRange(spikes[0], first, spikes[0].length),
                Arrays.copyOfRange(spikes[1], first, spikes[1].length)};
    }

    /** What every kind of monitor has recorded: spikes, samples of v, binned rates. */
    private record Recorded(long[] steps, int[] neurons, float[] v, double[] sampleTimes, double[] rates) {
    }

    /** The test network with a spike, state and rate monitor and a rate checker, run for the given times. */
    private Recorded recorded(int threads, double[] runsMs, Path save, Path restore) {
        try (Network net = build(threads, 80, 7).net()) {
            NeuronPopulation cells = (NeuronPopulation) net.populations().get(0);
            SpikeMonitor spikes = net.monitorSpikes(cells);
            var v = net.monitorState(cells, new String[] {"v"}, new int[] {3}, 0.7);
            var rates = net.monitorRate(cells, 4);
            net.checkRate(cells, 0, 1000, 30);
            if (restore != null) {
                net.restoreCheckpoint(restore);
            }
            for (double ms : runsMs) {
                net.run(ms);
            }
            if (save != null) {
                net.saveCheckpoint(save);
            }
            return new Recorded(spikes.steps(), spikes.neurons(), v.trace("v", 0), v.times(), rates.ratesHz());
        }
    }

    @Test
    void monitorsGoOnRecordingAfterARestore() {
        Path file = directory.resolve("monitored.h5");
        Recorded straight = recorded(1, new double[] {FIRST_MS, SECOND_MS}, null, null);
        recorded(2, new double[] {FIRST_MS}, file, null);
        Recorded resumed = recorded(1, new double[] {SECOND_MS}, null, file);
        assertTrue(straight.steps().length > 100, "test setup: spikes");
        assertArrayEquals(straight.steps(), resumed.steps(), "every spike step, before and after the restore");
        assertArrayEquals(straight.neurons(), resumed.neurons(), "every spiking neuron");
        assertArrayEquals(straight.v(), resumed.v(), "every sample of v");
        assertArrayEquals(straight.sampleTimes(), resumed.sampleTimes(), "sample times");
        assertArrayEquals(straight.rates(), resumed.rates(), "binned rates, the bin across the restore included");
    }

    @Test
    void theRestoringNetworksMonitorsMustBeginWithTheSavedOnes() {
        Path file = directory.resolve("monitored.h5");
        recorded(1, new double[] {FIRST_MS}, file, null);
        try (Network net = build(1, 80, 7).net()) {
            NeuronPopulation cells = (NeuronPopulation) net.populations().get(0);
            net.monitorRate(cells, 4);
            CheckpointException e = assertThrows(CheckpointException.class, () -> net.restoreCheckpoint(file));
            assertTrue(e.getMessage().contains("has recordings of other monitors")
                    && e.getMessage().contains("monitor 1: SpikeMonitor of cells")
                    && e.getMessage().contains("monitor 1: PopulationRateMonitor of cells"), e.getMessage());
        }
    }

    /**
     * Recordings restore only into a monitor that records the same way: a state monitor of other neurons, variables
     * or interval would read the saved samples with another number of values each; a spike or rate monitor of other
     * neurons or bins would go on with counts of another kind. Each is refused, naming both monitors.
     */
    @Test
    void recordingsOfAMonitorWithOtherSettingsAreRefused() {
        Path file = directory.resolve("settings.h5");
        try (Network net = build(1, 80, 7).net()) {
            NeuronPopulation cells = (NeuronPopulation) net.populations().get(0);
            net.monitorState(cells, new String[] {"v"}, new int[] {3, 7}, 0.5);
            net.monitorRate(cells, 4);
            net.run(10);
            net.saveCheckpoint(file);
        }
        refusedMonitors(file, cells -> new Object[] {cells.net().monitorState(cells.cells(), new String[] {"v"},
                new int[] {3, 7, 9}, 0.5), cells.net().monitorRate(cells.cells(), 4)}, "v of 2 neurons every 5 steps",
                "v of 3 neurons every 5 steps");
        refusedMonitors(file, cells -> new Object[] {cells.net().monitorState(cells.cells(), new String[] {"v"},
                new int[] {3, 7}, 1.0), cells.net().monitorRate(cells.cells(), 4)}, "every 5 steps", "every 10 steps");
        refusedMonitors(file, cells -> new Object[] {cells.net().monitorState(cells.cells(), new String[] {"v"},
                new int[] {3, 7}, 0.5), cells.net().monitorRate(cells.cells(), 2)}, "bins of 40 steps",
                "bins of 20 steps");
        try (Network net = build(1, 80, 7).net()) {
            NeuronPopulation cells = (NeuronPopulation) net.populations().get(0);
            net.monitorState(cells, new String[] {"v"}, new int[] {3, 7}, 0.5);
            net.monitorRate(cells, 4);
            net.restoreCheckpoint(file);
            assertEquals(100, net.stepsRun(), "monitors that record as the saved ones restore");
        }
    }

    /** Saves a network with a spike and a state monitor of neurons 3 and 7 after 10 ms. */
    private void savedWithMonitorsOf3And7(Path file) {
        try (Network net = build(1, 80, 7).net()) {
            NeuronPopulation cells = (NeuronPopulation) net.populations().get(0);
            net.monitorSpikes(cells, SpikeMonitor.settings().neurons(3, 7));
            net.monitorState(cells, new String[] {"v"}, new int[] {3, 7}, 0.5);
            net.run(10);
            net.saveCheckpoint(file);
        }
    }

    /**
     * Recordings restore only into a monitor of the same neurons: a spike or state monitor of neurons 4 and 8 has
     * the same layout as one of 3 and 7, but its recordings would go on with other neurons' spikes or traces. The
     * refusal names the monitor, the neurons saved and this network's; a state monitor's order matters (its k-th
     * trace is its k-th neuron's), a spike monitor's does not.
     */
    @Test
    void recordingsOfOtherNeuronsAreRefusedNamingBoth() {
        Path file = directory.resolve("neurons.h5");
        savedWithMonitorsOf3And7(file);
        refusedNeurons(file, new int[] {4, 8}, new int[] {3, 7}, "monitor 1: the spike monitor of population "
                + "'cells' recorded neurons [3, 7]; this network's records neurons [4, 8]");
        refusedNeurons(file, new int[] {3, 7}, new int[] {4, 8}, "monitor 2: the state monitor of population "
                + "'cells' recorded neurons [3, 7]; this network's records neurons [4, 8]");
        refusedNeurons(file, new int[] {3, 7}, new int[] {7, 3}, "recorded neurons [3, 7]; this network's "
                + "records neurons [7, 3]");
        try (Network net = build(1, 80, 7).net()) {
            NeuronPopulation cells = (NeuronPopulation) net.populations().get(0);
            net.monitorSpikes(cells, SpikeMonitor.settings().neurons(7, 3));
            StateMonitor v = net.monitorState(cells, new String[] {"v"}, new int[] {3, 7}, 0.5);
            net.restoreCheckpoint(file);
            assertEquals(100, net.stepsRun(), "monitors of the same neurons restore");
            assertEquals(20, v.sampleCount(), "the samples of the first 10 ms");
        }
    }

    /**
     * A checkpoint saved before the monitored neurons were saved holds only how many there are: it still restores,
     * unchecked, into monitors of as many neurons.
     */
    @Test
    void aCheckpointWithoutTheMonitoredNeuronsStillRestores() {
        Path file = directory.resolve("neurons.h5");
        savedWithMonitorsOf3And7(file);
        Path older = directory.resolve("older.h5");
        CheckpointRewrite.rewritten(file, older, entries -> {
            assertTrue(entries.keySet().removeIf(path -> path.contains("/watched/")), "test setup: neurons saved");
        });
        try (Network net = build(1, 80, 7).net()) {
            NeuronPopulation cells = (NeuronPopulation) net.populations().get(0);
            net.monitorSpikes(cells, SpikeMonitor.settings().neurons(3, 7));
            StateMonitor v = net.monitorState(cells, new String[] {"v"}, new int[] {3, 7}, 0.5);
            net.restoreCheckpoint(older);
            assertEquals(100, net.stepsRun(), "restored");
            assertEquals(20, v.sampleCount(), "the samples of the first 10 ms");
        }
    }

    /** As for neurons, a rule-state monitor's recordings restore only into a monitor of the same elements. */
    @Test
    void ruleRecordingsOfOtherElementsAreRefusedNamingBoth() {
        Path file = directory.resolve("elements.h5");
        RuleState rule = new RuleState() {
            @Override
            public List<Variable> variables() {
                return List.of(new Variable("weight", "nA", Scope.SYNAPSE));
            }

            @Override
            public float[] values(String variable) {
                return new float[] {0.5f, 1, 1.5f, 2, 2.5f, 3, 3.5f, 4, 4.5f, 5};
            }
        };
        CheckpointFile.Header header = new CheckpointFile.Header("engine CLOCK_DRIVEN, SINGLE\n", "JAVA",
                "monitor 0: RuleStateMonitor of cells" + CheckpointFile.LAYOUT_MARK + "weight of 2 elements every 1 "
                + "steps\n", 7, 0.1, 3);
        RuleStateMonitor saved = new RuleStateMonitor(rule, "weight", new int[] {3, 7}, 1, 0.1, 1000);
        for (long step = 0; step < 3; step++) {
            saved.record(step, null);
        }
        CheckpointFile.save(file, header, state -> state.part("monitor_0", saved));
        RuleStateMonitor other = new RuleStateMonitor(rule, "weight", new int[] {4, 8}, 1, 0.1, 1000);
        CheckpointException e = assertThrows(CheckpointException.class, () -> CheckpointFile.restore(file, header,
                h -> state -> state.part("monitor_0", other)));
        assertTrue(e.getMessage().contains("the monitor of rule variable 'weight' recorded elements [3, 7]; this "
                + "network's records elements [4, 8]"), e.getMessage());
        assertEquals(0, other.sampleCount(), "nothing restored");
        RuleStateMonitor same = new RuleStateMonitor(rule, "weight", new int[] {3, 7}, 1, 0.1, 1000);
        CheckpointFile.restore(file, header, h -> state -> state.part("monitor_0", same));
        assertArrayEquals(new float[] {2, 2, 2}, same.trace(0), "the samples of element 3");
    }

    private void refusedNeurons(Path file, int[] spikeNeurons, int[] stateNeurons, String expected) {
        try (Network net = build(1, 80, 7).net()) {
            NeuronPopulation cells = (NeuronPopulation) net.populations().get(0);
            SpikeMonitor spikes = net.monitorSpikes(cells, SpikeMonitor.settings().neurons(spikeNeurons));
            StateMonitor v = net.monitorState(cells, new String[] {"v"}, stateNeurons, 0.5);
            CheckpointException e = assertThrows(CheckpointException.class, () -> net.restoreCheckpoint(file));
            assertTrue(e.getMessage().contains(expected), e.getMessage());
            assertEquals(0, net.stepsRun(), "nothing restored");
            assertEquals(0, spikes.storedCount() + v.sampleCount(), "nothing recorded restored");
        }
    }

    /** What the monitors that a checkpoint does not hold record after a restore, run on for {@code runMs}. */
    private record AfterRestore(long[] steps, int[] neurons, long total, double[] sampleTimes, float[] v,
                                double[] rates) {
    }

    /**
     * A network built as the saved one, with a spike, state and rate monitor and a rate checker more, run for
     * {@code beforeMs} (none to restore into a fresh network), restored from {@code file} and run for {@code runMs}.
     */
    private static AfterRestore monitorsAddedAfterTheSavedOnes(Path file, double beforeMs, double runMs) {
        try (Network net = build(1, 80, 7).net()) {
            NeuronPopulation cells = (NeuronPopulation) net.populations().get(0);
            SpikeMonitor spikes = net.monitorSpikes(cells);
            StateMonitor v = net.monitorState(cells, new String[] {"v"}, new int[] {3}, 0.5);
            var rates = net.monitorRate(cells, 4);
            // any complete window it judges stops the run
            net.checkRate(cells, 0, 1e-3, 50);
            if (beforeMs > 0) {
                net.run(beforeMs);
                assertTrue(spikes.storedCount() > 0 && v.sampleCount() > 0 && rates.ratesHz().length > 0,
                        "test setup: recorded before the restore");
            }
            net.restoreCheckpoint(file);
            assertEquals(0, spikes.totalCount() + spikes.storedCount() + v.sampleCount() + rates.ratesHz().length,
                    "nothing recorded right after the restore");
            net.run(runMs);
            return new AfterRestore(spikes.steps(), spikes.neurons(), spikes.totalCount(), v.times(),
                    v.trace("v", 0), rates.ratesHz());
        }
    }

    /**
     * Monitors that the checkpoint does not hold start empty after a restore, also in a network that has run and
     * recorded before: they then record what the same monitors of a fresh network restored from the same file
     * record. The rate checker does not judge the 50 ms window from 0 ms, which it saw from the restore at 10 ms
     * only (with the 40 ms it saw before the restore, it would judge 80 ms of two runs as one window, and stop
     * the run).
     */
    @Test
    void monitorsNotInTheCheckpointStartEmptyAfterARestore() {
        Path file = directory.resolve("fewer.h5");
        try (Network net = network(1, 80, 7)) {
            net.run(10);
            net.saveCheckpoint(file);
        }
        AfterRestore fresh = monitorsAddedAfterTheSavedOnes(file, 0, 40);
        AfterRestore ranBefore = monitorsAddedAfterTheSavedOnes(file, 40, 40);
        assertTrue(fresh.steps().length > 0, "test setup: spikes after the restore");
        assertArrayEquals(fresh.steps(), ranBefore.steps(), "spike steps");
        assertArrayEquals(fresh.neurons(), ranBefore.neurons(), "spiking neurons");
        assertEquals(fresh.total(), ranBefore.total(), "spike count");
        assertArrayEquals(fresh.sampleTimes(), ranBefore.sampleTimes(), "sample times");
        assertArrayEquals(fresh.v(), ranBefore.v(), "samples of v");
        assertArrayEquals(fresh.rates(), ranBefore.rates(), "binned rates");
    }

    /**
     * Version 2 saved each monitor's line without how it lays out its recordings: such a file restores into
     * monitors whose lines begin as its do, and a version 3 file with the same lines is refused.
     */
    @Test
    void monitorLinesOfVersion2CarryNoLayout() {
        String network = "engine CLOCK_DRIVEN FLOAT\n";
        String saved = "monitor 0: SpikeMonitor of population 'cells'\n";
        CheckpointFile.Header expected = new CheckpointFile.Header(network, "JAVA",
                "monitor 0: SpikeMonitor of population 'cells'" + CheckpointFile.LAYOUT_MARK + "neurons 0-79\n", 7,
                0.1, 0);
        CheckpointFile.Header old = new CheckpointFile.Header(network, "JAVA", saved, 7, 0.1, 0);
        FormatVersions.olderRestoresAndNextIsRefused(directory, old, expected, 2, "has recordings of other monitors");
    }

    /**
     * Versions 2 and 3 saved the network's shape without the lines of its constants: such a file restores into a
     * network whose other lines are its lines (its constants cannot be checked), and a version 4 file with the same
     * lines is refused.
     */
    @Test
    void networkLinesOfVersion3CarryNoParameters() {
        String shape = "engine CLOCK_DRIVEN, SINGLE\npopulation cells: 80 IF_curr_exp\n";
        CheckpointFile.Header expected = new CheckpointFile.Header(shape + CheckpointFile.PARAMETER_MARK
                + "population cells: tau_m = 20.0\n", "JAVA", "", 7, 0.1, 0);
        CheckpointFile.Header old = new CheckpointFile.Header(shape, "JAVA", "", 7, 0.1, 0);
        FormatVersions.olderRestoresAndNextIsRefused(directory, old, expected, 3, "comes from another network: it "
                + "has '(nothing)' where this network has 'parameter of population cells: tau_m = 20.0'");
    }

    private interface Monitors {
        Object[] add(Built built);
    }

    private void refusedMonitors(Path file, Monitors monitors, String saved, String restoring) {
        try (Network net = build(1, 80, 7).net()) {
            monitors.add(new Built(net, (NeuronPopulation) net.populations().get(0), null, null));
            CheckpointException e = assertThrows(CheckpointException.class, () -> net.restoreCheckpoint(file));
            assertTrue(e.getMessage().contains("has recordings of other monitors") && e.getMessage().contains(saved)
                    && e.getMessage().contains(restoring), e.getMessage());
            assertEquals(0, net.stepsRun(), "nothing restored");
        }
    }

    /**
     * Rates and probabilities that user code set on sources between runs are saved: a network built again (its
     * sources at their initial rates) and restored fires as the saved one would have.
     */
    @Test
    void sourceRatesSetBetweenRunsAreRestored() {
        Path file = directory.resolve("rates.h5");
        long[][] straight;
        long split;
        try (Network net = build(1, 80, 7).net()) {
            Built b = new Built(net, null, (PoissonSource) net.populations().get(1),
                    net.monitorSpikes(net.populations().get(0)));
            ratesChanged(b);
            split = net.stepsRun();
            net.run(SECOND_MS);
            straight = spikesFrom(b.spikes(), split);
        }
        try (Network net = build(1, 80, 7).net()) {
            ratesChanged(new Built(net, null, (PoissonSource) net.populations().get(1), null));
            net.saveCheckpoint(file);
        }
        try (Network net = build(1, 80, 7).net()) {
            SpikeMonitor spikes = net.monitorSpikes(net.populations().get(0));
            net.restoreCheckpoint(file);
            net.run(SECOND_MS);
            long[][] resumed = spikesFrom(spikes, 0);
            assertTrue(straight[0].length > 100, "test setup: too few spikes " + straight[0].length);
            assertArrayEquals(straight[0], resumed[0], "spike steps");
            assertArrayEquals(straight[1], resumed[1], "spiking neurons");
        }
    }

    /** Runs the test network 20 ms, then sets the drive's rates (30 Hz built) to 5 to 104 Hz and runs 20 ms. */
    private static void ratesChanged(Built built) {
        built.net().run(20);
        float[] rates = new float[built.drive().size()];
        for (int i = 0; i < rates.length; i++) {
            rates[i] = 5 + i;
        }
        built.drive().setRates(rates);
        built.net().run(20);
    }

    /** A checkpoint of the 80-neuron network after 60 ms. */
    private Path saved() {
        return saved(new float[1]);
    }

    /** The same, with neuron 3's v then in {@code v[0]}. */
    private Path saved(float[] v) {
        Path file = directory.resolve("net.h5");
        try (Network net = build(1, 80, 7).net()) {
            net.run(FIRST_MS);
            v[0] = ((NeuronPopulation) net.populations().get(0)).state().array("v")[3];
            net.saveCheckpoint(file);
        }
        return file;
    }

    /**
     * Restoring {@code file} into a fresh network (run 1 ms, one weight changed) fails with a message containing
     * {@code expected}; v, the weights and the clock unchanged.
     */
    private static void refused(Path file, int size, long seed, String... expected) {
        try (Network net = build(1, size, seed).net()) {
            net.run(1);
            net.projections().get(0).rows().weights()[0] += 1;
            float[] before = ((NeuronPopulation) net.populations().get(0)).state().array("v").clone();
            float[][] weights = new float[net.projections().size()][];
            for (int p = 0; p < weights.length; p++) {
                weights[p] = net.projections().get(p).rows().weights().clone();
            }
            long step = net.stepsRun();
            CheckpointException e = assertThrows(CheckpointException.class, () -> net.restoreCheckpoint(file));
            assertArrayEquals(before, ((NeuronPopulation) net.populations().get(0)).state().array("v"),
                    "nothing restored");
            for (int p = 0; p < weights.length; p++) {
                assertArrayEquals(weights[p], net.projections().get(p).rows().weights(), "weights unchanged");
            }
            assertEquals(step, net.stepsRun(), "the clock unchanged");
            for (String part : expected) {
                assertTrue(e.getMessage().contains(part), "message '" + e.getMessage() + "' should contain '"
                        + part + "'");
            }
        }
    }

    @Test
    void aSpikeListWithANeuronOutOfRangeIsRefusedBeforeAnythingChanges() {
        Path file = saved();
        Path unchanged = directory.resolve("unchanged.h5");
        CheckpointRewrite.rewritten(file, unchanged, entries -> { });
        try (Network net = network(1, 80, 7)) {
            net.restoreCheckpoint(unchanged);
            assertEquals(600, net.stepsRun(), "test setup: a file written again by hand restores");
        }
        String list = "state/engine/population_cells/spikes_0";
        Path outOfRange = directory.resolve("out-of-range.h5");
        CheckpointRewrite.rewritten(file, outOfRange, entries -> {
            entries.put(list + "_length", new long[] {2});
            entries.put(list, new int[] {3, 80});
        });
        refused(outOfRange, 80, 7, "checkpoint lists neuron 80 of population 'cells', which has 80",
                "spikes_0");
        Path negative = directory.resolve("negative.h5");
        CheckpointRewrite.rewritten(file, negative, entries -> {
            entries.put(list + "_length", new long[] {1});
            entries.put(list, new int[] {-1});
        });
        refused(negative, 80, 7, "checkpoint lists neuron -1 of population 'cells'");
        Path twice = directory.resolve("twice.h5");
        CheckpointRewrite.rewritten(file, twice, entries -> {
            entries.put(list + "_length", new long[] {3});
            entries.put(list, new int[] {5, 7, 7});
        });
        refused(twice, 80, 7, "checkpoint lists neuron 7 of population 'cells' after neuron 7", "ascending");
    }

    /** A source probability outside [0, 1], in a file whose checksum fits, is refused before anything changes. */
    @Test
    void aSourceProbabilityOutsideZeroToOneIsRefusedBeforeAnythingChanges() {
        Path file = saved();
        Path bad = directory.resolve("probability.h5");
        CheckpointRewrite.rewritten(file, bad, entries -> {
            String key = entries.keySet().stream().filter(k -> k.endsWith("/probability")).findFirst()
                    .orElseThrow(() -> new AssertionError("test setup: the file holds a source's probabilities"));
            float[] probability = ((float[]) entries.get(key)).clone();
            probability[0] = 1.5f;
            entries.put(key, probability);
        });
        refused(bad, 80, 7, "checkpoint " + bad + " holds a value this network refuses", "probability[0] = 1.5");
    }

    @Test
    void aTruncatedFileIsRefused() throws IOException {
        Path file = saved();
        byte[] bytes = Files.readAllBytes(file);
        Path truncated = directory.resolve("truncated.h5");
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length / 2));
        refused(truncated, 80, 7, "checkpoint " + truncated, "cannot be read");
    }

    @Test
    void aCorruptedValueIsCaughtByTheChecksum() throws IOException {
        float[] v = new float[1];
        Path file = saved(v);
        byte[] bytes = Files.readAllBytes(file);
        int bits = Float.floatToRawIntBits(v[0]);
        byte[] pattern = {(byte) bits, (byte) (bits >>> 8), (byte) (bits >>> 16), (byte) (bits >>> 24)};
        int at = -1;
        for (int i = 0; i + 4 <= bytes.length && at < 0; i++) {
            if (Arrays.equals(pattern, Arrays.copyOfRange(bytes, i, i + 4))) {
                at = i;
            }
        }
        assertTrue(at >= 0, "test setup: neuron 3's v is in the file");
        bytes[at] ^= 0x01;
        Path corrupted = directory.resolve("corrupted.h5");
        Files.write(corrupted, bytes);
        refused(corrupted, 80, 7, "checkpoint " + corrupted + " is damaged: the checksum of its state does not "
                + "match");
    }

    @Test
    void aNewerFormatVersionIsRefused() {
        Path file = directory.resolve("newer.h5");
        try (WritableHdfFile out = HdfFile.write(file)) {
            out.putAttribute("format", CheckpointFile.FORMAT);
            out.putAttribute("version", CheckpointFile.VERSION + 1);
        }
        refused(file, 80, 7, "has format version " + (CheckpointFile.VERSION + 1), "reads versions up to "
                + CheckpointFile.VERSION);
    }

    /** A program's own state: a count and a list of results, as a training loop would keep. */
    private static final class LoopProgress implements Checkpointed {
        long done;
        double[] results = new double[0];

        @Override
        public void checkpoint(StateVisitor state) {
            done = state.scalar("done", done);
            results = state.list("results", results, results.length);
        }
    }

    @Test
    void aProgramsOwnStateIsSavedAndRestoredWithTheNetwork() {
        Path file = directory.resolve("user.h5");
        try (Network net = network(1, 80, 7)) {
            LoopProgress progress = net.addCheckpointed("loop", new LoopProgress());
            net.run(5);
            progress.done = 12;
            progress.results = new double[] {0.25, 0.5};
            net.saveCheckpoint(file);
        }
        try (Network net = network(1, 80, 7)) {
            LoopProgress progress = net.addCheckpointed("loop", new LoopProgress());
            net.restoreCheckpoint(file);
            assertEquals(12, progress.done, "the count");
            assertArrayEquals(new double[] {0.25, 0.5}, progress.results, "the results");
        }
        try (Network net = network(1, 80, 7)) {
            CheckpointException e = assertThrows(CheckpointException.class, () -> net.restoreCheckpoint(file));
            assertTrue(e.getMessage().contains("user_loop"), e.getMessage());
        }
        try (Network net = network(1, 80, 7)) {
            net.addCheckpointed("loop", new LoopProgress());
            IllegalArgumentException taken = assertThrows(IllegalArgumentException.class,
                    () -> net.addCheckpointed("loop", new LoopProgress()));
            assertTrue(taken.getMessage().contains("'loop' is not allowed: it is taken"), taken.getMessage());
            IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                    () -> net.addCheckpointed("a/b", new LoopProgress()));
            assertTrue(bad.getMessage().contains("'a/b' is not allowed: use letters, digits"), bad.getMessage());
        }
    }

    @Test
    void emptyArraysAreSavedAndRestored() {
        Path file = directory.resolve("empty.h5");
        Checkpointed empty = state -> {
            state.floats("weights", new float[0]);
            state.ints("indices", new int[0]);
        };
        try (Network net = network(1, 80, 7)) {
            net.addCheckpointed("empty", empty);
            net.run(5);
            net.saveCheckpoint(file);
        }
        try (Network net = network(1, 80, 7)) {
            net.addCheckpointed("empty", empty);
            net.restoreCheckpoint(file);
            assertEquals(50, net.stepsRun(), "restored");
        }
    }

    @Test
    void aVersionOneFileIsRefused() {
        Path file = directory.resolve("version1.h5");
        try (WritableHdfFile out = HdfFile.write(file)) {
            out.putAttribute("format", CheckpointFile.FORMAT);
            out.putAttribute("version", 1L);
        }
        refused(file, 80, 7, "has format version 1, which saved each backend's state in its own layout",
                "reads versions 2 to " + CheckpointFile.VERSION);
    }

    @Test
    void aFileFromAnotherNetworkIsRefused() {
        Path file = saved();
        refused(file, 81, 7, "comes from another network", "population cells: 80", "population cells: 81");
    }

    /**
     * A model's parameters shared by the whole population are not state, so they are part of the network's shape:
     * a checkpoint restores only into a model with the same values, and the refusal names the parameter with both
     * values; the same model restores.
     */
    @Test
    void aModelWithAnotherSharedParameterIsRefusedNamingIt() {
        Path file = saved();
        try (Network net = build(1, 80, 7, IfCurrExp.builder().tauRefrac(3).build()).net()) {
            CheckpointException e = assertThrows(CheckpointException.class, () -> net.restoreCheckpoint(file));
            assertTrue(e.getMessage().contains("comes from another network: it has 'parameter of population cells: "
                    + "tau_refrac = 2.0' where this network has 'parameter of population cells: tau_refrac = 3.0'"),
                    e.getMessage());
            assertEquals(0, net.stepsRun(), "nothing restored");
        }
        try (Network net = build(1, 80, 7, IfCurrExp.builder().tauRefrac(2).build()).net()) {
            net.restoreCheckpoint(file);
            assertEquals(Math.round(FIRST_MS / net.dt()), net.stepsRun(), "the same model restores");
        }
    }

    /** One weight for all synapses of a projection is not saved with the weights, so it is part of the shape. */
    @Test
    void aProjectionWithAnotherUniformWeightIsRefusedNamingIt() {
        Path file = directory.resolve("uniform.h5");
        try (Network net = uniformlyConnected(0.5f)) {
            net.run(5);
            net.saveCheckpoint(file);
        }
        try (Network net = uniformlyConnected(0.75f)) {
            CheckpointException e = assertThrows(CheckpointException.class, () -> net.restoreCheckpoint(file));
            assertTrue(e.getMessage().contains("it has 'parameter of projection drive->cells.excitatory: weight = "
                    + "0.5' where this network has 'parameter of projection drive->cells.excitatory: weight = 0.75'"),
                    e.getMessage());
        }
        try (Network net = uniformlyConnected(0.5f)) {
            net.restoreCheckpoint(file);
            assertEquals(Math.round(5 / net.dt()), net.stepsRun(), "the same weight restores");
        }
    }

    private static Network uniformlyConnected(float weight) {
        Network net = Network.builder().seed(7).build();
        NeuronPopulation cells = net.addNeurons("cells", 20, IfCurrExp.builder().build());
        net.connect(net.addPoissonSource("drive", 30, 30), cells, Connectors.fixedProbability(0.2, false),
                Synapses.onto("excitatory").weights(Values.constant(weight)));
        return net;
    }

    @Test
    void aFileWithAnotherSeedIsRefused() {
        Path file = saved();
        refused(file, 80, 8, "has seed 7; this network has seed 8");
    }

    @Test
    void aFileThatIsNoCheckpointIsRefused() throws IOException {
        Path file = directory.resolve("notes.h5");
        Files.writeString(file, "not HDF5 at all");
        refused(file, 80, 7, "cannot be read");
        Path missing = directory.resolve("missing.h5");
        refused(missing, 80, 7, "does not exist");
    }

    @Test
    void h5pyOpensACheckpoint() throws Exception {
        Prerequisites.require(H5py.missing());
        Path file = directory.resolve("net.h5");
        float[] v;
        long step;
        try (Network net = build(2, 80, 7).net()) {
            net.run(FIRST_MS);
            net.saveCheckpoint(file);
            v = ((NeuronPopulation) net.populations().get(0)).state().array("v");
            step = net.stepsRun();
        }
        Map<String, String> read = H5py.read(file);
        assertEquals(CheckpointFile.FORMAT, read.get("@format"), "format");
        assertEquals(String.valueOf(CheckpointFile.VERSION), read.get("@version"), "version");
        assertEquals(String.valueOf(step), read.get("@step"), "the clock");
        assertEquals("7", read.get("@seed"), "the seed");
        assertEquals("JAVA", read.get("@backend"), "the backend that saved it");
        assertEquals(HebbVersion.describe(), read.get("@hebb_version"), "the build that saved it");
        assertTrue(read.get("/network").contains("population cells: 80"), read.get("/network"));
        String saved = read.get("/state/neurons_cells/v");
        assertTrue(saved.startsWith("float32: "), saved);
        String[] values = saved.substring("float32: ".length()).split(" ");
        assertEquals(v.length, values.length, "one value per neuron");
        for (int i = 0; i < v.length; i++) {
            assertEquals(v[i], Float.parseFloat(values[i]), "v of neuron " + i);
        }
    }

    @Test
    void theEventDrivenEngineRefusesToSaveNamingItself() {
        try (Network net = Network.builder().engine(org.hebb.simulator.EngineKind.EVENT_DRIVEN).seed(1).build()) {
            net.addNeurons("cells", 10, IfCurrExp.builder().build());
            net.run(1);
            CheckpointException e = assertThrows(CheckpointException.class,
                    () -> net.saveCheckpoint(directory.resolve("event.h5")));
            assertTrue(e.getMessage().contains("checkpoints are not supported on this engine yet (EventDrivenEngine)"),
                    e.getMessage());
            assertTrue(e.getMessage().contains("EngineKind.CLOCK_DRIVEN") && !e.getMessage().contains("on the Java "
                    + "backend"), "names the engine to use, not one backend of it: " + e.getMessage());
        }
        assertTrue(!Files.exists(directory.resolve("event.h5")), "no file written");
    }

    @Test
    void aRunThatCannotCheckpointIsRefusedBeforeItsFirstStep() throws IOException {
        try (Network net = Network.builder().engine(org.hebb.simulator.EngineKind.EVENT_DRIVEN).seed(1).build()) {
            net.addNeurons("cells", 10, IfCurrExp.builder().build());
            CheckpointException e = assertThrows(CheckpointException.class,
                    () -> net.run(1000, 100, directory.resolve("event.h5")));
            assertTrue(e.getMessage().contains("(EventDrivenEngine)"), e.getMessage());
            assertEquals(0, net.stepsRun());
        }
        Path notADirectory = Files.writeString(directory.resolve("plain"), "a file");
        try (Network net = Network.builder().seed(1).build()) {
            net.addNeurons("cells", 10, IfCurrExp.builder().build());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> net.run(1000, 100, notADirectory.resolve("run.h5")));
            assertTrue(e.getMessage().startsWith("checkpoint file = " + notADirectory.resolve("run.h5")
                    + " is not allowed: its directory cannot be written"), e.getMessage());
            assertEquals(0, net.stepsRun());
        }
    }

    @Test
    void savingReplacesTheFileAtomically() throws IOException {
        Path file = saved();
        byte[] first = Files.readAllBytes(file);
        try (Network net = build(1, 80, 7).net()) {
            net.run(FIRST_MS + 10);
            net.saveCheckpoint(file);
        }
        assertTrue(!Arrays.equals(first, Files.readAllBytes(file)), "the second save replaced the first");
        try (var files = Files.list(directory)) {
            assertEquals(1, files.count(), "no temporary file left beside it");
        }
    }

    /**
     * A checkpoint restored into the network that saved it, after it ran on, takes the clock back: the spike times
     * from the checkpoint's step on fire again, and the run from there repeats the first one.
     */
    @Test
    void aNetworkRestoredToAnEarlierStepFiresItsSpikeTimesAgain() {
        Path file = directory.resolve("back.h5");
        try (Network net = Network.builder().dt(0.1).seed(1).threads(1).build()) {
            var times = net.addSpikeTimes("times", new double[][] {{1, 12, 15}, {13.5}});
            NeuronPopulation cells = net.addNeurons("cells", 2, IfCurrExp.builder().build());
            net.connect(times, cells, Connectors.oneToOne(), Synapses.onto("excitatory").weights(Values.constant(20))
                    .delays(Delays.steps(3)));
            SpikeMonitor sourceSpikes = net.monitorSpikes(times);
            SpikeMonitor cellSpikes = net.monitorSpikes(cells);
            net.run(10);
            net.saveCheckpoint(file);
            net.run(10);
            long[][] first = {sourceSpikes.steps(), cellSpikes.steps()};
            assertEquals(4, first[0].length, "test setup: the source's spikes");
            assertTrue(first[1].length > 0 && first[1][first[1].length - 1] > 100, "test setup: the cells fire after "
                    + "the checkpoint");
            net.restoreCheckpoint(file);
            net.run(10);
            assertArrayEquals(first[0], sourceSpikes.steps(), "the source's spike steps");
            assertArrayEquals(first[1], cellSpikes.steps(), "the cells' spike steps");
        }
    }
}

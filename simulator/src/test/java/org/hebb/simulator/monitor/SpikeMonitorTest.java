package org.hebb.simulator.monitor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import org.hebb.simulator.Network;
import org.hebb.simulator.population.Population;
import org.hebb.simulator.input.SpikeTimesSource;
import org.hebb.simulator.testing.LogCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SpikeMonitor on sources with known spike times: subsets, counts only, storage bound, CSV stream, memory. */
class SpikeMonitorTest {
    /** Spike times of six sources; 11 spikes in all, in steps 1 to 45 at dt = 0.1 ms. */
    private static final double[][] TIMES = {
            {1.0, 2.0, 3.0},
            {1.5},
            {},
            {0.5, 1.0, 4.0, 4.5},
            {2.5},
            {0.1, 0.2}};
    private static final int[] COUNTS = {3, 1, 0, 4, 1, 2};
    /** Every spike as step:neuron, in recording order (by step, then neuron). */
    private static final List<String> ALL = List.of("1:5", "2:5", "5:3", "10:0", "10:3", "15:1", "20:0", "25:4",
            "30:0", "40:3", "45:3");

    @TempDir
    Path dir;

    private static Network network() {
        return Network.builder().dt(0.1).seed(1).threads(1).build();
    }

    private static List<String> recorded(SpikeMonitor monitor) {
        long[] steps = monitor.steps();
        int[] neurons = monitor.neurons();
        assertEquals(steps.length, neurons.length);
        List<String> out = new ArrayList<>();
        for (int k = 0; k < steps.length; k++) {
            out.add(steps[k] + ":" + neurons[k]);
        }
        return out;
    }

    @Test
    void recordsEverySpikeOfThePopulation() {
        try (Network net = network()) {
            SpikeTimesSource source = net.addSpikeTimes("src", TIMES);
            SpikeMonitor monitor = net.monitorSpikes(source);
            assertEquals(source, monitor.population());
            net.run(5);
            assertEquals(ALL, recorded(monitor));
            assertArrayEquals(COUNTS, monitor.counts());
            assertEquals(11, monitor.totalCount());
            assertEquals(11, monitor.storedCount());
            assertEquals(0, monitor.droppedSpikes());
            assertEquals(11 / (6 * 0.005), monitor.meanRateHz(), 1e-9);
            assertEquals(0.5, monitor.times()[2], 1e-12);
        }
    }

    @Test
    void recordsOnlyTheChosenSubset() {
        try (Network net = network()) {
            SpikeTimesSource source = net.addSpikeTimes("src", TIMES);
            SpikeMonitor monitor = net.monitorSpikes(source, SpikeMonitor.settings().neurons(3, 0));
            net.run(5);
            assertEquals(List.of("5:3", "10:0", "10:3", "20:0", "30:0", "40:3", "45:3"), recorded(monitor));
            assertArrayEquals(new int[] {3, 0, 0, 4, 0, 0}, monitor.counts());
            assertEquals(7, monitor.totalCount());
            assertEquals(7 / (2 * 0.005), monitor.meanRateHz(), 1e-9, "rate over the two monitored neurons");
        }
    }

    @Test
    void countsOnlyStoresNoSpikes() {
        try (Network net = network()) {
            SpikeTimesSource source = net.addSpikeTimes("src", TIMES);
            SpikeMonitor monitor = net.monitorSpikes(source, SpikeMonitor.settings().countsOnly());
            net.run(5);
            assertArrayEquals(COUNTS, monitor.counts());
            assertEquals(0, monitor.storedCount());
            assertEquals(0, monitor.times().length);
            assertEquals(0, monitor.droppedSpikes(), "counts-only spikes are not 'dropped'");
            assertEquals(4L * 6, monitor.memoryBytes());
        }
    }

    @Test
    void storageBoundKeepsTheFirstSpikesAndCountsTheRest() {
        try (Network net = network()) {
            SpikeTimesSource source = net.addSpikeTimes("src", TIMES);
            SpikeMonitor monitor = net.monitorSpikes(source, SpikeMonitor.settings().maxStoredSpikes(4));
            net.run(5);
            assertEquals(4, monitor.storedCount());
            assertEquals(ALL.subList(0, 4), recorded(monitor));
            assertEquals(7, monitor.droppedSpikes());
            assertArrayEquals(COUNTS, monitor.counts(), "counts must stay complete beyond the bound");
            assertEquals(11, monitor.totalCount());
        }
    }

    /**
     * Stored spikes go into arrays that hold at most 2^31 - 9 of them: a larger bound (Integer.MAX_VALUE for no
     * bound) would let a long run fail inside a step when they are full, so it is refused when given, pointing to a
     * file, as a state monitor's bound is.
     */
    @Test
    void aBoundBeyondWhatAnArrayHoldsIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SpikeMonitor.settings().maxStoredSpikes(Integer.MAX_VALUE));
        assertTrue(e.getMessage().startsWith("maxStoredSpikes = 2147483647 is not allowed: must be in [0, "
                + "2147483639]"), e.getMessage());
        assertTrue(e.getMessage().contains("streamTo"), e.getMessage());
        SpikeMonitor.settings().maxStoredSpikes(2147483639);
    }

    /**
     * The first spike beyond the bound is a warning of the network, given once, naming the population, the bound
     * and the remedy: kept in the network's warnings, which programs write into their results, and logged.
     */
    @Test
    void theFirstDroppedSpikeIsWarnedAboutOnce() {
        List<LogRecord> records;
        List<String> warnings;
        try (LogCapture log = LogCapture.of(Network.class); Network net = network()) {
            records = log.records();
            SpikeMonitor monitor = net.monitorSpikes(net.addSpikeTimes("src", TIMES),
                    SpikeMonitor.settings().maxStoredSpikes(7));
            net.run(2.2);
            assertTrue(records.isEmpty() && net.warnings().isEmpty(), "7 spikes stored, none dropped yet");
            net.run(2.8);
            assertEquals(4, monitor.droppedSpikes());
            warnings = net.warnings();
        }
        assertEquals(1, warnings.size(), "one warning: " + warnings);
        String message = warnings.get(0);
        assertTrue(message.contains("population 'src'") && message.contains("at most 7 spikes")
                && message.contains("maxStoredSpikes"), message);
        assertEquals(1, records.size(), "logged once");
        assertEquals(Level.WARNING, records.get(0).getLevel());
        assertEquals(message, records.get(0).getMessage());
    }

    @Test
    void zeroBoundStoresNothing() {
        try (Network net = network()) {
            SpikeMonitor monitor = net.monitorSpikes(net.addSpikeTimes("src", TIMES),
                    SpikeMonitor.settings().maxStoredSpikes(0));
            net.run(5);
            assertEquals(0, monitor.storedCount());
            assertEquals(11, monitor.droppedSpikes());
            assertEquals(11, monitor.totalCount());
        }
    }

    @Test
    void memoryGrowsWithStoredSpikes() {
        try (Network net = network()) {
            SpikeMonitor monitor = net.monitorSpikes(net.addSpikeTimes("src", TIMES));
            assertEquals(4L * 6, monitor.memoryBytes(), "before the run: the counts only");
            net.run(1.2);
            assertEquals(4L * 6 + 12L * 5, monitor.memoryBytes(), "5 spikes stored (step, neuron)");
            net.run(3.8);
            assertEquals(4L * 6 + 12L * 11, monitor.memoryBytes());
            assertEquals(monitor.memoryBytes(), net.monitorMemoryBytes(),
                    "the network's total is this monitor plus zero-sized checkers");
        }
    }

    @Test
    void streamWritesACsvLinePerSpikeWhenTheRunEnds() throws IOException {
        Path file = dir.resolve("spikes.csv");
        try (Network net = network()) {
            SpikeMonitor monitor = net.monitorSpikes(net.addSpikeTimes("src", TIMES),
                    SpikeMonitor.settings().streamTo(file).maxStoredSpikes(2));
            boolean[] existedDuringRun = {false};
            net.afterEachStep((step, t) -> existedDuringRun[0] |= Files.exists(file));
            net.run(2.2);
            assertFalse(existedDuringRun[0], "the file must appear only when the run ends");
            assertCsv(file, ALL.subList(0, 7));
            net.run(2.8);
            assertCsv(file, ALL);
            assertEquals(2, monitor.storedCount(), "the bound limits memory, not the file");
        }
    }

    private static void assertCsv(Path file, List<String> expected) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertTrue(lines.get(0).startsWith("# ") && lines.get(0).contains("master seed"), lines.get(0));
        lines = lines.subList(1, lines.size());
        assertEquals("time_ms,neuron", lines.get(0));
        assertEquals(expected.size(), lines.size() - 1, "one line per spike: " + lines);
        for (int k = 0; k < expected.size(); k++) {
            String[] cells = lines.get(k + 1).split(",");
            assertEquals(2, cells.length, lines.get(k + 1));
            String[] stepAndNeuron = expected.get(k).split(":");
            assertEquals(Integer.parseInt(stepAndNeuron[0]) * 0.1, Double.parseDouble(cells[0]), 1e-9,
                    "time of line " + (k + 1));
            assertEquals(stepAndNeuron[1], cells[1], "neuron of line " + (k + 1));
        }
    }

    /** A streamed run in which the population stays silent still writes the file, with its header. */
    @Test
    void streamOfASilentRunWritesTheHeader() throws IOException {
        Path file = dir.resolve("silent.csv");
        try (Network net = network()) {
            net.monitorSpikes(net.addSpikeTimes("src", new double[][] {{}, {}}),
                    SpikeMonitor.settings().streamTo(file));
            net.run(1);
            assertTrue(Files.exists(file), "no file was written for a run without spikes");
            assertEquals("time_ms,neuron", Files.readAllLines(file).get(1));
            assertEquals(2, Files.readAllLines(file).size());
        }
    }

    /**
     * Where the stream cannot be written, the monitor is refused when it is created, before any simulation: a
     * directory in the file's place, an empty path, a directory that cannot be created or written.
     */
    @Test
    void anUnwritableStreamIsRefusedWhenTheMonitorIsCreated() throws IOException {
        Path directory = Files.createDirectories(dir.resolve("a-directory"));
        assertStreamRefused(directory, "it is a directory");
        assertStreamRefused(Path.of(""), "it names no file");
        Path regularFile = Files.writeString(dir.resolve("regular"), "");
        assertStreamRefused(regularFile.resolve("spikes.csv"), "its directory " + regularFile
                + " cannot be created");
        Path unwritable = unwritableDirectory();
        try {
            assertStreamRefused(unwritable.resolve("spikes.csv"), "its directory " + unwritable
                    + " cannot be written");
        } finally {
            Files.setPosixFilePermissions(dir.resolve("read-only"), PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void twoMonitorsCannotStreamToOneFile() {
        Path file = dir.resolve("spikes.csv");
        try (Network net = network()) {
            Population first = net.addSpikeTimes("first", TIMES);
            Population second = net.addSpikeTimes("second", TIMES);
            net.monitorSpikes(first, SpikeMonitor.settings().streamTo(file));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> net.monitorSpikes(second,
                    SpikeMonitor.settings().streamTo(dir.resolve("./spikes.csv"))));
            assertTrue(e.getMessage().endsWith("is not allowed: a monitor of population 'first' streams to it "
                    + "already"), e.getMessage());
        }
    }

    /** A stream to x.csv writes x.csv.partial as it goes: a second monitor may stream to neither, in either order. */
    @Test
    void aMonitorCannotStreamToAnotherStreamsPartialFile() {
        Path file = dir.resolve("spikes.csv");
        Path partial = dir.resolve("spikes.csv.partial");
        for (Path[] order : new Path[][] {{file, partial}, {partial, file}}) {
            try (Network net = network()) {
                Population first = net.addSpikeTimes("first", TIMES);
                Population second = net.addSpikeTimes("second", TIMES);
                net.monitorSpikes(first, SpikeMonitor.settings().streamTo(order[0]));
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> net.monitorSpikes(second, SpikeMonitor.settings().streamTo(order[1])));
                assertEquals("streamTo = '" + order[1] + "' is not allowed: a monitor of population 'first' streams "
                        + "to '" + order[0] + "', and one of the two files is the other's partial copy "
                        + "(<file>.partial)", e.getMessage());
            }
        }
    }

    private void assertStreamRefused(Path file, String reason) {
        try (Network net = network()) {
            Population source = net.addSpikeTimes("src", TIMES);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> net.monitorSpikes(source, SpikeMonitor.settings().streamTo(file)));
            assertTrue(e.getMessage().startsWith("streamTo = '" + file + "' is not allowed: " + reason),
                    e.getMessage());
        }
    }

    /** A directory this process cannot create files in: a read-only one, or where permissions do not bind it, /proc. */
    private Path unwritableDirectory() throws IOException {
        Path readOnly = Files.createDirectory(dir.resolve("read-only"));
        Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r-xr-xr-x"));
        if (!canCreateFileIn(readOnly)) {
            return readOnly;
        }
        Path proc = Path.of("/proc");
        assumeTrue(Files.isDirectory(proc) && !canCreateFileIn(proc), "no directory this process cannot write");
        return proc;
    }

    private static boolean canCreateFileIn(Path directory) {
        try {
            Files.delete(Files.createTempFile(directory, "probe", ".tmp"));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void monitorAddedAfterARunRecordsOnlyLaterSpikes() {
        try (Network net = network()) {
            SpikeTimesSource source = net.addSpikeTimes("src", TIMES);
            net.run(2.2);
            SpikeMonitor late = net.monitorSpikes(source);
            net.run(2.8);
            assertEquals(ALL.subList(7, 11), recorded(late));
            assertEquals(4 / (6 * 0.0028), late.meanRateHz(), 1e-6, "rate over the time it recorded");
        }
    }

    @Test
    void subsetIndexOutOfRangeIsRefused() {
        try (Network net = network()) {
            SpikeTimesSource source = net.addSpikeTimes("src", TIMES);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> net.monitorSpikes(source, SpikeMonitor.settings().neurons(0, 6)));
            assertTrue(e.getMessage().contains("src = 6") && e.getMessage().contains("[0, 5]"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> SpikeMonitor.settings().maxStoredSpikes(-1));
            assertTrue(e.getMessage().contains("maxStoredSpikes = -1"), e.getMessage());
        }
    }

    /** An empty subset would record nothing and give a mean rate of 0 / 0 neurons: refused, as a state monitor's is. */
    @Test
    void anEmptySubsetIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SpikeMonitor.settings().neurons());
        assertTrue(e.getMessage().contains("neurons is empty"), e.getMessage());
    }

    /** A neuron listed twice is refused, naming the monitor, the neuron and both positions, not recorded once. */
    @Test
    void aNeuronListedTwiceIsRefused() {
        try (Network net = network()) {
            SpikeTimesSource source = net.addSpikeTimes("src", TIMES);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> net.monitorSpikes(source, SpikeMonitor.settings().neurons(2, 2)));
            assertEquals("neuron 2 is listed twice for the spike monitor of population 'src', at positions 0 and 1 "
                    + "of neurons: each may be listed once", e.getMessage());
        }
    }
}

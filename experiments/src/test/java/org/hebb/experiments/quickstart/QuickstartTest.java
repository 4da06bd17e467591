package org.hebb.experiments.quickstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;

import org.hebb.experiments.output.JsonOutput;
import org.hebb.experiments.output.OutputAssertions;
import org.hebb.simulator.BackendKind;
import org.hebb.simulator.input.Currents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The quickstart writes every result file, consistent with each other, and records its seed. */
class QuickstartTest {
    @Test
    void writesResultsAPersonCanRead(@TempDir Path out) throws Exception {
        Quickstart.Summary summary = Quickstart.run(1000, 300, 11, 1, out);
        for (String name : List.of("summary.json", "summary.md", "raster.png", "population_rate.png",
                "population_rate.csv", "spike_counts.csv")) {
            assertTrue(Files.size(out.resolve(name)) > 0, name);
        }
        byte[] png = Files.readAllBytes(out.resolve("raster.png"));
        assertEquals((byte) 0x89, png[0]);
        assertEquals('P', png[1]);

        Quickstart.Summary saved = JsonOutput.read(out.resolve("summary.json"), Quickstart.Summary.class);
        assertEquals(11, saved.seed());
        assertEquals(summary.spikes(), saved.spikes());

        List<String> counts = Files.readAllLines(out.resolve("spike_counts.csv"));
        assertTrue(counts.get(0).contains("master seed 11"), counts.get(0));
        assertEquals(1002, counts.size(), "seed comment, header and one line per neuron");
        long total = counts.stream().skip(2).mapToLong(line -> Long.parseLong(line.split(",")[2])).sum();
        assertEquals(summary.spikes().values().stream().mapToLong(Long::longValue).sum(), total);
        assertTrue(total > 0, "the network fired");
    }

    /** A run without warnings says so: an empty "warnings" array in summary.json, none in summary.md. */
    @Test
    void aQuietRunHasNoWarnings(@TempDir Path out) throws IOException {
        Quickstart.Summary summary = Quickstart.run(200, 50, 11, 1, out);
        assertEquals(List.of(), summary.warnings());
        Map<?, ?> json = JsonOutput.read(out.resolve("summary.json"), Map.class);
        assertEquals(List.of(), json.get("warnings"), "an empty array, present");
        assertTrue(Files.readString(out.resolve("summary.md")).contains("| warnings | 0 |"));
    }

    /**
     * A network driven into runaway activity (100 nA into every neuron, beyond what inhibition takes: each fires
     * again within 0.1 ms of its 5 ms refractory period, near 200 Hz, over 80% of the saturation rate 200 Hz)
     * warns, and summary.json and summary.md carry the warnings, naming the populations.
     */
    @Test
    void aRunawayRunWritesItsWarningsIntoTheResults(@TempDir Path out) throws IOException {
        Quickstart.Summary summary = Quickstart.run(new Quickstart.Options(200, 200, 11, 1, BackendKind.JAVA), out,
                coba -> {
                    coba.excitatory().inject(Currents.constant(100));
                    coba.inhibitory().inject(Currents.constant(100));
                });
        assertEquals(2, summary.warnings().size(), summary.warnings().toString());
        Map<?, ?> json = JsonOutput.read(out.resolve("summary.json"), Map.class);
        List<?> warnings = (List<?>) json.get("warnings");
        assertEquals(summary.warnings(), warnings);
        assertTrue(warnings.get(0).toString().startsWith("runaway activity: population 'exc'"), warnings.toString());
        assertTrue(warnings.get(1).toString().startsWith("runaway activity: population 'inh'"), warnings.toString());
        String md = Files.readString(out.resolve("summary.md"));
        assertTrue(md.contains("| warnings | 2 |") && md.contains("- runaway activity: population 'exc'"), md);
    }

    @Test
    void aRegularFileInPlaceOfTheOutputDirectoryIsRefusedBeforeTheRun(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("results"), "a file, not a directory");
        String message = assertThrows(IllegalArgumentException.class,
                () -> Quickstart.run(1000, 300, 11, 1, file)).getMessage();
        assertTrue(message.contains("--out") && message.contains(file.toString()), message);
    }

    @Test
    void aDirectoryAnotherRunHoldsIsRefusedAndLeftAlone(@TempDir Path out) throws IOException {
        try (FileChannel channel = FileChannel.open(out.resolve(".lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock held = channel.lock()) {
            String message = assertThrows(IllegalStateException.class,
                    () -> Quickstart.run(1000, 300, 11, 1, out)).getMessage();
            assertTrue(message.contains(out.toAbsolutePath().toString()) && message.contains("another run"),
                    message);
        }
        OutputAssertions.assertNothingWritten(out);
    }

    @Test
    void aRunThatFailsWritingDoesNotLookFinished(@TempDir Path out) throws IOException {
        Quickstart.run(200, 50, 11, 1, out);
        Files.delete(out.resolve("raster.png"));
        Files.createDirectories(out.resolve("raster.png").resolve("in the way"));
        assertThrows(IOException.class, () -> Quickstart.run(200, 50, 12, 1, out));
        assertFalse(Files.exists(out.resolve("summary.json")), "the previous run's summary.json is gone and the "
                + "failed run wrote none");
    }

    @Test
    void spikesBeyondTheMonitorsBoundAreReported(@TempDir Path out) throws IOException {
        Quickstart.run(new Quickstart.Options(1000, 300, 11, 1, BackendKind.JAVA, 100), out);
        Map<?, ?> json = JsonOutput.read(out.resolve("summary.json"), Map.class);
        long dropped = ((Number) json.get("droppedSpikes")).longValue();
        Map<?, ?> spikes = (Map<?, ?>) json.get("spikes");
        long total = spikes.values().stream().mapToLong(v -> ((Number) v).longValue()).sum();
        assertEquals(total - 200, dropped, "100 stored per population, the rest dropped");
        String md = Files.readString(out.resolve("summary.md"));
        assertTrue(md.contains("| spikes not stored (monitor bound 100 per population) | " + dropped + " "), md);
        List<?> warnings = (List<?>) json.get("warnings");
        assertEquals(2, warnings.size(), "one per full monitor: " + warnings);
        assertTrue(warnings.get(0).toString().startsWith("the spike monitor of population 'exc' stores at most 100 "
                + "spikes"), warnings.toString());
    }

    @Test
    void tooManyNeuronsOrTooLongAreRefused(@TempDir Path out) {
        String neurons = assertThrows(IllegalArgumentException.class,
                () -> Quickstart.run(2_000_000_000, 300, 11, 1, out)).getMessage();
        assertTrue(neurons.startsWith("neurons = 2000000000 is not allowed: must be in [100, "), neurons);
        String threads = assertThrows(IllegalArgumentException.class,
                () -> Quickstart.run(new Quickstart.Options(200, 10, 1, 4, BackendKind.OPENCL), out)).getMessage();
        assertTrue(threads.startsWith("threads = 4 is not allowed with backend OPENCL"), threads);
        new Quickstart.Options(200, 10, 1, 1, BackendKind.OPENCL); // one thread builds the network, as Network allows
    }

    @Test
    void aNetworkLargerThanTheHeapIsRefusedBeforeItIsBuilt(@TempDir Path dir) {
        Quickstart.Options huge = new Quickstart.Options(30_000_000, 1000, 1, 0, BackendKind.JAVA);
        assumeTrue(Quickstart.memory(huge).bytes() > Runtime.getRuntime().maxMemory(), "a heap of 90 GB or more");
        Path out = dir.resolve("out");
        String message = assertThrows(IllegalArgumentException.class, () -> Quickstart.run(huge, out)).getMessage();
        assertTrue(message.startsWith("COBA with 30000000 neurons for 1000.0 ms needs about "), message);
        assertTrue(message.endsWith(": raise -Xmx (e.g. JDK_JAVA_OPTIONS=-Xmx91g ./hebb ...) or lower --neurons or "
                + "--duration"), message);
        assertFalse(Files.exists(out));
    }
}

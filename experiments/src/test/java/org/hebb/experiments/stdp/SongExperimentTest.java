package org.hebb.experiments.stdp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.hebb.experiments.output.JsonOutput;
import org.hebb.experiments.stdp.SongMillerAbbott.Cell;
import org.hebb.experiments.stdp.SongMillerAbbott.Config;
import org.hebb.experiments.stdp.SongMillerAbbott.Result;
import org.hebb.experiments.stdp.SongMillerAbbott.Snapshot;
import org.hebb.simulator.storage.HebbVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SongExperimentTest {
    private static final double DURATION_MS = 20_000;
    private static final Config CONFIG = new Config(Cell.SONG_2000, 1000, 10, 100, 0.2, 0, 0.005, DURATION_MS, 3);

    @Test
    void snapshotsAgreeWithTheFinalWeightsAndTheRatesAndLeaveTheRunAsItWas(@TempDir Path out) throws Exception {
        Result plain = SongMillerAbbott.run(CONFIG);
        Result r = SongExperiment.run(CONFIG, DURATION_MS / 10, out);

        assertArrayEquals(plain.weightsOverGMax(), r.weightsOverGMax(), "snapshots must not change the run");
        assertEquals(10, r.snapshots().size());
        Snapshot first = r.snapshots().get(0);
        Snapshot last = r.snapshots().get(9);
        assertEquals(DURATION_MS / 10, first.timeMs(), 1e-6);
        assertEquals(DURATION_MS, last.timeMs(), 1e-6);
        assertEquals(r.outputRateFirstHz(), first.outputRateHz(), 1e-9);
        assertEquals(r.outputRateLastHz(), last.outputRateHz(), 1e-9);
        assertEquals(r.fractionNearBounds(), last.fractionNearBounds(), 1e-12);
        assertEquals(r.meanCorrelated(), last.meanCorrelated(), 1e-9);
        assertEquals(r.meanUncorrelated(), last.meanUncorrelated(), 1e-9);
        for (Snapshot s : r.snapshots()) {
            assertEquals(1000, java.util.Arrays.stream(s.histogram()).sum());
        }
        // initial weights U(0, g_max): a fifth within 10% of a bound, give or take four standard deviations
        assertEquals(0.2, r.start().fractionNearBounds(), 4 * Math.sqrt(0.2 * 0.8 / 1000));
        assertEquals(0.5, r.start().meanUncorrelated(), 4 * Math.sqrt(1.0 / 12 / 900));
        assertTrue(last.meanCorrelated() > r.start().meanCorrelated(), "the correlated group gains weight");

        Map<?, ?> json = JsonOutput.read(out.resolve("result.json"), Map.class);
        assertEquals(3, ((Number) json.get("seed")).intValue());
        assertEquals(HebbVersion.describe(), json.get("hebb_version"));
        assertEquals(10, ((List<?>) json.get("snapshots")).size());
        assertEquals(List.of(), json.get("warnings"), "a quiet run: an empty array, present");
        assertEquals(r.fractionNearBounds(), ((Number) json.get("fraction_near_bounds")).doubleValue(), 1e-12);
        for (String file : List.of("summary.md", "weights.png", "weights_over_time.png", "output_rate.png")) {
            assertTrue(Files.size(out.resolve(file)) > 0, file);
        }
    }

    /**
     * Inputs at 5000 Hz hold the neuron, which has no refractory period, so far above threshold that it fires in
     * nearly every 0.1 ms step, over 80% of its saturation rate 1000 / dt = 10 kHz: the run warns, and result.json
     * and summary.md carry the warning.
     */
    @Test
    void aRunawayRunWritesItsWarningIntoTheResults(@TempDir Path out) throws Exception {
        Config saturating = new Config(Cell.SONG_2000, 1000, 5000, 0, 0.2, 0, 0.005, 1000, 3);
        Result r = SongExperiment.run(saturating, 1000, out);
        assertEquals(1, r.warnings().size(), r.warnings().toString());
        Map<?, ?> json = JsonOutput.read(out.resolve("result.json"), Map.class);
        assertEquals(r.warnings(), json.get("warnings"));
        assertTrue(r.warnings().get(0).startsWith("runaway activity: population 'neuron'"), r.warnings().get(0));
        String md = Files.readString(out.resolve("summary.md"));
        assertTrue(md.contains("| warnings | 1 |") && md.contains("Warning: runaway activity"), md);
    }

    /** A run shorter than a second plots its start and its end apart, as runs of seconds do. */
    @Test
    void aRunShorterThanASecondWritesItsPlots(@TempDir Path out) throws Exception {
        SongExperiment.run(new Config(Cell.SONG_2000, 100, 10, 0, 0.2, 0, 0.005, 200, 3), 100, out);
        assertTrue(Files.size(out.resolve("weights.png")) > 0);
        assertTrue(Files.exists(out.resolve("result.json")));
        assertEquals("0", SongExperiment.seconds(0));
        assertEquals("0.2", SongExperiment.seconds(200));
        assertEquals("0.0001", SongExperiment.seconds(0.1));
        assertEquals("300", SongExperiment.seconds(300_000));
    }

    /**
     * Snapshots every 300 ms of a 1000 ms run come at 300, 600 and 900 ms and at the end: the last snapshot is the
     * final state, its output rate that of the last 100 ms (the run's last tenth).
     */
    @Test
    void aSnapshotIntervalThatDoesNotDivideTheRunStillEndsWithTheFinalState(@TempDir Path out) throws Exception {
        Config second = new Config(Cell.SONG_2000, 1000, 10, 100, 0.2, 0, 0.005, 1000, 3);
        Result r = SongExperiment.run(second, 300, out);
        assertArrayEquals(new double[] {300, 600, 900, 1000},
                r.snapshots().stream().mapToDouble(Snapshot::timeMs).toArray(), 1e-9);
        Snapshot last = r.snapshots().get(3);
        assertTrue(r.outputRateLastHz() > 0, "test setup: the neuron fires at the end");
        assertEquals(r.outputRateLastHz(), last.outputRateHz(), 1e-9, "the rate over the last 100 ms");
        assertEquals(r.fractionNearBounds(), last.fractionNearBounds(), 1e-12);
        assertEquals(r.meanCorrelated(), last.meanCorrelated(), 1e-9);
        assertEquals(1000, java.util.Arrays.stream(last.histogram()).sum());
        Map<?, ?> json = JsonOutput.read(out.resolve("result.json"), Map.class);
        List<?> snapshots = (List<?>) json.get("snapshots");
        assertEquals(4, snapshots.size());
        assertEquals(1.0, ((Number) ((Map<?, ?>) snapshots.get(3)).get("time_s")).doubleValue(), 1e-12);
    }

    /** A run of no whole step would have nothing to show: refused when it is set up. */
    @Test
    void aDurationShorterThanAStepIsRefused() {
        String message = assertThrows(IllegalArgumentException.class,
                () -> new Config(Cell.SONG_2000, 1000, 10, 0, 0.2, 0, 0.005, 0.04, 3)).getMessage();
        assertEquals("duration = 0.04 ms is not allowed: must be at least one time step, 0.1 ms", message);
    }

    @Test
    void aSnapshotIntervalOutsideTheRunIsRefused() {
        String message = assertThrows(IllegalArgumentException.class,
                () -> SongMillerAbbott.run(CONFIG, 2 * DURATION_MS)).getMessage();
        assertTrue(message.contains("snapshot interval = 40000.0 ms"), message);
        String zero = assertThrows(IllegalArgumentException.class, () -> SongMillerAbbott.run(CONFIG, 0)).getMessage();
        assertTrue(zero.startsWith("snapshot interval = 0.0 ms is not allowed"), zero);
    }

    /**
     * A checkpoint made by another version of the code that runs the model (here version 1, named by a digest of
     * the settings alone) is not resumed from: the run starts afresh.
     */
    @Test
    void aCheckpointOfAnotherGeneratorVersionIsNotResumed(@TempDir Path out) throws IOException {
        Config brief = new Config(Cell.SONG_2000, 100, 10, 0, 0.2, 0, 0.005, 1000, 3);
        double snapshotMs = 500;
        Result first = SongExperiment.run(brief, snapshotMs, 500, out);
        assertEquals(0, first.resumedFromMs(), "the first run starts afresh");
        Path made = out.resolve(SongExperiment.checkpointName(brief, snapshotMs));
        assertTrue(made.getFileName().toString().matches("checkpoint-[0-9a-f]{16}\\.h5"), made.toString());
        assertTrue(Files.exists(made), "the run checkpoints to " + made);
        Path versionOne = out.resolve("checkpoint-" + Integer.toHexString((brief + " " + snapshotMs).hashCode())
                + ".h5");
        Files.move(made, versionOne, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.delete(out.resolve(SongExperiment.RESULT));
        Result again = SongExperiment.run(brief, snapshotMs, 500, out);
        assertEquals(0, again.resumedFromMs(), "the version-1 checkpoint is not resumed from");
        assertArrayEquals(first.weightsOverGMax(), again.weightsOverGMax(), "the run is made again");
    }

    /** A checkpoint every step (or more often) would make the run mostly writing: refused before the run. */
    @Test
    void aCheckpointIntervalShorterThanAStepIsRefused(@TempDir Path out) {
        Config brief = new Config(Cell.SONG_2000, 100, 10, 0, 0.2, 0, 0.005, 1000, 3);
        for (double everyMs : new double[] {-1, Double.NaN, Double.POSITIVE_INFINITY, 0.01}) {
            String message = assertThrows(IllegalArgumentException.class,
                    () -> SongExperiment.run(brief, 500, everyMs, out)).getMessage();
            assertTrue(message.startsWith("checkpoint interval = " + everyMs + " ms is not allowed"), message);
        }
        assertFalse(Files.exists(out.resolve("result.json")));
    }

    @Test
    void resultJsonComesLastSoARunThatFailsWritingDoesNotLookFinished(@TempDir Path out) throws IOException {
        Files.createDirectories(out.resolve("weights.png").resolve("in the way"));
        Config brief = new Config(Cell.SONG_2000, 100, 10, 0, 0.2, 0, 0.005, 1000, 3);
        assertThrows(IOException.class, () -> SongExperiment.run(brief, 500, out));
        assertFalse(Files.exists(out.resolve("result.json")));
    }

    @Test
    void aDurationBeyondTheStepBoundIsRefused() {
        String message = assertThrows(IllegalArgumentException.class,
                () -> new Config(Cell.SONG_2000, 1000, 10, 0, 0.2, 0, 0.005, 1e300, 3)).getMessage();
        assertTrue(message.startsWith("duration = 1.0E300 ms is not allowed: must be at most "), message);
    }
}

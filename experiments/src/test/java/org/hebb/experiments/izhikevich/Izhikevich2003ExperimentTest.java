package org.hebb.experiments.izhikevich;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.hebb.experiments.output.JsonOutput;
import org.hebb.simulator.Network;
import org.hebb.simulator.monitor.SpikeMonitor;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The paper's network at network scale, against the paper's own program (its MATLAB transliterated line by line to
 * NumPy, seed 1, 60 s after a 1 s transient): network rate 7.16 Hz, spectral peaks at 7.8 Hz (alpha band's lower
 * edge) and 34 Hz (gamma) with 1024 ms segments.
 */
class Izhikevich2003ExperimentTest {
    @TempDir
    Path dir;

    @Test
    void ratesAndRhythmsMatchThePapersProgram() throws IOException {
        Izhikevich2003Experiment.Result r = Izhikevich2003Experiment.run(1, 31_000, 1, dir);
        double networkRate = 0.8 * r.excitatoryRateHz() + 0.2 * r.inhibitoryRateHz();
        System.out.printf("Izhikevich 2003: %.2f Hz (E %.2f, I %.2f); alpha peak %.2f Hz x%.2f, gamma peak %.2f Hz"
                        + " x%.2f; %.1f s%n", networkRate, r.excitatoryRateHz(), r.inhibitoryRateHz(),
                r.alpha().peakHz(), r.alpha().peakRatio(), r.gamma().peakHz(), r.gamma().peakRatio(),
                r.wallSeconds());
        assertEquals(7.16, networkRate, 0.4, "network rate (Hz)");
        assertTrue(r.alpha().hasPeak(), "alpha peak");
        assertEquals(7.8, r.alpha().peakHz(), 1.1, "alpha peak frequency (Hz)");
        assertTrue(r.gamma().hasPeak(), "gamma peak");
        assertEquals(34, r.gamma().peakHz(), 4, "gamma peak frequency (Hz)");
        for (String file : new String[] {"raster.png", "spectrum.png", "result.json", "summary.md"}) {
            assertTrue(Files.size(dir.resolve(file)) > 0, file);
        }
        assertEquals(List.of(), r.warnings(), "the paper's network does not run away");
        Map<?, ?> json = JsonOutput.read(dir.resolve("result.json"), Map.class);
        assertEquals(List.of(), json.get("warnings"), "an empty array, present");
    }

    @Test
    void ratesLeaveTheTransientOutAsTheSpectrumDoes() throws IOException {
        double durationMs = Izhikevich2003Experiment.TRANSIENT_MS + 1100;
        Izhikevich2003Network paper = Izhikevich2003Network.build(1, 1);
        long[] after = new long[2];
        try (Network net = paper.network()) {
            SpikeMonitor[] monitors = {net.monitorSpikes(paper.excitatory()), net.monitorSpikes(paper.inhibitory())};
            net.run(durationMs);
            for (int k = 0; k < 2; k++) {
                after[k] = Arrays.stream(monitors[k].times()).filter(t -> t >= Izhikevich2003Experiment.TRANSIENT_MS)
                        .count();
                assertTrue(after[k] < monitors[k].totalCount(), "the transient has spikes");
            }
        }
        double seconds = (durationMs - Izhikevich2003Experiment.TRANSIENT_MS) / 1000;
        Izhikevich2003Experiment.Result r = Izhikevich2003Experiment.run(1, durationMs, 1, (Path) null);
        assertEquals(after[0] / (seconds * Izhikevich2003Network.EXCITATORY), r.excitatoryRateHz(), 1e-9);
        assertEquals(after[1] / (seconds * Izhikevich2003Network.INHIBITORY), r.inhibitoryRateHz(), 1e-9);
    }

    @Test
    void anImplausibleDurationIsRefusedBeforeAnythingIsWritten() {
        Path out = dir.resolve("out");
        String steps = assertThrows(IllegalArgumentException.class,
                () -> Izhikevich2003Experiment.run(1, 1e300, 1, out)).getMessage();
        assertTrue(steps.startsWith("duration = 1.0E300 ms is not allowed: must be at most 2147483647 ms"), steps);
        String heap = assertThrows(IllegalArgumentException.class,
                () -> Izhikevich2003Experiment.run(1, 2e9, 1, out)).getMessage();
        assertTrue(heap.contains("raise -Xmx") || Runtime.getRuntime().maxMemory() > 80L << 30, heap);
        assertFalse(Files.exists(out));
    }
}

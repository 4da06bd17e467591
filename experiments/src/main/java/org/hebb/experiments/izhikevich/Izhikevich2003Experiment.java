package org.hebb.experiments.izhikevich;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.hebb.experiments.RunPhase;
import org.hebb.experiments.analysis.PowerSpectrum;
import org.hebb.experiments.limits.MemoryEstimate;
import org.hebb.experiments.limits.RunLimits;
import org.hebb.experiments.output.DroppedSpikes;
import org.hebb.experiments.output.OutputDirectory;
import org.hebb.experiments.output.Plots;
import org.hebb.simulator.Network;
import org.hebb.simulator.monitor.PopulationRateMonitor;
import org.hebb.simulator.monitor.SpikeMonitor;
import org.hebb.simulator.storage.AtomicFiles;
import org.hebb.simulator.storage.HebbVersion;
import org.hebb.util.Require;

/**
 * Runs {@link Izhikevich2003Network} and looks for its rhythms: the power spectrum (Welch, 1024 ms Hann segments)
 * of the whole network's rate in 1 ms bins, after a transient, and whether it peaks in the alpha (8-13 Hz) and
 * gamma (30-80 Hz) bands. The mean rates leave the transient out too, as the paper's program's reference does.
 */
public final class Izhikevich2003Experiment {
    /** The result file, written last. */
    public static final String RESULT = "result.json";
    /** The alpha band, Hz. */
    public static final double[] ALPHA_HZ = {8, 13};
    /** The gamma band, Hz. */
    public static final double[] GAMMA_HZ = {30, 80};
    /**
     * A band has a peak when its largest power is a local maximum of the spectrum and exceeds this many times the
     * mean power of the flanks around it (the half-band-wide stretches just below and just above it).
     */
    public static final double PEAK_FACTOR = 1.5;
    /** The start of the run left out of the spectrum, ms. */
    public static final double TRANSIENT_MS = 1000;
    private static final int SEGMENT = 1024;
    /** The shortest run, ms: the transient and one spectrum segment. */
    public static final double MIN_DURATION_MS = TRANSIENT_MS + SEGMENT;
    private static final double RASTER_MS = 1000;
    /** Heap per ms of a run: two rate monitors' 1 ms bins, their rates and the network rate, bytes. */
    private static final double BYTES_PER_MS = 48;
    /** The memory estimate assumes every neuron fires at up to this rate, Hz (the network's is about 7 Hz). */
    private static final double ESTIMATED_MAX_RATE_HZ = 100;

    private Izhikevich2003Experiment() {
    }

    /**
     * What one band shows.
     *
     * @param peakHz     frequency of the band's largest power, Hz
     * @param peakRatio  that power over the mean power of the band's flanks
     * @param hasPeak    whether that power is a local maximum of the spectrum and the ratio exceeds
     *                   {@link #PEAK_FACTOR}
     */
    public record Band(double peakHz, double peakRatio, boolean hasPeak) {
    }

    /**
     * A run's results.
     *
     * @param excitatoryRateHz mean rate of the excitatory neurons after the transient, Hz
     * @param inhibitoryRateHz mean rate of the inhibitory neurons after the transient, Hz
     * @param spectrum         power spectrum of the network rate after the transient
     * @param alpha            the alpha band
     * @param gamma            the gamma band
     * @param wallSeconds      simulation wall time, s
     * @param warnings         the network's warnings, oldest first ({@link Network#warnings()}: runaway activity);
     *                         empty when the run gave none
     */
    public record Result(long seed, double durationMs, double excitatoryRateHz, double inhibitoryRateHz,
                         PowerSpectrum spectrum, Band alpha, Band gamma, double wallSeconds, List<String> warnings) {
        public Result {
            warnings = List.copyOf(warnings);
        }
    }

    /**
     * Runs the network for {@code durationMs} and, when {@code out} is not null, writes plots and results there
     * (result.json last); the duration, the heap and the directory are checked before anything is built.
     */
    public static Result run(long seed, double durationMs, int threads, Path out) throws IOException {
        requireRunnable(durationMs);
        if (out == null) {
            return simulate(seed, durationMs, threads, null);
        }
        try (OutputDirectory directory = OutputDirectory.open(out, RESULT)) {
            return simulate(seed, durationMs, threads, directory);
        }
    }

    /** As {@link #run(long, double, int, Path)} into a directory the caller has opened already. */
    public static Result run(long seed, double durationMs, int threads, OutputDirectory out) throws IOException {
        requireRunnable(durationMs);
        return simulate(seed, durationMs, threads, out);
    }

    /**
     * Fails unless a run of {@code durationMs} (ms) is long enough for a spectrum, short enough and fits the heap,
     * as {@link #run} checks before any work: a caller may check before it runs anything.
     *
     * @throws IllegalArgumentException naming the duration and what is allowed, or the heap the run needs
     */
    public static void requireRunnable(double durationMs) {
        RunLimits.duration("duration", durationMs, Izhikevich2003Network.DT_MS);
        Require.that(durationMs >= TRANSIENT_MS + SEGMENT, "duration = " + durationMs + " ms is not allowed: must be "
                + "at least " + (TRANSIENT_MS + SEGMENT) + " ms (a " + TRANSIENT_MS + " ms transient and one spectrum "
                + "segment)");
        int neurons = Izhikevich2003Network.EXCITATORY + Izhikevich2003Network.INHIBITORY;
        MemoryEstimate.of("The Izhikevich (2003) network for " + durationMs + " ms")
                .neurons(neurons)
                .synapses((double) neurons * neurons, (double) Izhikevich2003Network.EXCITATORY
                        * Izhikevich2003Network.EXCITATORY)
                .values(durationMs, BYTES_PER_MS)
                .values(Math.min(2.0 * SpikeMonitor.DEFAULT_MAX_STORED, neurons * durationMs / 1000
                        * ESTIMATED_MAX_RATE_HZ), 24)
                .requireFits("lower --duration");
    }

    private static Result simulate(long seed, double durationMs, int threads, OutputDirectory out)
            throws IOException {
        RunPhase.workStarts();
        Izhikevich2003Network paper = Izhikevich2003Network.build(seed, threads);
        try (Network net = paper.network()) {
            SpikeMonitor exc = net.monitorSpikes(paper.excitatory());
            SpikeMonitor inh = net.monitorSpikes(paper.inhibitory());
            PopulationRateMonitor excRate = net.monitorRate(paper.excitatory(), 1);
            PopulationRateMonitor inhRate = net.monitorRate(paper.inhibitory(), 1);
            long start = System.nanoTime();
            net.run(durationMs);
            double seconds = (System.nanoTime() - start) / 1e9;
            double[] e = excRate.ratesHz();
            double[] i = inhRate.ratesHz();
            int skip = (int) TRANSIENT_MS;
            double[] network = new double[e.length - skip];
            for (int b = 0; b < network.length; b++) {
                network[b] = (Izhikevich2003Network.EXCITATORY * e[skip + b]
                        + Izhikevich2003Network.INHIBITORY * i[skip + b])
                        / (Izhikevich2003Network.EXCITATORY + Izhikevich2003Network.INHIBITORY);
            }
            PowerSpectrum spectrum = PowerSpectrum.welch(network, 1.0, SEGMENT);
            Result result = new Result(seed, durationMs, meanAfter(e, skip), meanAfter(i, skip), spectrum,
                    band(spectrum, ALPHA_HZ), band(spectrum, GAMMA_HZ), seconds, net.warnings());
            if (out != null) {
                write(out, result, exc, inh);
            }
            return result;
        }
    }

    /** The mean of the 1 ms bins' rates from bin {@code skip} on: the rate after the transient, Hz. */
    private static double meanAfter(double[] ratesHz, int skip) {
        double sum = 0;
        for (int b = skip; b < ratesHz.length; b++) {
            sum += ratesHz[b];
        }
        return sum / (ratesHz.length - skip);
    }

    /**
     * The band's largest power over the bins that overlap it (a bin is as wide as the spectrum's resolution), and
     * that power against the mean power of the flanks: half a band wide on each side, beyond those bins.
     */
    static Band band(PowerSpectrum spectrum, double[] bandHz) {
        double[] f = spectrum.frequenciesHz();
        double[] p = spectrum.power();
        double halfBin = (f[1] - f[0]) / 2;
        int first = -1;
        int last = -1;
        for (int b = 0; b < f.length; b++) {
            if (f[b] + halfBin > bandHz[0] && f[b] - halfBin < bandHz[1]) {
                first = first < 0 ? b : first;
                last = b;
            }
        }
        int peak = first;
        for (int b = first; b <= last; b++) {
            peak = p[b] > p[peak] ? b : peak;
        }
        double width = bandHz[1] - bandHz[0];
        double flanks = (spectrum.meanPower(f[first] - halfBin - width / 2, f[first] - halfBin)
                + spectrum.meanPower(f[last] + halfBin, f[last] + halfBin + width / 2)) / 2;
        boolean localMaximum = peak > 0 && peak < f.length - 1 && p[peak] > p[peak - 1] && p[peak] > p[peak + 1];
        double ratio = p[peak] / flanks;
        return new Band(f[peak], ratio, localMaximum && ratio > PEAK_FACTOR);
    }

    private static void write(OutputDirectory out, Result r, SpikeMonitor exc, SpikeMonitor inh)
            throws IOException {
        String title = "Izhikevich (2003) network, seed " + r.seed();
        DroppedSpikes dropped = DroppedSpikes.of(List.of(exc, inh));
        Plots.raster(out.resolve("raster.png"), title + ": the first " + (int) RASTER_MS + " ms",
                List.of(Plots.RasterGroup.of("excitatory", exc, Izhikevich2003Network.EXCITATORY, 0, RASTER_MS,
                                Plots.EXCITATORY),
                        Plots.RasterGroup.of("inhibitory", inh, Izhikevich2003Network.INHIBITORY,
                                Izhikevich2003Network.EXCITATORY, RASTER_MS, Plots.INHIBITORY)), RASTER_MS, dropped);
        double[] f = r.spectrum().frequenciesHz();
        int shown = 0;
        while (shown < f.length && f[shown] <= 100) {
            shown++;
        }
        Plots.lines(out.resolve("spectrum.png"), title + ": power spectrum of the network rate (Welch, "
                        + SEGMENT + " ms segments)", "frequency (Hz)", "power (Hz^2 / Hz)",
                java.util.Arrays.copyOf(f, shown), List.of("network rate"),
                List.of(java.util.Arrays.copyOf(r.spectrum().power(), shown)));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("network", "Izhikevich 2003, 800 excitatory + 200 inhibitory");
        json.put("seed", r.seed());
        json.put("hebb_version", HebbVersion.describe());
        json.put("duration_ms", r.durationMs());
        json.put("excitatory_rate_hz", r.excitatoryRateHz());
        json.put("inhibitory_rate_hz", r.inhibitoryRateHz());
        json.put("alpha_peak_hz", r.alpha().peakHz());
        json.put("alpha_peak_ratio", r.alpha().peakRatio());
        json.put("gamma_peak_hz", r.gamma().peakHz());
        json.put("gamma_peak_ratio", r.gamma().peakRatio());
        json.put("alpha_gamma_peaks", r.alpha().hasPeak() && r.gamma().hasPeak());
        json.put("dropped_spikes", dropped.count());
        json.put("wall_seconds", r.wallSeconds());
        json.put("warnings", r.warnings());
        json.put("spectrum_hz", java.util.Arrays.copyOf(f, shown));
        json.put("spectrum_power", java.util.Arrays.copyOf(r.spectrum().power(), shown));
        StringBuilder md = new StringBuilder("# Izhikevich (2003) network\n\n| quantity | value |\n|---|---|\n");
        json.forEach((k, v) -> {
            if (v instanceof List<?> list) {
                md.append("| ").append(k).append(" | ").append(list.size()).append(" |\n");
            } else if (!(v instanceof double[])) {
                md.append("| ").append(k).append(" | ").append(v).append(" |\n");
            }
        });
        r.warnings().forEach(w -> md.append("\nWarning: ").append(w).append('\n'));
        md.append("\nRates and spectrum leave out the first ").append((int) TRANSIENT_MS).append(" ms.\n");
        md.append("\nA band has a peak when, over the frequency bins that overlap it, the largest power is a local "
                + "maximum of the spectrum and exceeds ").append(PEAK_FACTOR).append(" times the mean power of its "
                + "flanks (half a band wide on each side).\nPlots: raster.png, spectrum.png.\n");
        if (dropped.any()) {
            md.append(String.format(Locale.ROOT,
                    "%nThe spike monitors stored spikes up to %.1f ms only: dropped_spikes more were "
                    + "counted (in the rates) but are not in the raster.%n", dropped.fromMs()));
        }
        AtomicFiles.write(out.resolve("summary.md"), md.toString());
        out.writeResult(json);
    }
}

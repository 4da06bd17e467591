package org.hebb.experiments.stdp;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.hebb.experiments.RunPhase;
import org.hebb.experiments.jobs.Fingerprint;
import org.hebb.experiments.output.OutputDirectory;
import org.hebb.experiments.output.Plots;
import org.hebb.experiments.stdp.SongMillerAbbott.Config;
import org.hebb.experiments.stdp.SongMillerAbbott.Result;
import org.hebb.experiments.stdp.SongMillerAbbott.Snapshot;
import org.hebb.simulator.storage.AtomicFiles;
import org.hebb.simulator.storage.HebbVersion;
import org.hebb.util.Require;

/**
 * Runs {@link SongMillerAbbott} with snapshots and writes what a person looks at: how the weights leave the
 * uniform start for the bounds, how the output rate settles, and the final weight histogram.
 */
public final class SongExperiment {
    /** The result file, written last. */
    public static final String RESULT = "result.json";
    /**
     * The version of the code that runs the model from given settings (the inputs' random streams, the neuron, the
     * STDP rule, the monitors), part of the digest that names a checkpoint, so that a checkpoint made by another
     * version is not resumed from and no result mixes the two. Bump it with every change to Hebb that makes another
     * run from the same settings; changes that give the same run bit for bit need none. Version 1 (checkpoints named
     * by the settings alone) drew the inputs' spikes from 24-bit uniforms; version 2 draws them as exact 63-bit
     * Bernoulli trials; version 3 steps the membrane's exponential Euler by its increment, v + (v + b/a) expm1(a h);
     * version 4 draws a correlated group so that its spike-count correlation is exactly the one asked for.
     */
    public static final int GENERATOR_VERSION = 4;

    private SongExperiment() {
    }

    /**
     * Runs one configuration, a snapshot every {@code snapshotMs}, and writes the results to {@code out}, result.json
     * last; the settings are checked and the directory opened ({@link OutputDirectory}) before the run.
     */
    public static Result run(Config config, double snapshotMs, Path out) throws IOException {
        return run(config, snapshotMs, 0, out);
    }

    /**
     * As {@link #run(Config, double, Path)}, saving a checkpoint to {@code out} every {@code checkpointMs} of
     * simulated time (none if 0). A run killed on the way goes on from its last checkpoint when run again with the
     * same settings, and gives the result of an uninterrupted run. The checkpoint's name holds a digest of the
     * settings and {@link #GENERATOR_VERSION}, so other settings, or checkpoints of another version, start afresh.
     *
     * @param checkpointMs simulated time between checkpoints, ms: 0 for none, else at least one time step
     *                     ({@link SongMillerAbbott#DT_MS})
     */
    public static Result run(Config config, double snapshotMs, double checkpointMs, Path out) throws IOException {
        SongMillerAbbott.requireRunnable(config, snapshotMs);
        Require.that(checkpointMs == 0 || (checkpointMs >= SongMillerAbbott.DT_MS && Double.isFinite(checkpointMs)),
                "checkpoint interval = " + checkpointMs + " ms is not allowed: must be 0 (no checkpoints) or a "
                        + "finite number of at least one time step, " + SongMillerAbbott.DT_MS + " ms");
        try (OutputDirectory directory = OutputDirectory.open(out, RESULT)) {
            SongMillerAbbott.Checkpointing checkpointing = checkpointMs <= 0 ? null
                    : new SongMillerAbbott.Checkpointing(directory.resolve(checkpointName(config, snapshotMs)),
                    checkpointMs);
            RunPhase.workStarts();
            Result result = SongMillerAbbott.run(config, snapshotMs, checkpointing);
            Map<String, Object> json = summary(result, snapshotMs);
            plot(directory, result);
            AtomicFiles.write(directory.resolve("summary.md"), markdown(json, result));
            directory.writeResult(json);
            return result;
        }
    }

    /**
     * The checkpoint's file name: 64 bits of a SHA-256 digest of the settings and {@link #GENERATOR_VERSION} (until
     * 2026-12-07 a 32-bit String hash, whose files are not resumed from).
     */
    static String checkpointName(Config config, double snapshotMs) {
        String settings = config + " " + snapshotMs + ", generator version " + GENERATOR_VERSION;
        return "checkpoint-" + new Fingerprint().add(settings.getBytes(StandardCharsets.UTF_8)).hex() + ".h5";
    }

    private static Map<String, Object> summary(Result r, double snapshotMs) {
        Config c = r.config();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("experiment", "Song, Miller & Abbott (2000): additive STDP onto one conductance LIF neuron");
        json.put("seed", c.seed());
        json.put("hebb_version", HebbVersion.describe());
        json.put("tau_m_ms", c.cell().tauMs());
        json.put("e_leak_mv", c.cell().restMv());
        json.put("g_max_leak_units", c.cell().gMaxLeak());
        json.put("inputs", c.inputs());
        json.put("rate_hz", c.rateHz());
        json.put("correlated_inputs", c.correlatedInputs());
        json.put("correlation", c.correlatedInputs() > 0 ? c.correlation() : null);
        json.put("inhibitory_inputs", c.inhibitoryInputs());
        json.put("a_plus", c.aPlus());
        json.put("a_minus", c.aPlus() * SongMillerAbbott.A_MINUS_OVER_A_PLUS);
        json.put("dt_ms", SongMillerAbbott.DT_MS);
        json.put("duration_s", c.durationMs() / 1000);
        json.put("snapshot_interval_s", snapshotMs / 1000);
        json.put("output_rate_first_tenth_hz", r.outputRateFirstHz());
        json.put("output_rate_last_tenth_hz", r.outputRateLastHz());
        json.put("fraction_near_bounds", r.fractionNearBounds());
        json.put("mean_weight_correlated", finiteOrNull(r.meanCorrelated()));
        json.put("mean_weight_uncorrelated", finiteOrNull(r.meanUncorrelated()));
        json.put("dropped_spikes", r.droppedSpikes());
        json.put("wall_seconds", r.simulationSeconds());
        json.put("resumed_from_s", r.resumedFromMs() / 1000);
        json.put("warnings", r.warnings());
        List<Map<String, Object>> snapshots = new ArrayList<>();
        for (Snapshot s : r.snapshots()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("time_s", s.timeMs() / 1000);
            m.put("fraction_near_bounds", s.fractionNearBounds());
            m.put("mean_weight_correlated", finiteOrNull(s.meanCorrelated()));
            m.put("mean_weight_uncorrelated", finiteOrNull(s.meanUncorrelated()));
            m.put("output_rate_hz", s.outputRateHz());
            m.put("histogram", s.histogram());
            snapshots.add(m);
        }
        json.put("initial_histogram", r.start().histogram());
        json.put("snapshots", snapshots);
        json.put("final_weights_over_g_max", r.weightsOverGMax());
        return json;
    }

    /**
     * A time on the clock, ms, in seconds with as many decimals as its steps need, so that the start and the end of
     * a run shorter than a second are told apart.
     */
    static String seconds(double timeMs) {
        return BigDecimal.valueOf(Math.round(timeMs / SongMillerAbbott.DT_MS))
                .multiply(BigDecimal.valueOf(SongMillerAbbott.DT_MS)).movePointLeft(3).stripTrailingZeros()
                .toPlainString();
    }

    private static Double finiteOrNull(double value) {
        return Double.isFinite(value) ? value : null;
    }

    private static void plot(OutputDirectory out, Result r) throws IOException {
        List<Snapshot> snapshots = r.snapshots();
        Snapshot first = r.start();
        Snapshot last = snapshots.get(snapshots.size() - 1);
        String title = String.format(Locale.ROOT, "Song, Miller & Abbott, %d inputs at %.0f Hz, seed %d",
                r.config().inputs(), r.config().rateHz(), r.config().seed());
        List<String> bins = new ArrayList<>();
        for (int b = 0; b < first.histogram().length; b++) {
            bins.add(String.format(Locale.ROOT, "%.1f-%.1f", b / 10.0, (b + 1) / 10.0));
        }
        Plots.bars(out.resolve("weights.png"), title + ": weight histogram", "w / g_max", "synapses", bins,
                List.of("t = " + seconds(first.timeMs()) + " s", "t = " + seconds(last.timeMs()) + " s"),
                List.of(asDoubles(first.histogram()), asDoubles(last.histogram())));
        double[] timesS = snapshots.stream().mapToDouble(s -> s.timeMs() / 1000).toArray();
        List<String> labels = new ArrayList<>(List.of("fraction within 10% of a bound"));
        List<double[]> series = new ArrayList<>(List.of(
                snapshots.stream().mapToDouble(Snapshot::fractionNearBounds).toArray()));
        if (r.config().correlatedInputs() > 0) {
            labels.add("mean weight / g_max, correlated inputs");
            series.add(snapshots.stream().mapToDouble(Snapshot::meanCorrelated).toArray());
        }
        if (r.config().correlatedInputs() < r.config().inputs()) {
            labels.add("mean weight / g_max, uncorrelated inputs");
            series.add(snapshots.stream().mapToDouble(Snapshot::meanUncorrelated).toArray());
        }
        Plots.lines(out.resolve("weights_over_time.png"), title + ": weights over time", "time (s)", "fraction",
                timesS, labels, series);
        Plots.lines(out.resolve("output_rate.png"), title + ": output rate between snapshots", "time (s)",
                "rate (Hz)", timesS, List.of("output rate"),
                List.of(snapshots.stream().mapToDouble(Snapshot::outputRateHz).toArray()));
    }

    private static double[] asDoubles(int[] values) {
        double[] d = new double[values.length];
        for (int k = 0; k < values.length; k++) {
            d[k] = values[k];
        }
        return d;
    }

    private static String markdown(Map<String, Object> json, Result r) {
        StringBuilder md = new StringBuilder("# Song, Miller & Abbott (2000)\n\n| quantity | value |\n|---|---|\n");
        json.forEach((k, v) -> {
            if (!(v instanceof List<?>) && !(v instanceof float[]) && !(v instanceof int[])) {
                md.append("| ").append(k).append(" | ").append(v).append(" |\n");
            }
        });
        md.append("| warnings | ").append(r.warnings().size()).append(" |\n");
        r.warnings().forEach(w -> md.append("\nWarning: ").append(w).append('\n'));
        md.append("\n| time (s) | within 10% of a bound | output rate (Hz) | weights per tenth of g_max |\n"
                + "|---|---|---|---|\n");
        for (Snapshot s : r.snapshots()) {
            md.append(String.format(Locale.ROOT, "| %.1f | %.3f | %.2f | %s |%n", s.timeMs() / 1000,
                    s.fractionNearBounds(), s.outputRateHz(), java.util.Arrays.toString(s.histogram())));
        }
        md.append("\nPlots: weights.png (histogram at the start and at the end), weights_over_time.png, "
                + "output_rate.png.\n");
        if (r.droppedSpikes() > 0) {
            md.append("\nThe output's spike monitor was full: dropped_spikes spikes were counted but not stored, and "
                    + "the output rates leave them out.\n");
        }
        return md.toString();
    }
}

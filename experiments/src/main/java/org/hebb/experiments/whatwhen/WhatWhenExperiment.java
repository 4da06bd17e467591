package org.hebb.experiments.whatwhen;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.hebb.experiments.RunPhase;
import org.hebb.experiments.izhikevich.Izhikevich2003Experiment;
import org.hebb.experiments.limits.MemoryEstimate;
import org.hebb.experiments.output.OutputDirectory;
import org.hebb.experiments.output.Plots;
import org.hebb.simulator.storage.AtomicFiles;
import org.hebb.simulator.storage.HebbVersion;

/**
 * The "what" and "when" experiment end to end: the run, its measures, the Izhikevich (2003) network check with
 * the same seed, and the outputs (result.json, summary.md, readout_traces.png, learning_curves.png,
 * subspace_angle.png).
 */
public final class WhatWhenExperiment {
    /** The result file, written last. */
    public static final String RESULT = "result.json";
    private static final double IZHIKEVICH_2003_MS = 31_000;
    /** What summary.md says of a readout that never settled after the latency change. */
    private static final String NEVER_SETTLED = "never settled (no " + WhatWhenMetrics.CURVE_WINDOW + "-trial mean "
            + "came within 10% of its new steady state)";

    private WhatWhenExperiment() {
    }

    /**
     * Runs and writes everything under {@code out}, result.json last; returns the result's fields. The run's size is
     * checked against the heap, and {@code out} and its izhikevich2003/ opened ({@link OutputDirectory}), first.
     */
    public static Map<String, Object> run(WhatWhenSettings s, Path out) throws IOException {
        requireFits(s);
        try (OutputDirectory directory = OutputDirectory.open(out, RESULT);
             OutputDirectory rhythmsDirectory = OutputDirectory.open(directory.resolve("izhikevich2003"),
                     Izhikevich2003Experiment.RESULT)) {
            return run(s, directory, rhythmsDirectory);
        }
    }

    /**
     * Fails unless a run with settings {@code s} fits the JVM's heap ({@link #memory}), as {@link #run} checks before
     * any work: a caller may check before it runs anything.
     *
     * @throws IllegalArgumentException naming the run's size, the heap it needs and the heap there is
     */
    public static void requireFits(WhatWhenSettings s) {
        memory(s).requireFits("lower --excitatory or --trials");
    }

    /**
     * An estimate of the heap a run with settings {@code s} needs: the reservoir and its pairs while they are drawn,
     * FORCE's two n x n matrices, the activity samples (and their analysis: a second moment and its decomposition,
     * n x n each) and a block's replay samples.
     */
    static MemoryEstimate memory(WhatWhenSettings s) {
        double n = s.neurons();
        double trials = s.exposureTrials() + s.blocks().stream().mapToInt(WhatWhenSettings.Block::trials).sum();
        double largestBlock = s.blocks().stream().mapToInt(WhatWhenSettings.Block::trials).max().orElse(0);
        double recurrent = s.connectionProb() * n * n;
        return MemoryEstimate.of("what-when with " + s.neurons() + " reservoir neurons and " + (long) trials
                        + " trials")
                .neurons(n)
                .synapses(recurrent + (4.0 + s.whatSubspaceRows()) * n, recurrent)
                .values(recurrent, 20)
                .values(n * n, 2 * 8 + 4 * 8)
                .values(trials * s.trialMs() / WhatWhenRun.ACTIVITY_EVERY_MS * n, 4)
                .values(largestBlock * (s.trialMs() - s.gateFromMs()) / WhatWhenRun.REPLAY_EVERY_MS * n, 4);
    }

    private static Map<String, Object> run(WhatWhenSettings s, OutputDirectory out, OutputDirectory rhythmsOut)
            throws IOException {
        RunPhase.workStarts();
        WhatWhenRun run = WhatWhenRun.run(s);
        WhatWhenMetrics m = WhatWhenMetrics.of(run);
        Izhikevich2003Experiment.Result rhythms = Izhikevich2003Experiment.run(s.seed(), IZHIKEVICH_2003_MS, 1,
                rhythmsOut);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("seed", s.seed());
        json.put("hebb_version", HebbVersion.describe());
        json.put("reservoir_neurons", s.neurons());
        json.put("trials", run.trials().size());
        json.put("reservoir_rate_hz", run.reservoirRateHz());
        json.put("timing_error_fraction", m.timingErrorFraction());
        json.put("timing_within_tolerance", m.timingWithinTolerance());
        json.put("probability_pearson_r", m.probabilityPearsonR());
        if (m.adaptation() != null) {
            putAdaptation(json, m.adaptation());
        }
        WhatWhenMetrics.SubspaceAngle last = m.angles().get(m.angles().size() - 1);
        json.put("subspace_angle_deg", last.smallestDeg());
        json.put("subspace_largest_angle_deg", last.largestDeg());
        json.put("subspace_dimensions", last.dimensions());
        json.put("subspace_null_median_deg", last.nullMedianDeg());
        json.put("subspace_null_5th_percentile_deg", last.nullFifthPercentileDeg());
        json.put("subspace_angle_per_block_deg", m.angles().stream()
                .mapToDouble(WhatWhenMetrics.SubspaceAngle::smallestDeg).toArray());
        json.put("what_subspace_rows", s.whatSubspaceRows());
        json.put("what_subspace_fit_deg", run.subspaceFitDeg());
        json.put("what_identity_accuracy", m.whatIdentityAccuracy());
        json.put("alpha_gamma_peaks", rhythms.alpha().hasPeak() && rhythms.gamma().hasPeak());
        json.put("alpha_peak_hz", rhythms.alpha().peakHz());
        json.put("gamma_peak_hz", rhythms.gamma().peakHz());
        List<Map<String, Object>> conditions = new ArrayList<>();
        for (WhatWhenMetrics.Condition c : m.conditions()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("block", c.block());
            row.put("cue", cueName(c.cue()));
            row.put("latency_ms", c.latencyMs());
            row.put("probability", c.probability());
            row.put("peak_ms", c.peakMs());
            row.put("peak_amplitude", c.peakAmplitude());
            row.put("timing_error_fraction", c.timingErrorFraction());
            conditions.add(row);
        }
        json.put("conditions", conditions);
        json.put("wall_seconds", run.wallSeconds());
        json.put("warnings", run.warnings());
        json.put("settings", s);
        plot(out, run, m);
        AtomicFiles.write(out.resolve("summary.md"), markdown(json, m));
        out.writeResult(json);
        return json;
    }

    /**
     * Puts the adaptation's fields into {@code json}: per readout the trials it took to settle, null where it never
     * settled, and {@code adaptation_settled} saying which did.
     */
    static void putAdaptation(Map<String, Object> json, WhatWhenMetrics.Adaptation a) {
        json.put("adaptation_block", a.block());
        json.put("adaptation_cue", cueName(a.cue()));
        json.put("adaptation_trials_three_factor", a.trials()[ReadoutKind.THREE_FACTOR.ordinal()]);
        json.put("adaptation_trials_force_no_reset", a.trials()[ReadoutKind.FORCE_NO_RESET.ordinal()]);
        json.put("adaptation_trials_force_reset", a.trials()[ReadoutKind.FORCE_RESET.ordinal()]);
        json.put("adaptation_settled", a.settled());
        json.put("adaptation_relearned", a.relearned());
        json.put("adaptation_level_before", a.before());
        json.put("adaptation_level_after", a.after());
    }

    static String cueName(int cue) {
        return String.valueOf((char) ('A' + cue));
    }

    private static void plot(OutputDirectory out, WhatWhenRun run, WhatWhenMetrics m) throws IOException {
        WhatWhenSettings s = run.settings();
        double[] ms = new double[s.trialMs()];
        for (int t = 0; t < ms.length; t++) {
            ms[t] = t;
        }
        List<String> labels = new ArrayList<>();
        List<double[]> traces = new ArrayList<>();
        for (WhatWhenMetrics.Condition c : m.conditions()) {
            labels.add(String.format(Locale.ROOT, "block %d, cue %s: %d ms, p %.2f", c.block() + 1, cueName(c.cue()),
                    c.latencyMs(), c.probability()));
            traces.add(c.meanTrace());
        }
        String seed = " (seed " + s.seed() + ")";
        Plots.lines(out.resolve("readout_traces.png"), "Three-factor \"when\" readouts after each block: mean output"
                + " over the last trials of each cue" + seed, "time after cue onset (ms)", "readout output", ms,
                labels, traces);
        WhatWhenMetrics.Adaptation a = m.adaptation();
        if (a != null) {
            double[] trial = new double[a.curves()[0].length];
            for (int t = 0; t < trial.length; t++) {
                trial[t] = t + WhatWhenMetrics.CURVE_WINDOW;
            }
            List<String> kinds = new ArrayList<>();
            List<double[]> curves = new ArrayList<>();
            for (ReadoutKind kind : ReadoutKind.values()) {
                kinds.add(kind.label());
                curves.add(clipped(a.curves()[kind.ordinal()]));
            }
            Plots.lines(out.resolve("learning_curves.png"), "Cue " + cueName(a.cue()) + ": performance (1 - NMSE, "
                            + WhatWhenMetrics.CURVE_WINDOW + "-trial mean ending at each trial, clipped at -1) over "
                            + "its trials; blocks "
                            + "change after its trials " + blockEnds(run, a.cue()) + seed,
                            "trial of cue " + cueName(a.cue()),
                    "performance", trial, kinds, curves);
        }
        double[] blocks = new double[m.angles().size()];
        for (int b = 0; b < blocks.length; b++) {
            blocks[b] = b + 1;
        }
        Plots.lines(out.resolve("subspace_angle.png"), "Smallest principal angle between the \"what\" and \"when\" "
                        + "readout weight subspaces, inside the activity subspace" + seed, "end of block", "degrees",
                blocks, List.of("measured", "random vectors: median", "random vectors: 5th percentile"),
                List.of(m.angles().stream().mapToDouble(WhatWhenMetrics.SubspaceAngle::smallestDeg).toArray(),
                        m.angles().stream().mapToDouble(WhatWhenMetrics.SubspaceAngle::nullMedianDeg).toArray(),
                        m.angles().stream().mapToDouble(WhatWhenMetrics.SubspaceAngle::nullFifthPercentileDeg)
                                .toArray()));
    }

    /** How many of the cue's trials came before each block change, for the plot's title. */
    private static String blockEnds(WhatWhenRun run, int cue) {
        List<String> ends = new ArrayList<>();
        int count = 0;
        for (int t = 0; t < run.trials().size(); t++) {
            Trial trial = run.trials().get(t);
            if (t > 0 && trial.block() != run.trials().get(t - 1).block()) {
                ends.add(String.valueOf(count));
            }
            count += trial.cue() == cue ? 1 : 0;
        }
        return String.join(" and ", ends);
    }

    private static double[] clipped(double[] x) {
        double[] out = x.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.max(-1, out[i]);
        }
        return out;
    }

    private static String markdown(Map<String, Object> json, WhatWhenMetrics m) {
        StringBuilder md = new StringBuilder("# \"What\" and \"when\" in an Izhikevich reservoir\n\n")
                .append("| quantity | value |\n|---|---|\n");
        json.forEach((k, v) -> {
            if (!(v instanceof double[]) && !(v instanceof List) && !(v instanceof WhatWhenSettings)) {
                md.append("| ").append(k).append(" | ").append(v instanceof boolean[] b
                        ? java.util.Arrays.toString(b) : v == null && k.startsWith("adaptation_trials_")
                        ? NEVER_SETTLED : v).append(" |\n");
            }
        });
        List<?> warnings = (List<?>) json.get("warnings");
        md.append("| warnings | ").append(warnings.size()).append(" |\n");
        warnings.forEach(w -> md.append("\nWarning: ").append(w).append('\n'));
        md.append("\n| block | cue | latency (ms) | probability | peak (ms) | peak amplitude |\n")
                .append("|---|---|---|---|---|---|\n");
        for (WhatWhenMetrics.Condition c : m.conditions()) {
            md.append(String.format(Locale.ROOT, "| %d | %s | %d | %.2f | %d | %.3f |%n", c.block() + 1,
                    cueName(c.cue()), c.latencyMs(), c.probability(), c.peakMs(), c.peakAmplitude()));
        }
        md.append("\nPlots: readout_traces.png, learning_curves.png, subspace_angle.png; the Izhikevich (2003) network"
                + " with the same seed in izhikevich2003/.\n");
        return md.toString();
    }
}

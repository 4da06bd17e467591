package org.hebb.experiments.sweep;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.hebb.experiments.output.Plots;
import org.hebb.simulator.storage.AtomicFiles;

/** The files that summarise a sweep: {@code sweep.csv}, {@code summary.md} and {@code sweep.png}. */
final class SweepSummary {
    /** The result field listing a run's warnings (runaway activity, a full spike monitor), where it has one. */
    static final String WARNINGS = "warnings";

    private SweepSummary() {
    }

    static void write(String experiment, SweepPlan plan, Sweep.Outcome outcome, Path out) throws IOException {
        List<String> fields = new ArrayList<>(Sweep.numberFields(outcome.results()));
        fields.remove("seed");
        // a swept option has its column already, whether a result names it a-b or a_b
        plan.swept().keySet().forEach(option -> fields.removeAll(Sweep.resultNames(option)));
        StringBuilder csv = new StringBuilder("point,seed");
        plan.swept().keySet().forEach(option -> csv.append(',').append(option.replaceFirst("^-+", "")));
        fields.forEach(f -> csv.append(',').append(f));
        boolean anyWarnings = outcome.results().stream().anyMatch(r -> r.get(WARNINGS) instanceof List<?>);
        if (anyWarnings) {
            csv.append(',').append(WARNINGS);
        }
        csv.append('\n');
        Map<String, List<Double>> byCombination = new LinkedHashMap<>();
        for (int k = 0; k < outcome.points().size(); k++) {
            SweepPlan.Point point = outcome.points().get(k);
            Map<String, Object> result = outcome.results().get(k);
            csv.append(point.name()).append(',').append(point.seed());
            point.values().values().forEach(v -> csv.append(',').append(csvField(v)));
            for (String f : fields) {
                csv.append(',').append(result.get(f) instanceof Number n ? n.toString() : "");
            }
            if (anyWarnings) {
                csv.append(',').append(result.get(WARNINGS) instanceof List<?> w ? String.valueOf(w.size()) : "");
            }
            csv.append('\n');
            if (result.get(outcome.metric()) instanceof Number n) {
                byCombination.computeIfAbsent(SweepPlan.combinationName(point.values()), c -> new ArrayList<>())
                        .add(n.doubleValue());
            }
        }
        AtomicFiles.write(out.resolve("sweep.csv"), csv.toString());
        StringBuilder md = new StringBuilder("# Sweep of " + experiment + "\n\nSeeds: ");
        for (long seed : plan.seeds()) {
            md.append(seed).append(' ');
        }
        md.append("\nSwept: ").append(plan.swept().isEmpty() ? "nothing" : plan.swept().toString())
                .append("\nFixed options: ").append(String.join(" ", plan.fixed()))
                .append("\n\n| combination | seeds | mean ").append(outcome.metric()).append(" | sd | values |\n")
                .append("|---|---|---|---|---|\n");
        List<String> combinations = new ArrayList<>(byCombination.keySet());
        double[] means = new double[combinations.size()];
        for (int c = 0; c < combinations.size(); c++) {
            List<Double> values = byCombination.get(combinations.get(c));
            double mean = values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
            double sd = values.size() < 2 ? 0 : Math.sqrt(values.stream().mapToDouble(v -> (v - mean) * (v - mean))
                    .sum() / (values.size() - 1));
            means[c] = mean;
            md.append("| ").append(combinations.get(c)).append(" | ").append(values.size()).append(" | ")
                    .append(String.format(Locale.ROOT, "%.6g", mean)).append(" | ")
                    .append(String.format(Locale.ROOT, "%.3g", sd)).append(" | ")
                    .append(values).append(" |\n");
        }
        md.append("\nHebb: ");
        Map<String, List<String>> byBuild = Sweep.pointsByBuild(outcome.points(), outcome.results());
        if (byBuild.size() == 1) {
            md.append(byBuild.keySet().iterator().next()).append(" (every point)\n");
        } else {
            List<String> builds = new ArrayList<>();
            byBuild.forEach((build, names) -> builds.add(build + " (" + String.join(", ", names) + ")"));
            md.append(String.join("; ", builds)).append('\n');
        }
        if (anyWarnings) {
            md.append(warnings(outcome));
        }
        md.append("\nOne result per point in `<point>/`; every number of every result in `sweep.csv`; the metric per "
                + "combination in `sweep.png`.\n");
        AtomicFiles.write(out.resolve("summary.md"), md.toString());
        List<String> labels = new ArrayList<>();
        List<double[]> series = new ArrayList<>();
        for (long seed : plan.seeds()) {
            labels.add("seed " + seed);
            series.add(metricOfSeed(outcome, seed, combinations));
        }
        labels.add("mean");
        series.add(means);
        Plots.bars(out.resolve("sweep.png"), experiment + ": " + outcome.metric() + " per combination",
                "combination", outcome.metric(), combinations, labels, series);
    }

    /** summary.md's list of the points whose results hold warnings, each with its first, or a line saying none. */
    private static String warnings(Sweep.Outcome outcome) {
        StringBuilder md = new StringBuilder();
        for (int k = 0; k < outcome.points().size(); k++) {
            if (outcome.results().get(k).get(WARNINGS) instanceof List<?> w && !w.isEmpty()) {
                md.append("- ").append(outcome.points().get(k).name()).append(": ").append(w.size())
                        .append(w.size() == 1 ? " warning: " : " warnings, the first: ").append(w.get(0))
                        .append('\n');
            }
        }
        return md.isEmpty() ? "\nWarnings: none in any point's result.\n"
                : "\nWarnings (in the points' results; see each point's result file):\n\n" + md;
    }

    /**
     * The metric of each combination's point run with {@code seed}, in the order of {@code combinations}; NaN (no bar)
     * where that point's result lacks the metric.
     */
    static double[] metricOfSeed(Sweep.Outcome outcome, long seed, List<String> combinations) {
        double[] values = new double[combinations.size()];
        Arrays.fill(values, Double.NaN);
        for (int k = 0; k < outcome.points().size(); k++) {
            SweepPlan.Point p = outcome.points().get(k);
            if (p.seed() == seed && outcome.results().get(k).get(outcome.metric()) instanceof Number n) {
                values[combinations.indexOf(SweepPlan.combinationName(p.values()))] = n.doubleValue();
            }
        }
        return values;
    }

    /** {@code value} as a CSV field: quoted, its quotes doubled, when it holds a comma or a quote (a list value). */
    static String csvField(String value) {
        return value.contains(",") || value.contains("\"") ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }
}

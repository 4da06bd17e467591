package org.hebb.experiments.sweep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.hebb.experiments.HebbCommand;
import org.hebb.experiments.RunPhase;
import org.hebb.experiments.jobs.JobExecutor;
import org.hebb.experiments.limits.MemoryEstimate;
import org.hebb.simulator.storage.AtomicFiles;
import org.hebb.simulator.storage.HebbVersion;

/**
 * Runs an experiment at every point of a {@link SweepPlan}, each into its own directory under the sweep's, and
 * summarises the results: {@code sweep.csv} (one row per point: its seed, swept values and every number of its
 * result), {@code summary.md} (per combination of swept values, the mean and standard deviation of one metric over
 * the seeds) and {@code sweep.png} (that metric per combination, each seed and the mean). Points are jobs
 * ({@link SweepPointJob}) run by a {@link JobExecutor}: in this process, one after another by default, or on a
 * cluster; each point's result file comes back to this process and is written into its directory atomically. A
 * point whose result file is there is not run again, and each experiment resumes from its own checkpoints, so a
 * sweep started again goes on where it stopped; points that another build of Hebb made are reused too, with a
 * warning naming them, and the summary names the builds.
 */
public final class Sweep {
    /** The result files an experiment may write, in the order looked for. */
    static final List<String> RESULT_FILES = List.of("result.json", "summary.json", "pixel-readout.json");
    /** The result field that names the build of Hebb that made the result. */
    static final String BUILD_FIELD = "hebb_version";
    /** Where a sweep records its experiment and fixed options, in its --out. */
    static final String PLAN_FILE = "sweep-command.json";
    /**
     * The result field summarised when --metric is left out: the experiment's headline number. The other
     * experiments' results have none (their first numbers are settings, such as the seed), so they need --metric.
     */
    static final Map<String, String> DEFAULT_METRICS = Map.of("nalsm", "test_accuracy", "pixel-readout",
            "test_accuracy", "hlop", "acc");

    /**
     * What a sweep gave.
     *
     * @param points  the points, in the plan's order
     * @param results each point's result (its JSON's fields)
     * @param metric  the field summarised and plotted
     */
    public record Outcome(List<SweepPlan.Point> points, List<Map<String, Object>> results, String metric) {
    }

    private Sweep() {
    }

    /**
     * Runs {@code experiment} at every point of {@code plan} on {@code executor}, into {@code out} (a relative one
     * resolved against this process's working directory, for the points on a cluster's workers too), and writes the
     * summary; {@code metric} is the result field to summarise (null: the experiment's headline number,
     * {@link #DEFAULT_METRICS}).
     *
     * @throws IllegalArgumentException before any point runs when {@code metric} is null and the experiment has no
     *                                  headline number, or when it is blank or names the seed or one of the
     *                                  sweep's options,
     *                                  and before any point runs or {@code out} is created when a point's options
     *                                  are refused ({@link HebbCommand#checkArguments}: naming the point, the
     *                                  option and its value) or, where {@code executor} runs the points in this
     *                                  process, when a point still to run cannot have its data or does not fit
     *                                  the heap ({@link HebbCommand#checkRunnable}: the data's files and headers,
     *                                  the heap estimate) or when the executor's points at once, the largest
     *                                  still to run, need more heap together than the JVM has (naming
     *                                  --points-at-once and its value); after the points ran when no result has
     *                                  {@code metric} as a number (naming the numbers they have)
     * @throws IOException              naming the point whose run failed or whose result cannot be read
     */
    public static Outcome run(String experiment, SweepPlan plan, Path out, String metric, JobExecutor executor)
            throws IOException {
        // a cluster's workers run in working directories of their own: each point gets the driver's path
        return runInto(experiment, plan, out.toAbsolutePath(), metric, executor);
    }

    private static Outcome runInto(String experiment, SweepPlan plan, Path out, String metric, JobExecutor executor)
            throws IOException {
        String chosen = metric(experiment, plan, metric);
        List<SweepPlan.Point> points = plan.points();
        for (SweepPlan.Point point : points) {
            HebbCommand.checkArguments(plan.arguments(experiment, point, out.resolve(point.name()).toString()),
                    "sweep point " + point.name());
        }
        List<SweepPointJob> pending = new ArrayList<>();
        for (SweepPlan.Point point : points) {
            Path directory = out.resolve(point.name());
            if (resultFile(directory) == null) {
                pending.add(new SweepPointJob(point.name(), plan.arguments(experiment, point, directory.toString()),
                        directory.toString()));
            }
        }
        if (executor.runsInThisProcess()) {
            double[] heapNeeded = new double[pending.size()];
            for (int k = 0; k < pending.size(); k++) {
                SweepPointJob point = pending.get(k);
                heapNeeded[k] = MemoryEstimate.largestChecked(
                        () -> HebbCommand.checkRunnable(point.arguments(), "sweep point " + point.id()));
            }
            requireFitTogether(heapNeeded, executor.workers(), Runtime.getRuntime().maxMemory());
        }
        Files.createDirectories(out);
        requireSameFixedOptions(experiment, plan, out);
        RunPhase.workStarts();
        int[] done = {points.size() - pending.size()};
        executor.execute(pending, SweepPointJob.CODEC, (index, encoded) -> {
            SweepPointJob.Result result = SweepPointJob.CODEC.decode(encoded);
            Path directory = out.resolve(pending.get(index).id());
            if (resultFile(directory) == null) {
                Files.createDirectories(directory);
                AtomicFiles.write(directory.resolve(result.fileName()), result.content());
            }
            System.err.printf(Locale.ROOT, "sweep: %d of %d points done (%s, on the %s executor)%n", ++done[0],
                    points.size(), pending.get(index).id(), executor.name());
        });
        List<Map<String, Object>> results = new ArrayList<>();
        for (SweepPlan.Point point : points) {
            results.add(new ObjectMapper().readValue(resultFile(out.resolve(point.name())).toFile(),
                    new TypeReference<>() { }));
        }
        String otherBuilds = otherBuilds(pointsByBuild(points, results), HebbVersion.describe());
        if (otherBuilds != null) {
            System.err.println(otherBuilds);
        }
        if (results.stream().noneMatch(r -> r.get(chosen) instanceof Number)) {
            Set<String> available = numberFields(results);
            available.removeAll(optionFields(plan));
            throw new IllegalArgumentException("--metric = '" + chosen + "' is not allowed: no result of "
                    + experiment + " has a numeric field by that name; " + (available.isEmpty() ? "they have none "
                    + "but the seed and the sweep's options" : "give one of those they have: "
                    + String.join(", ", available)));
        }
        Outcome outcome = new Outcome(points, results, chosen);
        SweepSummary.write(experiment, plan, outcome, out);
        return outcome;
    }

    /**
     * Refuses running {@code atOnce} points at a time in one heap of {@code heapBytes} when the {@code atOnce}
     * largest of the points still to run, which need {@code heapNeeded} bytes each, need more together: the points
     * share the heap, and each was checked against all of it alone.
     *
     * @throws IllegalArgumentException naming --points-at-once and its value, the heap the points need together, the
     *                                  heap there is, and how many of the largest would fit at once
     */
    static void requireFitTogether(double[] heapNeeded, int atOnce, long heapBytes) {
        double[] largestFirst = heapNeeded.clone();
        Arrays.sort(largestFirst);
        int together = Math.min(atOnce, largestFirst.length);
        double needed = 0;
        int fit = 0;
        for (int k = 0; k < together; k++) {
            needed += largestFirst[largestFirst.length - 1 - k];
            if (needed <= heapBytes) {
                fit = k + 1;
            }
        }
        if (needed > heapBytes) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "--points-at-once = %d is not allowed: the %d largest "
                    + "points still to run need about %.3g GB of heap together, the JVM has %.3g GB, and at most %d "
                    + "fit at once: lower --points-at-once, raise -Xmx or make the points smaller", atOnce, together,
                    needed / (1L << 30), heapBytes / (double) (1L << 30), fit));
        }
    }

    /**
     * The metric to summarise: {@code metric}, or the experiment's default; refuses none, and the seed or an
     * option of the sweep (the same for every seed, or the swept value itself: not a result).
     */
    private static String metric(String experiment, SweepPlan plan, String metric) {
        if (metric == null) {
            String headline = DEFAULT_METRICS.get(experiment);
            if (headline == null) {
                throw new IllegalArgumentException("--metric is required for a sweep of " + experiment + ": its "
                        + "results have no headline number to summarise by default (only "
                        + String.join(", ", new TreeSet<>(DEFAULT_METRICS.keySet())) + " have one); give --metric "
                        + "with a numeric field of its result file");
            }
            return headline;
        }
        if (metric.isBlank()) {
            throw new IllegalArgumentException("--metric = '" + metric + "' is not allowed: give a numeric field of "
                    + "the experiment's result file");
        }
        if (optionFields(plan).contains(metric)) {
            throw new IllegalArgumentException("--metric = '" + metric + "' is not allowed: it is "
                    + (metric.equals("seed") ? "the seed" : "an option of the sweep") + ", not a result; give a "
                    + "numeric field of the experiment's result file");
        }
        return metric;
    }

    /** The result fields that are the seed or the sweep's options, swept or fixed ({@code --a-b}: a-b and a_b). */
    static Set<String> optionFields(SweepPlan plan) {
        Set<String> fields = new LinkedHashSet<>();
        fields.add("seed");
        List<String> options = new ArrayList<>(plan.swept().keySet());
        plan.fixed().stream().filter(o -> o.startsWith("--")).forEach(options::add);
        options.forEach(option -> fields.addAll(resultNames(option)));
        return fields;
    }

    /** The names a result may give option {@code --a-b} (or {@code --a-b=v}): a-b and a_b. */
    static List<String> resultNames(String option) {
        String name = option.replaceFirst("^-+", "").replaceFirst("=.*", "");
        return List.of(name, name.replace('-', '_'));
    }

    /**
     * Records the experiment and its fixed options in {@code out/}{@value #PLAN_FILE}, or refuses a sweep into an
     * {@code out} that holds points of another experiment or other fixed options: their results would be taken for
     * this sweep's. (Seeds and swept values may differ: a sweep started again with more of them adds points.)
     */
    private static void requireSameFixedOptions(String experiment, SweepPlan plan, Path out) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(experiment);
        command.addAll(plan.fixed());
        Path file = out.resolve(PLAN_FILE);
        ObjectMapper json = new ObjectMapper();
        if (Files.isRegularFile(file)) {
            List<String> recorded = json.readValue(file.toFile(), new TypeReference<>() { });
            if (!recorded.equals(command)) {
                throw new IllegalArgumentException("--out = " + out + " is not allowed: it holds a sweep of '"
                        + String.join(" ", recorded) + "', and this one is '" + String.join(" ", command) + "' (the "
                        + "finished points would be taken for this sweep's); give another --out, or remove " + out);
            }
            return;
        }
        AtomicFiles.write(file, json.writeValueAsString(command));
    }

    /** The result file in {@code directory}, or null if the point has not finished. */
    static Path resultFile(Path directory) {
        return RESULT_FILES.stream().map(directory::resolve).filter(Files::isRegularFile).findFirst().orElse(null);
    }

    /**
     * The build of Hebb that made each result ({@link HebbVersion#describe()}, as {@value #BUILD_FIELD}, or as
     * {@code hebbVersion} in the quickstart's summary), each with its points in the plan's order; "unrecorded" for
     * results that name none (made before results recorded it).
     */
    static Map<String, List<String>> pointsByBuild(List<SweepPlan.Point> points, List<Map<String, Object>> results) {
        Map<String, List<String>> byBuild = new LinkedHashMap<>();
        for (int k = 0; k < points.size(); k++) {
            Map<String, Object> result = results.get(k);
            Object build = result.getOrDefault(BUILD_FIELD, result.get("hebbVersion"));
            byBuild.computeIfAbsent(build == null ? "unrecorded" : build.toString(), b -> new ArrayList<>())
                    .add(points.get(k).name());
        }
        return byBuild;
    }

    /**
     * A warning naming the points that another build of Hebb than {@code current} made (points finished before a
     * sweep was started again are reused, not run again), or null when {@code current} made them all.
     */
    static String otherBuilds(Map<String, List<String>> pointsByBuild, String current) {
        List<String> others = new ArrayList<>();
        pointsByBuild.forEach((build, names) -> {
            if (!build.equals(current)) {
                others.add(build + ": " + String.join(", ", names));
            }
        });
        return others.isEmpty() ? null : "sweep: warning: points finished earlier by another build of Hebb than this "
                + "one (" + current + ") are reused as they are (" + String.join("; ", others) + "); delete a "
                + "point's directory to run it again with this build";
    }

    /** The fields that hold a number, in the order the results first show them. */
    static Set<String> numberFields(List<Map<String, Object>> results) {
        Set<String> fields = new LinkedHashSet<>();
        for (Map<String, Object> r : results) {
            r.forEach((field, value) -> {
                if (value instanceof Number) {
                    fields.add(field);
                }
            });
        }
        return fields;
    }
}

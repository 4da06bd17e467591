package org.hebb.experiments.sweep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.hebb.experiments.HebbCommand;
import org.hebb.experiments.RunPhase;
import org.hebb.experiments.jobs.JobExecutor;
import org.hebb.simulator.io.AtomicFiles;

/**
 * Runs an experiment at every point of a {@link SweepPlan}, each into its own directory under the sweep's, and
 * summarises the results: {@code sweep.csv} (one row per point: its seed, swept values and every number of its
 * result), {@code summary.md} (per combination of swept values, the mean and standard deviation of one metric over
 * the seeds) and {@code sweep.png} (that metric per combination, each seed and the mean). Points are jobs
 * ({@link SweepPointJob}) run by a {@link JobExecutor}: in this process, one after another by default, or on a
 * cluster; each point's result file comes back to this process and is written into its directory atomically. A
 * point whose result file is there is not run again, and each experiment resumes from its own checkpoints, so a
 * sweep started again goes on where it stopped.
 */
public final class Sweep {
    /** The result files an experiment may write, in the order looked for. */
    static final List<String> RESULT_FILES = List.of("result.json", "summary.json", "pixel-readout.json");
    /** Where a sweep records its experiment and fixed options, in its --out. */
    static final String PLAN_FILE = "sweep-command.json";

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
     * Runs {@code experiment} at every point of {@code plan} on {@code executor}, into {@code out}, and writes the
     * summary; {@code metric} is the result field to summarise (null: test_accuracy if the results have it, else
     * their first number).
     *
     * @throws IOException naming the point whose run failed or whose result cannot be read
     */
    public static Outcome run(String experiment, SweepPlan plan, Path out, String metric, JobExecutor executor)
            throws IOException {
        List<SweepPlan.Point> points = plan.points();
        for (SweepPlan.Point point : points) {
            HebbCommand.checkArguments(plan.arguments(experiment, point, out.resolve(point.name()).toString()),
                    "sweep point " + point.name());
        }
        Files.createDirectories(out);
        requireSameFixedOptions(experiment, plan, out);
        List<SweepPointJob> pending = new ArrayList<>();
        for (SweepPlan.Point point : points) {
            Path directory = out.resolve(point.name());
            if (resultFile(directory) == null) {
                pending.add(new SweepPointJob(point.name(), plan.arguments(experiment, point, directory.toString()),
                        directory.toString()));
            }
        }
        RunPhase.workStarts();
        int[] done = {points.size() - pending.size()};
        executor.execute(pending, SweepPointJob.CODEC, (index, encoded) -> {
            SweepPointJob.Result result = SweepPointJob.CODEC.decode(encoded);
            Path directory = out.resolve(pending.get(index).id());
            if (resultFile(directory) == null) {
                Files.createDirectories(directory);
                AtomicFiles.write(directory.resolve(result.fileName()), result.content());
            }
            System.err.printf("sweep: %d of %d points done (%s, on the %s executor)%n", ++done[0], points.size(),
                    pending.get(index).id(), executor.name());
        });
        List<Map<String, Object>> results = new ArrayList<>();
        for (SweepPlan.Point point : points) {
            results.add(new ObjectMapper().readValue(resultFile(out.resolve(point.name())).toFile(),
                    new TypeReference<>() { }));
        }
        String chosen = metric != null ? metric : results.get(0).containsKey("test_accuracy") ? "test_accuracy"
                : numberFields(results).stream().findFirst().orElseThrow(() -> new IOException("the results of "
                + experiment + " hold no number to summarise"));
        Outcome outcome = new Outcome(points, results, chosen);
        SweepSummary.write(experiment, plan, outcome, out);
        return outcome;
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

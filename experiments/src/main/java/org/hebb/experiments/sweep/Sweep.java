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

/**
 * Runs an experiment at every point of a {@link SweepPlan}, each into its own directory under the sweep's, and
 * summarises the results: {@code sweep.csv} (one row per point: its seed, swept values and every number of its
 * result), {@code summary.md} (per combination of swept values, the mean and standard deviation of one metric over
 * the seeds) and {@code sweep.png} (that metric per combination, each seed and the mean). A point whose result file
 * is there is not run again, and each experiment resumes from its own checkpoints, so a sweep started again goes on
 * where it stopped. Points run one after another in this process, each with the workers its options give.
 */
public final class Sweep {
    /** The result files an experiment may write, in the order looked for. */
    private static final List<String> RESULT_FILES = List.of("result.json", "summary.json", "pixel-readout.json");

    /** Runs one point's command line (the experiment's name, then its options); returns its exit code. */
    public interface Runner {
        int run(List<String> arguments) throws Exception;
    }

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
     * Runs {@code experiment} at every point of {@code plan} with {@code runner}, into {@code out}, and writes the
     * summary; {@code metric} is the result field to summarise (null: test_accuracy if the results have it, else
     * their first number).
     *
     * @throws IOException naming the point whose run failed or whose result cannot be read
     */
    public static Outcome run(String experiment, SweepPlan plan, Path out, String metric, Runner runner)
            throws IOException {
        Files.createDirectories(out);
        List<SweepPlan.Point> points = plan.points();
        List<Map<String, Object>> results = new ArrayList<>();
        for (int k = 0; k < points.size(); k++) {
            SweepPlan.Point point = points.get(k);
            Path directory = out.resolve(point.name());
            if (resultFile(directory) == null) {
                System.err.printf("sweep: point %d of %d, %s%n", k + 1, points.size(), point.name());
                int code;
                try {
                    code = runner.run(plan.arguments(experiment, point, directory.toString()));
                } catch (Exception e) {
                    throw new IOException("sweep point " + point.name() + " failed: " + e, e);
                }
                if (code != 0 || resultFile(directory) == null) {
                    throw new IOException("sweep point " + point.name() + " failed (exit code " + code
                            + "); its output is in " + directory.toAbsolutePath());
                }
            }
            results.add(new ObjectMapper().readValue(resultFile(directory).toFile(), new TypeReference<>() { }));
        }
        String chosen = metric != null ? metric : results.get(0).containsKey("test_accuracy") ? "test_accuracy"
                : numberFields(results).stream().findFirst().orElseThrow(() -> new IOException("the results of "
                + experiment + " hold no number to summarise"));
        Outcome outcome = new Outcome(points, results, chosen);
        SweepSummary.write(experiment, plan, outcome, out);
        return outcome;
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

package org.hebb.experiments.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.hebb.experiments.HebbCommand;
import org.hebb.simulator.storage.HebbVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep started again reuses its finished points whatever build of Hebb made them: it warns, naming the points
 * another build made, and its summary names every build with its points.
 */
class SweepBuildsTest {
    @TempDir
    Path dir;

    @Test
    void pointsAreGroupedByTheBuildTheirResultNames() {
        List<SweepPlan.Point> points = List.of(point("a"), point("b"), point("c"), point("d"));
        List<Map<String, Object>> results = List.of(Map.of(Sweep.BUILD_FIELD, "1.0 aaaa"), Map.of(),
                Map.of("hebbVersion", "1.0 bbbb"), Map.of(Sweep.BUILD_FIELD, "1.0 aaaa"));
        Map<String, List<String>> byBuild = Sweep.pointsByBuild(points, results);
        assertEquals(Map.of("1.0 aaaa", List.of("a", "d"), "unrecorded", List.of("b"), "1.0 bbbb", List.of("c")),
                byBuild);
        assertEquals(List.of("1.0 aaaa", "unrecorded", "1.0 bbbb"), List.copyOf(byBuild.keySet()), "in point order");

        assertNull(Sweep.otherBuilds(Map.of("1.0 aaaa", List.of("a", "d")), "1.0 aaaa"));
        String warning = Sweep.otherBuilds(byBuild, "1.0 aaaa");
        assertTrue(warning.contains("than this one (1.0 aaaa) are reused as they are (unrecorded: b; 1.0 bbbb: c)"),
                warning);
    }

    @Test
    void theSummaryNamesTheBuildThatMadeEachPoint() throws Exception {
        Path out = dir.resolve("sweep");
        String[] sweep = {"sweep", "quickstart", "--seeds", "1-2", "--neurons", "200", "--duration", "50", "--metric",
            "synapses", "--out", out.toString()};
        assertEquals(0, hebb(sweep));
        String current = HebbVersion.describe();
        assertTrue(Files.readString(out.resolve("summary.md")).contains("\nHebb: " + current + " (every point)\n"));

        Path result = out.resolve("seed2").resolve("summary.json");
        ObjectMapper json = new ObjectMapper();
        Map<String, Object> older = json.readValue(result.toFile(), new TypeReference<>() { });
        assertEquals(current, older.get("hebbVersion"), "the point's result names the build");
        older.put("hebbVersion", "0.0.1 0123456789");
        assertNotEquals(current, older.get("hebbVersion"));
        json.writeValue(result.toFile(), older);
        assertEquals(0, hebb(sweep));
        assertTrue(Files.readString(out.resolve("summary.md")).contains("\nHebb: " + current
                + " (seed1); 0.0.1 0123456789 (seed2)\n"));
        assertEquals("0.0.1 0123456789", json.readValue(result.toFile(), Map.class).get("hebbVersion"),
                "reused, not run again");
    }

    private static SweepPlan.Point point(String name) {
        return new SweepPlan.Point(1, Map.of(), name);
    }

    private static int hebb(String... args) {
        StringWriter out = new StringWriter();
        return HebbCommand.execute(args, new PrintWriter(out, true), new PrintWriter(out, true));
    }
}

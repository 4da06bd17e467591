package org.hebb.experiments.hlop;

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
import org.hebb.experiments.output.OutputDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A finished run's files: result.json comes last, after the plots, so that a directory holding it holds a finished
 * run (a sweep takes a point with a result file for done).
 */
class HlopResultsTest {
    @TempDir
    Path dir;

    /** Two tasks: task 1 at 0.9 after learning it, at 0.6 after task 2; task 2 at 0.8. */
    private static HlopProgress finished(HlopSettings settings) {
        HlopProgress progress = new HlopProgress(settings);
        progress.record(0, new double[] {0.9, 0.1});
        progress.record(1, new double[] {0.6, 0.8});
        return progress;
    }

    @Test
    void theResultFileIsWrittenAfterThePlots() throws IOException {
        HlopSettings settings = HlopSettings.standard(1, HlopVariant.BASELINE).reduced(2, 10, 10, 20);
        try (OutputDirectory out = OutputDirectory.open(dir, "result.json")) {
            HlopResults.write(out, settings, finished(settings));
        }
        assertTrue(Files.isRegularFile(dir.resolve("result.json")) && Files.isRegularFile(dir.resolve(
                "accuracy-by-task.png")));
        Map<?, ?> result = JsonOutput.read(dir.resolve("result.json"), Map.class);
        assertEquals(100 * (0.6 + 0.8) / 2, ((Number) result.get("acc")).doubleValue(), 1e-9, "after the last task");
        assertEquals(100 * (0.6 - 0.9), ((Number) result.get("bwt")).doubleValue(), 1e-9, "task 1's forgetting");
        assertEquals(List.of(List.of(90.0, 10.0), List.of(60.0, 80.0)), result.get("accuracy_matrix"));

        Path blocked = dir.resolve("blocked");
        Files.createDirectories(blocked.resolve("accuracy-by-task.png").resolve("in the way"));
        try (OutputDirectory out = OutputDirectory.open(blocked, "result.json")) {
            String message = assertThrows(IOException.class, () -> HlopResults.write(out, settings,
                    finished(settings))).getMessage();
            assertTrue(message.contains(blocked.resolve("accuracy-by-task.png").toString()), message);
        }
        assertFalse(Files.exists(blocked.resolve("result.json")), "no result file when a plot fails");
    }
}

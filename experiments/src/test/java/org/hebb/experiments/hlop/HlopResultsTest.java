package org.hebb.experiments.hlop;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

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

    private static HlopProgress finished(HlopSettings settings) {
        HlopProgress progress = new HlopProgress(settings);
        for (int phase = 0; phase < progress.phases(); phase++) {
            double[] accuracies = new double[settings.tasks()];
            Arrays.fill(accuracies, 0.5);
            progress.record(phase, accuracies);
        }
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

        Path blocked = dir.resolve("blocked");
        Files.createDirectories(blocked.resolve("accuracy-by-task.png").resolve("in the way"));
        try (OutputDirectory out = OutputDirectory.open(blocked, "result.json")) {
            assertThrows(IOException.class, () -> HlopResults.write(out, settings, finished(settings)));
        }
        assertFalse(Files.exists(blocked.resolve("result.json")), "no result file when a plot fails");
    }
}

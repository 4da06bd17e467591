package org.hebb.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.hebb.experiments.output.JsonOutput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackendScalingTest {
    /**
     * A run whose later measurement fails (here a size the network refuses; on a GPU machine, a step's time limit)
     * keeps the rows measured before it in opencl.json.
     */
    @Test
    void rowsMeasuredBeforeAFailureAreWritten(@TempDir Path root) throws Exception {
        Files.createDirectories(root.resolve("benchmarks/results"));
        System.setProperty("hebb.root", root.toString());
        System.setProperty("hebb.backends", "java-1");
        System.setProperty("hebb.models", "coba");
        System.setProperty("hebb.machine", "test machine");
        try {
            assertThrows(IllegalArgumentException.class, () -> BackendScaling.main(new String[] {"1", "100", "99"}));
        } finally {
            for (String p : List.of("hebb.root", "hebb.backends", "hebb.models", "hebb.machine")) {
                System.clearProperty(p);
            }
        }
        Path file = root.resolve("benchmarks/results/opencl.json");
        assertTrue(Files.exists(file), "nothing was written");
        List<?> rows = (List<?>) JsonOutput.read(file, Map.class).get("results");
        assertEquals(1, rows.size(), rows.toString());
        Map<?, ?> row = (Map<?, ?>) rows.get(0);
        assertEquals(100, ((Number) row.get("n")).intValue());
        assertEquals("java-1", row.get("backend"));
        assertEquals("test machine", row.get("machine"));
    }

    /** No repeat (whose medians do not exist) is refused, naming the argument, before anything is measured. */
    @Test
    void refusesZeroRepeats() {
        System.setProperty("hebb.backends", "java-1");
        try {
            assertEquals("repeats = 0 is not allowed: must be >= 1", assertThrows(IllegalArgumentException.class,
                    () -> BackendScaling.main(new String[] {"0", "100"})).getMessage());
        } finally {
            System.clearProperty("hebb.backends");
        }
    }
}

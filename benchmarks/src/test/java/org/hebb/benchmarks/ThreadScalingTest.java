package org.hebb.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.hebb.experiments.output.JsonOutput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ThreadScalingTest {
    /** java-threads.json records the master seed its networks were built from, beside what was measured. */
    @Test
    void resultFileRecordsTheSeed(@TempDir Path root) throws Exception {
        Files.createDirectories(root.resolve("benchmarks/results"));
        System.setProperty("hebb.root", root.toString());
        try {
            ThreadScaling.main(new String[] {"1", "1", "100"});
        } finally {
            System.clearProperty("hebb.root");
        }
        Map<?, ?> result = JsonOutput.read(root.resolve("benchmarks/results/java-threads.json"), Map.class);
        assertEquals(1, result.get("seed"), result.toString());
        assertEquals(100, ((Number) ((Map<?, ?>) ((List<?>) result.get("results")).get(0)).get("n")).intValue());
    }

    /** Arguments out of range are refused, naming them, before any network is built or any file written. */
    @Test
    void refusesArgumentsOutOfRangeBeforeMeasuring(@TempDir Path root) {
        System.setProperty("hebb.root", root.toString());
        try {
            assertEquals("repeats = 0 is not allowed: must be >= 1", assertThrows(IllegalArgumentException.class,
                    () -> ThreadScaling.main(new String[] {"0"})).getMessage());
            assertEquals("duration_ms = -5.0 ms is not allowed: must be a finite number > 0",
                    assertThrows(IllegalArgumentException.class,
                            () -> ThreadScaling.main(new String[] {"1", "-5", "100"})).getMessage());
            assertEquals("duration_ms = 0.04 ms is not allowed: must be at least one step of dt = 0.1 ms",
                    assertThrows(IllegalArgumentException.class,
                            () -> ThreadScaling.main(new String[] {"1", "0.04", "100"})).getMessage());
            assertEquals("size = 99 is not allowed: must be in [100, 33554431]",
                    assertThrows(IllegalArgumentException.class,
                            () -> ThreadScaling.main(new String[] {"1", "1", "100", "99"})).getMessage());
            assertEquals("repeats = 'three' is not allowed: must be a whole number",
                    assertThrows(IllegalArgumentException.class,
                            () -> ThreadScaling.main(new String[] {"three"})).getMessage());
        } finally {
            System.clearProperty("hebb.root");
        }
        assertFalse(Files.exists(root.resolve("benchmarks/results/java-threads.json")));
    }
}

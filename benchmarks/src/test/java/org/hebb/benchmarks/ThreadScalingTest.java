package org.hebb.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}

package org.hebb.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.hebb.experiments.output.JsonOutput;
import org.hebb.opencl.OpenClDevices;
import org.hebb.simulator.testing.Prerequisites;
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

    /**
     * Every backend ends COBA, static and with STDP, in the same state, bit for bit: each row's digest is the same,
     * and the OpenCL rows say so. A digest that missed a difference would leave the benchmark blind to it, so the
     * digest must tell two runs of different lengths apart.
     */
    @Test
    void openClRowsSayTheyEndedWhereJavaDid(@TempDir Path root) throws Exception {
        Prerequisites.require(OpenClDevices.missingReason());
        Files.createDirectories(root.resolve("benchmarks/results"));
        List<Map<?, ?>> rows = measure(root, "java-1,java-2,opencl", "coba,plastic-coba", "2000");
        assertEquals(6, rows.size(), rows.toString());
        for (Map<?, ?> row : rows) {
            String model = (String) row.get("model");
            Map<?, ?> java = rows.stream().filter(r -> r.get("model").equals(model) && r.get("backend").equals(
                    "java-1")).findFirst().orElseThrow();
            assertTrue(((String) row.get("final_state_digest")).matches("[0-9a-f]{16}"), row.toString());
            assertEquals(java.get("final_state_digest"), row.get("final_state_digest"), row.toString());
            if (((String) row.get("backend")).startsWith("opencl")) {
                assertEquals(Boolean.TRUE, row.get("final_state_equal_to_java"), row.toString());
            } else {
                assertFalse(row.containsKey("final_state_equal_to_java"), row.toString());
            }
        }
        assertNotEquals(rows.get(0).get("final_state_digest"), rows.get(3).get("final_state_digest"),
                "static and plastic COBA ended in the same state");
        Map<?, ?> longer = measure(root, "java-1", "coba", "1000").get(0);
        assertNotEquals(rows.get(0).get("final_state_digest"), longer.get("final_state_digest"),
                "N = 1000 and N = 2000 ended in the same state");
    }

    /** Runs BackendScaling once (one repeat) and returns the rows of opencl.json under {@code root}. */
    private static List<Map<?, ?>> measure(Path root, String backends, String models, String n) throws Exception {
        Map<String, String> properties = Map.of("hebb.root", root.toString(), "hebb.backends", backends,
                "hebb.models", models, "hebb.machine", "test machine", "hebb.durationMs", "20");
        properties.forEach(System::setProperty);
        try {
            BackendScaling.main(new String[] {"1", n});
        } finally {
            properties.keySet().forEach(System::clearProperty);
        }
        List<?> rows = (List<?>) JsonOutput.read(root.resolve("benchmarks/results/opencl.json"), Map.class)
                .get("results");
        return rows.stream().<Map<?, ?>>map(row -> (Map<?, ?>) row)
                .filter(row -> ((Number) row.get("n")).toString().equals(n)).toList();
    }

    /** A biological time per run that is no positive number of ms is refused, naming the property. */
    @Test
    void refusesADurationThatIsNoPositiveTime() {
        System.setProperty("hebb.backends", "java-1");
        try {
            for (String duration : List.of("0", "-5", "NaN", "five")) {
                System.setProperty("hebb.durationMs", duration);
                String message = assertThrows(IllegalArgumentException.class,
                        () -> BackendScaling.main(new String[] {"1", "100"})).getMessage();
                assertTrue(message.startsWith("hebb.durationMs = "), message);
                assertTrue(message.contains("is not allowed"), message);
            }
        } finally {
            System.clearProperty("hebb.backends");
            System.clearProperty("hebb.durationMs");
        }
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

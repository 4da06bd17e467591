package org.hebb.experiments.quickstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.hebb.experiments.output.JsonOutput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The quickstart writes every result file, consistent with each other, and records its seed. */
class QuickstartTest {
    @Test
    void writesResultsAPersonCanRead(@TempDir Path out) throws Exception {
        Quickstart.Summary summary = Quickstart.run(1000, 300, 11, 1, out);
        for (String name : List.of("summary.json", "summary.md", "raster.png", "population_rate.png",
                "population_rate.csv", "spike_counts.csv")) {
            assertTrue(Files.size(out.resolve(name)) > 0, name);
        }
        byte[] png = Files.readAllBytes(out.resolve("raster.png"));
        assertEquals((byte) 0x89, png[0]);
        assertEquals('P', png[1]);

        Quickstart.Summary saved = JsonOutput.read(out.resolve("summary.json"), Quickstart.Summary.class);
        assertEquals(11, saved.seed());
        assertEquals(summary.spikes(), saved.spikes());

        List<String> counts = Files.readAllLines(out.resolve("spike_counts.csv"));
        assertTrue(counts.get(0).contains("master seed 11"), counts.get(0));
        assertEquals(1002, counts.size(), "seed comment, header and one line per neuron");
        long total = counts.stream().skip(2).mapToLong(line -> Long.parseLong(line.split(",")[2])).sum();
        assertEquals(summary.spikes().values().stream().mapToLong(Long::longValue).sum(), total);
        assertTrue(total > 0, "the network fired");
    }
}

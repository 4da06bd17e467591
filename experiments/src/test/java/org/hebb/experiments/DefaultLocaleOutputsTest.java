package org.hebb.experiments;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.hebb.experiments.microcircuit.Microcircuit;
import org.hebb.experiments.microcircuit.MicrocircuitExperiment;
import org.hebb.experiments.output.Plots;
import org.hebb.experiments.quickstart.Quickstart;
import org.hebb.simulator.BackendKind;
import org.hebb.simulator.testing.DefaultLocales;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Result files and the lines a run prints are the same whatever the JVM's default locale: numbers with ASCII digits
 * and a decimal point (de-DE and tr-TR write 12.5 as "12,5", fa-IR in Persian digits), and names lower-cased in
 * English (tr-TR lower-cases "POISSON" to "poısson").
 */
class DefaultLocaleOutputsTest {
    @ParameterizedTest(name = "default locale {0}")
    @ValueSource(strings = {"de-DE", "fa-IR"})
    void theQuickstartsSummaryWritesNumbersWithADecimalPoint(String tag, @TempDir Path out) throws Exception {
        DefaultLocales.with(tag, () -> Quickstart.run(200, 50, 11, 1, out));
        String summary = Files.readString(out.resolve("summary.md"));
        DefaultLocales.assertAscii(summary);
        assertTrue(Pattern.compile("\\| mean rate, exc \\| \\d+\\.\\d\\d Hz \\|").matcher(summary).find(),
                summary);
        assertTrue(Pattern.compile("\\| wall time \\| \\d+\\.\\d\\d s build, \\d+\\.\\d\\d s simulation \\|")
                .matcher(summary).find(), summary);
    }

    @Test
    void theMicrocircuitsResultNamesItsBackgroundAndBackendInEnglish(@TempDir Path out) throws Exception {
        DefaultLocales.with("tr-TR", () -> MicrocircuitExperiment.run(new MicrocircuitExperiment.Settings(0.01,
                Microcircuit.Background.POISSON, BackendKind.JAVA, 1, 7, 0, 20), out));
        JsonNode json = new ObjectMapper().readTree(out.resolve(MicrocircuitExperiment.RESULT).toFile());
        assertEquals("poisson", json.get("background").asText());
        assertEquals("java", json.get("backend").asText());
        String summary = Files.readString(out.resolve("summary.md"));
        DefaultLocales.assertAscii(summary);
        assertTrue(summary.startsWith("# Cortical microcircuit, scale 0.01, poisson background, seed 7\n"), summary);
        assertTrue(Pattern.compile("\\| L23E \\| \\d+\\.\\d{3} \\| \\d+\\.\\d{3} \\|").matcher(summary).find(),
                summary);
    }

    @Test
    void aSweepsSummaryWritesItsMeansAsItsValues(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("sweep");
        StringWriter printed = new StringWriter();
        int exit = DefaultLocales.with("de-DE", () -> HebbCommand.execute(new String[] {"sweep", "quickstart",
            "--seeds", "1-2", "--neurons", "200", "--duration", "50", "--metric", "synapses", "--out",
            out.toString()}, new PrintWriter(printed, true), new PrintWriter(printed, true)));
        assertEquals(0, exit, printed.toString());
        List<String> rows = Files.readAllLines(out.resolve("sweep.csv"));
        int column = List.of(rows.get(0).split(",")).indexOf("synapses");
        double first = Double.parseDouble(rows.get(1).split(",")[column]);
        double second = Double.parseDouble(rows.get(2).split(",")[column]);
        String summary = Files.readString(out.resolve("summary.md"));
        DefaultLocales.assertAscii(summary);
        String mean = String.format(Locale.ROOT, "%.6g", (first + second) / 2);
        assertTrue(summary.contains(" | 2 | " + mean + " | "), mean + " missing from:\n" + summary);
    }

    /** A plot's axes label their ticks as the root locale does: "0.5", not "0,5" or "۰٫۵". */
    @ParameterizedTest(name = "default locale {0}")
    @ValueSource(strings = {"de-DE", "fa-IR"})
    void aPlotIsDrawnAsInTheRootLocale(String tag, @TempDir Path dir) throws Exception {
        Path root = dir.resolve("root.png");
        Path local = dir.resolve("local.png");
        double[] x = {0, 0.5, 1, 1.5};
        List<double[]> y = List.of(new double[] {0.25, 0.5, 0.75, 1.25});
        DefaultLocales.with("und", () -> {
            Plots.lines(root, "rate", "time (s)", "rate (Hz)", x, List.of("rate"), y);
            return null;
        });
        DefaultLocales.with(tag, () -> {
            Plots.lines(local, "rate", "time (s)", "rate (Hz)", x, List.of("rate"), y);
            return null;
        });
        assertArrayEquals(Files.readAllBytes(root), Files.readAllBytes(local));
    }
}

package org.hebb.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The JSON lines the benchmark programs print are JSON, with the names Hebb's scripts read, whatever the JVM's
 * default locale: de-DE writes 12.5 as "12,5", which splits a JSON number in two, and tr-TR lower-cases "SINGLE" to
 * "sıngle".
 */
class DefaultLocaleJsonTest {
    private interface Program {
        void run() throws Exception;
    }

    /** Each line {@code program} prints, parsed as JSON, with the default locale {@code tag}. */
    private static List<JsonNode> printedJson(String tag, Program program) throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream out = System.out;
        Locale locale = Locale.getDefault();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        Locale.setDefault(Locale.forLanguageTag(tag));
        try {
            program.run();
        } finally {
            Locale.setDefault(locale);
            System.setOut(out);
        }
        List<JsonNode> lines = new ArrayList<>();
        for (String line : printed.toString(StandardCharsets.UTF_8).split("\n")) {
            lines.add(new ObjectMapper().readTree(line));
        }
        return lines;
    }

    @Test
    void oneStepRunPrintsJsonNumbers() throws Exception {
        List<JsonNode> lines = printedJson("de-DE", () -> OneStepRun.main(new String[] {"400", "5", "1"}));
        assertEquals(2, lines.size(), "a line per repeat and one of medians: " + lines);
        for (String field : List.of("one_step_us", "batched_us", "scan_us")) {
            assertTrue(lines.get(0).get(field).isNumber(), field + " in " + lines.get(0));
        }
        assertTrue(lines.get(1).get("median_scan_cpu_us").isNumber(), lines.get(1).toString());
        assertTrue(lines.get(1).get("non_finite_found").isNumber(), lines.get(1).toString());
    }

    @Test
    void readoutEpochPrintsJsonNumbers() throws Exception {
        List<JsonNode> lines = printedJson("de-DE", () -> ReadoutEpoch.main(new String[] {"20", "200", "1", "1"}));
        assertEquals(1, lines.size(), lines.toString());
        assertTrue(lines.get(0).get("seconds_per_epoch").isNumber(), lines.get(0).toString());
        assertTrue(lines.get(0).get("test_accuracy").isNumber(), lines.get(0).toString());
    }

    @Test
    void cobaRunNamesItsPrecisionInEnglish() throws Exception {
        List<JsonNode> lines = printedJson("tr-TR", () -> CobaRun.main(new String[] {"400", "10", "1", "1"}));
        assertEquals(1, lines.size(), lines.toString());
        assertEquals("single", lines.get(0).get("precision").asText());
        assertFalse(lines.get(0).get("hebb_seconds").asText().contains(","), lines.get(0).toString());
    }
}

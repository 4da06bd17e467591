package org.hebb.experiments.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonOutputTest {
    record Measures(double r, float angle, double[] perTask, double[][] matrix) {
    }

    /**
     * A number that is not finite is null in every place a result holds numbers (JSON has no NaN), and finite
     * numbers keep their shortest decimal form, floats as floats.
     */
    @Test
    void numbersThatAreNotFiniteAreNullAndFiniteOnesExact(@TempDir Path dir) throws IOException {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("nan", Double.NaN);
        result.put("infinite", Double.NEGATIVE_INFINITY);
        result.put("float_nan", Float.NaN);
        result.put("finite", 0.1);
        result.put("list", Arrays.asList(1.5, Double.NaN));
        result.put("record", new Measures(Double.NaN, 0.1f, new double[] {0.25, Double.POSITIVE_INFINITY},
                new double[][] {{90, Double.NaN}, {60, 80}}));
        result.put("floats", new float[] {Float.NaN, 2.5f});
        Path file = dir.resolve("result.json");
        JsonOutput.write(file, result);
        String compact = Files.readString(file).replaceAll("\\s+", "");
        assertEquals("{\"nan\":null,\"infinite\":null,\"float_nan\":null,\"finite\":0.1,\"list\":[1.5,null],"
                + "\"record\":{\"r\":null,\"angle\":0.1,\"perTask\":[0.25,null],\"matrix\":[[90.0,null],[60.0,80.0]]},"
                + "\"floats\":[null,2.5]}", compact);
        Map<?, ?> read = JsonOutput.read(file, Map.class);
        assertEquals(List.of(1.5), ((List<?>) read.get("list")).subList(0, 1));
    }
}

package org.hebb.experiments.output;

import java.io.IOException;
import java.nio.file.Path;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import org.hebb.simulator.storage.AtomicFiles;

/**
 * Writes result objects (records, maps, lists) as pretty-printed JSON, atomically. A number that is not finite
 * (NaN for a measure that is undefined, such as the correlation of a constant) is written as null, which every
 * JSON reader takes as "no value"; JSON has no NaN, and a string "NaN" in a numeric field would look like a number
 * to some readers and like text to others.
 */
public final class JsonOutput {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .registerModule(finiteOrNull());

    private JsonOutput() {
    }

    /** Writes {@code value} as JSON to {@code file}. */
    public static void write(Path file, Object value) throws IOException {
        AtomicFiles.write(file, MAPPER.writeValueAsBytes(value));
    }

    /** Reads a JSON file into {@code type}. */
    public static <T> T read(Path file, Class<T> type) throws IOException {
        return MAPPER.readValue(file.toFile(), type);
    }

    private static SimpleModule finiteOrNull() {
        SimpleModule module = new SimpleModule("finite numbers or null");
        JsonSerializer<Double> doubles = new JsonSerializer<>() {
            @Override
            public void serialize(Double value, JsonGenerator out, SerializerProvider provider) throws IOException {
                number(value, out);
            }
        };
        JsonSerializer<Float> floats = new JsonSerializer<>() {
            @Override
            public void serialize(Float value, JsonGenerator out, SerializerProvider provider) throws IOException {
                number(value, out);
            }
        };
        module.addSerializer(Double.class, doubles).addSerializer(double.class, doubles);
        module.addSerializer(Float.class, floats).addSerializer(float.class, floats);
        module.addSerializer(double[].class, new JsonSerializer<>() {
            @Override
            public void serialize(double[] values, JsonGenerator out, SerializerProvider provider) throws IOException {
                out.writeStartArray(values, values.length);
                for (double v : values) {
                    number(v, out);
                }
                out.writeEndArray();
            }
        });
        module.addSerializer(float[].class, new JsonSerializer<>() {
            @Override
            public void serialize(float[] values, JsonGenerator out, SerializerProvider provider) throws IOException {
                out.writeStartArray(values, values.length);
                for (float v : values) {
                    number(v, out);
                }
                out.writeEndArray();
            }
        });
        return module;
    }

    private static void number(double value, JsonGenerator out) throws IOException {
        if (Double.isFinite(value)) {
            out.writeNumber(value);
        } else {
            out.writeNull();
        }
    }

    private static void number(float value, JsonGenerator out) throws IOException {
        if (Float.isFinite(value)) {
            out.writeNumber(value);
        } else {
            out.writeNull();
        }
    }
}

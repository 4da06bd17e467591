package org.hebb.experiments.output;

import java.io.IOException;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.hebb.simulator.io.AtomicFiles;

/** Writes result objects (records, maps, lists) as pretty-printed JSON, atomically. */
public final class JsonOutput {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

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
}

package org.hebb.experiments.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Assertions on what a program left in its output directory. */
public final class OutputAssertions {
    private OutputAssertions() {
    }

    /** A refused run wrote nothing into {@code out}: at most the directory and its lock file exist. */
    public static void assertNothingWritten(Path out) {
        if (Files.notExists(out)) {
            return;
        }
        try (Stream<Path> files = Files.list(out)) {
            assertEquals(List.of(OutputDirectory.LOCK_FILE), files.map(f -> f.getFileName().toString()).toList(),
                    "nothing written into " + out + " but the lock");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

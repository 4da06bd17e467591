package org.hebb.experiments.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputDirectoryTest {
    @TempDir
    Path dir;

    @Test
    void createsTheDirectoryAndWritesTheResult() throws IOException {
        Path out = dir.resolve("a").resolve("b");
        try (OutputDirectory directory = OutputDirectory.open(out, "result.json")) {
            assertTrue(Files.isDirectory(out));
            assertEquals(out.toAbsolutePath(), directory.path());
            directory.writeResult(Map.of("seed", 3));
        }
        assertEquals(3, JsonOutput.read(out.resolve("result.json"), Map.class).get("seed"));
    }

    @Test
    void refusesWhatCannotHoldResults() throws IOException {
        Path file = Files.writeString(dir.resolve("file"), "x");
        for (Path out : new Path[] {file, file.resolve("below")}) {
            String message = assertThrows(IllegalArgumentException.class,
                    () -> OutputDirectory.open(out, "result.json")).getMessage();
            assertTrue(message.startsWith("output directory --out = '" + out + "' is not usable: "), message);
            assertTrue(message.contains("is a file, not a directory"), message);
        }
        String message = assertThrows(IllegalArgumentException.class,
                () -> OutputDirectory.open(Path.of(""), "result.json")).getMessage();
        assertTrue(message.startsWith("output directory --out = '' is not allowed"), message);
    }

    @Test
    void oneRunAtATimeAndTheLockIsReleasedAtTheEnd() throws IOException {
        Path out = dir.resolve("out");
        try (OutputDirectory first = OutputDirectory.open(out, "result.json")) {
            String message = assertThrows(IllegalStateException.class,
                    () -> OutputDirectory.open(out, "result.json")).getMessage();
            assertTrue(message.contains("'" + out + "' is in use by another run"), message);
        }
        try (OutputDirectory again = OutputDirectory.open(out, "result.json")) {
            assertTrue(Files.exists(again.resolve(OutputDirectory.LOCK_FILE)));
        }
        assertTrue(Files.exists(out.resolve(OutputDirectory.LOCK_FILE)), "the lock file stays, so that every run "
                + "locks the same file");
    }

    @Test
    void aLockIsReleasedWhenTheRunFails() throws IOException {
        Path out = dir.resolve("out");
        assertEquals("the run failed", assertThrows(IllegalStateException.class, () -> {
            try (OutputDirectory directory = OutputDirectory.open(out, "result.json")) {
                throw new IllegalStateException("the run failed");
            }
        }).getMessage(), "the run's own failure, not a refusal of the directory");
        OutputDirectory.open(out, "result.json").close();
    }

    @Test
    void thePreviousRunsResultIsRemovedWhenARunStarts() throws IOException {
        Path out = Files.createDirectories(dir.resolve("out"));
        Files.writeString(out.resolve("result.json"), "{}");
        Files.writeString(out.resolve("summary.md"), "kept");
        try (OutputDirectory directory = OutputDirectory.open(out, "result.json")) {
            assertFalse(Files.exists(out.resolve("result.json")), "a run that stops early must not look finished");
            assertTrue(Files.exists(out.resolve("summary.md")));
        }
    }
}

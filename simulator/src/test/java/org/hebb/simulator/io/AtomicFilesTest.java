package org.hebb.simulator.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An atomic write leaves the target with the whole content and no temporary file, forces the directory after the
 * move so that the move is durable, and still succeeds where the file system refuses to force a directory.
 */
class AtomicFilesTest {
    @TempDir
    Path directory;

    @Test
    void aWriteReplacesTheTargetAndLeavesNoTemporaryFile() throws IOException {
        Path target = directory.resolve("sub/result.txt");
        AtomicFiles.write(target, "first");
        AtomicFiles.write(target, "second");
        assertEquals("second", Files.readString(target));
        assertEquals(List.of(target.getFileName()), names(target.getParent()), "no temporary file beside it");
    }

    @Test
    void theDirectoryIsForcedAfterTheMove() throws IOException {
        Path target = directory.resolve("result.txt");
        List<Path> forced = new ArrayList<>();
        AtomicFiles.replace(target, temporary -> Files.writeString(temporary, "content"), dir -> {
            assertEquals("content", Files.readString(target), "the target is in place when its directory is forced");
            assertEquals(List.of(target.getFileName()), names(dir), "the temporary file has been moved");
            forced.add(dir);
        });
        assertEquals(List.of(directory.toAbsolutePath()), forced, "the target's directory, forced once");
    }

    @Test
    void aFileSystemThatRefusesToForceADirectoryStillGetsTheFile() throws IOException {
        Path target = directory.resolve("result.txt");
        AtomicFiles.replace(target, temporary -> Files.writeString(temporary, "content"), dir -> {
            throw new IOException("Invalid argument");
        });
        assertEquals("content", Files.readString(target));
        AtomicFiles.replace(target, temporary -> Files.writeString(temporary, "again"), dir -> {
            throw new UnsupportedOperationException("no directory channels here");
        });
        assertEquals("again", Files.readString(target));
        assertEquals(List.of(target.getFileName()), names(directory), "no temporary file left");
    }

    @Test
    void forcingARealDirectoryWorksAndARefusalIsTolerated() {
        AtomicFiles.forceTolerantly(directory, AtomicFiles.FORCE_DIRECTORY);
        AtomicFiles.forceTolerantly(directory.resolve("missing"), AtomicFiles.FORCE_DIRECTORY);
    }

    @Test
    void aFailedFillLeavesTheEarlierFileAndNoTemporaryFile() throws IOException {
        Path target = directory.resolve("result.bin");
        AtomicFiles.write(target, "earlier".getBytes(StandardCharsets.UTF_8));
        IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                () -> AtomicFiles.writeWith(target, temporary -> {
                    Files.writeString(temporary, "half");
                    throw new IOException("disk full");
                }));
        assertEquals("disk full", e.getMessage());
        assertEquals("earlier", Files.readString(target));
        assertEquals(List.of(target.getFileName()), names(directory));
        assertFalse(Files.exists(directory.resolve(".result.bin.partial")));
        assertTrue(Files.isRegularFile(target));
    }

    private static List<Path> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(Path::getFileName).toList();
        }
    }
}

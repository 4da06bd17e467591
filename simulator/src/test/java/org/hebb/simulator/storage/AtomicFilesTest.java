package org.hebb.simulator.storage;

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

    /**
     * Directories the write creates are new entries of their parents: after the target's directory, the parent of
     * each created directory is forced, innermost first, once each, and no directory that existed before.
     */
    @Test
    void theParentOfEachCreatedDirectoryIsForcedToo() throws IOException {
        Path existing = Files.createDirectory(directory.resolve("existing")).toAbsolutePath();
        Path target = existing.resolve("a/b/result.txt");
        List<Path> forced = new ArrayList<>();
        AtomicFiles.replace(target, temporary -> Files.writeString(temporary, "content"), dir -> {
            assertEquals("content", Files.readString(target), "forced after the move");
            forced.add(dir);
        });
        assertEquals(List.of(existing.resolve("a/b"), existing.resolve("a"), existing), forced,
                "the target's directory, then the parents of the two created directories");
        assertEquals(List.of(target.getFileName()), names(target.getParent()), "no temporary file beside it");
        forced.clear();
        AtomicFiles.replace(existing.resolve("a/c/result.txt"), temporary -> Files.writeString(temporary, "c"),
                forced::add);
        assertEquals(List.of(existing.resolve("a/c"), existing.resolve("a")), forced,
                "only the parent of the one directory created");
        forced.clear();
        AtomicFiles.replace(target, temporary -> Files.writeString(temporary, "again"), forced::add);
        assertEquals(List.of(existing.resolve("a/b")), forced, "nothing created: the target's directory alone");
    }

    @Test
    void aWriteIntoNestedMissingDirectoriesSurvivesRefusedForcesAndLeavesNoTemporaryFile() throws IOException {
        Path target = directory.resolve("x/y/z/result.txt");
        AtomicFiles.replace(target, temporary -> Files.writeString(temporary, "content"), dir -> {
            throw new IOException("Invalid argument");
        });
        assertEquals("content", Files.readString(target));
        AtomicFiles.write(directory.resolve("x/w/v/result.txt"), "real");
        assertEquals("real", Files.readString(directory.resolve("x/w/v/result.txt")));
        for (Path dir : List.of(directory, directory.resolve("x"), directory.resolve("x/y"), directory.resolve("x/w"),
                directory.resolve("x/y/z"), directory.resolve("x/w/v"))) {
            assertTrue(names(dir).stream().noneMatch(name -> name.toString().endsWith(".partial")),
                    "no temporary file in " + dir);
        }
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

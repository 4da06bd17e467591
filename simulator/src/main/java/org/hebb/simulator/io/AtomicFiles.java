package org.hebb.simulator.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;

/**
 * Writes result files atomically: the content goes to a temporary file in the same directory, is forced to the
 * disk, and the file is then moved over the target, so a crash never leaves a half-written result and never
 * destroys an earlier one.
 */
public final class AtomicFiles {
    /** How a temporary file's name starts and ends: hidden, beside its target. */
    private static final String TEMPORARY_PREFIX = ".";
    private static final String TEMPORARY_SUFFIX = ".partial";

    private AtomicFiles() {
    }

    /**
     * Fails unless a result could be written into {@code directory} (which must exist): creates there the kind of
     * temporary file a write makes, and deletes it.
     */
    public static void checkWritable(Path directory) throws IOException {
        Files.delete(Files.createTempFile(directory, TEMPORARY_PREFIX + "probe", TEMPORARY_SUFFIX));
    }

    /**
     * Deletes the temporary files that writes into {@code directory} left when their process was killed; call it
     * only where no write into the directory is under way.
     */
    public static void deleteTemporaryFiles(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String name = file.getFileName().toString();
                if (name.startsWith(TEMPORARY_PREFIX) && name.endsWith(TEMPORARY_SUFFIX) && Files.isRegularFile(file)) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    /** Writes {@code content} to {@code target} atomically, creating parent directories as needed. */
    public static void write(Path target, byte[] content) throws IOException {
        replace(target, temporary -> Files.write(temporary, content));
    }

    /** Copies {@code source} to {@code target} atomically (the target never holds a partial copy). */
    public static void copy(Path source, Path target) throws IOException {
        replace(target, temporary -> Files.copy(source, temporary, StandardCopyOption.REPLACE_EXISTING));
    }

    /** Fills the temporary file that an atomic write then moves over its target. */
    public interface Filler {
        void fill(Path temporary) throws IOException;
    }

    /** Writes {@code target} atomically: {@code filler} writes the temporary file it is given. */
    public static void writeWith(Path target, Filler filler) throws IOException {
        replace(target, filler);
    }

    private static void replace(Path target, Filler filler) throws IOException {
        Path absolute = target.toAbsolutePath();
        Files.createDirectories(absolute.getParent());
        Path temporary = Files.createTempFile(absolute.getParent(), TEMPORARY_PREFIX + absolute.getFileName(),
                TEMPORARY_SUFFIX);
        try {
            filler.fill(temporary);
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            makeReadable(temporary);
            try {
                Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** Temporary files are private to their owner; results are for everyone who can read the directory. */
    private static void makeReadable(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: keep the default permissions
        }
    }

    /** Writes {@code text} as UTF-8 to {@code target} atomically. */
    public static void write(Path target, String text) throws IOException {
        write(target, text.getBytes(StandardCharsets.UTF_8));
    }
}

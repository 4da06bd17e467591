package org.hebb.simulator.storage;

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
 * disk, and the file is then moved over the target and the directory forced to the disk too (and the parent of each
 * directory the write created), so that the move survives a power loss; a crash never leaves a half-written result
 * and never destroys an earlier one.
 */
public final class AtomicFiles {
    /** How a temporary file's name starts and ends: hidden, beside its target. */
    private static final String TEMPORARY_PREFIX = ".";
    private static final String TEMPORARY_SUFFIX = ".partial";

    /** Forces a directory's entries to the disk, as {@code fsync} on the directory does. */
    @FunctionalInterface
    interface DirectoryForce {
        void force(Path directory) throws IOException;
    }

    /** Opens the directory for reading and forces it: how Linux and macOS make a rename durable. */
    static final DirectoryForce FORCE_DIRECTORY = directory -> {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    };

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
        replace(target, filler, FORCE_DIRECTORY);
    }

    /**
     * Writes {@code target} atomically and then forces its directory with {@code forceDirectory}, so that the
     * move itself reaches the disk; where the write created missing parent directories, the parent of each of them
     * is forced after it (innermost first), so that the new directories' own entries reach the disk too.
     */
    static void replace(Path target, Filler filler, DirectoryForce forceDirectory) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path directory = absolute.getParent();
        Path outermostCreated = null;
        for (Path d = directory; d != null && Files.notExists(d); d = d.getParent()) {
            outermostCreated = d;
        }
        Files.createDirectories(directory);
        Path temporary = Files.createTempFile(directory, TEMPORARY_PREFIX + absolute.getFileName(),
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
            forceTolerantly(directory, forceDirectory);
            for (Path created = directory; outermostCreated != null; created = created.getParent()) {
                forceTolerantly(created.getParent(), forceDirectory);
                if (created.equals(outermostCreated)) {
                    break;
                }
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /**
     * Forces {@code directory}, tolerating file systems and platforms that refuse to (Windows cannot open a
     * directory, some network and FUSE file systems refuse to force one): the file itself is on the disk already,
     * and only the durability of its name is then up to the file system.
     */
    static void forceTolerantly(Path directory, DirectoryForce force) {
        try {
            force.force(directory);
        } catch (IOException | UnsupportedOperationException e) {
            // refused by the platform or file system: the move has happened, as without the force
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

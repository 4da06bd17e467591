package org.hebb.experiments.output;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.hebb.simulator.storage.AtomicFiles;

/**
 * A program's output directory ({@code --out}), held for one run. {@link #open} checks it before any work: creates
 * it, probes that files can be written in it, and takes an exclusive lock on its {@value #LOCK_FILE} file, so that
 * no other run, in this process or another, writes into it at the same time; it then deletes the previous run's
 * result file. The result file is written last ({@link #writeResult}), so a directory without one holds a run that
 * has not finished. {@link #close} releases the lock; the empty lock file stays (deleting it would let two runs hold
 * locks on two different files).
 */
public final class OutputDirectory implements AutoCloseable {
    /** The file in the directory that a run holds locked. */
    public static final String LOCK_FILE = ".lock";

    private final Path path;
    private final String resultName;
    private final FileChannel channel;
    private final FileLock lock;

    private OutputDirectory(Path path, String resultName, FileChannel channel, FileLock lock) {
        this.path = path;
        this.resultName = resultName;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Creates {@code directory} if needed, checks that it can be written, locks it and deletes its old
     * {@code resultName}.
     *
     * @throws IllegalArgumentException naming --out and the directory when it is empty, not a directory, cannot be
     *                                  created or cannot be written
     * @throws IllegalStateException    naming the directory when another run holds it
     */
    public static OutputDirectory open(Path directory, String resultName) throws IOException {
        if (directory == null || directory.toString().isEmpty()) {
            throw new IllegalArgumentException("output directory --out = '' is not allowed: it must name a directory"
                    + " (--out . for the current one)");
        }
        Path path = directory.toAbsolutePath().normalize();
        FileChannel channel;
        try {
            Files.createDirectories(path);
            AtomicFiles.checkWritable(path);
            channel = FileChannel.open(path.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException | SecurityException e) {
            throw new IllegalArgumentException("output directory --out = '" + path + "' is not usable: "
                    + whyNotUsable(path, e), e);
        }
        FileLock lock = null;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            // this process holds it already: another run in the same program
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            channel.close();
            throw new IllegalStateException("output directory --out = '" + path + "' is in use by another run (it "
                    + "holds " + LOCK_FILE + " locked): wait for that run to end or choose another --out");
        }
        OutputDirectory opened = new OutputDirectory(path, resultName, channel, lock);
        try {
            Files.deleteIfExists(path.resolve(resultName));
        } catch (IOException e) {
            opened.close();
            throw e;
        }
        return opened;
    }

    private static String whyNotUsable(Path path, Exception e) {
        for (Path p = path; p != null; p = p.getParent()) {
            if (Files.exists(p) && !Files.isDirectory(p)) {
                return (p.equals(path) ? "it" : "'" + p + "'") + " is a file, not a directory";
            }
        }
        return "it cannot be created or written (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")";
    }

    /** The directory, absolute. */
    public Path path() {
        return path;
    }

    /** A file or subdirectory of the directory. */
    public Path resolve(String name) {
        return path.resolve(name);
    }

    /** Writes the result file as JSON, atomically; the last file of a run. */
    public void writeResult(Object value) throws IOException {
        JsonOutput.write(path.resolve(resultName), value);
    }

    /** Releases the lock. */
    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}

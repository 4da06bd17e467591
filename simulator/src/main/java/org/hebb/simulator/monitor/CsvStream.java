package org.hebb.simulator.monitor;

import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.hebb.simulator.storage.AtomicFiles;

/**
 * What a monitor streams to a CSV file: lines written to {@code <file>.partial} as a run goes, copied atomically to
 * the file when each run ends, the partial file removed when the network is closed. Memory stays bounded however
 * long the recording.
 */
final class CsvStream {
    private final Path file;
    private final Path partial;
    private final String header;
    /** The header an earlier Hebb wrote for the same lines, whose file a resume goes on from too, or null. */
    private final String earlierHeader;
    private final String what;
    private OutputStream out;
    /**
     * The bytes of the line being written, reused: a {@link java.io.Writer} appends a line through a String made of
     * it and wraps its buffer anew at every flush, so the lines are encoded here and written as bytes.
     */
    private byte[] bytes = new byte[64];

    /**
     * Refuses, before any simulation, a file that the runs could not write: a path naming no file, a directory in
     * the place of the file or of its partial file, a directory that cannot be created or written.
     *
     * @param header the first lines (comments and column names), each ending in a new line
     * @param what   what the lines are, for messages ("spikes", "state samples")
     */
    CsvStream(Path file, String header, String what) {
        this(file, header, null, what);
    }

    /**
     * As {@link #CsvStream(Path, String, String)}; a file that begins with {@code earlierHeader}, as an earlier Hebb
     * wrote the same columns, is resumed as one that begins with {@code header} ({@link #resume}).
     */
    CsvStream(Path file, String header, String earlierHeader, String what) {
        String refused = "streamTo = '" + file + "' is not allowed: ";
        Path name = file.getFileName();
        if (name == null || name.toString().isEmpty()) {
            throw new IllegalArgumentException(refused + "it names no file");
        }
        Path partialFile = Monitor.partialCopyOf(file);
        for (Path path : new Path[] {file, partialFile}) {
            if (Files.isDirectory(path)) {
                throw new IllegalArgumentException(refused + (path == file ? "it is" : path + " is")
                        + " a directory; name a file (its partial copy goes beside it, in <file>.partial)");
            }
        }
        Path directory = file.toAbsolutePath().getParent();
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new IllegalArgumentException(refused + "its directory " + directory + " cannot be created ("
                    + e + ")", e);
        }
        try {
            AtomicFiles.checkWritable(directory);
        } catch (IOException e) {
            throw new IllegalArgumentException(refused + "its directory " + directory + " cannot be written ("
                    + e + ")", e);
        }
        this.file = file;
        this.partial = partialFile;
        this.header = header;
        this.earlierHeader = earlierHeader;
        this.what = what;
    }

    /**
     * Appends {@code line} (ending in a new line) to the partial file, allocating nothing once warm where the line
     * is ASCII (numbers and commas, as monitors write them).
     */
    void write(StringBuilder line) {
        int length = line.length();
        if (length > bytes.length) {
            bytes = new byte[Math.max(length, 2 * bytes.length)];
        }
        boolean ascii = true;
        for (int i = 0; i < length; i++) {
            char c = line.charAt(i);
            ascii &= c < 0x80;
            bytes[i] = (byte) c;
        }
        try {
            open();
            if (ascii) {
                out.write(bytes, 0, length);
            } else {
                out.write(line.toString().getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + what + " to " + partial, e);
        }
    }

    private void open() throws IOException {
        if (out == null) {
            out = new BufferedOutputStream(Files.newOutputStream(partial), 1 << 16);
            out.write(header.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** The file streamed to. */
    Path file() {
        return file;
    }

    /**
     * Starts again from what the file holds, where it begins with this stream's header (or the earlier one, which
     * this stream's then replaces): its lines stamped before
     * {@code beforeMs} (the first column, in ms; lines are in time order) are kept, and the lines streamed from now
     * on follow them. Lines streamed before are dropped. A file with another header is replaced at the next run's
     * end, as a new stream replaces it.
     */
    void resume(double beforeMs) {
        try {
            if (out != null) {
                out.close();
                out = null;
            }
            open();
            if (!Files.isRegularFile(file)) {
                return;
            }
            try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                String[] expected = header.split("\n");
                String[] earlier = earlierHeader == null ? new String[0] : earlierHeader.split("\n");
                boolean same = true;
                boolean sameAsEarlier = earlier.length == expected.length;
                for (int k = 0; k < expected.length; k++) {
                    String line = in.readLine();
                    same &= expected[k].equals(line);
                    sameAsEarlier = sameAsEarlier && earlier[k].equals(line);
                }
                if (!same && !sameAsEarlier) {
                    return;
                }
                for (String kept = in.readLine(); kept != null; kept = in.readLine()) {
                    int comma = kept.indexOf(',');
                    if (comma < 0 || !(Double.parseDouble(kept.substring(0, comma)) < beforeMs)) {
                        break;
                    }
                    out.write((kept + "\n").getBytes(StandardCharsets.UTF_8));
                }
            }
        } catch (IOException | NumberFormatException e) {
            throw new IllegalStateException("cannot resume the " + what + " streamed to " + file + " (" + e + ")",
                    e);
        }
    }

    /** The lines so far become the file, atomically. */
    void runEnded() {
        try {
            open();
            out.flush();
            AtomicFiles.copy(partial, file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + what + " to " + file, e);
        }
    }

    /** Removes the partial file. */
    void close() {
        if (out == null) {
            return;
        }
        try {
            out.close();
            Files.deleteIfExists(partial);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close " + partial, e);
        }
        out = null;
    }
}

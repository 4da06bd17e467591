package org.hebb.experiments.jobs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.hebb.simulator.storage.AtomicFiles;
import org.hebb.util.Require;

/**
 * What a directory of checkpoints is made from: named values (settings, fingerprints of data and weights) that
 * together decide every checkpoint in it. The key is kept in the directory's {@value #FILE}; a run with another key
 * is refused, naming each value that differs, as long as the directory holds checkpoints (job results, a network's
 * saved state: any file at any depth but key files and the hidden temporary files of atomic writes), so checkpoints
 * made from other settings are never read back as this run's.
 */
public final class CheckpointKey {
    /** The file, in the checkpoint directory, that holds the key: one {@code name = value} per line. */
    public static final String FILE = "key.txt";
    private static final String SEPARATOR = " = ";

    private final Map<String, String> values;

    /** An empty key. */
    public CheckpointKey() {
        this(Map.of());
    }

    private CheckpointKey(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** This key with {@code name = value} added (a value is compared as its {@link String#valueOf} text). */
    public CheckpointKey with(String name, Object value) {
        String text = String.valueOf(value);
        Require.that(!name.isEmpty() && !name.contains("=") && !name.contains("\n"),
                "key name = '" + name + "' is not allowed: must be non-empty, without '=' or line breaks");
        Require.that(!text.contains("\n"), "key value of " + name + " = '" + text + "' is not allowed: must be "
                + "one line");
        Require.that(!values.containsKey(name), "key name = '" + name + "' is not allowed: it is used twice");
        Map<String, String> more = new LinkedHashMap<>(values);
        more.put(name, text);
        return new CheckpointKey(more);
    }

    /** The named values, in the order they were added. */
    public Map<String, String> values() {
        return values;
    }

    /**
     * Makes {@code directory} (created if needed) this key's: refused, naming what differs, when the directory
     * holds checkpoints made with another key or with none. A checkpoint is any regular file in the directory or
     * below it other than a key file ({@value #FILE}) and a hidden temporary file (its name starting with '.', as
     * an atomic write's does): job results ({@code .result} files) and a network's saved state alike. A directory
     * that holds none takes any key.
     *
     * @throws IllegalArgumentException when the directory's checkpoints were made from something else
     * @throws IOException              when the directory or its key file cannot be read or written
     */
    public void claim(Path directory) throws IOException {
        Files.createDirectories(directory);
        Path file = directory.resolve(FILE);
        boolean hasKey = Files.exists(file);
        if (holdsCheckpoints(directory)) {
            String afresh = ": write to another output directory, or delete " + directory.toAbsolutePath()
                    + " to start afresh";
            Require.that(hasKey, "the checkpoints in " + directory.toAbsolutePath() + " have no " + FILE + " saying"
                    + " what they were made from (an earlier version of Hebb made them), so they cannot be reused"
                    + afresh);
            String differences = differencesFrom(read(file));
            Require.that(differences.isEmpty(), "the checkpoints in " + directory.toAbsolutePath() + " were made "
                    + differences + afresh);
            return;
        }
        AtomicFiles.write(file, text());
    }

    /** Empty if {@code old} has this key's values, else "with (old values); this run has (new values)". */
    private String differencesFrom(CheckpointKey old) {
        List<String> before = new ArrayList<>();
        List<String> now = new ArrayList<>();
        List<String> names = new ArrayList<>(values.keySet());
        old.values.keySet().stream().filter(name -> !values.containsKey(name)).forEach(names::add);
        for (String name : names) {
            String was = old.values.getOrDefault(name, "(none)");
            String is = values.getOrDefault(name, "(none)");
            if (!is.equals(was)) {
                before.add(name + SEPARATOR + was);
                now.add(name + SEPARATOR + is);
            }
        }
        return before.isEmpty() ? ""
                : "with " + String.join(", ", before) + "; this run has " + String.join(", ", now);
    }

    private String text() {
        StringBuilder text = new StringBuilder();
        values.forEach((name, value) -> text.append(name).append(SEPARATOR).append(value).append('\n'));
        return text.toString();
    }

    /** Reads a key file. */
    static CheckpointKey read(Path file) throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IOException("checkpoint key " + file.toAbsolutePath() + " cannot be read: " + e, e);
        }
        for (int k = 0; k < lines.size(); k++) {
            int at = lines.get(k).indexOf(SEPARATOR);
            if (at <= 0) {
                throw new IOException("checkpoint key " + file.toAbsolutePath() + " is corrupt: line " + (k + 1)
                        + " is not 'name = value'; delete its directory to start afresh");
            }
            values.put(lines.get(k).substring(0, at), lines.get(k).substring(at + SEPARATOR.length()));
        }
        return new CheckpointKey(values);
    }

    /** Whether {@code directory} holds a checkpoint: a regular file, at any depth, but a key or temporary file. */
    private static boolean holdsCheckpoints(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).map(f -> f.getFileName().toString())
                    .anyMatch(name -> !name.equals(FILE) && !name.startsWith("."));
        }
    }
}

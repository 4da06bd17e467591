package org.hebb.simulator.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * The build of Hebb that is running, as results record it: its version and the commit it was built from, with
 * "modified" when the working tree had changes the commit does not hold. A build made outside a git checkout
 * (from a source archive) knows no commit and says so.
 */
public final class HebbVersion {
    /** What the build writes: the project's version, and {@code git describe --always --dirty} of its checkout. */
    static final String VERSION_RESOURCE = "hebb-version.properties";
    static final String COMMIT_RESOURCE = "hebb-commit.txt";
    private static final String DIRTY = "-dirty";
    private static final String DESCRIPTION = describe(version(), resource(COMMIT_RESOURCE));

    private HebbVersion() {
    }

    /**
     * For example "0.1.0-SNAPSHOT d8d0c64a49", "0.1.0-SNAPSHOT d8d0c64a49 modified" or "0.1.0-SNAPSHOT, commit
     * unknown".
     */
    public static String describe() {
        return DESCRIPTION;
    }

    /**
     * The description of version {@code version} built from the commit {@code commit} as git describes it (a
     * hash, with "-dirty" after it when the checkout had uncommitted changes); null for either where unknown.
     */
    static String describe(String version, String commit) {
        String v = version == null || version.isBlank() ? "unknown version" : version.strip();
        if (commit == null || commit.isBlank()) {
            return v + ", commit unknown";
        }
        String c = commit.strip();
        return c.endsWith(DIRTY) ? v + " " + c.substring(0, c.length() - DIRTY.length()) + " modified" : v + " " + c;
    }

    private static String version() {
        String text = resource(VERSION_RESOURCE);
        if (text == null) {
            return null;
        }
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(text));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Hebb's " + VERSION_RESOURCE, e);
        }
        return properties.getProperty("version");
    }

    /** The text of the resource {@code name} beside this class, or null where the build wrote none. */
    private static String resource(String name) {
        try (InputStream in = HebbVersion.class.getResourceAsStream(name)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Hebb's " + name, e);
        }
    }
}

package org.hebb.simulator.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The build of Hebb that is running, as results record it: its version and the commit it was built from, with
 * "modified" when the working tree had changes the commit does not hold. A build made outside a git checkout
 * (from a source archive) knows no commit and says so.
 */
public final class HebbVersion {
    /** Where the build writes the version and commit. */
    static final String RESOURCE = "hebb-version.properties";
    private static final String DESCRIPTION = describe(load());

    private HebbVersion() {
    }

    /** For example "0.1.0-SNAPSHOT d8d0c64a49", "0.1.0-SNAPSHOT d8d0c64a49 modified" or "unknown build". */
    public static String describe() {
        return DESCRIPTION;
    }

    /** The description of the build whose properties are {@code build} (empty when it recorded none). */
    static String describe(Properties build) {
        String version = build.getProperty("git.build.version");
        String commit = build.getProperty("git.commit.id.abbrev");
        if (version == null || commit == null) {
            return "unknown build";
        }
        return version + " " + commit + (Boolean.parseBoolean(build.getProperty("git.dirty")) ? " modified" : "");
    }

    private static Properties load() {
        Properties build = new Properties();
        try (InputStream in = HebbVersion.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                build.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Hebb's " + RESOURCE, e);
        }
        return build;
    }
}

package org.hebb.simulator.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class HebbVersionTest {
    @Test
    void describesTheVersionTheCommitAndUncommittedChanges() {
        assertEquals("1.2.0 0123456789", HebbVersion.describe(build("1.2.0", "0123456789", "false")));
        assertEquals("1.2.0 0123456789 modified", HebbVersion.describe(build("1.2.0", "0123456789", "true")));
        assertEquals("unknown build", HebbVersion.describe(new Properties()));
        assertEquals("unknown build", HebbVersion.describe(build("1.2.0", null, "false")));
    }

    @Test
    void thisBuildRecordsTheCommitItWasBuiltFrom() throws IOException, InterruptedException {
        String head = gitHead();
        assumeTrue(head != null, "not built from a git checkout (or git is missing): no commit to compare with");
        String[] words = HebbVersion.describe().split(" ");
        assertEquals(head, words.length > 1 ? words[1] : null, HebbVersion.describe());
    }

    private static Properties build(String version, String commit, String dirty) {
        Properties build = new Properties();
        build.setProperty("git.build.version", version);
        if (commit != null) {
            build.setProperty("git.commit.id.abbrev", commit);
        }
        build.setProperty("git.dirty", dirty);
        return build;
    }

    /** The checkout's commit, abbreviated as the build abbreviates it, or null without git. */
    private static String gitHead() throws InterruptedException {
        try {
            Process git = new ProcessBuilder("git", "rev-parse", "--short=10", "HEAD").redirectErrorStream(true)
                    .start();
            String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return git.waitFor(30, TimeUnit.SECONDS) && git.exitValue() == 0 ? out : null;
        } catch (IOException e) {
            return null;
        }
    }
}

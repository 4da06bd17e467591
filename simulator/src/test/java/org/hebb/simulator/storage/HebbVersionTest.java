package org.hebb.simulator.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** The build's description, and in a git checkout the commit it was built from (a linked worktree's own). */
class HebbVersionTest {
    @Test
    void describesTheVersionTheCommitAndUncommittedChanges() {
        assertEquals("1.2.0 0123456789", HebbVersion.describe("1.2.0", "0123456789\n"));
        assertEquals("1.2.0 0123456789 modified", HebbVersion.describe("1.2.0", "0123456789-dirty\n"));
        assertEquals("1.2.0, commit unknown", HebbVersion.describe("1.2.0", null));
        assertEquals("unknown version, commit unknown", HebbVersion.describe(null, ""));
    }

    @Test
    void thisBuildRecordsTheCommitItWasBuiltFrom() throws IOException, InterruptedException {
        String head = gitHead();
        assumeTrue(head != null, "not built from a git checkout (or git is missing): no commit to compare with");
        String[] words = HebbVersion.describe().split(" ");
        assertEquals(head, words.length > 1 ? words[1] : null, HebbVersion.describe());
        assertFalse(HebbVersion.describe().startsWith("unknown version"), HebbVersion.describe());
    }

    /**
     * The launcher rebuilds Hebb when the commit the build recorded is not the checkout's: it must read the file
     * where the build writes it, or it would rebuild before every program.
     */
    @Test
    void theLauncherReadsTheCommitWhereTheBuildWritesIt() throws IOException {
        Path launcher = Path.of("..", "hebb");
        assumeTrue(Files.isRegularFile(launcher), "not run from Hebb's source tree: no launcher beside the module");
        String written = "simulator/target/classes/" + HebbVersion.class.getPackageName().replace('.', '/') + "/"
                + HebbVersion.COMMIT_RESOURCE;
        String recorded = Files.readAllLines(launcher).stream().filter(line -> line.strip().startsWith("recorded="))
                .findFirst().orElseThrow(() -> new AssertionError("the launcher reads no recorded commit"));
        assertEquals("recorded=\"$root/" + written + "\"", recorded.strip());
        if (Files.exists(Path.of("..", ".git"))) {
            assertTrue(Files.isRegularFile(Path.of("..", written)), "a build in a git checkout writes " + written);
        }
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

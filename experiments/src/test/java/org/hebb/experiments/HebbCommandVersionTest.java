package org.hebb.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.hebb.simulator.storage.HebbVersion;
import org.junit.jupiter.api.Test;

/** {@code hebb --version}, and each program's, names the build as results record it. */
class HebbCommandVersionTest {
    @Test
    void versionNamesTheBuildThatRuns() {
        StringWriter out = new StringWriter();
        assertEquals(0, HebbCommand.execute(new String[] {"--version"}, new PrintWriter(out, true),
                new PrintWriter(new StringWriter(), true)));
        assertEquals("Hebb " + HebbVersion.describe(), out.toString().strip());
    }

    /** Every program's help lists --version: each prints the build, as {@code hebb --version} does. */
    @Test
    void everyProgramsVersionNamesTheBuild() {
        for (String program : new picocli.CommandLine(new HebbCommand()).getSubcommands().keySet()) {
            StringWriter out = new StringWriter();
            assertEquals(0, HebbCommand.execute(new String[] {program, "--version"}, new PrintWriter(out, true),
                    new PrintWriter(new StringWriter(), true)), program);
            assertEquals("Hebb " + HebbVersion.describe(), out.toString().strip(), program);
        }
    }
}

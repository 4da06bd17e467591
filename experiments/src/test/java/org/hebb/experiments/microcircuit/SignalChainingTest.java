package org.hebb.experiments.microcircuit;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.hebb.opencl.OpenClDevices;
import org.hebb.simulator.testing.Prerequisites;
import org.junit.jupiter.api.Test;

/**
 * This module's tests run networks on OpenCL devices ({@link MicrocircuitTest}); a JVM that uses PoCL needs the
 * JDK's signal-chaining library, or LLVM's signal handlers can crash it later (docs/OPENCL.md), so the Maven tests
 * start their JVMs with it, whatever the caller's environment.
 */
class SignalChainingTest {
    @Test
    void testJvmsLoadTheSignalChainingLibrary() throws IOException {
        Prerequisites.require(OpenClDevices.missingReason());
        Path maps = Path.of("/proc/self/maps");
        Prerequisites.require(Files.isReadable(maps) ? null : maps + " is not readable (Linux only)");
        assertTrue(Files.readString(maps).contains("libjsig"), "this test JVM runs OpenCL without libjsig.so: "
                + "set LD_PRELOAD for the tests' JVMs in experiments/pom.xml");
    }
}

package org.hebb.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The profile adds launches per kernel and counts the device's idle time between commands, not the host's waits. */
class KernelProfileTest {

    @Test
    void runAndGapTimesAreAveragedPerKernel() {
        KernelProfile profile = new KernelProfile();
        profile.add("update", 0, 10_000);
        profile.add("deliver", 16_000, 20_000);
        profile.add("update", 26_000, 40_000);
        profile.add("deliver", 5_000_000, 5_002_000);
        assertEquals(2, profile.launches("update"));
        assertEquals(2, profile.launches("deliver"));
        assertEquals(0, profile.launches("compact"));
        assertEquals(4, profile.launches());
        String report = profile.report();
        // update: runs of 10 and 14 us, gaps 0 (first command) and 6 us; deliver: runs of 4 and 2 us, gaps 6 us and
        // none counted (the host waited 4.96 ms)
        assertTrue(report.matches("(?s).*update\\s+2\\s+12\\.00\\s+3\\.00.*"), report);
        assertTrue(report.matches("(?s).*deliver\\s+2\\s+3\\.00\\s+3\\.00.*"), report);
    }
}

package org.hebb.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The profile adds launches per kernel and counts the device's idle time between commands, not the host's waits
 * (gaps of 1 ms or more), the time before the first command, or the overlap of commands that ran at once.
 */
class KernelProfileTest {

    @Test
    void runAndGapTimesAreAveragedPerKernel() {
        KernelProfile profile = new KernelProfile();
        profile.add("update", 500_000, 510_000);
        profile.add("deliver", 516_000, 520_000);
        profile.add("update", 526_000, 540_000);
        profile.add("deliver", 5_000_000, 5_002_000);
        profile.add("compact", 5_001_000, 5_003_000);
        profile.add("compact", 6_003_000, 6_004_000);
        profile.add("read", 7_003_000, 7_005_000);
        assertEquals(2, profile.launches("update"));
        assertEquals(2, profile.launches("deliver"));
        assertEquals(2, profile.launches("compact"));
        assertEquals(1, profile.launches("read"));
        assertEquals(0, profile.launches("scan"));
        assertEquals(7, profile.launches());
        String report = profile.report();
        // update: runs of 10 and 14 us, gaps none counted (the first command, 0.5 ms after the clock's zero) and
        // 6 us; deliver: runs of 4 and 2 us, gaps 6 us and none counted (the host waited 4.46 ms); compact: runs
        // of 2 and 1 us, gaps none counted (it started 1 us before the deliver ended) and none (exactly 1 ms);
        // read: a run of 2 us after a gap of 999 us, counted
        assertTrue(report.matches("(?s).*update\\s+2\\s+12\\.00\\s+3\\.00.*"), report);
        assertTrue(report.matches("(?s).*deliver\\s+2\\s+3\\.00\\s+3\\.00.*"), report);
        assertTrue(report.matches("(?s).*compact\\s+2\\s+1\\.50\\s+0\\.00.*"), report);
        assertTrue(report.matches("(?s).*read\\s+1\\s+2\\.00\\s+999\\.00.*"), report);
    }
}

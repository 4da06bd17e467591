package org.hebb.experiments.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RunLimitsTest {
    @Test
    void aDurationIsBoundedByTwoToTheThirtyOneSteps() {
        assertEquals(214_748_364.7, RunLimits.duration("duration", 214_748_364.7, 0.1));
        assertEquals("duration = 1.0E300 ms is not allowed: must be at most 214748364.7 ms (2^31 - 1 steps of 0.1 "
                        + "ms, the longest run a program takes)",
                assertThrows(IllegalArgumentException.class,
                        () -> RunLimits.duration("duration", 1e300, 0.1)).getMessage());
        assertEquals("duration = 300000.0 s is not allowed: must be at most 214748.3 s (2^31 - 1 steps of 0.1 ms, "
                        + "the longest run a program takes)",
                assertThrows(IllegalArgumentException.class,
                        () -> RunLimits.duration("duration", 300_000, "s", 1000, 0.1)).getMessage());
        assertEquals("duration = NaN ms is not allowed: must be a finite number > 0",
                assertThrows(IllegalArgumentException.class,
                        () -> RunLimits.duration("duration", Double.NaN, 1)).getMessage());
        assertEquals("run time = 0.0 s is not allowed: must be a finite number > 0",
                assertThrows(IllegalArgumentException.class,
                        () -> RunLimits.duration("run time", 0, "s", 1000, 1)).getMessage());
    }
}

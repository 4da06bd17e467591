package org.hebb.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class CobaVsBrian2Test {
    /** Arguments out of range are refused, naming them, before Brian2 is looked for and before any run. */
    @Test
    void refusesArgumentsOutOfRangeBeforeRunning() {
        assertEquals("repeats = 0 is not allowed: must be >= 1", assertThrows(IllegalArgumentException.class,
                () -> CobaVsBrian2.main(new String[] {"0"})).getMessage());
        assertEquals("duration_ms = 0.0 ms is not allowed: must be a finite number > 0",
                assertThrows(IllegalArgumentException.class,
                        () -> CobaVsBrian2.main(new String[] {"--plastic", "1", "0"})).getMessage());
        assertEquals("duration_ms = 0.04 ms is not allowed: must be at least one step of dt = 0.1 ms",
                assertThrows(IllegalArgumentException.class,
                        () -> CobaVsBrian2.main(new String[] {"1", "0.04"})).getMessage());
    }
}

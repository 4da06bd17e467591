package org.hebb.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class EventVersusClockTest {
    /** event-vs-clock.json records the master seed its networks were built from, beside what was measured. */
    @Test
    void resultRecordsTheSeed() {
        Map<String, Object> result = EventVersusClock.result(3, 2000, List.of(), Map.of());
        assertEquals(1L, result.get("seed"), result.toString());
        assertEquals(3, result.get("repeats"));
        assertEquals(2.0, result.get("duration_s"));
    }

    /**
     * Arguments out of range are refused, naming them, before any network is built: no repeat (whose medians do
     * not exist), a drive faster than one spike per step of the clock-driven runs.
     */
    @Test
    void refusesArgumentsOutOfRangeBeforeMeasuring() {
        assertEquals("repeats = 0 is not allowed: must be >= 1", assertThrows(IllegalArgumentException.class,
                () -> EventVersusClock.main(new String[] {"0"})).getMessage());
        assertEquals("duration_ms = 0.01 ms is not allowed: must be at least one step of dt = 0.1 ms",
                assertThrows(IllegalArgumentException.class,
                        () -> EventVersusClock.main(new String[] {"1", "0.01"})).getMessage());
        assertEquals("drive rate = 20000.0 Hz is not allowed: must be in [0.0, 10000.0]",
                assertThrows(IllegalArgumentException.class,
                        () -> EventVersusClock.main(new String[] {"1", "1", "20000"})).getMessage());
    }
}

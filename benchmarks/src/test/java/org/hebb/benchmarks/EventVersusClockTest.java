package org.hebb.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}

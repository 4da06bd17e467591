package org.hebb.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

    /**
     * Hebb's seconds are wall time, so Brian2's must be too: the comparison takes the wall time of Brian2's main loop,
     * not the CPU time Brian2 reports for it, which leaves out the time its process waits for a core (half the wall
     * time where it shares one).
     */
    @Test
    void comparesBrian2sMainLoopByItsWallTime() throws Exception {
        JsonNode sharedCore = new ObjectMapper().readTree(
                "{\"main_loop_wall_seconds\": 0.951, \"main_loop_cpu_seconds\": 0.419, \"rate_hz\": 20.2}");
        assertEquals(0.951, CobaVsBrian2.mainLoopWallSeconds(sharedCore));
    }

    /** Output that times the loop only by CPU time (coba_brian2.py before it took the wall time) is refused. */
    @Test
    void refusesBrian2OutputWithoutWallTime() throws Exception {
        JsonNode cpuOnly = new ObjectMapper().readTree("{\"main_loop_seconds\": 0.419, \"rate_hz\": 20.2}");
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> CobaVsBrian2.mainLoopWallSeconds(cpuOnly));
        assertTrue(refused.getMessage().startsWith("Brian2's output has no main_loop_wall_seconds"),
                refused.getMessage());
    }

    /** Rates within 15% and (plastic) mean weights within 5% pass; a gap, a silent network or NaN fails, naming it. */
    @Test
    void requiresBothNetworksToFireAlikeAndEndWithAlikeWeights() {
        CobaVsBrian2.requireAgreement(4000, 19.87, 20.48, Double.NaN, Double.NaN);
        CobaVsBrian2.requireAgreement(4000, 19.06, 17.98, 0.6009, 0.6032);
        assertRefused("mean rates differ by 20.0%", 4000, 24, 20, Double.NaN, Double.NaN);
        assertRefused("both networks must fire", 4000, 0, 0, Double.NaN, Double.NaN);
        assertRefused("both networks must fire", 4000, Double.NaN, 20, Double.NaN, Double.NaN);
        assertRefused("mean E->E weights differ by 100.0%", 4000, 19, 18, 1.2, 0.6);
        assertRefused("mean E->E weights differ", 4000, 19, 18, Double.NaN, 0.6);
    }

    private static void assertRefused(String expected, int n, double hebbRate, double brianRate, double hebbWeight,
                                      double brianWeight) {
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> CobaVsBrian2.requireAgreement(n, hebbRate, brianRate, hebbWeight, brianWeight));
        assertTrue(refused.getMessage().contains(expected), refused.getMessage());
    }
}

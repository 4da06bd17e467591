package org.hebb.plasticity.stdp;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hebb.plasticity.WeightDependence;
import org.junit.jupiter.api.Test;

/**
 * Additive STDP scales both amplitudes by w_max, so bounds with w_max at or below 0 would silently stop learning
 * (w_max 0) or turn it into anti-STDP (w_max below 0): they are refused, naming w_max and why. Multiplicative STDP
 * scales by the distance to a bound and takes bounds of either sign.
 */
class StdpBoundsTest {
    private static void refused(double wMin, double wMax, String value) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Stdp.builder().wMin(wMin).wMax(wMax).build());
        for (String part : new String[] {"w_max = " + value + " is not allowed with additive weight dependence",
                "must be > 0", "fractions of w_max", "multiplicative"}) {
            assertTrue(e.getMessage().contains(part), "message '" + e.getMessage() + "' should contain '" + part
                    + "'");
        }
    }

    @Test
    void additiveStdpRefusesAnUpperBoundAtOrBelowZero() {
        refused(-1, 0, "0.0");
        refused(-2, -1, "-1.0");
    }

    @Test
    void multiplicativeStdpTakesBoundsAtOrBelowZero() {
        Stdp rule = assertDoesNotThrow(() -> Stdp.builder().wMin(-2).wMax(-1)
                .weightDependence(WeightDependence.MULTIPLICATIVE).build());
        assertEquals(-1f, rule.bounds().max());
    }

    @Test
    void additiveStdpWithAPositiveUpperBoundIsUnchanged() {
        Stdp rule = Stdp.builder().wMin(-1).wMax(2).build();
        WeightDependence.LinearChange up = rule.dependence().change(rule.aPlus(), rule.bounds(), true);
        WeightDependence.LinearChange down = rule.dependence().change(rule.aMinus(), rule.bounds(), false);
        assertEquals(0.01f * 2f, up.constant());
        assertEquals(-0.0105f * 2f, down.constant());
        assertEquals(0f, up.slope());
        assertEquals(0f, down.slope());
    }
}

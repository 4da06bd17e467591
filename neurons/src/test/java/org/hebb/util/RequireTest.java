package org.hebb.util;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The checks of whole arrays: bounds included, the first element outside them named with its index and value. */
class RequireTest {
    @Test
    void floatsInRangeAcceptTheBoundsAndNameTheFirstElementOutside() {
        assertDoesNotThrow(() -> Require.allInRange("p", new float[] {0, 0.5f, 1}, 0, 1, "per step"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Require.allInRange("p", new float[] {0.5f, 1.5f, -1}, 0, 1, "per step"));
        assertEquals("p[1] = 1.5 per step is not allowed: must be in [0.0, 1.0]", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Require.allInRange("p", new float[] {Float.NaN}, 0, 1, null));
        assertEquals("p[0] = NaN is not allowed: must be in [0.0, 1.0]", e.getMessage());
    }

    @Test
    void intsInRangeAcceptTheBoundsAndNameTheFirstElementOutside() {
        assertDoesNotThrow(() -> Require.allInRange("post", new int[] {0, 3, 2}, 0, 3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Require.allInRange("post", new int[] {0, 4, -1}, 0, 3));
        assertEquals("post[1] = 4 is not allowed: must be in [0, 3]", e.getMessage());
    }

    @Test
    void nonNegativesAcceptZeroAndRefuseNegativesNaNAndInfinity() {
        assertDoesNotThrow(() -> Require.allNonNegative("times", new double[] {0, -0.0, 5}, "ms"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Require.allNonNegative("times", new double[] {1, -0.5}, "ms"));
        assertEquals("times[1] = -0.5 ms is not allowed: must be a finite number >= 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Require.allNonNegative("times", new double[] {Double.POSITIVE_INFINITY}, "ms"));
        assertEquals("times[0] = Infinity ms is not allowed: must be a finite number >= 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Require.allNonNegative("times", new double[] {Double.NaN}, "ms"));
        assertEquals("times[0] = NaN ms is not allowed: must be a finite number >= 0", e.getMessage());
    }
}

package org.hebb.experiments.limits;

import java.math.BigDecimal;

import org.hebb.util.Require;

/** The longest run a program accepts, checked before anything is built. */
public final class RunLimits {
    /**
     * Most steps in one run of a program: 2^31 - 1, at dt = 0.1 ms 59.6 hours of biological time (days of wall
     * time), at dt = 1 ms 24.8 days. A longer run of a program is almost always a mistyped duration; the library
     * itself takes runs of up to 2^62 steps.
     */
    public static final long MAX_STEPS = Integer.MAX_VALUE;

    private RunLimits() {
    }

    /**
     * Fails unless {@code durationMs} is finite, positive and at most {@link #MAX_STEPS} steps of {@code dtMs};
     * returns it.
     */
    public static double duration(String name, double durationMs, double dtMs) {
        return duration(name, durationMs, "ms", 1, dtMs);
    }

    /**
     * As {@link #duration(String, double, double)} for a duration given in {@code unit}, of which one is
     * {@code msPerUnit} ms.
     */
    public static double duration(String name, double value, String unit, double msPerUnit, double dtMs) {
        Require.positive(name, value, unit);
        BigDecimal max = BigDecimal.valueOf(Math.floor(MAX_STEPS * dtMs / msPerUnit * 10) / 10).stripTrailingZeros();
        if (value > max.doubleValue()) {
            throw new IllegalArgumentException(name + " = " + value + " " + unit + " is not allowed: must be at most "
                    + max.toPlainString() + " " + unit + " (2^31 - 1 steps of " + dtMs + " ms, the longest run a "
                    + "program takes)");
        }
        return value;
    }
}

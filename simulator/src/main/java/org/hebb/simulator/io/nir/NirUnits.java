package org.hebb.simulator.io.nir;

import java.math.BigDecimal;

/**
 * NIR's times are in seconds, Hebb's in ms. The decimal point moves in decimal, so that a value with up to 15
 * significant digits comes back to the same double after a round trip (0.3 ms -> 3.0E-4 s -> 0.3 ms), which
 * multiplying and dividing by 1000 in binary would not always give.
 */
final class NirUnits {
    private NirUnits() {
    }

    /** {@code seconds} in ms. */
    static double milliseconds(double seconds) {
        return shift(seconds, 3);
    }

    /** {@code milliseconds} in seconds. */
    static double seconds(double milliseconds) {
        return shift(milliseconds, -3);
    }

    /** {@code steps} steps of {@code dtMs} ms, in seconds (0.6 ms for 6 steps of 0.1 ms, not 0.6000000000000001). */
    static double seconds(int steps, double dtMs) {
        return new BigDecimal(Double.toString(dtMs)).multiply(BigDecimal.valueOf(steps)).movePointLeft(3)
                .doubleValue();
    }

    /** A rate per second ({@code perSecond}) per ms. */
    static double perMillisecond(double perSecond) {
        return shift(perSecond, -3);
    }

    /** A rate per ms ({@code perMillisecond}) per second. */
    static double perSecond(double perMillisecond) {
        return shift(perMillisecond, 3);
    }

    private static double shift(double value, int places) {
        if (!Double.isFinite(value)) {
            return value;
        }
        return new BigDecimal(Double.toString(value)).movePointRight(places).doubleValue();
    }
}

package org.hebb.neurons.definition.units;

import java.util.Map;

/**
 * The physical dimension of a quantity as powers of voltage, time, current and length, the base quantities of
 * Hebb's units (mV, ms, nA, um); capacitance, conductance and resistance are products of them (nF = nA ms / mV,
 * uS = nA / mV, MOhm = mV / nA), which is why Hebb's units need no conversion factors between them. A fifth
 * power, of {@code weight}, stands for the unit of a projection's weights in synapse definitions, which work on
 * any projection whatever its receptor's unit.
 */
public record Dimension(int voltage, int time, int current, int length, int weight) {
    /** A pure number. */
    public static final Dimension NONE = new Dimension(0, 0, 0, 0);
    /** The unit of a projection's weights (uS, nA or mV, whichever its receptor takes). */
    public static final Dimension WEIGHT = new Dimension(0, 0, 0, 0, 1);
    /** mV. */
    public static final Dimension VOLTAGE = new Dimension(1, 0, 0, 0);
    /** ms. */
    public static final Dimension TIME = new Dimension(0, 1, 0, 0);
    /** nA. */
    public static final Dimension CURRENT = new Dimension(0, 0, 1, 0);
    /** um. */
    public static final Dimension LENGTH = new Dimension(0, 0, 0, 1);

    private static final Map<Dimension, String> NAMES = Map.ofEntries(
            Map.entry(NONE, "1"),
            Map.entry(VOLTAGE, "mV"),
            Map.entry(TIME, "ms"),
            Map.entry(CURRENT, "nA"),
            Map.entry(LENGTH, "um"),
            Map.entry(new Dimension(-1, 1, 1, 0), "nF"),
            Map.entry(new Dimension(-1, 0, 1, 0), "uS"),
            Map.entry(new Dimension(1, 0, -1, 0), "MOhm"),
            Map.entry(new Dimension(1, -1, 0, 0), "mV/ms"),
            Map.entry(new Dimension(0, -1, 1, 0), "nA/ms"),
            Map.entry(new Dimension(-1, -1, 1, 0), "uS/ms"),
            Map.entry(new Dimension(0, -1, 0, 0), "1/ms"),
            Map.entry(new Dimension(-1, 0, 0, 0), "1/mV"),
            Map.entry(new Dimension(-1, -1, 0, 0), "1/(mV*ms)"));

    /** A dimension without the weight's power. */
    public Dimension(int voltage, int time, int current, int length) {
        this(voltage, time, current, length, 0);
    }

    /** {@code this * other}. */
    public Dimension times(Dimension other) {
        return new Dimension(voltage + other.voltage, time + other.time, current + other.current,
                length + other.length, weight + other.weight);
    }

    /** {@code this / other}. */
    public Dimension dividedBy(Dimension other) {
        return new Dimension(voltage - other.voltage, time - other.time, current - other.current,
                length - other.length, weight - other.weight);
    }

    /** {@code this ** exponent}. */
    public Dimension power(int exponent) {
        return new Dimension(voltage * exponent, time * exponent, current * exponent, length * exponent,
                weight * exponent);
    }

    /** Whether this is a pure number. */
    public boolean isNone() {
        return equals(NONE);
    }

    /** The square root, or null if some power is odd. */
    public Dimension sqrt() {
        if (voltage % 2 != 0 || time % 2 != 0 || current % 2 != 0 || length % 2 != 0 || weight % 2 != 0) {
            return null;
        }
        return new Dimension(voltage / 2, time / 2, current / 2, length / 2, weight / 2);
    }

    /** The dimension in Hebb's units, for example {@code mV/ms} or {@code nA*ms/um^2}. */
    @Override
    public String toString() {
        String known = NAMES.get(this);
        if (known != null) {
            return known;
        }
        StringBuilder top = new StringBuilder();
        StringBuilder bottom = new StringBuilder();
        int bottomCount = 0;
        String[] symbols = {"mV", "ms", "nA", "um", "weight"};
        int[] powers = {voltage, time, current, length, weight};
        for (int i = 0; i < symbols.length; i++) {
            int p = powers[i];
            if (p == 0) {
                continue;
            }
            StringBuilder side = p > 0 ? top : bottom;
            if (p < 0) {
                bottomCount++;
            }
            if (side.length() > 0) {
                side.append('*');
            }
            side.append(symbols[i]);
            if (Math.abs(p) != 1) {
                side.append('^').append(Math.abs(p));
            }
        }
        String numerator = top.length() == 0 ? "1" : top.toString();
        if (bottom.length() == 0) {
            return numerator;
        }
        return numerator + "/" + (bottomCount > 1 ? "(" + bottom + ")" : bottom);
    }
}

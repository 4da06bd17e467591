package org.hebb.neurons.definition.units;

/**
 * A unit: a {@link Dimension} and the factor that converts a value in this unit into Hebb's units of that
 * dimension (mV, ms, nA, um and their products; for example pF has factor 1e-3, as 1 pF = 0.001 nF).
 *
 * @param text   the unit as written
 * @param factor value in Hebb's units of 1 of this unit
 */
public record Unit(String text, Dimension dimension, double factor) {
    /** The unit of pure numbers. */
    public static final Unit ONE = new Unit("1", Dimension.NONE, 1);

    /** Parses a unit such as {@code mV}, {@code nA/ms}, {@code 1/ms}, {@code mS/cm^2} or {@code 1}. */
    public static Unit of(String text) {
        return Units.parse(text);
    }

    @Override
    public String toString() {
        return text;
    }
}

package org.hebb.util;

/**
 * Argument checks that fail before a simulation starts, with a message naming the parameter, the value given and
 * what is allowed. Every builder and entry point of Hebb validates through these methods.
 */
public final class Require {
    private Require() {
    }

    /** Fails unless {@code value} is finite and strictly positive. */
    public static double positive(String name, double value, String unit) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw invalid(name, value, unit, "a finite number > 0");
        }
        return value;
    }

    /**
     * The duration {@code ms} in whole steps of {@code dt} ms (rounded, at least one); fails unless it is finite,
     * positive and at most {@link Integer#MAX_VALUE} steps.
     */
    public static int steps(String name, double ms, double dt) {
        positive(name, ms, "ms");
        if (Math.round(ms / dt) > Integer.MAX_VALUE) {
            throw invalid(name, ms, "ms", "at most " + Integer.MAX_VALUE + " steps of dt = " + dt + " ms");
        }
        return (int) Math.max(1, Math.round(ms / dt));
    }

    /** Fails unless {@code value} is finite and at least zero. */
    public static double nonNegative(String name, double value, String unit) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw invalid(name, value, unit, "a finite number >= 0");
        }
        return value;
    }

    /** Fails unless {@code value} is finite (not NaN, not infinite). */
    public static double finite(String name, double value, String unit) {
        if (!Double.isFinite(value)) {
            throw invalid(name, value, unit, "a finite number");
        }
        return value;
    }

    /** Fails unless {@code value} is finite in single precision, the precision of simulation state. */
    public static double finiteFloat(String name, double value, String unit) {
        if (!Float.isFinite((float) value)) {
            throw invalid(name, value, unit, "finite in single precision (|value| < 3.4e38)");
        }
        return value;
    }

    /** Fails unless {@code min <= value <= max}. */
    public static double inRange(String name, double value, double min, double max, String unit) {
        if (!(value >= min && value <= max)) {
            throw invalid(name, value, unit, "in [" + min + ", " + max + "]");
        }
        return value;
    }

    /** Fails unless {@code min <= value <= max}. */
    public static int inRange(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(
                    name + " = " + value + " is not allowed: must be in [" + min + ", " + max + "]");
        }
        return value;
    }

    /** Fails unless {@code value >= min}. */
    public static int atLeast(String name, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(name + " = " + value + " is not allowed: must be >= " + min);
        }
        return value;
    }

    /** Fails unless {@code value} is not null. */
    public static <T> T notNull(String name, T value) {
        if (value == null) {
            throw new IllegalArgumentException(name + " is null: a value is required");
        }
        return value;
    }

    /** Fails unless {@code condition} holds; the message should name the parameter, value and what is allowed. */
    public static void that(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    /** Fails unless every element of {@code values} is finite. */
    public static void allFinite(String name, float[] values, String unit) {
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw invalid(name + "[" + i + "]", values[i], unit, "a finite number");
            }
        }
    }

    /**
     * Fails unless every element of {@code values} is in [{@code min}, {@code max}], naming the first element that is
     * not as {@code name[i]}. Builds no text unless it fails, so a loop may call it every step.
     */
    public static void allInRange(String name, float[] values, double min, double max, String unit) {
        for (int i = 0; i < values.length; i++) {
            if (!(values[i] >= min && values[i] <= max)) {
                inRange(name + "[" + i + "]", values[i], min, max, unit);
            }
        }
    }

    /**
     * Fails unless every element of {@code values} is finite and at least zero, naming the first element that is not
     * as {@code name[i]}. Builds no text unless it fails.
     */
    public static void allNonNegative(String name, double[] values, String unit) {
        for (int i = 0; i < values.length; i++) {
            if (!(values[i] >= 0) || Double.isInfinite(values[i])) {
                nonNegative(name + "[" + i + "]", values[i], unit);
            }
        }
    }

    /**
     * Fails unless every element of {@code values} is in [{@code min}, {@code max}], naming the first element that is
     * not as {@code name[i]}. Builds no text unless it fails.
     */
    public static void allInRange(String name, int[] values, int min, int max) {
        for (int i = 0; i < values.length; i++) {
            if (values[i] < min || values[i] > max) {
                inRange(name + "[" + i + "]", values[i], min, max);
            }
        }
    }

    private static IllegalArgumentException invalid(String name, double value, String unit, String allowed) {
        String withUnit = unit == null || unit.isEmpty() ? String.valueOf(value) : value + " " + unit;
        return new IllegalArgumentException(name + " = " + withUnit + " is not allowed: must be " + allowed);
    }
}

package org.hebb.neurons.definition.generate;

import org.hebb.neurons.Precision;

/** The language a kernel is printed in; the arithmetic is the same, only the spelling of some parts differs. */
public enum Dialect {
    /** Java, compiled at run time. */
    JAVA,
    /** OpenCL C. */
    OPENCL;

    /** The call of Hebb's own implementation of {@code function} (exp, log, ...) in {@code precision}. */
    String mathFunction(String function, Precision precision) {
        return this == JAVA ? "org.hebb.neurons.math.HebbMath." + function : "hebb_" + function + suffix(precision);
    }

    /** A value's square root, correctly rounded. */
    String sqrt(String argument, Precision precision) {
        return this == JAVA && precision == Precision.SINGLE ? "(float) Math.sqrt(" + argument + ")"
                : (this == JAVA ? "Math.sqrt(" : "sqrt(") + argument + ")";
    }

    /** A value's absolute value. */
    String abs(String argument) {
        return this == JAVA ? "Math.abs(" + argument + ")" : "fabs(" + argument + ")";
    }

    /** The generated function returning the smaller of two values, NaN if either is NaN. */
    String min(Precision precision) {
        return this == JAVA ? "_min" : "hebb_min" + suffix(precision);
    }

    /** The generated function returning the larger of two values, NaN if either is NaN. */
    String max(Precision precision) {
        return this == JAVA ? "_max" : "hebb_max" + suffix(precision);
    }

    private static String suffix(Precision precision) {
        return precision == Precision.SINGLE ? "_f" : "_d";
    }
}

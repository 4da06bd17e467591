package org.hebb.neurons.definition.generate;

/** The language a kernel is printed in; the arithmetic is the same, only the spelling of some parts differs. */
public enum Dialect {
    /** Java, compiled at run time. */
    JAVA,
    /** OpenCL C. */
    OPENCL;

    /** The call of Hebb's own implementation of {@code function} (exp, log, ...) in single precision. */
    String mathFunction(String function) {
        return this == JAVA ? "org.hebb.neurons.math.HebbMath." + function : "hebb_" + function + "_f";
    }

    /** A float's square root, correctly rounded. */
    String sqrt(String argument) {
        return this == JAVA ? "(float) Math.sqrt(" + argument + ")" : "sqrt(" + argument + ")";
    }

    /** A float's absolute value. */
    String abs(String argument) {
        return this == JAVA ? "Math.abs(" + argument + ")" : "fabs(" + argument + ")";
    }

    /** The generated function returning the smaller of two floats, NaN if either is NaN. */
    String min() {
        return this == JAVA ? "_min" : "hebb_min_f";
    }

    /** The generated function returning the larger of two floats, NaN if either is NaN. */
    String max() {
        return this == JAVA ? "_max" : "hebb_max_f";
    }
}

package org.hebb.neurons.definition.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.Callable;

import org.hebb.neurons.Precision;
import org.hebb.neurons.definition.expression.Expressions;
import org.junit.jupiter.api.Test;

/**
 * The generated Java kernels print every literal as Java of the same value: finite ones exactly, NaN and the
 * infinities (and, in single precision, a finite double beyond the float range, which a synapse definition may
 * write) as Java's constants, never as "NaN" or "Infinity", which do not compile.
 */
class ExpressionPrinterLiteralTest {
    /** Values as a definition may write them, among them NaN, the infinities and doubles beyond the float range. */
    static final double[] VALUES = {0, -0.0, 1, -2.5, 0.1, Float.MIN_VALUE, Float.MAX_VALUE, 1e-30, 1e39, -1e39,
        Double.MIN_VALUE, Double.MAX_VALUE, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};

    /** {@code value} as the printer of {@code dialect} and {@code precision} prints a literal of it. */
    static String printed(double value, Precision precision, Dialect dialect) {
        return new ExpressionPrinter(dialect, precision, name -> name).print(Expressions.number(value));
    }

    @Test
    void literalsCompileToTheirValuesInJava() throws Exception {
        StringBuilder floats = new StringBuilder();
        StringBuilder doubles = new StringBuilder();
        for (double v : VALUES) {
            floats.append(floats.length() == 0 ? "" : ", ").append(printed(v, Precision.SINGLE, Dialect.JAVA));
            doubles.append(doubles.length() == 0 ? "" : ", ").append(printed(v, Precision.DOUBLE, Dialect.JAVA));
        }
        String source = "public final class Literals implements java.util.concurrent.Callable {\n"
                + "    public Literals() {\n    }\n\n"
                + "    public Object call() {\n"
                + "        return new Object[] {new float[] {" + floats + "}, new double[] {" + doubles + "}};\n"
                + "    }\n}\n";
        Object[] values = (Object[]) JavaKernels.instantiate(source, "Literals", Callable.class).call();
        float[] f = (float[]) values[0];
        double[] d = (double[]) values[1];
        for (int k = 0; k < VALUES.length; k++) {
            assertEquals(Float.floatToIntBits((float) VALUES[k]), Float.floatToIntBits(f[k]), VALUES[k]
                    + " printed as " + printed(VALUES[k], Precision.SINGLE, Dialect.JAVA) + " is " + f[k]);
            assertEquals(Double.doubleToLongBits(VALUES[k]), Double.doubleToLongBits(d[k]), VALUES[k]
                    + " printed as " + printed(VALUES[k], Precision.DOUBLE, Dialect.JAVA) + " is " + d[k]);
        }
    }
}

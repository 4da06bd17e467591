package org.hebb.opencl;

import static org.jocl.CL.clSetKernelArg;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.hebb.neurons.Precision;
import org.hebb.neurons.definition.expression.Expressions;
import org.hebb.neurons.definition.generate.Dialect;
import org.hebb.neurons.definition.generate.ExpressionPrinter;
import org.hebb.simulator.testing.Prerequisites;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_kernel;
import org.jocl.cl_mem;
import org.junit.jupiter.api.Test;

/**
 * The generated neuron and rule kernels print every literal as OpenCL C of the same value: finite ones exactly, NaN
 * and the infinities (and, in single precision, a finite double beyond the float range, which a synapse definition
 * may write) as OpenCL's NAN and INFINITY, never as Java's "NaN" or "Infinity", which are no OpenCL C.
 */
class GeneratedLiteralTest {
    private static final double[] VALUES = {0, -0.0, 1, -2.5, 0.1, Float.MIN_VALUE, Float.MAX_VALUE, 1e-30, 1e39,
        -1e39, Double.MIN_VALUE, Double.MAX_VALUE, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};

    private static String printed(double value, Precision precision) {
        return new ExpressionPrinter(Dialect.OPENCL, precision, name -> name).print(Expressions.number(value));
    }

    @Test
    void noLiteralIsJavasTextForNanOrInfinity() {
        for (double v : VALUES) {
            for (Precision precision : Precision.values()) {
                String literal = printed(v, precision);
                assertFalse(literal.contains("NaN") || literal.contains("Infinity"), v + " in " + precision
                        + " printed as " + literal);
            }
        }
    }

    @Test
    void literalsCompileToTheirValuesOnEveryDevice() {
        Prerequisites.require(OpenClDevices.missingReason());
        for (OpenClDevice device : OpenClDevices.list()) {
            try (DeviceSession session = new DeviceSession(device, "")) {
                StringBuilder source = new StringBuilder("__kernel void literals(__global float* f"
                        + (session.doubles ? ", __global double* d" : "") + ") {\n");
                for (int k = 0; k < VALUES.length; k++) {
                    source.append("    f[").append(k).append("] = ").append(printed(VALUES[k], Precision.SINGLE))
                            .append(";\n");
                    if (session.doubles) {
                        source.append("    d[").append(k).append("] = ")
                                .append(printed(VALUES[k], Precision.DOUBLE)).append(";\n");
                    }
                }
                source.append("}\n");
                float[] f = new float[VALUES.length];
                double[] d = new double[VALUES.length];
                cl_mem fBuffer = session.floats(f);
                cl_kernel kernel = session.compile("literals", source.toString());
                clSetKernelArg(kernel, 0, Sizeof.cl_mem, Pointer.to(fBuffer));
                cl_mem dBuffer = null;
                if (session.doubles) {
                    dBuffer = session.doubles(d);
                    clSetKernelArg(kernel, 1, Sizeof.cl_mem, Pointer.to(dBuffer));
                }
                session.launch(kernel, new long[] {1}, null);
                session.finish();
                session.read(fBuffer, HostArray.of(f));
                if (session.doubles) {
                    session.read(dBuffer, HostArray.of(d));
                }
                for (int k = 0; k < VALUES.length; k++) {
                    assertEquals(Float.floatToIntBits((float) VALUES[k]), Float.floatToIntBits(f[k]), device.name()
                            + ": " + VALUES[k] + " printed as " + printed(VALUES[k], Precision.SINGLE) + " is "
                            + f[k]);
                    if (session.doubles) {
                        assertEquals(Double.doubleToLongBits(VALUES[k]), Double.doubleToLongBits(d[k]),
                                device.name() + ": " + VALUES[k] + " printed as "
                                        + printed(VALUES[k], Precision.DOUBLE) + " is " + d[k]);
                    }
                }
            }
        }
    }
}

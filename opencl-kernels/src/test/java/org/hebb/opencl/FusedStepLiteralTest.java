package org.hebb.opencl;

import static org.jocl.CL.clSetKernelArg;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.hebb.simulator.testing.Prerequisites;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_kernel;
import org.jocl.cl_mem;
import org.junit.jupiter.api.Test;

/**
 * The fused step prints the float and double (precise_t) arguments of its calls as OpenCL C literals of the same
 * value: finite ones exactly, NaN and the infinities as OpenCL's NAN and INFINITY, never as Java's "NaN" or
 * "Infinity", which are no OpenCL C.
 */
class FusedStepLiteralTest {
    private static final float[] FLOATS = {0f, -0f, 1f, -2.5f, 0.1f, Float.MIN_VALUE, Float.MAX_VALUE, 1e-30f,
        Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY};
    private static final double[] DOUBLES = {0, -0.0, 1, -2.5, 0.1, Math.exp(-0.1 / 20), Double.MIN_VALUE,
        Double.MAX_VALUE, 1e-300, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};

    @Test
    void noLiteralIsJavasTextForNanOrInfinity() {
        for (float f : FLOATS) {
            String literal = FusedStep.literal(f);
            assertFalse(literal.contains("NaN") || literal.contains("Infinity"), f + " printed as " + literal);
        }
        for (double d : DOUBLES) {
            String literal = FusedStep.literal(d);
            assertFalse(literal.contains("NaN") || literal.contains("Infinity"), d + " printed as " + literal);
        }
    }

    @Test
    void literalsCompileToTheirValuesOnEveryDevice() {
        Prerequisites.require(OpenClDevices.missingReason());
        StringBuilder source = new StringBuilder("__kernel void literals(__global float* f, __global precise_t* d) "
                + "{\n");
        for (int k = 0; k < FLOATS.length; k++) {
            source.append("    f[").append(k).append("] = ").append(FusedStep.literal(FLOATS[k])).append(";\n");
        }
        for (int k = 0; k < DOUBLES.length; k++) {
            source.append("    d[").append(k).append("] = ").append(FusedStep.literal(DOUBLES[k])).append(";\n");
        }
        source.append("}\n");
        for (OpenClDevice device : OpenClDevices.list()) {
            try (DeviceSession session = new DeviceSession(device, "")) {
                float[] f = new float[FLOATS.length];
                cl_mem fBuffer = session.floats(f);
                cl_kernel kernel = session.compile("literals", source.toString());
                clSetKernelArg(kernel, 0, Sizeof.cl_mem, Pointer.to(fBuffer));
                if (session.doubles) {
                    double[] d = new double[DOUBLES.length];
                    cl_mem dBuffer = session.doubles(d);
                    clSetKernelArg(kernel, 1, Sizeof.cl_mem, Pointer.to(dBuffer));
                    session.launch(kernel, new long[] {1}, null);
                    session.finish();
                    session.read(dBuffer, HostArray.of(d));
                    for (int k = 0; k < d.length; k++) {
                        assertEquals(Double.doubleToLongBits(DOUBLES[k]), Double.doubleToLongBits(d[k]),
                                device.name() + ": " + DOUBLES[k] + " printed as " + FusedStep.literal(DOUBLES[k])
                                        + " is " + d[k]);
                    }
                } else {
                    float[] d = new float[DOUBLES.length];
                    cl_mem dBuffer = session.floats(d);
                    clSetKernelArg(kernel, 1, Sizeof.cl_mem, Pointer.to(dBuffer));
                    session.launch(kernel, new long[] {1}, null);
                    session.finish();
                }
                session.read(fBuffer, HostArray.of(f));
                for (int k = 0; k < f.length; k++) {
                    assertEquals(Float.floatToIntBits(FLOATS[k]), Float.floatToIntBits(f[k]), device.name() + ": "
                            + FLOATS[k] + " printed as " + FusedStep.literal(FLOATS[k]) + " is " + f[k]);
                }
            }
        }
    }
}

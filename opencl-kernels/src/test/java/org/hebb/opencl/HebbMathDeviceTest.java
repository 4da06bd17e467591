package org.hebb.opencl;

import static org.jocl.CL.clSetKernelArg;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.hebb.neurons.math.HebbMath;
import org.hebb.simulator.testing.Prerequisites;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_kernel;
import org.jocl.cl_mem;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * hebb_math.cl gives the same bits as {@link HebbMath} (java_min and java_max: as {@link Math#min} and
 * {@link Math#max}) on every OpenCL device of this machine: each function over the same large set of arguments
 * (special values, signed zeros, subnormal results, overflow thresholds, arguments near 0 and 1, random bit
 * patterns), in single precision and, where the device has cl_khr_fp64, in double precision. NaN results are
 * compared for being NaN only.
 */
class HebbMathDeviceTest {
    private static final String[] FUNCTIONS = {"exp", "expm1", "log", "log1p", "tanh", "sinh", "cosh", "pow",
        "java_min", "java_max"};
    /** FUNCTIONS from this one on take two arguments. */
    private static final int FIRST_BINARY = 7;
    private static final int COUNT = 1 << 18;

    @BeforeEach
    void anOpenClDeviceIsInstalled() {
        Prerequisites.require(OpenClDevices.missingReason());
    }

    @Test
    void floatFunctionsGiveJavasBitsOnEveryDevice() {
        float[] x = new float[COUNT];
        float[] y = new float[COUNT];
        fillFloats(x, y);
        int[] expected = new int[FUNCTIONS.length * COUNT];
        for (int i = 0; i < COUNT; i++) {
            float[] results = {HebbMath.exp(x[i]), HebbMath.expm1(x[i]), HebbMath.log(x[i]), HebbMath.log1p(x[i]),
                HebbMath.tanh(x[i]), HebbMath.sinh(x[i]), HebbMath.cosh(x[i]), HebbMath.pow(x[i], y[i]),
                Math.min(x[i], y[i]), Math.max(x[i], y[i])};
            for (int f = 0; f < FUNCTIONS.length; f++) {
                expected[f * COUNT + i] = Float.floatToRawIntBits(results[f]);
            }
        }
        for (OpenClDevice device : OpenClDevices.list()) {
            try (DeviceSession session = new DeviceSession(device, "")) {
                float[] out = new float[FUNCTIONS.length * COUNT];
                run(session, kernelSource("float", "f"), session.floats(x), session.floats(y),
                        session.floats(out), HostArray.of(out));
                List<String> mismatches = new ArrayList<>();
                for (int k = 0; k < out.length; k++) {
                    float want = Float.intBitsToFloat(expected[k]);
                    boolean same = Float.isNaN(want) ? Float.isNaN(out[k])
                            : Float.floatToRawIntBits(out[k]) == expected[k];
                    if (!same && mismatches.size() < 10) {
                        int i = k % COUNT;
                        String second = k / COUNT >= FIRST_BINARY ? ", " + y[i] : "";
                        mismatches.add(FUNCTIONS[k / COUNT] + "(" + x[i] + second
                                + ") = " + out[k] + " on the device, " + want + " in Java");
                    }
                }
                assertEquals(List.of(), mismatches, device.name());
            }
        }
    }

    @Test
    void doubleFunctionsGiveJavasBitsOnEveryDeviceWithDoubles() {
        double[] x = new double[COUNT];
        double[] y = new double[COUNT];
        fillDoubles(x, y);
        long[] expected = new long[FUNCTIONS.length * COUNT];
        for (int i = 0; i < COUNT; i++) {
            double[] results = {HebbMath.exp(x[i]), HebbMath.expm1(x[i]), HebbMath.log(x[i]), HebbMath.log1p(x[i]),
                HebbMath.tanh(x[i]), HebbMath.sinh(x[i]), HebbMath.cosh(x[i]), HebbMath.pow(x[i], y[i]),
                Math.min(x[i], y[i]), Math.max(x[i], y[i])};
            for (int f = 0; f < FUNCTIONS.length; f++) {
                expected[f * COUNT + i] = Double.doubleToRawLongBits(results[f]);
            }
        }
        long[] xBits = new long[COUNT];
        long[] yBits = new long[COUNT];
        for (int i = 0; i < COUNT; i++) {
            xBits[i] = Double.doubleToRawLongBits(x[i]);
            yBits[i] = Double.doubleToRawLongBits(y[i]);
        }
        int devices = 0;
        for (OpenClDevice device : OpenClDevices.list()) {
            try (DeviceSession session = new DeviceSession(device, "")) {
                if (!session.doubles) {
                    continue;
                }
                devices++;
                long[] out = new long[FUNCTIONS.length * COUNT];
                run(session, kernelSource("double", "d"), session.longs(xBits), session.longs(yBits),
                        session.longs(out), HostArray.of(out));
                List<String> mismatches = new ArrayList<>();
                for (int k = 0; k < out.length; k++) {
                    double want = Double.longBitsToDouble(expected[k]);
                    boolean same = Double.isNaN(want) ? Double.isNaN(Double.longBitsToDouble(out[k]))
                            : out[k] == expected[k];
                    if (!same && mismatches.size() < 10) {
                        int i = k % COUNT;
                        String second = k / COUNT >= FIRST_BINARY ? ", " + y[i] : "";
                        mismatches.add(FUNCTIONS[k / COUNT] + "(" + x[i] + second
                                + ") = " + Double.longBitsToDouble(out[k]) + " on the device, " + want + " in Java");
                    }
                }
                assertEquals(List.of(), mismatches, device.name());
            }
        }
        Prerequisites.require(devices == 0 ? "no OpenCL device here computes in double precision" : null);
    }

    private static void run(DeviceSession session, String source, cl_mem x, cl_mem y, cl_mem out, HostArray into) {
        cl_kernel kernel = session.compile("hebb_math_all", source);
        clSetKernelArg(kernel, 0, Sizeof.cl_mem, Pointer.to(x));
        clSetKernelArg(kernel, 1, Sizeof.cl_mem, Pointer.to(y));
        clSetKernelArg(kernel, 2, Sizeof.cl_mem, Pointer.to(out));
        session.launch(kernel, new long[] {COUNT}, null);
        session.finish();
        session.read(out, into);
    }

    /** A kernel writing every function of x (of x and y from FIRST_BINARY on) to out, function after function. */
    private static String kernelSource(String type, String suffix) {
        StringBuilder source = new StringBuilder("__kernel void hebb_math_all(__global const " + type + "* x, "
                + "__global const " + type + "* y, __global " + type + "* out) {\n    int i = get_global_id(0);\n");
        for (int f = 0; f < FUNCTIONS.length; f++) {
            source.append("    out[").append(f).append(" * ").append(COUNT).append(" + i] = hebb_")
                    .append(FUNCTIONS[f]).append('_').append(suffix)
                    .append(f >= FIRST_BINARY ? "(x[i], y[i]);\n" : "(x[i]);\n");
        }
        return source.append("}\n").toString();
    }

    private static void fillFloats(float[] x, float[] y) {
        float[] special = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0f, -0f, 1f, -1f, 2f, -2f,
            0.5f, -0.5f, 3f, -3f, 2.5f, -2.5f, 0x1p24f, -0x1p24f, 1e30f, -1e30f, 1e-30f, -1e-30f, Float.MIN_VALUE,
            -Float.MIN_VALUE, Float.MIN_NORMAL, Float.MAX_VALUE, -Float.MAX_VALUE, 88.72283f, 88.72284f, 89.416f,
            -103.97208f, -104f, 20f, 28.5f};
        int n = 0;
        for (float a : special) {
            for (float b : special) {
                x[n] = a;
                y[n++] = b;
            }
        }
        SplittableRandom random = new SplittableRandom(17);
        for (int i = n; i < x.length; i++) {
            switch (i % 5) {
                case 0 -> x[i] = Float.intBitsToFloat(random.nextInt());
                case 1 -> x[i] = (float) random.nextDouble(-110, 95);
                case 2 -> x[i] = (float) (random.nextDouble(-1, 1) * Math.scalb(1.0, -random.nextInt(60)));
                case 3 -> x[i] = 1 + (float) (random.nextDouble(-1, 1) * Math.scalb(1.0, -random.nextInt(30)));
                default -> x[i] = (float) random.nextDouble(-3, 3);
            }
            y[i] = i % 3 == 0 ? (float) random.nextInt(-50, 50)
                    : (float) (random.nextDouble(-110, 110) / Math.max(1e-7, Math.abs(Math.log(Math.abs(x[i])))));
        }
    }

    private static void fillDoubles(double[] x, double[] y) {
        double[] special = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0, -0.0, 1, -1, 2, -2,
            0.5, -0.5, 3, -3, 2.5, -2.5, 0x1p53, -0x1p53, 1e300, -1e300, 1e-300, -1e-300, Double.MIN_VALUE,
            -Double.MIN_VALUE, Double.MIN_NORMAL, Double.MAX_VALUE, -Double.MAX_VALUE, 709.782712893384,
            709.7827128933841, 710.475860073944, -745.1332191019412, -746, 40, 50.5};
        int n = 0;
        for (double a : special) {
            for (double b : special) {
                x[n] = a;
                y[n++] = b;
            }
        }
        SplittableRandom random = new SplittableRandom(19);
        for (int i = n; i < x.length; i++) {
            switch (i % 5) {
                case 0 -> x[i] = Double.longBitsToDouble(random.nextLong());
                case 1 -> x[i] = random.nextDouble(-750, 712);
                case 2 -> x[i] = random.nextDouble(-1, 1) * Math.scalb(1.0, -random.nextInt(120));
                case 3 -> x[i] = 1 + random.nextDouble(-1, 1) * Math.scalb(1.0, -random.nextInt(60));
                default -> x[i] = random.nextDouble(-3, 3);
            }
            y[i] = i % 3 == 0 ? random.nextInt(-50, 50)
                    : random.nextDouble(-740, 740) / Math.max(1e-16, Math.abs(Math.log(Math.abs(x[i]))));
        }
    }
}

package org.hebb.neurons.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;

import org.junit.jupiter.api.Test;

/**
 * {@link HebbMath}'s error in ulps against {@link Math} (float versions, reference in double) and
 * {@link StrictMath} (double versions), over random arguments spread over each function's whole range and the edge
 * cases (subnormal results, overflow thresholds, arguments near 0 and 1), and every special value.
 */
class HebbMathTest {
    private static final int SAMPLES = 1_000_000;
    private static final String[] FUNCTIONS = {"exp", "expm1", "log", "log1p", "tanh", "sinh", "cosh"};

    interface FloatFunction {
        float apply(float x);
    }

    interface DoubleFunction {
        double apply(double x);
    }

    // ---- ulp errors ----

    @Test
    void floatExpIsWithinOneUlp() {
        assertFloatError("exp", HebbMath::exp, Math::exp, floatsIn(-110, 95), 1.0);
        assertFloatError("exp", HebbMath::exp, Math::exp, floatsNear(0f), 1.0);
        assertFloatError("exp", HebbMath::exp, Math::exp, floatsIn(-104, -87), 1.0);
        assertFloatError("exp", HebbMath::exp, Math::exp, floatsIn(88, 89), 1.0);
    }

    @Test
    void floatExpm1IsWithinOneUlp() {
        assertFloatError("expm1", HebbMath::expm1, Math::expm1, floatsIn(-40, 95), 1.0);
        assertFloatError("expm1", HebbMath::expm1, Math::expm1, floatsNear(0f), 1.0);
        assertFloatError("expm1", HebbMath::expm1, Math::expm1, floatsIn(-2, 2), 1.0);
    }

    @Test
    void floatLogIsWithinOneUlp() {
        assertFloatError("log", HebbMath::log, Math::log, positiveFloats(), 1.0);
        assertFloatError("log", HebbMath::log, Math::log, floatsIn(0.5f, 2f), 1.0);
        assertFloatError("log", HebbMath::log, Math::log, floatsNear(1f), 1.0);
    }

    @Test
    void floatLog1pIsWithinOneUlp() {
        assertFloatError("log1p", HebbMath::log1p, Math::log1p, positiveFloats(), 1.0);
        assertFloatError("log1p", HebbMath::log1p, Math::log1p, floatsIn(-1, 1), 1.0);
        assertFloatError("log1p", HebbMath::log1p, Math::log1p, floatsNear(0f), 1.0);
    }

    @Test
    void floatHyperbolicFunctionsAreWithinTwoUlp() {
        for (float[] xs : new float[][] {floatsIn(-95, 95), floatsIn(-2, 2), floatsNear(0f)}) {
            assertFloatError("tanh", HebbMath::tanh, Math::tanh, xs, 2.0);
            assertFloatError("sinh", HebbMath::sinh, Math::sinh, xs, 2.0);
            assertFloatError("cosh", HebbMath::cosh, Math::cosh, xs, 2.0);
        }
    }

    @Test
    void floatPowIsWithinOneUlp() {
        SplittableRandom random = new SplittableRandom(5);
        double worst = 0;
        for (int i = 0; i < SAMPLES; i++) {
            float x = i % 4 == 0 ? (float) random.nextDouble(0.5, 2) : Float.intBitsToFloat(random.nextInt(1,
                    0x7f800000));
            // exponents that keep x^y mostly finite and nonzero, so that the full range of results is covered
            float y = i % 4 == 0 ? (float) random.nextDouble(-300, 300)
                    : (float) (random.nextDouble(-110, 110) / Math.max(1e-7, Math.abs(Math.log(x))));
            worst = Math.max(worst, floatUlps(HebbMath.pow(x, y), Math.pow(x, y), "pow(" + x + ", " + y + ")", 1.0));
            float integer = (float) random.nextInt(-40, 40);
            worst = Math.max(worst, floatUlps(HebbMath.pow(-x, integer), Math.pow(-x, integer),
                    "pow(" + -x + ", " + integer + ")", 1.0));
        }
        assertTrue(worst > 0.3, "pow's error cannot be this small: " + worst);
    }

    @Test
    void doubleFunctionsAreWithinTheirBoundsOfStrictMath() {
        assertDoubleError("exp", HebbMath::exp, StrictMath::exp, doublesIn(-750, 712), 1);
        assertDoubleError("exp", HebbMath::exp, StrictMath::exp, doublesIn(-746, -707), 1);
        assertDoubleError("expm1", HebbMath::expm1, StrictMath::expm1, doublesIn(-70, 712), 1);
        assertDoubleError("expm1", HebbMath::expm1, StrictMath::expm1, doublesNear(0), 1);
        assertDoubleError("log", HebbMath::log, StrictMath::log, positiveDoubles(), 1);
        assertDoubleError("log", HebbMath::log, StrictMath::log, doublesNear(1), 1);
        assertDoubleError("log1p", HebbMath::log1p, StrictMath::log1p, positiveDoubles(), 1);
        assertDoubleError("log1p", HebbMath::log1p, StrictMath::log1p, doublesIn(-1, 1), 1);
        assertDoubleError("log1p", HebbMath::log1p, StrictMath::log1p, doublesNear(0), 1);
        for (double[] xs : new double[][] {doublesIn(-712, 712), doublesIn(-2, 2), doublesNear(0)}) {
            assertDoubleError("tanh", HebbMath::tanh, StrictMath::tanh, xs, 2);
            assertDoubleError("sinh", HebbMath::sinh, StrictMath::sinh, xs, 2);
            assertDoubleError("cosh", HebbMath::cosh, StrictMath::cosh, xs, 2);
        }
        SplittableRandom random = new SplittableRandom(6);
        for (int i = 0; i < SAMPLES; i++) {
            double x = i % 4 == 0 ? random.nextDouble(0.5, 2) : Double.longBitsToDouble(random.nextLong(1,
                    0x7ff0000000000000L));
            double y = i % 4 == 0 ? random.nextDouble(-2000, 2000)
                    : random.nextDouble(-740, 740) / Math.max(1e-16, Math.abs(Math.log(x)));
            doubleUlps(HebbMath.pow(x, y), StrictMath.pow(x, y), "pow(" + x + ", " + y + ")", 1);
        }
    }

    @Test
    void expInThreeStepsGivesExpsBits() {
        SplittableRandom random = new SplittableRandom(21);
        float[] floats = new float[SAMPLES];
        double[] doubles = new double[SAMPLES];
        float[] floatSpecials = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0f, -0f, -104f, 90f,
            -103.97208f, 88.72284f, Float.MIN_VALUE, -Float.MAX_VALUE};
        double[] doubleSpecials = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0, -0.0, -746,
            711, -745.1332191019412, 709.782712893384, Double.MIN_VALUE, -Double.MAX_VALUE};
        for (int i = 0; i < SAMPLES; i++) {
            floats[i] = i < floatSpecials.length ? floatSpecials[i]
                    : i % 2 == 0 ? Float.intBitsToFloat(random.nextInt()) : (float) random.nextDouble(-110, 95);
            doubles[i] = i < doubleSpecials.length ? doubleSpecials[i]
                    : i % 2 == 0 ? Double.longBitsToDouble(random.nextLong()) : random.nextDouble(-750, 712);
        }
        for (float x : floats) {
            float shifted = HebbMath.expShift(x);
            assertSame("exp in three steps", x, HebbMath.expScale(HebbMath.expMantissa(x, shifted), shifted),
                    HebbMath.exp(x));
        }
        for (double x : doubles) {
            double shifted = HebbMath.expShift(x);
            assertSame("exp in three steps", x, HebbMath.expScale(HebbMath.expMantissa(x, shifted), shifted),
                    HebbMath.exp(x));
        }
    }

    @Test
    void expm1InStepsGivesExpm1sBits() {
        SplittableRandom random = new SplittableRandom(22);
        float[] floatSpecials = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0f, -0f, -30f, 28f,
            Math.nextUp(28f), 90f, 88.72284f, Float.MIN_VALUE, -Float.MIN_VALUE, 1e-30f, -1e-7f, -Float.MAX_VALUE};
        double[] doubleSpecials = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0, -0.0, -60, 50,
            Math.nextUp(50.0), 711, 709.782712893384, Double.MIN_VALUE, -Double.MIN_VALUE, 1e-300, -1e-13,
            -Double.MAX_VALUE};
        for (int i = 0; i < SAMPLES; i++) {
            float x = i < floatSpecials.length ? floatSpecials[i] : switch (i % 3) {
                case 0 -> Float.intBitsToFloat(random.nextInt());
                case 1 -> (float) random.nextDouble(-35, 35);
                default -> (float) (random.nextDouble(-1, 1) * Math.pow(10, -random.nextInt(12)));
            };
            float shifted = HebbMath.expm1Shift(x);
            assertSame("expm1 in steps", x, HebbMath.expm1Combine(HebbMath.expm1Reduced(x, shifted),
                    HebbMath.expm1Tail(x, shifted), HebbMath.expm1Scale(shifted), HebbMath.expm1Large(x)),
                    HebbMath.expm1(x));
            double y = i < doubleSpecials.length ? doubleSpecials[i] : switch (i % 3) {
                case 0 -> Double.longBitsToDouble(random.nextLong());
                case 1 -> random.nextDouble(-65, 55);
                default -> random.nextDouble(-1, 1) * Math.pow(10, -random.nextInt(20));
            };
            double yShifted = HebbMath.expm1Shift(y);
            assertSame("expm1 in steps", y, HebbMath.expm1Combine(HebbMath.expm1Reduced(y, yShifted),
                    HebbMath.expm1Tail(y, yShifted), HebbMath.expm1Scale(yShifted), HebbMath.expm1Large(y)),
                    HebbMath.expm1(y));
        }
    }

    // ---- special values ----

    @Test
    void specialValuesAreAsMathGivesThem() {
        float[] floats = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0f, -0f, Float.MIN_VALUE,
            -Float.MIN_VALUE, Float.MIN_NORMAL, Float.MAX_VALUE, -Float.MAX_VALUE, 1f, -1f, 2f, -2f, 0.5f, 88.72283f,
            88.72284f, 89.41599f, 89.416f, -87.33655f, -103.27893f, -103.97208f, -104f, -200f, 200f, 1e-30f,
            -1e-30f};
        for (float x : floats) {
            float[] got = {HebbMath.exp(x), HebbMath.expm1(x), HebbMath.log(x), HebbMath.log1p(x), HebbMath.tanh(x),
                HebbMath.sinh(x), HebbMath.cosh(x)};
            double[] exact = {Math.exp(x), Math.expm1(x), Math.log(x), Math.log1p(x), Math.tanh(x), Math.sinh(x),
                Math.cosh(x)};
            for (int f = 0; f < got.length; f++) {
                floatUlps(got[f], exact[f], FUNCTIONS[f] + "(" + x + ")", f < 4 ? 1.0 : 2.0);
            }
        }
        double[] doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0, -0.0, 1, -1,
            Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL, Double.MAX_VALUE, -Double.MAX_VALUE,
            709.782712893384, 709.7827128933841, 710.4758600739439, 710.475860073944, -745.1332191019411,
            -745.1332191019412, -746, -708.3964185322641, 1e300, -1e300, 1e-300, -1e-300};
        for (double x : doubles) {
            double[] got = {HebbMath.exp(x), HebbMath.expm1(x), HebbMath.log(x), HebbMath.log1p(x), HebbMath.tanh(x),
                HebbMath.sinh(x), HebbMath.cosh(x)};
            double[] expected = {StrictMath.exp(x), StrictMath.expm1(x), StrictMath.log(x), StrictMath.log1p(x),
                StrictMath.tanh(x), StrictMath.sinh(x), StrictMath.cosh(x)};
            for (int f = 0; f < got.length; f++) {
                doubleUlps(got[f], expected[f], FUNCTIONS[f] + "(" + x + ")", f < 4 ? 1 : 2);
            }
        }
    }

    @Test
    void powFollowsEverySpecialCaseOfMathPow() {
        float[] values = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0f, -0f, 1f, -1f, 2f, -2f,
            0.5f, -0.5f, 3f, -3f, 2.5f, -2.5f, 0x1p24f, -0x1p24f, 0x1p24f + 2, 1e30f, -1e30f, 1e-30f, -1e-30f,
            Float.MIN_VALUE, -Float.MIN_VALUE, Float.MAX_VALUE, -Float.MAX_VALUE, 1.0000001f, 0.99999994f};
        for (float x : values) {
            for (float y : values) {
                float got = HebbMath.pow(x, y);
                float expected = (float) Math.pow(x, y);
                String what = "pow(" + x + ", " + y + ")";
                if (Float.isNaN(expected) || Float.isInfinite(expected) || expected == 0f
                        || Float.isInfinite(x) || x == 0f || Float.isInfinite(y) || y == 0f || y == 1f) {
                    assertSame("pow", what, got, expected);
                } else {
                    floatUlps(got, Math.pow(x, y), what, 1.0);
                }
                double dx = x;
                double dy = y;
                double dGot = HebbMath.pow(dx, dy);
                double dExpected = StrictMath.pow(dx, dy);
                if (Double.isNaN(dExpected) || Double.isInfinite(dExpected) || dExpected == 0
                        || Double.isInfinite(dx) || dx == 0 || Double.isInfinite(dy) || dy == 0 || dy == 1) {
                    assertSame("pow", what, dGot, dExpected);
                } else {
                    doubleUlps(dGot, dExpected, what, 1);
                }
            }
        }
    }

    // ---- helpers ----

    private static void assertFloatError(String name, FloatFunction f, DoubleUnaryOperator reference, float[] xs,
            double bound) {
        double worst = 0;
        for (float x : xs) {
            worst = Math.max(worst, floatUlps(f.apply(x), reference.applyAsDouble(x), name + "(" + x + ")", bound));
        }
        assertTrue(worst > 0.05, name + "'s error cannot be this small: " + worst + " ulp");
    }

    private static void assertDoubleError(String name, DoubleFunction f, DoubleUnaryOperator reference,
            double[] xs, double bound) {
        for (double x : xs) {
            doubleUlps(f.apply(x), reference.applyAsDouble(x), name + "(" + x + ")", bound);
        }
    }

    /** The error of a float result in ulps of the float at the exact (double) value; fails above bound. */
    static double floatUlps(float got, double exact, String what, double bound) {
        if (Double.isNaN(exact) || Float.isNaN(got) || Float.isInfinite(got) || (float) exact == got) {
            assertSame("", what, got, (float) exact);
            return 0;
        }
        double magnitude = Math.abs(exact);
        double ulp = magnitude < 0x1p-126 ? 0x1p-149 : Math.scalb(1.0, Math.min(Math.getExponent(magnitude), 127)
                - 23);
        double error = Math.abs(got - exact) / ulp;
        assertTrue(error <= bound, what + " = " + got + " is " + error + " ulp from " + exact);
        return error;
    }

    static void doubleUlps(double got, double expected, String what, double bound) {
        if (Double.isNaN(expected) || Double.isNaN(got) || Double.isInfinite(got) || Double.isInfinite(expected)
                || expected == got) {
            assertSame("", what, got, expected);
            return;
        }
        double error = Math.abs(got - expected) / Math.ulp(expected);
        assertTrue(error <= bound, what + " = " + got + " is " + error + " ulp from " + expected);
    }

    private static void assertSame(String name, Object x, float got, float expected) {
        if (Float.isNaN(expected)) {
            assertTrue(Float.isNaN(got), name + "(" + x + ") = " + got + ", not NaN");
        } else {
            assertEquals(Float.floatToRawIntBits(expected), Float.floatToRawIntBits(got),
                    name + "(" + x + ") = " + got + ", not " + expected);
        }
    }

    private static void assertSame(String name, Object x, double got, double expected) {
        if (Double.isNaN(expected)) {
            assertTrue(Double.isNaN(got), name + "(" + x + ") = " + got + ", not NaN");
        } else {
            assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(got),
                    name + "(" + x + ") = " + got + ", not " + expected);
        }
    }

    /** Random floats in [lo, hi). */
    static float[] floatsIn(float lo, float hi) {
        SplittableRandom random = new SplittableRandom(Float.floatToRawIntBits(lo) * 31L + Float.floatToRawIntBits(hi));
        float[] xs = new float[SAMPLES];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = (float) random.nextDouble(lo, hi);
        }
        return xs;
    }

    /** Floats at random distances from c, from 2^-60 to 1, either side. */
    static float[] floatsNear(float c) {
        SplittableRandom random = new SplittableRandom(Float.floatToRawIntBits(c) + 7L);
        float[] xs = new float[SAMPLES];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = c + (float) (random.nextDouble(-1, 1) * Math.scalb(1.0, -random.nextInt(60)));
        }
        return xs;
    }

    /** Positive finite floats with uniformly random bits (subnormals included). */
    static float[] positiveFloats() {
        SplittableRandom random = new SplittableRandom(11);
        float[] xs = new float[SAMPLES];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = Float.intBitsToFloat(random.nextInt(1, 0x7f800000));
        }
        return xs;
    }

    static double[] doublesIn(double lo, double hi) {
        SplittableRandom random = new SplittableRandom(Double.doubleToRawLongBits(lo) * 31 + Double.doubleToRawLongBits(hi));
        double[] xs = new double[SAMPLES];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = random.nextDouble(lo, hi);
        }
        return xs;
    }

    static double[] doublesNear(double c) {
        SplittableRandom random = new SplittableRandom(Double.doubleToRawLongBits(c) + 7);
        double[] xs = new double[SAMPLES];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = c + random.nextDouble(-1, 1) * Math.scalb(1.0, -random.nextInt(120));
        }
        return xs;
    }

    static double[] positiveDoubles() {
        SplittableRandom random = new SplittableRandom(13);
        double[] xs = new double[SAMPLES];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = Double.longBitsToDouble(random.nextLong(1, 0x7ff0000000000000L));
        }
        return xs;
    }
}

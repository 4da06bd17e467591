package org.hebb.neurons.math;

/**
 * Exponentials, logarithms, powers and hyperbolic functions that give the same bits in Java and in Hebb's OpenCL
 * kernels on every device: {@code hebb_math.cl} (in the opencl-kernels module) repeats this class operation for
 * operation. {@link Math#exp} and OpenCL's {@code exp} may differ from each other and between devices (OpenCL allows
 * several ulps of error and each vendor rounds differently), and {@code Math.exp} is a call the JIT cannot vectorise;
 * so Hebb computes these functions itself, from operations that IEEE 754 defines exactly in both languages: float
 * and double {@code + - * /} and {@code sqrt} rounded to nearest, never fused into multiply-adds (the kernels are
 * compiled with {@code FP_CONTRACT OFF} and, where the device can, correctly rounded single-precision division),
 * comparisons, selections, {@code floor}, and reinterpretation of bits. The methods allocate nothing.
 *
 * <p>Algorithms: {@code exp} reduces {@code x = k ln 2 + r}, {@code |r| <= ln(2)/2}, with a two-part ln 2
 * (Cody-Waite), approximates {@code e^r} by {@code 1 + r + r^2 Q(r)} with a near-minimax polynomial Q, and scales by
 * {@code 2^k} in two factors built from bits, so that subnormal results are rounded once; {@code expm1} adds the
 * terms of {@code 2^k (1 + expm1(r)) - 1} with exact two-sums; {@code log} reduces {@code x = 2^e m},
 * {@code m} in [sqrt(1/2), sqrt(2)), and uses {@code log(1 + f) = 2 atanh(f / (2 + f))}; {@code log1p} does the same
 * with {@code 1 + x} and its rounding error; {@code pow} computes {@code y log|x|} in twice the working precision
 * (Dekker's exact products) and then {@code exp} of that sum; {@code tanh}, {@code sinh} and {@code cosh} are
 * formed from {@code expm1} and {@code exp}.
 *
 * <p>Errors, measured by {@code HebbMathTest} over millions of inputs against {@link Math} (float versions, the
 * reference computed in double) and {@link StrictMath} (double versions; fdlibm is itself within 1 ulp), in ulps
 * of the result type:
 * <table class="striped">
 * <caption>Largest error measured (ulp)</caption>
 * <tr><th>function</th><th>float</th><th>double (against StrictMath)</th></tr>
 * <tr><td>exp</td><td>&lt;= 1</td><td>&lt;= 1</td></tr>
 * <tr><td>expm1</td><td>&lt;= 1</td><td>&lt;= 1</td></tr>
 * <tr><td>log</td><td>&lt;= 1</td><td>&lt;= 1</td></tr>
 * <tr><td>log1p</td><td>&lt;= 1</td><td>&lt;= 1</td></tr>
 * <tr><td>pow</td><td>&lt;= 1</td><td>&lt;= 1</td></tr>
 * <tr><td>tanh, sinh, cosh</td><td>&lt;= 2</td><td>&lt;= 2</td></tr>
 * </table>
 * Special values follow {@link Math}: NaN in gives NaN out, infinities and zeros (with their signs) as
 * {@code Math} gives them, overflow gives infinity and underflow zero or the subnormal result; {@code pow} follows
 * every special case of {@link Math#pow}'s list, except that results which are exactly representable are not
 * promised to be exact (they are within the error bound).
 */
public final class HebbMath {
    private static final float INF_F = Float.POSITIVE_INFINITY;
    private static final double INF_D = Double.POSITIVE_INFINITY;

    // ln 2 = LN2_HI + LN2_LO, where LN2_HI has so few bits that k * LN2_HI is exact for every k used
    private static final float LN2_HI_F = 0x1.62e4p-1f;
    private static final float LN2_LO_F = 0x1.7f7d1cp-20f;
    private static final double LN2_HI_D = 0x1.62e42feep-1;
    private static final double LN2_LO_D = 0x1.a39ef35793c76p-33;
    private static final float LOG2E_F = 0x1.715476p0f;
    private static final double LOG2E_D = 0x1.71547652b82fep0;
    /** Adding 1.5 * 2^23 (2^52) rounds to an integer, which then sits in the low bits. */
    private static final float SHIFT_F = 0x1.8p23f;
    private static final int SHIFT_BITS_F = 0x4b400000;
    private static final double SHIFT_D = 0x1.8p52;
    private static final long SHIFT_BITS_D = 0x4338000000000000L;
    /** exp's argument is clamped to these: beyond them every result is 0 or infinite, even halved or doubled. */
    private static final float EXP_MIN_F = -104.0f;
    private static final float EXP_MAX_F = 90.0f;
    private static final double EXP_MIN_D = -746.0;
    private static final double EXP_MAX_D = 711.0;
    /** Veltkamp's splitting constants, 2^12 + 1 and 2^27 + 1. */
    private static final float SPLIT_F = 4097.0f;
    private static final double SPLIT_D = 134217729.0;
    /** 2/3 as a sum of two. */
    private static final float TWO_THIRDS_HI_F = 0x1.555556p-1f;
    private static final float TWO_THIRDS_LO_F = -0x1.555556p-26f;
    private static final double TWO_THIRDS_HI_D = 0x1.5555555555555p-1;
    private static final double TWO_THIRDS_LO_D = 0x1.5555555555555p-55;

    private HebbMath() {
    }

    /** e^x; within 1 ulp. */
    public static float exp(float x) {
        return expScaled(x, 0.0f, 0);
    }

    /** e^x; within 1 ulp of StrictMath. */
    public static double exp(double x) {
        return expScaled(x, 0.0, 0);
    }

    /** e^x - 1, accurate near 0; within 1 ulp. */
    public static float expm1(float x) {
        float xc = clamp(x, -30.0f, 28.0f);
        float shifted = xc * LOG2E_F + SHIFT_F;
        float k = shifted - SHIFT_F;
        float scale = pow2F(Float.floatToRawIntBits(shifted) - SHIFT_BITS_F);
        float rHi = xc - k * LN2_HI_F;
        float rLo = 0.0f - k * LN2_LO_F;
        float r = rHi + rLo;
        float tail = rLo + r * r * expPolynomial(r);
        // 2^k (1 + rHi + tail) - 1 = (2^k - 1) + 2^k rHi + 2^k tail, the first two added exactly
        float t = scale - 1.0f;
        float tError = twoSumError(scale, -1.0f, t);
        float u = scale * rHi;
        float v = t + u;
        float vError = twoSumError(t, u, v);
        float result = v + ((tError + vError) + scale * tail);
        result = x > 28.0f ? exp(x) : result;
        return x == 0.0f ? x : result;
    }

    /** e^x - 1, accurate near 0; within 1 ulp of StrictMath. */
    public static double expm1(double x) {
        double xc = clamp(x, -60.0, 50.0);
        double shifted = xc * LOG2E_D + SHIFT_D;
        double k = shifted - SHIFT_D;
        double scale = pow2D((int) (Double.doubleToRawLongBits(shifted) - SHIFT_BITS_D));
        double rHi = xc - k * LN2_HI_D;
        double rLo = 0.0 - k * LN2_LO_D;
        double r = rHi + rLo;
        double tail = rLo + r * r * expPolynomial(r);
        double t = scale - 1.0;
        double tError = twoSumError(scale, -1.0, t);
        double u = scale * rHi;
        double v = t + u;
        double vError = twoSumError(t, u, v);
        double result = v + ((tError + vError) + scale * tail);
        result = x > 50.0 ? exp(x) : result;
        return x == 0.0 ? x : result;
    }

    /** The natural logarithm; within 1 ulp. */
    public static float log(float x) {
        float r = logPositive(x > 0.0f && x < INF_F ? x : 1.0f, 0.0f);
        r = x == 0.0f ? -INF_F : r;
        r = x == INF_F ? x : r;
        return x >= 0.0f ? r : Float.NaN;
    }

    /** The natural logarithm; within 1 ulp of StrictMath. */
    public static double log(double x) {
        double r = logPositive(x > 0.0 && x < INF_D ? x : 1.0, 0.0);
        r = x == 0.0 ? -INF_D : r;
        r = x == INF_D ? x : r;
        return x >= 0.0 ? r : Double.NaN;
    }

    /** ln(1 + x), accurate near 0; within 1 ulp. */
    public static float log1p(float x) {
        float u = 1.0f + x;
        float r = logPositive(u > 0.0f && u < INF_F ? u : 1.0f, twoSumError(1.0f, x, u));
        r = u == 0.0f ? -INF_F : r;
        r = x == INF_F ? x : r;
        r = x >= -1.0f ? r : Float.NaN;
        return x == 0.0f ? x : r;
    }

    /** ln(1 + x), accurate near 0; within 1 ulp of StrictMath. */
    public static double log1p(double x) {
        double u = 1.0 + x;
        double r = logPositive(u > 0.0 && u < INF_D ? u : 1.0, twoSumError(1.0, x, u));
        r = u == 0.0 ? -INF_D : r;
        r = x == INF_D ? x : r;
        r = x >= -1.0 ? r : Double.NaN;
        return x == 0.0 ? x : r;
    }

    /** The hyperbolic tangent; within 2 ulp. */
    public static float tanh(float x) {
        float a = Math.abs(x);
        float z = a * a;
        float small = a + a * z * (-0x1.555556p-2f + z * (0x1.111104p-3f + z * (-0x1.ba142ep-5f
                + z * (0x1.657936p-6f + z * (-0x1.17641p-7f + z * 0x1.4b239ap-9f)))));
        float e = expm1(2.0f * clamp(a, 0.0f, 20.0f));
        return Math.copySign(a < 0.55f ? small : 1.0f - 2.0f / (e + 2.0f), x);
    }

    /** The hyperbolic tangent; within 2 ulp of StrictMath. */
    public static double tanh(double x) {
        double a = Math.abs(x);
        double z = a * a;
        double small = a + a * z * (-0x1.5555555555555p-2 + z * (0x1.1111111111032p-3 + z * (-0x1.ba1ba1b9fec84p-5
                + z * (0x1.664f487713373p-6 + z * (-0x1.226e32f00cf0cp-7 + z * (0x1.d6d339333f329p-9
                + z * (-0x1.7d97cfd138c28p-10 + z * (0x1.34c5a8a996cd4p-11 + z * (-0x1.ec1091436eb2ap-13
                + z * (0x1.64fd88e9900a5p-14 + z * -0x1.59a834187ce22p-16))))))))));
        double e = expm1(2.0 * clamp(a, 0.0, 40.0));
        return Math.copySign(a < 0.55 ? small : 1.0 - 2.0 / (e + 2.0), x);
    }

    /** The hyperbolic sine; within 2 ulp. */
    public static float sinh(float x) {
        float a = Math.abs(x);
        float e = expm1(clamp(a, 0.0f, 88.0f));
        float halfExp = expScaled(a, 0.0f, -1);
        float z = a * a;
        float r = a < 88.0f ? 0.5f * (e + e / (e + 1.0f)) : halfExp - 0.25f / halfExp;
        r = a < 1.0f ? a + a * z * (0x1.555556p-3f + z * (0x1.11111ep-7f + z * (0x1.a009p-13f + z * 0x1.78a70ep-19f)))
                : r;
        return Math.copySign(r, x);
    }

    /** The hyperbolic sine; within 2 ulp of StrictMath. */
    public static double sinh(double x) {
        double a = Math.abs(x);
        double e = expm1(clamp(a, 0.0, 709.0));
        double halfExp = expScaled(a, 0.0, -1);
        double z = a * a;
        double r = a < 709.0 ? 0.5 * (e + e / (e + 1.0)) : halfExp - 0.25 / halfExp;
        r = a < 1.0 ? a + a * z * (0x1.5555555555555p-3 + z * (0x1.11111111110fdp-7 + z * (0x1.a01a01a01ee70p-13
                + z * (0x1.71de3a4e14f40p-19 + z * (0x1.ae6460fae3728p-26 + z * (0x1.611cb330c1fe8p-33
                + z * 0x1.b41232cf9950fp-41)))))) : r;
        return Math.copySign(r, x);
    }

    /** The hyperbolic cosine; within 2 ulp. */
    public static float cosh(float x) {
        float halfExp = expScaled(Math.abs(x), 0.0f, -1);
        return halfExp + 0.25f / halfExp;
    }

    /** The hyperbolic cosine; within 2 ulp of StrictMath. */
    public static double cosh(double x) {
        double halfExp = expScaled(Math.abs(x), 0.0, -1);
        return halfExp + 0.25 / halfExp;
    }

    /** x^y with {@link Math#pow}'s special cases; within 1 ulp. */
    public static float pow(float x, float y) {
        float ax = Math.abs(x);
        float a = ax > 0.0f && ax < INF_F ? ax : 1.0f;
        // ln a = lnHi + lnLo to about 40 bits (90 in double): a = 2^e m, f = m - 1, s = f / (2 + f), z = s^2,
        // ln m = 2 atanh(s) = s (2 + z R(z)), R(z) = 2/3 + z powLogPolynomial(z)
        float e = reducedExponent(a);
        float m = reducedMantissa(a);
        float f = m - 1.0f;
        float d = m + 1.0f;
        float dLo = twoSumError(m, 1.0f, d);
        float sHi = f / d;
        float sd = sHi * d;
        float sLo = (((f - sd) - twoProductError(sHi, d, sd)) - sHi * dLo) / d;
        float zHi = sHi * sHi;
        float zLo = twoProductError(sHi, sHi, zHi) + 2.0f * sHi * sLo;
        float w = zHi * powLogPolynomial(zHi);
        float rHi = TWO_THIRDS_HI_F + w;
        float rLo = twoSumError(TWO_THIRDS_HI_F, w, rHi) + TWO_THIRDS_LO_F;
        float vHi = zHi * rHi;
        float vLo = twoProductError(zHi, rHi, vHi) + (zHi * rLo + zLo * rHi);
        float tHi = 2.0f + vHi;
        float tLo = twoSumError(2.0f, vHi, tHi) + vLo;
        float lHi = sHi * tHi;
        float lLo = twoProductError(sHi, tHi, lHi) + (sHi * tLo + sLo * tHi);
        float eHi = e * LN2_HI_F;
        float lnHi = eHi + lHi;
        float lnLo = twoSumError(eHi, lHi, lnHi) + (lLo + e * LN2_LO_F);
        // y ln a, with y clamped where the result is 0 or infinite anyway (so that the splitting cannot overflow)
        float yc = clamp(y, -0x1p100f, 0x1p100f);
        float pHi = yc * lnHi;
        float pLo = twoProductError(yc, lnHi, pHi) + yc * lnLo;
        // where exp clamps pHi, the result is 0 or infinite, and pLo (then possibly large) must not count
        float r = expScaled(pHi, Math.abs(pHi) < 200.0f ? pLo : 0.0f, 0);
        boolean yInteger = (float) Math.floor(y) == y;
        boolean yOdd = yInteger && (float) Math.floor(0.5f * y) != 0.5f * y;
        r = ax == 0.0f || ax == INF_F ? ((ax == 0.0f) == (y > 0.0f) ? 0.0f : INF_F) : r;
        r = yOdd && Float.floatToRawIntBits(x) < 0 ? -r : r;
        r = x < 0.0f && ax != INF_F && !yInteger ? Float.NaN : r;
        r = Math.abs(y) == INF_F ? (ax == 1.0f ? Float.NaN : (ax > 1.0f) == (y > 0.0f) ? INF_F : 0.0f) : r;
        r = y == 1.0f ? x : r;
        r = x != x || y != y ? Float.NaN : r;
        return y == 0.0f ? 1.0f : r;
    }

    /** x^y with {@link Math#pow}'s special cases; within 1 ulp of StrictMath. */
    public static double pow(double x, double y) {
        double ax = Math.abs(x);
        double a = ax > 0.0 && ax < INF_D ? ax : 1.0;
        double e = reducedExponent(a);
        double m = reducedMantissa(a);
        double f = m - 1.0;
        double d = m + 1.0;
        double dLo = twoSumError(m, 1.0, d);
        double sHi = f / d;
        double sd = sHi * d;
        double sLo = (((f - sd) - twoProductError(sHi, d, sd)) - sHi * dLo) / d;
        double zHi = sHi * sHi;
        double zLo = twoProductError(sHi, sHi, zHi) + 2.0 * sHi * sLo;
        double w = zHi * powLogPolynomial(zHi);
        double rHi = TWO_THIRDS_HI_D + w;
        double rLo = twoSumError(TWO_THIRDS_HI_D, w, rHi) + TWO_THIRDS_LO_D;
        double vHi = zHi * rHi;
        double vLo = twoProductError(zHi, rHi, vHi) + (zHi * rLo + zLo * rHi);
        double tHi = 2.0 + vHi;
        double tLo = twoSumError(2.0, vHi, tHi) + vLo;
        double lHi = sHi * tHi;
        double lLo = twoProductError(sHi, tHi, lHi) + (sHi * tLo + sLo * tHi);
        double eHi = e * LN2_HI_D;
        double lnHi = eHi + lHi;
        double lnLo = twoSumError(eHi, lHi, lnHi) + (lLo + e * LN2_LO_D);
        double yc = clamp(y, -0x1p900, 0x1p900);
        double pHi = yc * lnHi;
        double pLo = twoProductError(yc, lnHi, pHi) + yc * lnLo;
        double r = expScaled(pHi, Math.abs(pHi) < 1500.0 ? pLo : 0.0, 0);
        boolean yInteger = Math.floor(y) == y;
        boolean yOdd = yInteger && Math.floor(0.5 * y) != 0.5 * y;
        r = ax == 0.0 || ax == INF_D ? ((ax == 0.0) == (y > 0.0) ? 0.0 : INF_D) : r;
        r = yOdd && Double.doubleToRawLongBits(x) < 0 ? -r : r;
        r = x < 0.0 && ax != INF_D && !yInteger ? Double.NaN : r;
        r = Math.abs(y) == INF_D ? (ax == 1.0 ? Double.NaN : (ax > 1.0) == (y > 0.0) ? INF_D : 0.0) : r;
        r = y == 1.0 ? x : r;
        r = x != x || y != y ? Double.NaN : r;
        return y == 0.0 ? 1.0 : r;
    }

    /**
     * {@link #exp(float)} in three steps for loops over arrays, each step its own loop: {@code s = expShift(x)} and
     * {@code m = expMantissa(x, s)}, whose loop the JIT vectorises, then {@code expScale(m, s)}, which moves bits and
     * stays scalar. {@code expScale(expMantissa(x, s), s)} is {@code exp(x)} bit for bit; this step is x clamped,
     * over ln 2, plus 1.5 * 2^23 (the integer nearest to it sits in the low bits).
     */
    public static float expShift(float x) {
        return clampToExpRange(x) * LOG2E_F + SHIFT_F;
    }

    /** e^r for the reduced argument r = x - k ln 2 of {@code x}, k read from {@code shifted}; see {@link #expShift}. */
    public static float expMantissa(float x, float shifted) {
        float k = shifted - SHIFT_F;
        float r = (clampToExpRange(x) - k * LN2_HI_F) + (0.0f - k * LN2_LO_F);
        return 1.0f + (r + r * r * expPolynomial(r));
    }

    /** {@code mantissa} times 2^k, k read from {@code shifted}: e^x; see {@link #expShift}. */
    public static float expScale(float mantissa, float shifted) {
        int n = Float.floatToRawIntBits(shifted) - SHIFT_BITS_F;
        int n1 = n >> 1;
        return mantissa * pow2F(n1) * pow2F(n - n1);
    }

    /** {@link #exp(double)}'s first step, as {@link #expShift(float)}. */
    public static double expShift(double x) {
        return clampToExpRange(x) * LOG2E_D + SHIFT_D;
    }

    /** {@link #exp(double)}'s second step, as {@link #expMantissa(float, float)}. */
    public static double expMantissa(double x, double shifted) {
        double k = shifted - SHIFT_D;
        double r = (clampToExpRange(x) - k * LN2_HI_D) + (0.0 - k * LN2_LO_D);
        return 1.0 + (r + r * r * expPolynomial(r));
    }

    /** {@link #exp(double)}'s last step, as {@link #expScale(float, float)}. */
    public static double expScale(double mantissa, double shifted) {
        int n = (int) (Double.doubleToRawLongBits(shifted) - SHIFT_BITS_D);
        int n1 = n >> 1;
        return mantissa * pow2D(n1) * pow2D(n - n1);
    }

    /**
     * {@link #expm1(float)} in steps for loops over arrays, as {@link #expShift(float)} for exp. In a loop that the JIT
     * vectorises: {@code s = expm1Shift(x)}, {@code h = expm1Reduced(x, s)} and {@code t = expm1Tail(x, s)}; in a
     * scalar loop, which moves bits: {@code c = expm1Scale(s)} and {@code g = expm1Large(x)}; in a loop that vectorises
     * again (only + - * and {@link Math#max}): {@code expm1Combine(h, t, c, g)}, which is {@code expm1(x)} bit for bit.
     * This step is x clamped to [-30, 28], over ln 2, plus 1.5 * 2^23 (the integer k nearest to it sits in the low
     * bits).
     */
    public static float expm1Shift(float x) {
        return clampToExpm1Range(x) * LOG2E_F + SHIFT_F;
    }

    /** The high part of the reduced argument x - k ln 2 of {@code x}, k read from {@code shifted}. */
    public static float expm1Reduced(float x, float shifted) {
        return clampToExpm1Range(x) - (shifted - SHIFT_F) * LN2_HI_F;
    }

    /** e^r - 1 less the high part of r, for the reduced argument r of {@code x}, k read from {@code shifted}. */
    public static float expm1Tail(float x, float shifted) {
        float k = shifted - SHIFT_F;
        float rHi = clampToExpm1Range(x) - k * LN2_HI_F;
        float rLo = 0.0f - k * LN2_LO_F;
        float r = rHi + rLo;
        return rLo + r * r * expPolynomial(r);
    }

    /** 2^k, k read from {@code shifted}; see {@link #expm1Shift(float)}. */
    public static float expm1Scale(float shifted) {
        return pow2F(Float.floatToRawIntBits(shifted) - SHIFT_BITS_F);
    }

    /** e^x where x is beyond expm1's range (where e^x - 1 rounds to e^x), else -infinity. */
    public static float expm1Large(float x) {
        return x > 28.0f ? exp(x) : -INF_F;
    }

    /**
     * 2^k (1 + reduced + tail) - 1 = (2^k - 1) + 2^k reduced + 2^k tail, the first two added exactly, or
     * {@code large} where larger: {@link #expm1(float)}'s sums written with subtractions where they keep the sign of a
     * zero argument, so that no comparison is left; see {@link #expm1Shift(float)}.
     */
    public static float expm1Combine(float reduced, float tail, float scale, float large) {
        float t = scale - 1.0f;
        float tError = twoSumError(scale, -1.0f, t);
        float u = scale * reduced;
        float v = u - (1.0f - scale);
        float vError = twoSumError(t, u, v);
        float result = v - (((0.0f - tError) - vError) - scale * tail);
        return Math.max(result, large);
    }

    /** {@link #expm1(double)}'s first step, as {@link #expm1Shift(float)}; x is clamped to [-60, 50]. */
    public static double expm1Shift(double x) {
        return clampToExpm1Range(x) * LOG2E_D + SHIFT_D;
    }

    /** As {@link #expm1Reduced(float, float)}. */
    public static double expm1Reduced(double x, double shifted) {
        return clampToExpm1Range(x) - (shifted - SHIFT_D) * LN2_HI_D;
    }

    /** As {@link #expm1Tail(float, float)}. */
    public static double expm1Tail(double x, double shifted) {
        double k = shifted - SHIFT_D;
        double rHi = clampToExpm1Range(x) - k * LN2_HI_D;
        double rLo = 0.0 - k * LN2_LO_D;
        double r = rHi + rLo;
        return rLo + r * r * expPolynomial(r);
    }

    /** As {@link #expm1Scale(float)}. */
    public static double expm1Scale(double shifted) {
        return pow2D((int) (Double.doubleToRawLongBits(shifted) - SHIFT_BITS_D));
    }

    /** As {@link #expm1Large(float)}, beyond 50. */
    public static double expm1Large(double x) {
        return x > 50.0 ? exp(x) : -INF_D;
    }

    /** As {@link #expm1Combine(float, float, float, float)}. */
    public static double expm1Combine(double reduced, double tail, double scale, double large) {
        double t = scale - 1.0;
        double tError = twoSumError(scale, -1.0, t);
        double u = scale * reduced;
        double v = u - (1.0 - scale);
        double vError = twoSumError(t, u, v);
        double result = v - (((0.0 - tError) - vError) - scale * tail);
        return Math.max(result, large);
    }

    /** x clamped to expm1's range, as {@link #clampToExpRange(float)}. */
    private static float clampToExpm1Range(float x) {
        return Math.min(Math.max(x, -30.0f), 28.0f);
    }

    private static double clampToExpm1Range(double x) {
        return Math.min(Math.max(x, -60.0), 50.0);
    }

    /**
     * x clamped to exp's range with {@link Math#min} and {@link Math#max}, which the JIT vectorises (the comparisons
     * of {@link #clamp} it does not): the same value, NaN included.
     */
    private static float clampToExpRange(float x) {
        return Math.min(Math.max(x, EXP_MIN_F), EXP_MAX_F);
    }

    private static double clampToExpRange(double x) {
        return Math.min(Math.max(x, EXP_MIN_D), EXP_MAX_D);
    }

    /**
     * e^(hi + lo) * 2^scale, for |lo| at most about ulp(hi) and scale in [-1, 0]: straight-line code that the JIT can
     * inline into a loop. hi is clamped to [EXP_MIN_F, EXP_MAX_F] (NaN stays NaN).
     */
    private static float expScaled(float hi, float lo, int scale) {
        float x = clamp(hi, EXP_MIN_F, EXP_MAX_F);
        float shifted = x * LOG2E_F + SHIFT_F;
        float k = shifted - SHIFT_F;
        int n = Float.floatToRawIntBits(shifted) - SHIFT_BITS_F + scale;
        float r = (x - k * LN2_HI_F) + (lo - k * LN2_LO_F);
        float p = 1.0f + (r + r * r * expPolynomial(r));
        // 2^n in two factors, each a normal number, so that a subnormal result is rounded only once
        int n1 = n >> 1;
        return p * pow2F(n1) * pow2F(n - n1);
    }

    private static double expScaled(double hi, double lo, int scale) {
        double x = clamp(hi, EXP_MIN_D, EXP_MAX_D);
        double shifted = x * LOG2E_D + SHIFT_D;
        double k = shifted - SHIFT_D;
        int n = (int) (Double.doubleToRawLongBits(shifted) - SHIFT_BITS_D) + scale;
        double r = (x - k * LN2_HI_D) + (lo - k * LN2_LO_D);
        double p = 1.0 + (r + r * r * expPolynomial(r));
        int n1 = n >> 1;
        return p * pow2D(n1) * pow2D(n - n1);
    }

    /** (e^r - 1 - r) / r^2 for |r| &lt;= ln(2)/2 (near-minimax, relative error below 2^-29). */
    private static float expPolynomial(float r) {
        return 0x1.0p-1f + r * (0x1.555556p-3f + r * (0x1.5554e8p-5f + r * (0x1.1110e0p-7f
                + r * (0x1.6d44p-10f + r * 0x1.a125b4p-13f))));
    }

    /** (e^r - 1 - r) / r^2 for |r| &lt;= ln(2)/2 (near-minimax, relative error below 2^-60). */
    private static double expPolynomial(double r) {
        return 0x1.0p-1 + r * (0x1.5555555555557p-3 + r * (0x1.5555555555556p-5 + r * (0x1.11111111100acp-7
                + r * (0x1.6c16c16c162b9p-10 + r * (0x1.a01a01ac01d24p-13 + r * (0x1.a01a01a6e74b3p-16
                + r * (0x1.71de01dfcc31ap-19 + r * (0x1.27e4db35b1922p-22 + r * (0x1.af4e93725a555p-26
                + r * 0x1.1f736461fd0b2p-29)))))))));
    }

    /**
     * ln(u + c) for a positive finite u and a correction |c| at most about ulp(u): with u = 2^e m, f = m - 1 and
     * s = f / (2 + f), ln m = 2 atanh(s) = f - f^2/2 + s (f^2/2 + R(s^2)).
     */
    private static float logPositive(float u, float c) {
        float e = reducedExponent(u);
        float f = reducedMantissa(u) - 1.0f;
        float s = f / (2.0f + f);
        float z = s * s;
        float halfSquare = 0.5f * f * f;
        float tail = z * (0x1.555556p-1f + z * (0x1.9999ecp-2f + z * (0x1.245c08p-2f + z * 0x1.dddbaap-3f)));
        return e * LN2_HI_F - ((halfSquare - (s * (halfSquare + tail) + (e * LN2_LO_F + c / u))) - f);
    }

    private static double logPositive(double u, double c) {
        double e = reducedExponent(u);
        double f = reducedMantissa(u) - 1.0;
        double s = f / (2.0 + f);
        double z = s * s;
        double halfSquare = 0.5 * f * f;
        double tail = z * (0x1.5555555555558p-1 + z * (0x1.99999999951f5p-2 + z * (0x1.2492492e0b70cp-2
                + z * (0x1.c71c62c42db89p-3 + z * (0x1.7462be245eae3p-3 + z * (0x1.39fd25d62ab23p-3
                + z * 0x1.2b6776a1bf0b9p-3))))));
        return e * LN2_HI_D - ((halfSquare - (s * (halfSquare + tail) + (e * LN2_LO_D + c / u))) - f);
    }

    /** e of u = 2^e m with m in [sqrt(1/2), sqrt(2)), for a positive finite u. */
    private static float reducedExponent(float u) {
        boolean subnormal = u < 0x1p-126f;
        int tmp = Float.floatToRawIntBits(subnormal ? u * 0x1p24f : u) - 0x3f3504f3;
        return (float) ((tmp >> 23) + (subnormal ? -24 : 0));
    }

    private static double reducedExponent(double u) {
        boolean subnormal = u < 0x1p-1022;
        long tmp = Double.doubleToRawLongBits(subnormal ? u * 0x1p54 : u) - 0x3fe6a09e667f3bcdL;
        return (double) ((int) (tmp >> 52) + (subnormal ? -54 : 0));
    }

    /** m of u = 2^e m, in [sqrt(1/2), sqrt(2)), for a positive finite u. */
    private static float reducedMantissa(float u) {
        int ix = Float.floatToRawIntBits(u < 0x1p-126f ? u * 0x1p24f : u);
        return Float.intBitsToFloat(ix - ((ix - 0x3f3504f3) & 0xff800000));
    }

    private static double reducedMantissa(double u) {
        long ix = Double.doubleToRawLongBits(u < 0x1p-1022 ? u * 0x1p54 : u);
        return Double.longBitsToDouble(ix - ((ix - 0x3fe6a09e667f3bcdL) & 0xfff0000000000000L));
    }

    /** (2 atanh(s) / s - 2 - 2 s^2 / 3) / s^4 as a polynomial in z = s^2 &lt;= 0.0295. */
    private static float powLogPolynomial(float z) {
        return 0x1.99999ap-2f + z * (0x1.24928ep-2f + z * (0x1.c6c086p-3f + z * 0x1.87a09cp-3f));
    }

    private static double powLogPolynomial(double z) {
        return 0x1.999999999999ap-2 + z * (0x1.2492492492491p-2 + z * (0x1.c71c71c71cffap-3
                + z * (0x1.745d174510f8dp-3 + z * (0x1.3b13b1bdcfb31p-3 + z * (0x1.1110df430665dp-3
                + z * (0x1.e1f81e418e626p-4 + z * (0x1.ac476873b3260p-4 + z * 0x1.b8f089728de3fp-4)))))));
    }

    /**
     * x clamped to [lo, hi], NaN staying NaN (as Math.min(Math.max(x, lo), hi) for bounds that are not zero, but
     * faster: HotSpot compiles Math.min and Math.max on floats to longer sequences that handle -0 and NaN).
     */
    private static float clamp(float x, float lo, float hi) {
        return x < lo ? lo : x > hi ? hi : x;
    }

    private static double clamp(double x, double lo, double hi) {
        return x < lo ? lo : x > hi ? hi : x;
    }

    /** 2^n for n in [-126, 127], from its bits. */
    private static float pow2F(int n) {
        return Float.intBitsToFloat((n + 127) << 23);
    }

    /** 2^n for n in [-1022, 1023], from its bits. */
    private static double pow2D(int n) {
        return Double.longBitsToDouble((long) (n + 1023) << 52);
    }

    /** The rounding error of sum = a + b: a + b - sum exactly (Knuth's two-sum). */
    private static float twoSumError(float a, float b, float sum) {
        float bPart = sum - a;
        return (a - (sum - bPart)) + (b - bPart);
    }

    private static double twoSumError(double a, double b, double sum) {
        double bPart = sum - a;
        return (a - (sum - bPart)) + (b - bPart);
    }

    /** The rounding error of product = a * b: a * b - product exactly (Dekker, without fused multiply-add). */
    private static float twoProductError(float a, float b, float product) {
        float ca = SPLIT_F * a;
        float aHi = ca - (ca - a);
        float aLo = a - aHi;
        float cb = SPLIT_F * b;
        float bHi = cb - (cb - b);
        float bLo = b - bHi;
        return (((aHi * bHi - product) + aHi * bLo) + aLo * bHi) + aLo * bLo;
    }

    private static double twoProductError(double a, double b, double product) {
        double ca = SPLIT_D * a;
        double aHi = ca - (ca - a);
        double aLo = a - aHi;
        double cb = SPLIT_D * b;
        double bHi = cb - (cb - b);
        double bLo = b - bHi;
        return (((aHi * bHi - product) + aHi * bLo) + aLo * bHi) + aLo * bLo;
    }
}

// Hebb's exponentials, logarithms, powers and hyperbolic functions. This file mirrors
// org.hebb.neurons.math.HebbMath (neurons module) operation for operation, in the same order, so that every function
// gives the same bits as its Java twin on every device: it uses only + - * / (correctly rounded: the program is built
// with -cl-fp32-correctly-rounded-divide-sqrt where the device supports it), comparisons, selections, floor, fabs,
// copysign and reinterpretation of bits, never OpenCL's exp, log or pow, and no contraction into fused multiply-adds.
// Bit manipulations that might overflow a signed int for a NaN argument are done in unsigned arithmetic (the same
// bits as Java's wrapping int arithmetic). Prepended to Hebb's kernels (DeviceSession.SOURCES) and to generated ones.
#ifndef HEBB_MATH_CL
#define HEBB_MATH_CL
#pragma OPENCL FP_CONTRACT OFF
#ifdef cl_khr_fp64
#pragma OPENCL EXTENSION cl_khr_fp64 : enable
#endif

#define HEBB_INF_F as_float(0x7f800000)
#define HEBB_NAN_F as_float(0x7fc00000)
// ln 2 = LN2_HI + LN2_LO, where LN2_HI has so few bits that k * LN2_HI is exact for every k used
#define HEBB_LN2_HI_F 0x1.62e4p-1f
#define HEBB_LN2_LO_F 0x1.7f7d1cp-20f
#define HEBB_LOG2E_F 0x1.715476p0f
// adding 1.5 * 2^23 rounds to an integer, which then sits in the low bits
#define HEBB_SHIFT_F 0x1.8p23f
#define HEBB_SHIFT_BITS_F 0x4b400000
// exp's argument is clamped to these: beyond them every result is 0 or infinite, even halved or doubled
#define HEBB_EXP_MIN_F -104.0f
#define HEBB_EXP_MAX_F 90.0f
// Veltkamp's splitting constant, 2^12 + 1
#define HEBB_SPLIT_F 4097.0f
// 2/3 as a sum of two
#define HEBB_TWO_THIRDS_HI_F 0x1.555556p-1f
#define HEBB_TWO_THIRDS_LO_F -0x1.555556p-26f

/** x clamped to [lo, hi], NaN staying NaN. */
inline float hebb_clamp_f(float x, float lo, float hi) {
    return x < lo ? lo : x > hi ? hi : x;
}

/**
 * Java's Math.min: NaN wins and -0 is below +0 (OpenCL's fmin returns the other operand for NaN and may order signed
 * zeros either way).
 */
inline float hebb_java_min_f(float a, float b) {
    return a != a ? a : (a == 0.0f && b == 0.0f) ? (as_int(b) < 0 ? b : a) : (a <= b ? a : b);
}

/** Java's Math.max, as hebb_java_min_f. */
inline float hebb_java_max_f(float a, float b) {
    return a != a ? a : (a == 0.0f && b == 0.0f) ? (as_int(a) < 0 ? b : a) : (a >= b ? a : b);
}

/** 2^n for n in [-126, 127], from its bits. */
inline float hebb_pow2_f(int n) {
    return as_float((as_uint(n) + 127u) << 23);
}

/** The rounding error of sum = a + b: a + b - sum exactly (Knuth's two-sum). */
inline float hebb_two_sum_error_f(float a, float b, float sum) {
    float bPart = sum - a;
    return (a - (sum - bPart)) + (b - bPart);
}

/** The rounding error of product = a * b: a * b - product exactly (Dekker, without fused multiply-add). */
inline float hebb_two_product_error_f(float a, float b, float product) {
    float ca = HEBB_SPLIT_F * a;
    float aHi = ca - (ca - a);
    float aLo = a - aHi;
    float cb = HEBB_SPLIT_F * b;
    float bHi = cb - (cb - b);
    float bLo = b - bHi;
    return (((aHi * bHi - product) + aHi * bLo) + aLo * bHi) + aLo * bLo;
}

/** (e^r - 1 - r) / r^2 for |r| <= ln(2)/2 (near-minimax, relative error below 2^-29). */
inline float hebb_exp_polynomial_f(float r) {
    return 0x1.0p-1f + r * (0x1.555556p-3f + r * (0x1.5554e8p-5f + r * (0x1.1110e0p-7f
            + r * (0x1.6d44p-10f + r * 0x1.a125b4p-13f))));
}

/**
 * e^(hi + lo) * 2^scale, for |lo| at most about ulp(hi) and scale in [-1, 0]: straight-line code. hi is clamped to [HEBB_EXP_MIN_F, HEBB_EXP_MAX_F] (NaN stays NaN).
 */
inline float hebb_exp_scaled_f(float hi, float lo, int scale) {
    float x = hebb_clamp_f(hi, HEBB_EXP_MIN_F, HEBB_EXP_MAX_F);
    float shifted = x * HEBB_LOG2E_F + HEBB_SHIFT_F;
    float k = shifted - HEBB_SHIFT_F;
    int n = as_int(shifted) - HEBB_SHIFT_BITS_F + scale;
    float r = (x - k * HEBB_LN2_HI_F) + (lo - k * HEBB_LN2_LO_F);
    float p = 1.0f + (r + r * r * hebb_exp_polynomial_f(r));
    // 2^n in two factors, each a normal number, so that a subnormal result is rounded only once
    int n1 = n >> 1;
    return p * hebb_pow2_f(n1) * hebb_pow2_f(n - n1);
}

/** e of u = 2^e m with m in [sqrt(1/2), sqrt(2)), for a positive finite u. */
inline float hebb_reduced_exponent_f(float u) {
    bool subnormal = u < 0x1p-126f;
    int tmp = as_int(subnormal ? u * 0x1p24f : u) - 0x3f3504f3;
    return (float) ((tmp >> 23) + (subnormal ? -24 : 0));
}

/** m of u = 2^e m, in [sqrt(1/2), sqrt(2)), for a positive finite u. */
inline float hebb_reduced_mantissa_f(float u) {
    int ix = as_int(u < 0x1p-126f ? u * 0x1p24f : u);
    return as_float(ix - ((ix - 0x3f3504f3) & 0xff800000));
}

/**
 * ln(u + c) for a positive finite u and a correction |c| at most about ulp(u): with u = 2^e m, f = m - 1 and
 * s = f / (2 + f), ln m = 2 atanh(s) = f - f^2/2 + s (f^2/2 + R(s^2)).
 */
inline float hebb_log_positive_f(float u, float c) {
    float e = hebb_reduced_exponent_f(u);
    float f = hebb_reduced_mantissa_f(u) - 1.0f;
    float s = f / (2.0f + f);
    float z = s * s;
    float halfSquare = 0.5f * f * f;
    float tail = z * (0x1.555556p-1f + z * (0x1.9999ecp-2f + z * (0x1.245c08p-2f + z * 0x1.dddbaap-3f)));
    return e * HEBB_LN2_HI_F - ((halfSquare - (s * (halfSquare + tail) + (e * HEBB_LN2_LO_F + c / u))) - f);
}

/** (2 atanh(s) / s - 2 - 2 s^2 / 3) / s^4 as a polynomial in z = s^2 <= 0.0295. */
inline float hebb_pow_log_polynomial_f(float z) {
    return 0x1.99999ap-2f + z * (0x1.24928ep-2f + z * (0x1.c6c086p-3f + z * 0x1.87a09cp-3f));
}

/** e^x; within 1 ulp. */
inline float hebb_exp_f(float x) {
    return hebb_exp_scaled_f(x, 0.0f, 0);
}

/** e^x - 1, accurate near 0; within 1 ulp. */
inline float hebb_expm1_f(float x) {
    float xc = hebb_clamp_f(x, -30.0f, 28.0f);
    float shifted = xc * HEBB_LOG2E_F + HEBB_SHIFT_F;
    float k = shifted - HEBB_SHIFT_F;
    float scale = hebb_pow2_f(as_int(shifted) - HEBB_SHIFT_BITS_F);
    float rHi = xc - k * HEBB_LN2_HI_F;
    float rLo = 0.0f - k * HEBB_LN2_LO_F;
    float r = rHi + rLo;
    float tail = rLo + r * r * hebb_exp_polynomial_f(r);
    // 2^k (1 + rHi + tail) - 1 = (2^k - 1) + 2^k rHi + 2^k tail, the first two added exactly
    float t = scale - 1.0f;
    float tError = hebb_two_sum_error_f(scale, -1.0f, t);
    float u = scale * rHi;
    float v = t + u;
    float vError = hebb_two_sum_error_f(t, u, v);
    float result = v + ((tError + vError) + scale * tail);
    result = x > 28.0f ? hebb_exp_f(x) : result;
    return x == 0.0f ? x : result;
}

/** The natural logarithm; within 1 ulp. */
inline float hebb_log_f(float x) {
    float r = hebb_log_positive_f(x > 0.0f && x < HEBB_INF_F ? x : 1.0f, 0.0f);
    r = x == 0.0f ? -HEBB_INF_F : r;
    r = x == HEBB_INF_F ? x : r;
    return x >= 0.0f ? r : HEBB_NAN_F;
}

/** ln(1 + x), accurate near 0; within 1 ulp. */
inline float hebb_log1p_f(float x) {
    float u = 1.0f + x;
    float r = hebb_log_positive_f(u > 0.0f && u < HEBB_INF_F ? u : 1.0f, hebb_two_sum_error_f(1.0f, x, u));
    r = u == 0.0f ? -HEBB_INF_F : r;
    r = x == HEBB_INF_F ? x : r;
    r = x >= -1.0f ? r : HEBB_NAN_F;
    return x == 0.0f ? x : r;
}

/** The hyperbolic tangent; within 2 ulp. */
inline float hebb_tanh_f(float x) {
    float a = fabs(x);
    float z = a * a;
    float small = a + a * z * (-0x1.555556p-2f + z * (0x1.111104p-3f + z * (-0x1.ba142ep-5f
            + z * (0x1.657936p-6f + z * (-0x1.17641p-7f + z * 0x1.4b239ap-9f)))));
    float e = hebb_expm1_f(2.0f * hebb_clamp_f(a, 0.0f, 20.0f));
    return copysign(a < 0.55f ? small : 1.0f - 2.0f / (e + 2.0f), x);
}

/** The hyperbolic sine; within 2 ulp. */
inline float hebb_sinh_f(float x) {
    float a = fabs(x);
    float e = hebb_expm1_f(hebb_clamp_f(a, 0.0f, 88.0f));
    float halfExp = hebb_exp_scaled_f(a, 0.0f, -1);
    float z = a * a;
    float r = a < 88.0f ? 0.5f * (e + e / (e + 1.0f)) : halfExp - 0.25f / halfExp;
    r = a < 1.0f ? a + a * z * (0x1.555556p-3f + z * (0x1.11111ep-7f + z * (0x1.a009p-13f + z * 0x1.78a70ep-19f)))
            : r;
    return copysign(r, x);
}

/** The hyperbolic cosine; within 2 ulp. */
inline float hebb_cosh_f(float x) {
    float halfExp = hebb_exp_scaled_f(fabs(x), 0.0f, -1);
    return halfExp + 0.25f / halfExp;
}

/** x^y with Math.pow's special cases; within 1 ulp. */
inline float hebb_pow_f(float x, float y) {
    float ax = fabs(x);
    float a = ax > 0.0f && ax < HEBB_INF_F ? ax : 1.0f;
    // ln a = lnHi + lnLo to about 40 bits (90 in double): a = 2^e m, f = m - 1, s = f / (2 + f), z = s^2,
    // ln m = 2 atanh(s) = s (2 + z R(z)), R(z) = 2/3 + z hebb_pow_log_polynomial_f(z)
    float e = hebb_reduced_exponent_f(a);
    float m = hebb_reduced_mantissa_f(a);
    float f = m - 1.0f;
    float d = m + 1.0f;
    float dLo = hebb_two_sum_error_f(m, 1.0f, d);
    float sHi = f / d;
    float sd = sHi * d;
    float sLo = (((f - sd) - hebb_two_product_error_f(sHi, d, sd)) - sHi * dLo) / d;
    float zHi = sHi * sHi;
    float zLo = hebb_two_product_error_f(sHi, sHi, zHi) + 2.0f * sHi * sLo;
    float w = zHi * hebb_pow_log_polynomial_f(zHi);
    float rHi = HEBB_TWO_THIRDS_HI_F + w;
    float rLo = hebb_two_sum_error_f(HEBB_TWO_THIRDS_HI_F, w, rHi) + HEBB_TWO_THIRDS_LO_F;
    float vHi = zHi * rHi;
    float vLo = hebb_two_product_error_f(zHi, rHi, vHi) + (zHi * rLo + zLo * rHi);
    float tHi = 2.0f + vHi;
    float tLo = hebb_two_sum_error_f(2.0f, vHi, tHi) + vLo;
    float lHi = sHi * tHi;
    float lLo = hebb_two_product_error_f(sHi, tHi, lHi) + (sHi * tLo + sLo * tHi);
    float eHi = e * HEBB_LN2_HI_F;
    float lnHi = eHi + lHi;
    float lnLo = hebb_two_sum_error_f(eHi, lHi, lnHi) + (lLo + e * HEBB_LN2_LO_F);
    // y ln a, with y clamped where the result is 0 or infinite anyway (so that the splitting cannot overflow)
    float yc = hebb_clamp_f(y, -0x1p100f, 0x1p100f);
    float pHi = yc * lnHi;
    float pLo = hebb_two_product_error_f(yc, lnHi, pHi) + yc * lnLo;
    // where exp clamps pHi, the result is 0 or infinite, and pLo (then possibly large) must not count
    float r = hebb_exp_scaled_f(pHi, fabs(pHi) < 200.0f ? pLo : 0.0f, 0);
    bool yInteger = floor(y) == y;
    bool yOdd = yInteger && floor(0.5f * y) != 0.5f * y;
    r = ax == 0.0f || ax == HEBB_INF_F ? ((ax == 0.0f) == (y > 0.0f) ? 0.0f : HEBB_INF_F) : r;
    r = yOdd && as_int(x) < 0 ? -r : r;
    r = x < 0.0f && ax != HEBB_INF_F && !yInteger ? HEBB_NAN_F : r;
    r = fabs(y) == HEBB_INF_F ? (ax == 1.0f ? HEBB_NAN_F : (ax > 1.0f) == (y > 0.0f) ? HEBB_INF_F : 0.0f) : r;
    r = y == 1.0f ? x : r;
    r = x != x || y != y ? HEBB_NAN_F : r;
    return y == 0.0f ? 1.0f : r;
}

#ifdef cl_khr_fp64
#define HEBB_INF_D as_double(0x7ff0000000000000L)
#define HEBB_NAN_D as_double(0x7ff8000000000000L)
#define HEBB_LN2_HI_D 0x1.62e42feep-1
#define HEBB_LN2_LO_D 0x1.a39ef35793c76p-33
#define HEBB_LOG2E_D 0x1.71547652b82fep0
#define HEBB_SHIFT_D 0x1.8p52
#define HEBB_SHIFT_BITS_D 0x4338000000000000L
#define HEBB_EXP_MIN_D -746.0
#define HEBB_EXP_MAX_D 711.0
#define HEBB_SPLIT_D 134217729.0
#define HEBB_TWO_THIRDS_HI_D 0x1.5555555555555p-1
#define HEBB_TWO_THIRDS_LO_D 0x1.5555555555555p-55

inline double hebb_clamp_d(double x, double lo, double hi) {
    return x < lo ? lo : x > hi ? hi : x;
}

inline double hebb_java_min_d(double a, double b) {
    return a != a ? a : (a == 0.0 && b == 0.0) ? (as_long(b) < 0 ? b : a) : (a <= b ? a : b);
}

inline double hebb_java_max_d(double a, double b) {
    return a != a ? a : (a == 0.0 && b == 0.0) ? (as_long(a) < 0 ? b : a) : (a >= b ? a : b);
}

/** 2^n for n in [-1022, 1023], from its bits. */
inline double hebb_pow2_d(int n) {
    return as_double((ulong) (as_uint(n) + 1023u) << 52);
}

inline double hebb_two_sum_error_d(double a, double b, double sum) {
    double bPart = sum - a;
    return (a - (sum - bPart)) + (b - bPart);
}

inline double hebb_two_product_error_d(double a, double b, double product) {
    double ca = HEBB_SPLIT_D * a;
    double aHi = ca - (ca - a);
    double aLo = a - aHi;
    double cb = HEBB_SPLIT_D * b;
    double bHi = cb - (cb - b);
    double bLo = b - bHi;
    return (((aHi * bHi - product) + aHi * bLo) + aLo * bHi) + aLo * bLo;
}

/** (e^r - 1 - r) / r^2 for |r| <= ln(2)/2 (near-minimax, relative error below 2^-60). */
inline double hebb_exp_polynomial_d(double r) {
    return 0x1.0p-1 + r * (0x1.5555555555557p-3 + r * (0x1.5555555555556p-5 + r * (0x1.11111111100acp-7
            + r * (0x1.6c16c16c162b9p-10 + r * (0x1.a01a01ac01d24p-13 + r * (0x1.a01a01a6e74b3p-16
            + r * (0x1.71de01dfcc31ap-19 + r * (0x1.27e4db35b1922p-22 + r * (0x1.af4e93725a555p-26
            + r * 0x1.1f736461fd0b2p-29)))))))));
}

inline double hebb_exp_scaled_d(double hi, double lo, int scale) {
    double x = hebb_clamp_d(hi, HEBB_EXP_MIN_D, HEBB_EXP_MAX_D);
    double shifted = x * HEBB_LOG2E_D + HEBB_SHIFT_D;
    double k = shifted - HEBB_SHIFT_D;
    int n = (int) (as_long(shifted) - HEBB_SHIFT_BITS_D) + scale;
    double r = (x - k * HEBB_LN2_HI_D) + (lo - k * HEBB_LN2_LO_D);
    double p = 1.0 + (r + r * r * hebb_exp_polynomial_d(r));
    int n1 = n >> 1;
    return p * hebb_pow2_d(n1) * hebb_pow2_d(n - n1);
}

inline double hebb_reduced_exponent_d(double u) {
    bool subnormal = u < 0x1p-1022;
    long tmp = as_long(subnormal ? u * 0x1p54 : u) - 0x3fe6a09e667f3bcdL;
    return (double) ((int) (tmp >> 52) + (subnormal ? -54 : 0));
}

inline double hebb_reduced_mantissa_d(double u) {
    long ix = as_long(u < 0x1p-1022 ? u * 0x1p54 : u);
    return as_double(ix - ((ix - 0x3fe6a09e667f3bcdL) & 0xfff0000000000000L));
}

inline double hebb_log_positive_d(double u, double c) {
    double e = hebb_reduced_exponent_d(u);
    double f = hebb_reduced_mantissa_d(u) - 1.0;
    double s = f / (2.0 + f);
    double z = s * s;
    double halfSquare = 0.5 * f * f;
    double tail = z * (0x1.5555555555558p-1 + z * (0x1.99999999951f5p-2 + z * (0x1.2492492e0b70cp-2
            + z * (0x1.c71c62c42db89p-3 + z * (0x1.7462be245eae3p-3 + z * (0x1.39fd25d62ab23p-3
            + z * 0x1.2b6776a1bf0b9p-3))))));
    return e * HEBB_LN2_HI_D - ((halfSquare - (s * (halfSquare + tail) + (e * HEBB_LN2_LO_D + c / u))) - f);
}

inline double hebb_pow_log_polynomial_d(double z) {
    return 0x1.999999999999ap-2 + z * (0x1.2492492492491p-2 + z * (0x1.c71c71c71cffap-3
            + z * (0x1.745d174510f8dp-3 + z * (0x1.3b13b1bdcfb31p-3 + z * (0x1.1110df430665dp-3
            + z * (0x1.e1f81e418e626p-4 + z * (0x1.ac476873b3260p-4 + z * 0x1.b8f089728de3fp-4)))))));
}

/** e^x; within 1 ulp of StrictMath. */
inline double hebb_exp_d(double x) {
    return hebb_exp_scaled_d(x, 0.0, 0);
}

/** e^x - 1, accurate near 0; within 1 ulp of StrictMath. */
inline double hebb_expm1_d(double x) {
    double xc = hebb_clamp_d(x, -60.0, 50.0);
    double shifted = xc * HEBB_LOG2E_D + HEBB_SHIFT_D;
    double k = shifted - HEBB_SHIFT_D;
    double scale = hebb_pow2_d((int) (as_long(shifted) - HEBB_SHIFT_BITS_D));
    double rHi = xc - k * HEBB_LN2_HI_D;
    double rLo = 0.0 - k * HEBB_LN2_LO_D;
    double r = rHi + rLo;
    double tail = rLo + r * r * hebb_exp_polynomial_d(r);
    double t = scale - 1.0;
    double tError = hebb_two_sum_error_d(scale, -1.0, t);
    double u = scale * rHi;
    double v = t + u;
    double vError = hebb_two_sum_error_d(t, u, v);
    double result = v + ((tError + vError) + scale * tail);
    result = x > 50.0 ? hebb_exp_d(x) : result;
    return x == 0.0 ? x : result;
}

/** The natural logarithm; within 1 ulp of StrictMath. */
inline double hebb_log_d(double x) {
    double r = hebb_log_positive_d(x > 0.0 && x < HEBB_INF_D ? x : 1.0, 0.0);
    r = x == 0.0 ? -HEBB_INF_D : r;
    r = x == HEBB_INF_D ? x : r;
    return x >= 0.0 ? r : HEBB_NAN_D;
}

/** ln(1 + x), accurate near 0; within 1 ulp of StrictMath. */
inline double hebb_log1p_d(double x) {
    double u = 1.0 + x;
    double r = hebb_log_positive_d(u > 0.0 && u < HEBB_INF_D ? u : 1.0, hebb_two_sum_error_d(1.0, x, u));
    r = u == 0.0 ? -HEBB_INF_D : r;
    r = x == HEBB_INF_D ? x : r;
    r = x >= -1.0 ? r : HEBB_NAN_D;
    return x == 0.0 ? x : r;
}

/** The hyperbolic tangent; within 2 ulp of StrictMath. */
inline double hebb_tanh_d(double x) {
    double a = fabs(x);
    double z = a * a;
    double small = a + a * z * (-0x1.5555555555555p-2 + z * (0x1.1111111111032p-3 + z * (-0x1.ba1ba1b9fec84p-5
            + z * (0x1.664f487713373p-6 + z * (-0x1.226e32f00cf0cp-7 + z * (0x1.d6d339333f329p-9
            + z * (-0x1.7d97cfd138c28p-10 + z * (0x1.34c5a8a996cd4p-11 + z * (-0x1.ec1091436eb2ap-13
            + z * (0x1.64fd88e9900a5p-14 + z * -0x1.59a834187ce22p-16))))))))));
    double e = hebb_expm1_d(2.0 * hebb_clamp_d(a, 0.0, 40.0));
    return copysign(a < 0.55 ? small : 1.0 - 2.0 / (e + 2.0), x);
}

/** The hyperbolic sine; within 2 ulp of StrictMath. */
inline double hebb_sinh_d(double x) {
    double a = fabs(x);
    double e = hebb_expm1_d(hebb_clamp_d(a, 0.0, 709.0));
    double halfExp = hebb_exp_scaled_d(a, 0.0, -1);
    double z = a * a;
    double r = a < 709.0 ? 0.5 * (e + e / (e + 1.0)) : halfExp - 0.25 / halfExp;
    r = a < 1.0 ? a + a * z * (0x1.5555555555555p-3 + z * (0x1.11111111110fdp-7 + z * (0x1.a01a01a01ee70p-13
            + z * (0x1.71de3a4e14f40p-19 + z * (0x1.ae6460fae3728p-26 + z * (0x1.611cb330c1fe8p-33
            + z * 0x1.b41232cf9950fp-41)))))) : r;
    return copysign(r, x);
}

/** The hyperbolic cosine; within 2 ulp of StrictMath. */
inline double hebb_cosh_d(double x) {
    double halfExp = hebb_exp_scaled_d(fabs(x), 0.0, -1);
    return halfExp + 0.25 / halfExp;
}

/** x^y with Math.pow's special cases; within 1 ulp of StrictMath. */
inline double hebb_pow_d(double x, double y) {
    double ax = fabs(x);
    double a = ax > 0.0 && ax < HEBB_INF_D ? ax : 1.0;
    double e = hebb_reduced_exponent_d(a);
    double m = hebb_reduced_mantissa_d(a);
    double f = m - 1.0;
    double d = m + 1.0;
    double dLo = hebb_two_sum_error_d(m, 1.0, d);
    double sHi = f / d;
    double sd = sHi * d;
    double sLo = (((f - sd) - hebb_two_product_error_d(sHi, d, sd)) - sHi * dLo) / d;
    double zHi = sHi * sHi;
    double zLo = hebb_two_product_error_d(sHi, sHi, zHi) + 2.0 * sHi * sLo;
    double w = zHi * hebb_pow_log_polynomial_d(zHi);
    double rHi = HEBB_TWO_THIRDS_HI_D + w;
    double rLo = hebb_two_sum_error_d(HEBB_TWO_THIRDS_HI_D, w, rHi) + HEBB_TWO_THIRDS_LO_D;
    double vHi = zHi * rHi;
    double vLo = hebb_two_product_error_d(zHi, rHi, vHi) + (zHi * rLo + zLo * rHi);
    double tHi = 2.0 + vHi;
    double tLo = hebb_two_sum_error_d(2.0, vHi, tHi) + vLo;
    double lHi = sHi * tHi;
    double lLo = hebb_two_product_error_d(sHi, tHi, lHi) + (sHi * tLo + sLo * tHi);
    double eHi = e * HEBB_LN2_HI_D;
    double lnHi = eHi + lHi;
    double lnLo = hebb_two_sum_error_d(eHi, lHi, lnHi) + (lLo + e * HEBB_LN2_LO_D);
    double yc = hebb_clamp_d(y, -0x1p900, 0x1p900);
    double pHi = yc * lnHi;
    double pLo = hebb_two_product_error_d(yc, lnHi, pHi) + yc * lnLo;
    double r = hebb_exp_scaled_d(pHi, fabs(pHi) < 1500.0 ? pLo : 0.0, 0);
    bool yInteger = floor(y) == y;
    bool yOdd = yInteger && floor(0.5 * y) != 0.5 * y;
    r = ax == 0.0 || ax == HEBB_INF_D ? ((ax == 0.0) == (y > 0.0) ? 0.0 : HEBB_INF_D) : r;
    r = yOdd && as_long(x) < 0 ? -r : r;
    r = x < 0.0 && ax != HEBB_INF_D && !yInteger ? HEBB_NAN_D : r;
    r = fabs(y) == HEBB_INF_D ? (ax == 1.0 ? HEBB_NAN_D : (ax > 1.0) == (y > 0.0) ? HEBB_INF_D : 0.0) : r;
    r = y == 1.0 ? x : r;
    r = x != x || y != y ? HEBB_NAN_D : r;
    return y == 0.0 ? 1.0 : r;
}
#endif
#endif

package org.hebb.neurons.definition.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * r_k(s) = s^(k-1) E[y_1, ..., y_k] and q_k(s) = s^k E[y_1, ..., y_k, 0], y_j = l_j s, against the divided
 * differences of exp computed in decimal arithmetic (the confluent table: e^y / m! where m + 1 points coincide,
 * otherwise the quotient, with digits enough for its cancellation). The reference takes the points as
 * {@link ExpDividedDifferences} receives them, l_j s rounded to a double: that rounding moves exp(l_j s) by up to
 * |l_j s| / 2 ulps whatever computes it afterwards, and is not what is tested here. Every difference over up to
 * four points must be within {@link #ULPS} ulps, over five or six within {@link #ULPS_MANY_POINTS}.
 */
class ExpDividedDifferencesTest {
    private static final double ULPS = 8;
    private static final double ULPS_MANY_POINTS = 16;
    private static final BigDecimal SMALL = new BigDecimal("1e-4");
    private static final BigDecimal TWO = BigDecimal.valueOf(2);

    /** e^x to about {@code digits.getPrecision()} digits: x halved below 1e-4, the Taylor series, squared back. */
    private static BigDecimal exp(BigDecimal x, MathContext digits) {
        if (x.compareTo(BigDecimal.valueOf(-5000)) < 0) {
            return BigDecimal.ZERO;  // below e^-5000, which leaves every value tested below the doubles' range
        }
        int halvings = 0;
        BigDecimal y = x;
        while (y.abs().compareTo(SMALL) > 0) {
            y = y.divide(TWO, digits);
            halvings++;
        }
        BigDecimal negligible = BigDecimal.ONE.scaleByPowerOfTen(-digits.getPrecision() - 5);
        BigDecimal sum = BigDecimal.ONE;
        BigDecimal term = BigDecimal.ONE;
        for (int m = 1; term.abs().compareTo(negligible) > 0; m++) {
            term = term.multiply(y, digits).divide(BigDecimal.valueOf(m), digits);
            sum = sum.add(term, digits);
        }
        for (int i = 0; i < halvings; i++) {
            sum = sum.multiply(sum, digits);
        }
        return sum;
    }

    /**
     * E[y_0, ..., y_k] for every k, over points where equal ones are adjacent, by the confluent table: e^y / k! over
     * k + 1 equal points, else the quotient. Each level of quotients loses the digits of the points' closeness, so
     * the precision is set from the closest pair.
     */
    private static BigDecimal[] dividedDifferences(double[] points) {
        int n = points.length;
        double closest = 1;
        double largest = 1;
        for (int i = 0; i < n; i++) {
            largest = Math.max(largest, Math.abs(points[i]));
            for (int j = 0; j < i; j++) {
                if (points[i] != points[j]) {
                    closest = Math.min(closest, Math.abs(points[i] - points[j]));
                }
            }
        }
        int lostPerLevel = (int) Math.ceil(Math.log10(largest / closest));
        MathContext digits = new MathContext(40 + 2 * (int) Math.ceil(Math.log10(largest)) + n * lostPerLevel,
                RoundingMode.HALF_EVEN);
        BigDecimal[] y = new BigDecimal[n];
        BigDecimal[] exponentials = new BigDecimal[n];
        BigDecimal[] table = new BigDecimal[n];
        for (int i = 0; i < n; i++) {
            y[i] = new BigDecimal(points[i]);
            exponentials[i] = exp(y[i], digits);
            table[i] = exponentials[i];
        }
        BigDecimal[] prefixes = new BigDecimal[n];
        prefixes[0] = table[0];
        BigDecimal factorial = BigDecimal.ONE;
        for (int length = 1; length < n; length++) {
            factorial = factorial.multiply(BigDecimal.valueOf(length));
            for (int i = 0; i + length < n; i++) {
                BigDecimal spread = y[i + length].subtract(y[i]);
                table[i] = spread.signum() == 0 ? exponentials[i].divide(factorial, digits)
                        : table[i + 1].subtract(table[i], digits).divide(spread, digits);
            }
            prefixes[length] = table[0];
        }
        return prefixes;
    }

    /**
     * The reference r_1(s), ..., r_n(s) at [0, n) and q_1(s), ..., q_n(s) at [n, 2 n), each rounded to a double:
     * the prefixes of the table over (y_1, ..., y_n) and over (0, y_1, ..., y_n), times powers of s.
     */
    private static double[] reference(double[] rates, double s) {
        int n = rates.length;
        double[] points = new double[n];
        double[] withZero = new double[n + 1];
        for (int j = 0; j < n; j++) {
            points[j] = rates[j] * s;
            withZero[j + 1] = points[j];
        }
        BigDecimal[] r = dividedDifferences(points);
        BigDecimal[] q = dividedDifferences(withZero);
        BigDecimal time = new BigDecimal(s);
        double[] result = new double[2 * n];
        for (int k = 1; k <= n; k++) {
            result[k - 1] = r[k - 1].multiply(time.pow(k - 1)).doubleValue();
            result[n + k - 1] = q[k].multiply(time.pow(k)).doubleValue();
        }
        return result;
    }

    /** |actual - expected| in units of the last place of expected (0 where both lie below the normal doubles). */
    private static double ulps(double expected, double actual) {
        if (actual == expected || Math.abs(expected) < Double.MIN_NORMAL && Math.abs(actual) < Double.MIN_NORMAL) {
            return 0;
        }
        return Math.abs(actual - expected) / Math.ulp(expected);
    }

    /** The largest error, in ulps, of r_k(s) and q_k(s) for every k; asserts each within its tolerance. */
    private static double check(double[] rates, double s) {
        int n = rates.length;
        double[] r = new double[n];
        double[] q = new double[n + 1];
        new ExpDividedDifferences(rates).evaluate(s, r, q, 1);
        double[] expected = reference(rates, s);
        double worst = 0;
        for (int k = 1; k <= n; k++) {
            double expectedR = expected[k - 1];
            double expectedQ = expected[n + k - 1];
            String where = "rates " + Arrays.toString(rates) + " per ms, s = " + s + " ms, k = " + k;
            double errorR = ulps(expectedR, r[k - 1]);
            double errorQ = ulps(expectedQ, q[k]);
            assertTrue(errorR <= (k <= 4 ? ULPS : ULPS_MANY_POINTS),
                    "r_k, " + where + ": " + r[k - 1] + ", expected " + expectedR + " (" + errorR + " ulps)");
            assertTrue(errorQ <= (k + 1 <= 4 ? ULPS : ULPS_MANY_POINTS),
                    "q_k, " + where + ": " + q[k] + ", expected " + expectedQ + " (" + errorQ + " ulps)");
            worst = Math.max(worst, Math.max(errorR, errorQ));
        }
        return worst;
    }

    private static final double[] TIMES = {1e-10, 1e-6, 1e-3, 0.05, 0.3, 1, 3, 10, 30, 100, 1000, 1e4};

    /**
     * Coinciding rates (tau_syn = tau_m, an alpha synapse) have the confluent limits r_2(s) = s e^(a s),
     * r_3(s) = s^2 / 2 e^(a s), q_2(s) = (1 - e^(a s) + a s e^(a s)) / a^2: within a few ulps at every s.
     */
    @Test
    void equalRatesGiveTheConfluentLimits() {
        for (double a : new double[] {-0.01, -0.1, -0.5, -5, -100}) {
            for (double s : TIMES) {
                check(new double[] {a, a}, s);
                check(new double[] {a, a, a}, s);
                check(new double[] {a, a, a, a, a}, s);
                double[] r = new double[3];
                double[] q = new double[3];
                new ExpDividedDifferences(new double[] {a, a, a}).evaluate(s, r, q, 0);
                double y = a * s;
                assertTrue(ulps(s * Math.exp(y), r[1]) <= 2, "r_2 = s e^(a s), a = " + a + ", s = " + s);
                assertTrue(ulps(s * s / 2 * Math.exp(y), r[2]) <= 3, "r_3 = s^2 / 2 e^(a s), a = " + a + ", s = " + s);
            }
        }
    }

    /** Rates that differ by 1e-3 down to 1e-12 of themselves, two and three of them, at every s. */
    @Test
    void nearlyEqualRates() {
        for (double a : new double[] {-0.01, -0.1, -0.2, -1, -5, -100}) {
            for (double relative : new double[] {1e-3, 1e-6, 1e-9, 1e-12}) {
                double b = a * (1 + relative);
                double c = b * (1 + relative);
                for (double s : TIMES) {
                    check(new double[] {b, a}, s);
                    check(new double[] {c, b, a}, s);
                    check(new double[] {c, b, b, a}, s);
                }
            }
        }
    }

    /**
     * Points 0.1 to 3 apart, where neither a short series nor a single quotient is precise: q_3 = E[y_1, y_2, y_3, 0]
     * of a membrane of 10 ms with currents of 9.8 and 4.9 ms over 1 ms was 1591 ulps off when every difference over
     * points more than 0.1 apart was a quotient.
     */
    @Test
    void pointsModeratelyApart() {
        check(new double[] {-0.204, -0.102, -0.1}, 1);
        check(new double[] {-0.4, -0.2, -0.1}, 1);
        for (double a : new double[] {-0.1, -0.2, -1}) {
            for (double ratio : new double[] {1.02, 1.1, 1.5, 2, 3}) {
                for (double s : new double[] {0.3, 1, 2, 3, 10}) {
                    check(new double[] {a * ratio * ratio, a * ratio, a}, s);
                    check(new double[] {a * ratio * ratio * ratio, a * ratio * ratio, a * ratio, a}, s);
                }
            }
        }
    }

    /** |l s| of 1e-10 and below: q_1 = (e^(l s) - 1) / l must not lose its digits to the 1 it subtracts. */
    @Test
    void tinyArguments() {
        for (double s : new double[] {1e-10, 1e-12, 1e-15}) {
            check(new double[] {-2, -1, -0.5}, s);
            check(new double[] {-1e-3, -1e-3, -1e-5}, s);
        }
        double[] r = new double[1];
        double[] q = new double[1];
        new ExpDividedDifferences(new double[] {-1e-3}).evaluate(1e-7, r, q, 0);
        assertTrue(ulps(-Math.expm1(-1e-10) / 1e-3, q[0]) <= 1, "q_1 of a membrane of 1000 ms over 1e-7 ms: " + q[0]);
    }

    /**
     * Rates of very different size (a synapse of 1e-3 ms, a membrane of 1e4 ms) and long intervals (up to 10^6 ms),
     * where the fast exponentials underflow and the differences are quotients of far-apart points.
     */
    @Test
    void farApartRatesAndLongIntervals() {
        for (double s : new double[] {1e-6, 1e-3, 1, 100, 1e4, 1e6}) {
            check(new double[] {-1000, -1e-4}, s);
            check(new double[] {-1000, -1, -1e-4}, s);
            check(new double[] {-1000, -1000, -1e-4, -1e-4}, s);
            check(new double[] {-10, -0.1 * (1 + 1e-9), -0.1}, s);
        }
    }

    /** Four and five random rates (clustered, repeated, far apart), at random times: the higher differences. */
    @Test
    void higherDifferencesOfRandomRates() {
        SplittableRandom random = new SplittableRandom(11);
        double[] relatives = {0, 1e-12, 1e-9, 1e-6, 1e-3, 0.02, 0.1, 0.5, 1, 3, 100};
        double[] bases = {-0.01, -0.1, -0.2, -1, -5, -100};
        for (int trial = 0; trial < 600; trial++) {
            double[] rates = new double[4 + trial % 2];
            rates[rates.length - 1] = bases[random.nextInt(bases.length)];
            for (int i = rates.length - 2; i >= 0; i--) {
                rates[i] = rates[i + 1] * (1 + relatives[random.nextInt(relatives.length)]);
            }
            check(rates, TIMES[random.nextInt(TIMES.length)]);
        }
    }
}

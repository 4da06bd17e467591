package org.hebb.simulator.init;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.DoubleSupplier;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

/** {@link Values#uniform}: values on [low, high), high excluded even where low + (high - low) u rounds to it. */
class ValuesUniformTest {
    /** The largest nextDouble a generator gives, 1 - 2^-53: its words are all ones. */
    private static final long LARGEST = -1L;

    /** A generator that yields {@code words} in turn, then a fixed mid-range word. */
    private static UniformRandomProvider words(long... words) {
        int[] next = {0};
        return () -> next[0] < words.length ? words[next[0]++] : 0x5555_5555_5555_5555L;
    }

    @Test
    void theLargestUniformDoesNotRoundToHigh() {
        // low + (high - low) (1 - 2^-53) rounds to high in double for each of these
        double[][] intervals = {{-65, -50.5}, {1, 2}, {-70, -55}, {0.5, 1.5}};
        for (double[] interval : intervals) {
            ValueDistribution uniform = Values.uniform(interval[0], interval[1]);
            double drawn = uniform.sample(words(LARGEST, LARGEST));
            assertTrue(drawn >= interval[0] && drawn < interval[1], uniform.describe() + " drew " + drawn);
            DoubleSupplier sampler = uniform.sampler(words(LARGEST));
            drawn = sampler.getAsDouble();
            assertTrue(drawn >= interval[0] && drawn < interval[1], uniform.describe() + " sampler drew " + drawn);
        }
    }

    @Test
    void valuesStoredAsFloatsStayBelowTheFloatOfHigh() {
        // (1 - 2^-53) / 2 lies below 0.5 in double but rounds to 0.5f; 0.1 - 2^-60 rounds to 0.1f, above 0.1
        double[][] intervals = {{0, 0.5}, {-1, 0}, {-65, -50.5}, {0.05, 0.1}};
        for (double[] interval : intervals) {
            ValueDistribution uniform = Values.uniform(interval[0], interval[1]);
            double drawn = uniform.floatSampler(words(LARGEST, LARGEST, LARGEST)).getAsDouble();
            assertEquals((float) drawn, drawn, "a float");
            assertTrue(drawn >= (float) interval[0] && drawn < (float) interval[1] && drawn < interval[1],
                    uniform.describe() + " drew " + drawn + " in single precision");
        }
        // between two neighbouring floats: the lower one is the only value
        double low = 1 + 0x1.0p-25;
        ValueDistribution narrow = Values.uniform(low, 1 + 0x1.8p-24);
        assertEquals(1f, narrow.floatSampler(words(LARGEST)).getAsDouble());
        assertEquals(1f, narrow.floatSampler(words(0)).getAsDouble());
        // other distributions round their values to nearest
        DoubleSupplier normal = Values.normal(0, 1).floatSampler(RandomSource.XO_RO_SHI_RO_128_PP.create(5L));
        DoubleSupplier same = Values.normal(0, 1).sampler(RandomSource.XO_RO_SHI_RO_128_PP.create(5L));
        for (int k = 0; k < 100; k++) {
            assertEquals((float) same.getAsDouble(), normal.getAsDouble());
        }
    }

    /** Values drawn in single precision are floats below high that cover the interval evenly. */
    @Test
    void floatValuesAreUniformOnTheInterval() {
        DoubleSupplier uniform = Values.uniform(0, 0.5).floatSampler(RandomSource.XO_RO_SHI_RO_128_PP.create(9L));
        int n = 100_000;
        int[] halves = new int[2];
        for (int k = 0; k < n; k++) {
            double v = uniform.getAsDouble();
            assertTrue(v >= 0 && v < 0.5, "drew " + v);
            halves[v < 0.25 ? 0 : 1]++;
        }
        assertEquals(n / 2.0, halves[0], 5 * Math.sqrt(n * 0.25), "lower half");
    }

    @Test
    void valuesAreUniformOnTheInterval() {
        ValueDistribution uniform = Values.uniform(-2, 6);
        UniformRandomProvider random = RandomSource.XO_RO_SHI_RO_128_PP.create(3L);
        int n = 100_000;
        int[] quarters = new int[4];
        double sum = 0;
        for (int k = 0; k < n; k++) {
            double v = uniform.sample(random);
            assertTrue(v >= -2 && v < 6, "drew " + v);
            quarters[(int) ((v + 2) / 2)]++;
            sum += v;
        }
        // variance (6 - -2)^2 / 12
        assertEquals(2, sum / n, 5 * Math.sqrt(64.0 / 12 / n), "mean");
        for (int q = 0; q < 4; q++) {
            assertEquals(n / 4.0, quarters[q], 5 * Math.sqrt(n * 0.25 * 0.75), "quarter " + q);
        }
        assertEquals(-2, uniform.lowerBound());
    }

    @Test
    void emptyOrUnboundedIntervalsAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Values.uniform(1, 1));
        assertTrue(e.getMessage().contains("high = 1.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Values.uniform(Double.NaN, 1));
        assertTrue(e.getMessage().contains("low = NaN"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Values.uniform(-Double.MAX_VALUE, Double.MAX_VALUE));
        assertTrue(e.getMessage().contains("high - low must be finite"), e.getMessage());
    }
}

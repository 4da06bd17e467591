package org.hebb.simulator.random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

/** CounterRandom: values indexed by (key, element, step), independent of the range drawn, with the right moments. */
class CounterRandomTest {
    private static final int N = 1000;
    private static final int[] ODD_CHUNKS = {0, 3, 10, 17, 18, 31, 100, 333, 334, 777, 999, 1000};

    private interface Fill {
        void fill(CounterRandom random, long step, int from, int to, float[] out);
    }

    private static float[] drawAtOnce(Fill fill, long key, long step) {
        float[] out = new float[N];
        fill.fill(new CounterRandom(key), step, 0, N, out);
        return out;
    }

    private static float[] drawInChunks(Fill fill, long key, long step) {
        float[] out = new float[N];
        Arrays.fill(out, Float.NaN);
        CounterRandom random = new CounterRandom(key);
        // Chunks in scrambled order, as different threads would draw them.
        int[] order = {5, 0, 9, 2, 7, 1, 10, 3, 8, 4, 6};
        for (int c : order) {
            random = c % 3 == 0 ? new CounterRandom(key) : random;
            fill.fill(random, step, ODD_CHUNKS[c], ODD_CHUNKS[c + 1], out);
        }
        return out;
    }

    @Test
    void uniformsDoNotDependOnTheRangeDrawn() {
        Fill uniforms = CounterRandom::uniforms;
        for (long step : new long[] {0, 1, 12345, 1L << 33}) {
            float[] whole = drawAtOnce(uniforms, 99, step);
            assertArrayEquals(whole, drawInChunks(uniforms, 99, step), "step " + step);
        }
    }

    @Test
    void normalsDoNotDependOnTheRangeDrawn() {
        Fill normals = CounterRandom::normals;
        for (long step : new long[] {0, 7, 1L << 40}) {
            float[] whole = drawAtOnce(normals, -5, step);
            assertArrayEquals(whole, drawInChunks(normals, -5, step), "step " + step);
        }
    }

    @Test
    void drawingLeavesElementsOutsideTheRangeAlone() {
        float[] out = new float[12];
        Arrays.fill(out, -1f);
        new CounterRandom(3).uniforms(0, 5, 7, out);
        for (int i = 0; i < out.length; i++) {
            if (i == 5 || i == 6) {
                assertTrue(out[i] >= 0 && out[i] < 1, "element " + i + " = " + out[i]);
            } else {
                assertEquals(-1f, out[i], "element " + i + " is outside [5, 7)");
            }
        }
    }

    @Test
    void stepsKeysAndElementsGiveDifferentValues() {
        float[] a = drawAtOnce(CounterRandom::uniforms, 1, 0);
        assertFalse(Arrays.equals(a, drawAtOnce(CounterRandom::uniforms, 1, 1)), "next step must differ");
        assertFalse(Arrays.equals(a, drawAtOnce(CounterRandom::uniforms, 2, 0)), "other key must differ");
        assertFalse(Arrays.equals(a, drawAtOnce(CounterRandom::uniforms, 1L << 32, 0)),
                "the key's high word must matter");
        assertFalse(Arrays.equals(a, drawAtOnce(CounterRandom::uniforms, 1, 1L << 32)),
                "the step's high word must matter");
        long distinct = 0;
        for (int i = 1; i < N; i++) {
            distinct += a[i] != a[i - 1] ? 1 : 0;
        }
        assertTrue(distinct > N - 5, "neighbouring elements must get different values");
        float[] normals = drawAtOnce(CounterRandom::normals, 1, 0);
        assertFalse(normals[0] == normals[1], "the two Box-Muller outputs of one pair must differ");
    }

    @Test
    void uniformsHaveMeanOneHalfAndVarianceOneTwelfth() {
        CounterRandom random = new CounterRandom(0x1234_5678_9abcL);
        float[] out = new float[N];
        double sum = 0;
        double sumSquares = 0;
        float min = 1;
        float max = 0;
        int n = 0;
        for (long step = 0; step < 1000; step++) {
            random.uniforms(step, 0, N, out);
            for (float u : out) {
                assertTrue(u >= 0f && u < 1f, "uniform out of [0, 1): " + u);
                sum += u;
                sumSquares += (u - 0.5) * (u - 0.5);
                min = Math.min(min, u);
                max = Math.max(max, u);
                n++;
            }
        }
        double mean = sum / n;
        double variance = sumSquares / n - (mean - 0.5) * (mean - 0.5);
        assertEquals(0.5, mean, 5 * Math.sqrt(1.0 / 12 / n), "mean");
        // Var[(U - 1/2)^2] = 1/80 - 1/144 = 1/180.
        assertEquals(1.0 / 12, variance, 5 * Math.sqrt(1.0 / 180 / n), "variance");
        assertTrue(min < 1e-4 && max > 1 - 1e-4, "range covered: [" + min + ", " + max + "]");
    }

    @Test
    void normalsHaveMeanZeroAndStandardDeviationOne() {
        CounterRandom random = new CounterRandom(77);
        float[] out = new float[N];
        double sum = 0;
        double sumSquares = 0;
        double sumFourth = 0;
        long beyondTwo = 0;
        int n = 0;
        for (long step = 0; step < 1000; step++) {
            random.normals(step, 0, N, out);
            for (float x : out) {
                assertTrue(Float.isFinite(x), "normal not finite: " + x);
                sum += x;
                sumSquares += (double) x * x;
                sumFourth += (double) x * x * x * x;
                beyondTwo += Math.abs(x) > 2 ? 1 : 0;
                n++;
            }
        }
        double mean = sum / n;
        double variance = sumSquares / n - mean * mean;
        assertEquals(0, mean, 5 / Math.sqrt(n), "mean");
        // Var[X^2] = 2 for a standard normal.
        assertEquals(1, variance, 5 * Math.sqrt(2.0 / n), "variance");
        assertEquals(1, Math.sqrt(variance), 5 * Math.sqrt(0.5 / n), "standard deviation");
        // Var[X^4] = 105 - 9 = 96; the fourth moment distinguishes a normal from other unit-variance shapes.
        assertEquals(3, sumFourth / n, 5 * Math.sqrt(96.0 / n), "fourth moment");
        double tail = 0.04550026389635842;
        assertEquals(tail * n, beyondTwo, 5 * Math.sqrt(n * tail * (1 - tail)), "P(|X| > 2)");
    }

    /**
     * The tails beyond 6 sigma are reached: with key 77, element 437 at step 2710326 and element 276 at step 816080
     * are beyond 6 (found by a search over 6e9 deviates of this key, which gave 8 beyond 6 where a normal gives 11.8 on
     * average). Each equals the Box-Muller deviate of its pair's Philox words (53-bit u for the radius, 53-bit v for
     * the angle); a radius from 24-bit uniforms could not exceed sqrt(48 ln 2) = 5.77.
     */
    @Test
    void normalsReachBeyondSixSigmaAsBoxMullerOfTheirPairsWords() {
        long key = 77;
        long[] steps = {2_710_326, 816_080};
        int[] elements = {437, 276};
        double[] expected = {-6.554932666263985, -6.278383675480024};
        float[] out = new float[N];
        int[] words = new int[4];
        for (int k = 0; k < steps.length; k++) {
            new CounterRandom(key).normals(steps[k], 0, N, out);
            int element = elements[k];
            Philox.generate(element >>> 1, (int) steps[k], (int) (steps[k] >>> 32), 0x3C3C, (int) key,
                    (int) (key >>> 32), words);
            double u = ((words[0] >>> 5) * 0x1.0p-27) + ((words[1] >>> 6) * 0x1.0p-53);
            double v = ((words[2] >>> 5) * 0x1.0p-27) + ((words[3] >>> 6) * 0x1.0p-53);
            double radius = Math.sqrt(-2 * Math.log(1 - u));
            double angle = 2 * Math.PI * v;
            double z = (element & 1) == 0 ? radius * Math.cos(angle) : radius * Math.sin(angle);
            String where = "element " + element + ", step " + steps[k];
            assertTrue(Math.abs(out[element]) > 6, where + ": " + out[element]);
            assertEquals(expected[k], out[element], 1e-6, where);
            assertEquals((float) z, out[element], where);
        }
    }

    /**
     * The uniforms of Box-Muller have 53 bits: the smallest 1 - u, 2^-53, gives the largest radius, sqrt(106 ln 2);
     * 1 - u is never 0, so no logarithm of 0.
     */
    @Test
    void theLargestRadiusComesFromTheSmallestOneMinusUOfTwoToTheMinus53() {
        assertEquals(0.0, CounterRandom.unit53(0, 0));
        assertEquals(1 - 0x1.0p-53, CounterRandom.unit53(-1, -1));
        assertEquals(0x1.0p-27, CounterRandom.unit53(1 << 5, 0), "the 27 top bits of the first word come first");
        assertEquals(0x1.0p-53, CounterRandom.unit53(0, 1 << 6), "then the 26 top bits of the second");
        assertEquals(0.0, CounterRandom.unit53(31, 63), "the low bits are dropped");
        double largest = Math.sqrt(-2 * Math.log(1 - CounterRandom.unit53(-1, -1)));
        assertEquals(Math.sqrt(106 * Math.log(2)), largest, 1e-12);
        assertTrue(largest > 8.5, "largest radius " + largest);
    }

    @Test
    void bernoulliThresholdsAreTheProbabilityInUnitsOfTwoToTheMinus63() {
        assertEquals(0, CounterRandom.bernoulliThreshold(0));
        assertEquals(Long.MIN_VALUE, CounterRandom.bernoulliThreshold(1), "p = 1: 2^63 unsigned");
        assertEquals(1L << 62, CounterRandom.bernoulliThreshold(0.5));
        assertEquals(1L << 33, CounterRandom.bernoulliThreshold(0x1.0p-30));
        assertEquals(1L << 31, CounterRandom.bernoulliThreshold(0x1.0p-32));
        assertEquals(1, CounterRandom.bernoulliThreshold(0x1.0p-63));
        // the float 1e-9 is 9.99999971718e-10 = 0x1.12e0bep-30: exactly 0x1.12e0bep33 in units of 2^-63
        assertEquals((long) 0x1.12e0bep33, CounterRandom.bernoulliThreshold(1e-9f));
        assertEquals(Math.round(1e-9 * 0x1.0p63), CounterRandom.bernoulliThreshold(1e-9));
        assertEquals((1L << 63) - (1L << 39), CounterRandom.bernoulliThreshold(1 - 0x1.0p-24f));
        for (double bad : new double[] {-1e-300, 1 + 1e-15, Double.NaN}) {
            IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(
                    IllegalArgumentException.class, () -> CounterRandom.bernoulliThreshold(bad));
            assertTrue(e.getMessage().contains("p = " + bad), e.getMessage());
        }
    }

    /**
     * A trial succeeds exactly when its 63-bit uniform integer (the element's word of the uniform stream, then the
     * top 31 bits of its word of the second stream, tag 0x55AB) is below the threshold: set the threshold to that
     * integer and the trial fails, one more and it succeeds. So a trial succeeds with probability threshold / 2^63.
     */
    @Test
    void aBernoulliTrialSucceedsWhenItsUniformIntegerIsBelowTheThreshold() {
        long key = 0x5eed_0001_2345L;
        CounterRandom random = new CounterRandom(key);
        int[] first = new int[4];
        int[] second = new int[4];
        int[] out = new int[8];
        long[] thresholds = new long[8];
        for (long step : new long[] {0, 3, 1L << 32, (1L << 40) + 5}) {
            for (int element = 0; element < 40; element++) {
                Philox.generate(element >>> 2, (int) step, (int) (step >>> 32), 0x55AA, (int) key,
                        (int) (key >>> 32), first);
                Philox.generate(element >>> 2, (int) step, (int) (step >>> 32), 0x55AB, (int) key,
                        (int) (key >>> 32), second);
                long draw = ((first[element & 3] & 0xFFFFFFFFL) << 31) | (second[element & 3] >>> 1);
                String where = "element " + element + ", step " + step;
                assertFalse(random.bernoulli(step, element, draw), where + ": threshold = its integer");
                assertTrue(random.bernoulli(step, element, draw + 1), where + ": threshold one above");
                // the same trial within a range, beside elements that always and never fire
                int from = element & ~3;
                for (int j = 0; j < 8; j++) {
                    thresholds[j] = j % 2 == 0 ? Long.MIN_VALUE : 0;
                }
                thresholds[element - from] = draw;
                long[] shifted = new long[from + 8];
                System.arraycopy(thresholds, 0, shifted, from, 8);
                int[] certain = new int[8];
                int[] withElement = new int[8];
                int nCertain = 0;
                int nWith = 0;
                for (int j = from; j < from + 8; j++) {
                    if (j == element) {
                        withElement[nWith++] = j;
                    } else if ((j - from) % 2 == 0) {
                        certain[nCertain++] = j;
                        withElement[nWith++] = j;
                    }
                }
                int count = random.bernoulli(step, from, from + 8, shifted, out);
                assertArrayEquals(Arrays.copyOf(certain, nCertain), Arrays.copyOf(out, count),
                        where + ": at its integer only the certain ones fire");
                shifted[element] = draw + 1;
                count = random.bernoulli(step, from, from + 8, shifted, out);
                assertArrayEquals(Arrays.copyOf(withElement, nWith), Arrays.copyOf(out, count),
                        where + ": one above, the element fires too");
            }
        }
    }

    @Test
    void bernoulliTrialsSucceedAtTheirProbabilityAndDoNotDependOnTheRangeDrawn() {
        CounterRandom random = new CounterRandom(31);
        double[] levels = {0, 0.001, 0.05, 0.5, 0.999, 1};
        long[] thresholds = new long[N];
        for (int i = 0; i < N; i++) {
            thresholds[i] = CounterRandom.bernoulliThreshold(levels[i % levels.length]);
        }
        long[] successes = new long[levels.length];
        int[] whole = new int[N];
        int[] part = new int[N];
        int steps = 2000;
        for (long step = 0; step < steps; step++) {
            int count = random.bernoulli(step, 0, N, thresholds, whole);
            for (int k = 0; k < count; k++) {
                successes[whole[k] % levels.length]++;
            }
            if (step % 100 == 0) {
                int k = 0;
                for (int c = 0; c + 1 < ODD_CHUNKS.length; c++) {
                    int n = new CounterRandom(31).bernoulli(step, ODD_CHUNKS[c], ODD_CHUNKS[c + 1], thresholds, part);
                    for (int j = 0; j < n; j++) {
                        assertEquals(whole[k++], part[j], "step " + step + ", chunk " + c);
                    }
                }
                assertEquals(count, k, "step " + step + ": chunks give the same successes");
            }
        }
        for (int l = 0; l < levels.length; l++) {
            double trials = (double) steps * ((N - l + levels.length - 1) / levels.length);
            double q = levels[l];
            assertEquals(trials * q, successes[l], 5 * Math.sqrt(trials * q * (1 - q)) + 1e-9, "p = " + q);
        }
    }
}

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
}

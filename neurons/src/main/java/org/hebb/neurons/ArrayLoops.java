package org.hebb.neurons;

/**
 * Small element-wise loops that kernels compose. HotSpot C2 on Java 17 vectorises a loop over a variable range only
 * when it touches few arrays (a fused COBA update over seven arrays ran unvectorised at 4-6 ns per neuron; split
 * into these passes it takes about 1 ns), so kernels are written as a few such passes over their range.
 */
public final class ArrayLoops {
    private ArrayLoops() {
    }

    /** {@code target[i] += input[i]; input[i] = 0} for i in [from, to): consumes arriving synaptic input. */
    public static void addAndClear(int from, int to, float[] target, float[] input) {
        for (int i = from; i < to; i++) {
            target[i] += input[i];
            input[i] = 0f;
        }
    }

    /** {@code a[i] *= factorA; b[i] *= factorB} for i in [from, to): exponential decay of two variables. */
    public static void scale(int from, int to, float[] a, float factorA, float[] b, float factorB) {
        for (int i = from; i < to; i++) {
            a[i] *= factorA;
            b[i] *= factorB;
        }
    }

    /** {@code a[i] = 0; b[i] = 0} for i in [from, to). */
    public static void clear(int from, int to, float[] a, float[] b) {
        for (int i = from; i < to; i++) {
            a[i] = 0f;
            b[i] = 0f;
        }
    }
}

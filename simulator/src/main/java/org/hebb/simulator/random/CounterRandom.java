package org.hebb.simulator.random;

/**
 * Run-time random numbers for one stream (one key derived from the master seed): uniform and normal variates
 * indexed by (element, step). Philox yields four words per call, so elements are served in blocks of four.
 * Instances hold a small scratch buffer: use one per thread.
 */
public final class CounterRandom {
    private final int k0;
    private final int k1;
    private final int[] words = new int[4];

    /** A stream with the given 64-bit key. */
    public CounterRandom(long key) {
        this.k0 = (int) key;
        this.k1 = (int) (key >>> 32);
    }

    /**
     * Fills {@code out[from..to)} with uniform floats on [0, 1): {@code out[i]} depends only on the key, i and
     * {@code step}.
     */
    public void uniforms(long step, int from, int to, float[] out) {
        int stepLo = (int) step;
        int stepHi = (int) (step >>> 32);
        int block = from >>> 2;
        int i = from;
        while (i < to) {
            Philox.generate(block, stepLo, stepHi, 0x55AA, k0, k1, words);
            int base = block << 2;
            int end = Math.min(to, base + 4);
            for (; i < end; i++) {
                out[i] = Philox.toUnitFloat(words[i - base]);
            }
            block++;
        }
    }

    /**
     * Fills {@code out[from..to)} with standard normal floats (Box-Muller on Philox words): {@code out[i]} depends
     * only on the key, i and {@code step}.
     */
    public void normals(long step, int from, int to, float[] out) {
        int stepLo = (int) step;
        int stepHi = (int) (step >>> 32);
        int block = from >>> 2;
        int i = from;
        while (i < to) {
            Philox.generate(block, stepLo, stepHi, 0x3C3C, k0, k1, words);
            int base = block << 2;
            int end = Math.min(to, base + 4);
            for (; i < end; i++) {
                int pair = (i - base) & ~1;
                double radius = Math.sqrt(-2.0 * Math.log(1.0 - ((words[pair] >>> 8) * 0x1.0p-24)));
                double angle = 2.0 * Math.PI * ((words[pair + 1] >>> 8) * 0x1.0p-24);
                out[i] = (float) (((i - base) & 1) == 0 ? radius * Math.cos(angle) : radius * Math.sin(angle));
            }
            block++;
        }
    }

    /**
     * A uniform double on [0, 1) with 53 random bits for draw number {@code counter} of element {@code element}:
     * depends only on the key, the element and the counter (the event-driven engine's per-element streams).
     */
    public double uniformDouble(int element, long counter) {
        Philox.generate(element, (int) counter, (int) (counter >>> 32), 0x0E7E, k0, k1, words);
        return ((long) (words[0] >>> 5) * (1L << 26) + (words[1] >>> 6)) * 0x1.0p-53;
    }
}

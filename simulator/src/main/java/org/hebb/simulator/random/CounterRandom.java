package org.hebb.simulator.random;

/**
 * Run-time random numbers for one stream (one key derived from the master seed): uniform and normal variates and
 * Bernoulli trials indexed by (element, step). Philox yields four words per call, so elements are served in blocks
 * of four. Instances hold a small scratch buffer: use one per thread.
 */
public final class CounterRandom {
    /** {@link #bernoulliThreshold} of probability 1: 2^63 as an unsigned number. */
    private static final long CERTAIN = Long.MIN_VALUE;
    /** The low 31 bits of a threshold, compared with the second word of a trial. */
    private static final long LOW_BITS = 0x7FFF_FFFFL;
    private static final long WORD = 0xFFFF_FFFFL;

    private final int k0;
    private final int k1;
    private final int[] words = new int[4];
    private final int[] tail = new int[4];

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
     * Fills {@code out[from..to)} with standard normal floats: {@code out[i]} depends only on the key, i and
     * {@code step}.
     *
     * <p>Elements 2j and 2j + 1 are the pair of Box-Muller deviates r cos(2 pi v) and r sin(2 pi v), computed in double
     * precision and rounded to float, where r = sqrt(-2 ln(1 - u)), and u and v are uniform on [0, 1) with 53 random
     * bits each, u from the first two Philox words of counter (j, step, stream 0x3C3C), v from the last two (as
     * {@link #uniformDouble}). So 1 - u is at least 2^-53 and r at most sqrt(106 ln 2), about 8.57, and the radius
     * has the tail of a normal pair, P(r &gt; x) = exp(-x^2 / 2), to within a relative 1e-8 up to x = 6 and 1e-5 up to
     * x = 7 (the rounding of 1 - u to a multiple of 2^-53).
     */
    public void normals(long step, int from, int to, float[] out) {
        int stepLo = (int) step;
        int stepHi = (int) (step >>> 32);
        int i = from;
        while (i < to) {
            int pair = i >>> 1;
            Philox.generate(pair, stepLo, stepHi, 0x3C3C, k0, k1, words);
            double radius = Math.sqrt(-2.0 * Math.log(1.0 - unit53(words[0], words[1])));
            double angle = 2.0 * Math.PI * unit53(words[2], words[3]);
            if ((i & 1) == 0) {
                out[i++] = (float) (radius * Math.cos(angle));
            }
            if (i < to) {
                out[i++] = (float) (radius * Math.sin(angle));
            }
        }
    }

    /**
     * A uniform double on [0, 1) with 53 random bits, in steps of 2^-53: the top 27 bits of {@code high}, then the top
     * 26 bits of {@code low}.
     */
    static double unit53(int high, int low) {
        return ((long) (high >>> 5) * (1L << 26) + (low >>> 6)) * 0x1.0p-53;
    }

    /**
     * A uniform double on [0, 1) with 53 random bits for draw number {@code counter} of element {@code element}:
     * depends only on the key, the element and the counter (the event-driven engine's per-element streams).
     */
    public double uniformDouble(int element, long counter) {
        Philox.generate(element, (int) counter, (int) (counter >>> 32), 0x0E7E, k0, k1, words);
        return unit53(words[0], words[1]);
    }

    /**
     * The threshold of a Bernoulli trial that succeeds with probability {@code p}, for {@link #bernoulli}:
     * round(p 2^63), an unsigned 64-bit number (2^63, {@link Long#MIN_VALUE} as a signed long, for p = 1). A trial
     * compares a uniform integer of 63 bits with it, so it succeeds with probability exactly threshold / 2^63: exactly
     * p for every float p of at least 2^-40, and within 2^-64 of p below that.
     *
     * @param p probability per trial, in [0, 1]
     */
    public static long bernoulliThreshold(double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("p = " + p + " is not allowed: must be a probability in [0, 1]");
        }
        return p == 1 ? CERTAIN : Math.round(p * 0x1.0p63);
    }

    /**
     * Runs the Bernoulli trial of each element i in [from, to) at {@code step}, succeeding with probability
     * {@code thresholds[i]} / 2^63 (see {@link #bernoulliThreshold}), and writes the elements whose trial succeeds
     * into {@code out} from index 0, in increasing order; returns their number. The outcome depends only on the key,
     * i, {@code step} and the threshold.
     *
     * <p>Trial i draws the uniform integer (w1 2^31 + (w2 &gt;&gt;&gt; 1)) of 63 bits, where w1 is element i's word
     * of the uniform stream ({@link #uniforms} keeps its top 24 bits) and w2 its word of a second stream, which is
     * drawn only in the rare step where w1 equals the threshold's top 32 bits.
     */
    public int bernoulli(long step, int from, int to, long[] thresholds, int[] out) {
        int stepLo = (int) step;
        int stepHi = (int) (step >>> 32);
        int block = from >>> 2;
        int i = from;
        int count = 0;
        while (i < to) {
            Philox.generate(block, stepLo, stepHi, 0x55AA, k0, k1, words);
            int base = block << 2;
            int end = Math.min(to, base + 4);
            for (; i < end; i++) {
                long high = thresholds[i] >>> 31;
                long word = words[i - base] & WORD;
                if (word < high || word == high && tailBelow(block, stepLo, stepHi, i - base, thresholds[i])) {
                    out[count++] = i;
                }
            }
            block++;
        }
        return count;
    }

    /** Whether the Bernoulli trial of {@code element} at {@code step} with {@code threshold} succeeds. */
    public boolean bernoulli(long step, int element, long threshold) {
        int stepLo = (int) step;
        int stepHi = (int) (step >>> 32);
        int block = element >>> 2;
        Philox.generate(block, stepLo, stepHi, 0x55AA, k0, k1, words);
        long high = threshold >>> 31;
        long word = words[element & 3] & WORD;
        return word < high || word == high && tailBelow(block, stepLo, stepHi, element & 3, threshold);
    }

    /** Whether the second word of a trial, its top 31 bits, lies below the low 31 bits of the threshold. */
    private boolean tailBelow(int block, int stepLo, int stepHi, int lane, long threshold) {
        Philox.generate(block, stepLo, stepHi, 0x55AB, k0, k1, tail);
        return (tail[lane] >>> 1) < (threshold & LOW_BITS);
    }
}

package org.hebb.simulator.random;

/**
 * The Philox4x32-10 counter-based generator (Salmon et al. 2011): a pure function from a 128-bit counter and a
 * 64-bit key to four 32-bit random words. Every run-time random number in Hebb is drawn from it with a counter
 * made of (element index, step), so the numbers do not depend on the order of drawing, on the thread that
 * draws, or on the backend.
 */
public final class Philox {
    private static final long M0 = 0xD2511F53L;
    private static final long M1 = 0xCD9E8D57L;
    private static final int W0 = 0x9E3779B9;
    private static final int W1 = 0xBB67AE85;
    private static final float TO_UNIT_FLOAT = 0x1.0p-24f;

    private Philox() {
    }

    /**
     * Computes the four output words for counter (c0, c1, c2, c3) and key (k0, k1) into {@code out[0..3]}.
     */
    public static void generate(int c0, int c1, int c2, int c3, int k0, int k1, int[] out) {
        for (int round = 0; round < 10; round++) {
            long p0 = M0 * (c0 & 0xFFFFFFFFL);
            long p1 = M1 * (c2 & 0xFFFFFFFFL);
            int n0 = (int) (p1 >>> 32) ^ c1 ^ k0;
            int n1 = (int) p1;
            int n2 = (int) (p0 >>> 32) ^ c3 ^ k1;
            int n3 = (int) p0;
            c0 = n0;
            c1 = n1;
            c2 = n2;
            c3 = n3;
            k0 += W0;
            k1 += W1;
        }
        out[0] = c0;
        out[1] = c1;
        out[2] = c2;
        out[3] = c3;
    }

    /** Maps a random word to a float uniform on [0, 1) with 24 random bits. */
    public static float toUnitFloat(int word) {
        return (word >>> 8) * TO_UNIT_FLOAT;
    }
}

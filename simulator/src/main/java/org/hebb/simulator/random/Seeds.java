package org.hebb.simulator.random;

import java.nio.charset.StandardCharsets;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

/**
 * Derives every random stream of a simulation from its one master seed and the stream's purpose (a stable
 * string such as {@code "connect:exc->inh"}), so that streams are independent of one another and of the order in
 * which the network was built or run.
 */
public final class Seeds {
    private Seeds() {
    }

    /** A 64-bit seed for {@code purpose}, derived from {@code masterSeed}. */
    public static long derive(long masterSeed, String purpose) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : purpose.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xFF;
            hash *= 0x100000001b3L;
        }
        return mix(mix(masterSeed) ^ hash);
    }

    /** A build-time generator (used on one thread) for {@code purpose}. */
    public static UniformRandomProvider generator(long masterSeed, String purpose) {
        return RandomSource.XO_RO_SHI_RO_128_PP.create(derive(masterSeed, purpose));
    }

    /** The SplitMix64 finaliser: a bijective 64-bit mixing function. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}

package org.hebb.simulator.input;

import org.hebb.simulator.random.Seeds;
import org.hebb.util.Require;

/**
 * Background input onto a receptor of every neuron of a population: {@code sources} independent Poisson processes
 * of {@code rateHz} each, merged, so that in each step of length dt a neuron receives k ~ Poisson(sources x rate x
 * dt) spikes, adding k x {@code weight} to the receptor's input of that step. This is NEST's
 * {@code poisson_generator} connected to each neuron (the cortical microcircuit's background) and Brian2's
 * {@code PoissonInput} with a Poisson count: one draw per neuron and step, not one per input synapse. The count of
 * neuron i in step t depends only on the master seed, the population, the input, i and t, not on the thread count:
 * it is drawn by inversion of a uniform of 53 bits, SplitMix64's output (Steele, Lea and Flood 2014) at index
 * t x size + i of the input's stream, computed directly from the index (a counter-based generator, about six
 * times cheaper than the Philox words other inputs draw).
 */
public final class PoissonInput {
    /** The largest mean count per step allowed (the search for a count takes about that many steps). */
    public static final double MAX_MEAN_PER_STEP = 100;

    private final String receptor;
    private final int sources;
    private final double rateHz;
    private final double weight;

    private PoissonInput(String receptor, int sources, double rateHz, double weight) {
        this.receptor = Require.notNull("receptor", receptor);
        this.sources = Require.atLeast("sources", sources, 1);
        this.rateHz = Require.nonNegative("rate", rateHz, "Hz");
        this.weight = Require.finiteFloat("weight", weight, null);
    }

    /**
     * {@code sources} Poisson processes of {@code rateHz} each onto {@code receptor}, each spike adding
     * {@code weight} in the receptor's weight unit (nA for current receptors, uS for conductances).
     */
    public static PoissonInput of(String receptor, int sources, double rateHz, double weight) {
        return new PoissonInput(receptor, sources, rateHz, weight);
    }

    /** The receptor the input arrives at. */
    public String receptor() {
        return receptor;
    }

    /** The weight each spike adds, in the receptor's weight unit. */
    public double weight() {
        return weight;
    }

    /** The mean number of spikes per neuron in a step of {@code dt} ms. */
    public double meanPerStep(double dt) {
        return sources * rateHz * dt / 1000.0;
    }

    /** A short description, for reports and error messages. */
    public String describe() {
        return "PoissonInput(" + sources + " sources x " + rateHz + " Hz onto '" + receptor + "', weight " + weight
                + ")";
    }

    /**
     * The key of the stream of input number {@code index} (in the order added) of population {@code population}:
     * every backend draws that input's counts from it.
     */
    public static long streamKey(long masterSeed, String population, int index) {
        return Seeds.derive(masterSeed, "poisson input:" + population + ":" + index);
    }

    /**
     * An injector for time step {@code dt} ms, drawing from the stream {@code key}, for a population of
     * {@code size}; threads adding to their own ranges may share it.
     *
     * @throws IllegalArgumentException if the mean count per step exceeds {@value #MAX_MEAN_PER_STEP}
     */
    public Injector createInjector(double dt, long key, int size) {
        double mean = meanPerStep(dt);
        Require.that(mean <= MAX_MEAN_PER_STEP, describe() + " is not allowed at dt = " + dt + " ms: sources x rate "
                + "x dt = " + mean + " spikes per step, must be at most " + MAX_MEAN_PER_STEP + " (a larger drive is "
                + "close to its mean: use a constant current)");
        return new Injector(mean, (float) weight, key, size);
    }

    /** Adds one step's background to a receptor's input. Holds no state that changes: one may serve all threads. */
    public static final class Injector {
        /** SplitMix64's increment, the odd integer nearest 2^64 / golden ratio. */
        private static final long GOLDEN = 0x9E3779B97F4A7C15L;

        private final double mean;
        /**
         * For each k, the least 53-bit integer m whose uniform m 2^-53 reaches P(count <= k) (the probabilities
         * summed in order from P(0) = exp(-mean)), less one: m draws more than k where m exceeds it. The last entry
         * ends every search.
         */
        private final long[] below;
        private final float weight;
        private final long key;
        private final long size;

        Injector(double mean, float weight, long key, int size) {
            this.mean = mean;
            this.weight = weight;
            this.key = key;
            this.size = size;
            int largest = (int) Math.ceil(mean + 40 * Math.sqrt(mean) + 40);
            below = new long[largest + 1];
            double probability = Math.exp(-mean);
            double cumulative = probability;
            for (int k = 0; k < largest; k++) {
                if (k > 0) {
                    probability *= mean / k;
                    cumulative += probability;
                }
                below[k] = (long) Math.ceil(cumulative * 0x1.0p53) - 1;
            }
            below[largest] = Long.MAX_VALUE;
        }

        /** Whether it adds nothing (a rate of 0). */
        public boolean silent() {
            return mean == 0;
        }

        /** The stream's key, for a backend that draws the same counts. */
        public long key() {
            return key;
        }

        /** The weight each spike adds, in the receptor's weight unit. */
        public float weight() {
            return weight;
        }

        /**
         * The bounds of the counts' search, for a backend that draws the same counts: the count is the first k whose
         * bound the 53-bit integer does not exceed (the last bound is {@link Long#MAX_VALUE}).
         */
        public long[] countBounds() {
            return below.clone();
        }

        /** Adds the background of {@code step} to {@code input[from..to)}. */
        public void add(long step, int from, int to, float[] input) {
            if (mean == 0) {
                return;
            }
            final long[] b = below;
            final long b0 = b[0];
            final long b1 = b[1];
            final long b2 = b[2];
            final long b3 = b[3];
            final long b4 = b[4];
            final long b5 = b[5];
            final long b6 = b[6];
            final long b7 = b[7];
            long first = key + (step * size + from) * GOLDEN;
            for (int i = from; i < to; i++) {
                long m = mix(first + (i - from) * GOLDEN) >>> 11;
                // how many of the first eight bounds m exceeds, without branches (a search that stops at a random
                // place mispredicts its last branch): bound - m is negative exactly when m exceeds the bound
                int count = (int) (((b0 - m) >>> 63) + ((b1 - m) >>> 63) + ((b2 - m) >>> 63) + ((b3 - m) >>> 63)
                        + ((b4 - m) >>> 63) + ((b5 - m) >>> 63) + ((b6 - m) >>> 63) + ((b7 - m) >>> 63));
                if (count == 8) {
                    while (m > b[count]) {
                        count++;
                    }
                }
                // adding 0 x weight leaves the input as it was: it is never -0, which + 0 would change
                input[i] += count * weight;
            }
        }

        /** SplitMix64's output function (Stafford's mix 13). */
        private static long mix(long z) {
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            return z ^ (z >>> 31);
        }
    }
}

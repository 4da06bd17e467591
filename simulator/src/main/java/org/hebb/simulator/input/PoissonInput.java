package org.hebb.simulator.input;

import org.hebb.simulator.random.CounterRandom;
import org.hebb.util.Require;

/**
 * Background input onto a receptor of every neuron of a population: {@code sources} independent Poisson processes
 * of {@code rateHz} each, merged, so that in each step of length dt a neuron receives k ~ Poisson(sources x rate x
 * dt) spikes, adding k x {@code weight} to the receptor's input of that step. This is NEST's
 * {@code poisson_generator} connected to each neuron (the cortical microcircuit's background) and Brian2's
 * {@code PoissonInput} with a Poisson count: one draw per neuron and step, not one per input synapse. The count of
 * neuron i in step t depends only on the master seed, the population, the input, i and t, not on the thread count.
 * It is drawn by inversion of one uniform of 24 bits, so the probability of each count is exact to 2^-24.
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
     * An injector for time step {@code dt} ms, drawing from the stream {@code key}, for a population of
     * {@code size}; one per thread.
     *
     * @throws IllegalArgumentException if the mean count per step exceeds {@value #MAX_MEAN_PER_STEP}
     */
    public Injector createInjector(double dt, long key, int size) {
        double mean = meanPerStep(dt);
        Require.that(mean <= MAX_MEAN_PER_STEP, describe() + " is not allowed at dt = " + dt + " ms: sources x rate "
                + "x dt = " + mean + " spikes per step, must be at most " + MAX_MEAN_PER_STEP + " (a larger drive is "
                + "close to its mean: use a constant current)");
        return new Injector(mean, (float) weight, new CounterRandom(key), size);
    }

    /** Adds one step's background to a receptor's input. Not thread-safe: one per thread. */
    public static final class Injector {
        private final double mean;
        /** P(count <= k), summed in order from P(0) = exp(-mean), up to where the search stops. */
        private final double[] cumulative;
        private final float weight;
        private final CounterRandom random;
        private final float[] uniforms;

        Injector(double mean, float weight, CounterRandom random, int size) {
            this.mean = mean;
            this.weight = weight;
            this.random = random;
            this.uniforms = new float[size];
            int largest = (int) Math.ceil(mean + 40 * Math.sqrt(mean) + 40);
            cumulative = new double[largest + 1];
            double probability = Math.exp(-mean);
            cumulative[0] = probability;
            for (int k = 1; k <= largest; k++) {
                probability *= mean / k;
                cumulative[k] = cumulative[k - 1] + probability;
            }
            cumulative[largest] = Double.POSITIVE_INFINITY;
        }

        /** Adds the background of {@code step} to {@code input[from..to)}. */
        public void add(long step, int from, int to, float[] input) {
            if (mean == 0) {
                return;
            }
            random.uniforms(step, from, to, uniforms);
            for (int i = from; i < to; i++) {
                // adding 0 x weight leaves the input as it was: it is never -0, which + 0 would change
                input[i] += count(uniforms[i]) * weight;
            }
        }

        /**
         * The count whose cumulative probability first exceeds {@code u}: the number of the first eight entries
         * that u reaches, summed without branches (a search that stops at a random place mispredicts its last
         * branch), then a search from there.
         */
        int count(float u) {
            double x = u;
            double[] f = cumulative;
            int k = (x >= f[0] ? 1 : 0) + (x >= f[1] ? 1 : 0) + (x >= f[2] ? 1 : 0) + (x >= f[3] ? 1 : 0)
                    + (x >= f[4] ? 1 : 0) + (x >= f[5] ? 1 : 0) + (x >= f[6] ? 1 : 0) + (x >= f[7] ? 1 : 0);
            if (k == 8) {
                while (x >= f[k]) {
                    k++;
                }
            }
            return k;
        }
    }
}

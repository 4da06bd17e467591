package org.hebb.simulator.connect;

import org.apache.commons.rng.UniformRandomProvider;
import org.hebb.util.Require;

/**
 * Synaptic delays in whole time steps. A delay of d steps delivers a spike emitted in step t at the start of step
 * t + d; the shortest delay is 1 step, the longest {@value #MAX_STEPS}.
 */
public final class Delays {
    /** The longest delay in steps. */
    public static final int MAX_STEPS = Short.MAX_VALUE;

    private Delays() {
    }

    /** How delays are chosen, per synapse. */
    public interface DelayDistribution {
        /** Draws one delay in steps for time step {@code dt} (ms). */
        int sampleSteps(UniformRandomProvider random, double dt);

        /** A short description, for reports. */
        String describe();
    }

    /** Every synapse delays by {@code steps} steps. */
    public static DelayDistribution steps(int steps) {
        Require.inRange("delay", steps, 1, MAX_STEPS);
        return new DelayDistribution() {
            @Override
            public int sampleSteps(UniformRandomProvider random, double dt) {
                return steps;
            }

            @Override
            public String describe() {
                return steps + " steps";
            }
        };
    }

    /** Each synapse delays by a whole number of steps drawn uniformly from [min, max]. */
    public static DelayDistribution uniformSteps(int min, int max) {
        Require.inRange("min delay", min, 1, MAX_STEPS);
        Require.inRange("max delay", max, min, MAX_STEPS);
        return new DelayDistribution() {
            @Override
            public int sampleSteps(UniformRandomProvider random, double dt) {
                return min + random.nextInt(max - min + 1);
            }

            @Override
            public String describe() {
                return "uniform[" + min + ", " + max + "] steps";
            }
        };
    }

    /**
     * Every synapse delays by {@code ms}, rounded to the nearest whole step; a delay that rounds to 0 steps is
     * refused.
     */
    public static DelayDistribution ms(double ms) {
        Require.positive("delay", ms, "ms");
        return new DelayDistribution() {
            @Override
            public int sampleSteps(UniformRandomProvider random, double dt) {
                long steps = Math.round(ms / dt);
                Require.that(steps >= 1 && steps <= MAX_STEPS, "delay = " + ms + " ms is not allowed at dt = "
                        + dt + " ms: must round to between 1 and " + MAX_STEPS + " steps");
                return (int) steps;
            }

            @Override
            public String describe() {
                return ms + " ms";
            }
        };
    }
}

package org.hebb.simulator.connect;

import java.util.function.DoubleSupplier;
import java.util.function.IntSupplier;

import org.apache.commons.rng.UniformRandomProvider;
import org.hebb.simulator.init.ValueDistribution;
import org.hebb.simulator.init.Values;
import org.hebb.util.Require;

/**
 * Synaptic delays. Under the clock-driven engine they are whole time steps: a delay of d steps delivers a spike
 * emitted in step t at the start of step t + d; the shortest delay is 1 step, the longest {@value #MAX_STEPS}. NEST's
 * and Brian2's delay of d steps acts a step later, as Hebb's d + 1 ({@link #asInNestAndBrian2}).
 * Under the event-driven engine they are continuous (ms, stored in double precision per synapse): a spike emitted
 * at t arrives at exactly t + d; delays given in steps mean steps * dt.
 */
public final class Delays {
    /** The longest delay in steps. */
    public static final int MAX_STEPS = Short.MAX_VALUE;

    /**
     * How many standard deviations above its mean {@link #normalMs} redraws a delay: beyond 8 lie about 6e-16 of a
     * normal distribution, so that no practical network draws there, and the longest delay is known before any draw.
     */
    public static final int NORMAL_SDS = 8;

    private Delays() {
    }

    /**
     * How delays are chosen, per synapse. Several threads may draw at once, each from its own stream (projections
     * built in blocks), so an implementation keeps no state that drawing changes.
     */
    public interface DelayDistribution {
        /** Draws one delay in steps for time step {@code dt} (ms). */
        int sampleSteps(UniformRandomProvider random, double dt);

        /** Draws one continuous delay in ms (event-driven engine); by default a whole number of steps. */
        default double sampleMs(UniformRandomProvider random, double dt) {
            return sampleSteps(random, dt) * dt;
        }

        /**
         * Draws delays in steps from {@code random} as repeated {@link #sampleSteps} calls would, with whatever a
         * draw needs set up once (for drawing a delay per synapse).
         */
        default IntSupplier stepSampler(UniformRandomProvider random, double dt) {
            return () -> sampleSteps(random, dt);
        }

        /** Draws continuous delays in ms as repeated {@link #sampleMs} calls would, set up once. */
        default DoubleSupplier msSampler(UniformRandomProvider random, double dt) {
            return () -> sampleMs(random, dt);
        }

        /**
         * The longest delay in steps this distribution can draw at time step {@code dt} (ms), known before any draw;
         * 0 where the distribution does not say (one of the user's own), whose draws are checked one by one.
         */
        default long longestSteps(double dt) {
            return 0;
        }

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
            public long longestSteps(double dt) {
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
            public long longestSteps(double dt) {
                return max;
            }

            @Override
            public String describe() {
                return "uniform[" + min + ", " + max + "] steps";
            }
        };
    }

    /**
     * Every synapse delays by {@code ms}: exactly under the event-driven engine, rounded to the nearest whole step
     * under the clock-driven one (where a delay that rounds to 0 steps is refused).
     */
    public static DelayDistribution ms(double ms) {
        Require.positive("delay", ms, "ms");
        return new DelayDistribution() {
            @Override
            public int sampleSteps(UniformRandomProvider random, double dt) {
                long steps = Math.round(ms / dt);
                if (steps < 1 || steps > MAX_STEPS) {
                    throw new IllegalArgumentException("delay = " + ms + " ms is not allowed at dt = " + dt + " ms: "
                            + "must round to between 1 and " + MAX_STEPS + " steps");
                }
                return (int) steps;
            }

            /** Refuses a delay outside the steps before any draw, so that no seed decides it. */
            @Override
            public IntSupplier stepSampler(UniformRandomProvider random, double dt) {
                int steps = sampleSteps(random, dt);
                return () -> steps;
            }

            @Override
            public double sampleMs(UniformRandomProvider random, double dt) {
                return ms;
            }

            @Override
            public long longestSteps(double dt) {
                return Math.round(ms / dt);
            }

            @Override
            public String describe() {
                return ms + " ms";
            }
        };
    }

    /**
     * Each synapse delays by a time drawn uniformly from [minMs, maxMs]: continuous under the event-driven engine,
     * rounded to the nearest whole step under the clock-driven one, where both ends must round to between 1 and
     * {@link #MAX_STEPS} steps (refused at connect otherwise, whatever the draws).
     */
    public static DelayDistribution uniformMs(double minMs, double maxMs) {
        Require.positive("min delay", minMs, "ms");
        Require.that(maxMs >= minMs && Double.isFinite(maxMs), "max delay = " + maxMs + " ms is not allowed: must "
                + "be finite and >= min delay = " + minMs + " ms");
        return new DelayDistribution() {
            @Override
            public int sampleSteps(UniformRandomProvider random, double dt) {
                double ms = sampleMs(random, dt);
                long steps = Math.round(ms / dt);
                if (steps < 1 || steps > MAX_STEPS) {
                    throw new IllegalArgumentException("delay = " + ms + " ms drawn from " + describe() + " is not "
                            + "allowed at dt = " + dt + " ms: must round to between 1 and " + MAX_STEPS + " steps");
                }
                return (int) steps;
            }

            @Override
            public double sampleMs(UniformRandomProvider random, double dt) {
                return minMs + (maxMs - minMs) * random.nextDouble();
            }

            /** Refuses a range that reaches outside the delays a step can hold, so that no seed decides it. */
            @Override
            public IntSupplier stepSampler(UniformRandomProvider random, double dt) {
                if (Math.round(minMs / dt) < 1) {
                    throw new IllegalArgumentException("min delay = " + minMs + " ms of " + describe() + " is not "
                            + "allowed at dt = " + dt + " ms: must round to at least 1 step (>= dt / 2)");
                }
                if (Math.round(maxMs / dt) > MAX_STEPS) {
                    throw new IllegalArgumentException("max delay = " + maxMs + " ms of " + describe() + " is not "
                            + "allowed at dt = " + dt + " ms: must round to at most " + MAX_STEPS + " steps");
                }
                return () -> sampleSteps(random, dt);
            }

            @Override
            public long longestSteps(double dt) {
                return Math.round(maxMs / dt);
            }

            @Override
            public String describe() {
                return "uniform[" + minMs + ", " + maxMs + "] ms";
            }
        };
    }

    /**
     * Each synapse delays by a time drawn from a normal distribution of mean {@code meanMs} and standard deviation
     * {@code sdMs}, drawn again while below dt / 2 (as NEST's cortical microcircuit draws them) or above mean +
     * {@value #NORMAL_SDS} sd (about 6e-16 of the distribution, so that the longest delay is known before any draw);
     * continuous under the event-driven engine, rounded to the nearest whole step under the clock-driven one (so at
     * least 1 step). Under the clock-driven engine, mean + {@value #NORMAL_SDS} sd must round to at most
     * {@link #MAX_STEPS} steps: refused at connect otherwise, whatever the seed.
     */
    public static DelayDistribution normalMs(double meanMs, double sdMs) {
        Require.positive("mean delay", meanMs, "ms");
        Require.nonNegative("delay sd", sdMs, "ms");
        double highestMs = meanMs + NORMAL_SDS * sdMs;
        Require.that(Double.isFinite(highestMs), "delay sd = " + sdMs + " ms is not allowed with mean delay = "
                + meanMs + " ms: mean + " + NORMAL_SDS + " sd must be finite");
        return new DelayDistribution() {
            /** The distribution for the last dt asked for (a projection's synapses all ask for the same). */
            private volatile Redrawn redrawn;

            @Override
            public int sampleSteps(UniformRandomProvider random, double dt) {
                return stepSampler(random, dt).getAsInt();
            }

            @Override
            public double sampleMs(UniformRandomProvider random, double dt) {
                return msSampler(random, dt).getAsDouble();
            }

            /** Refuses a distribution that reaches beyond the delays a step can hold, so that no seed decides it. */
            @Override
            public IntSupplier stepSampler(UniformRandomProvider random, double dt) {
                if (longestSteps(dt) > MAX_STEPS) {
                    throw new IllegalArgumentException("mean delay = " + meanMs + " ms, delay sd = " + sdMs + " ms of "
                            + describe() + " are not allowed at dt = " + dt + " ms: its delays reach mean + "
                            + NORMAL_SDS + " sd = " + highestMs + " ms, which must round to at most " + MAX_STEPS
                            + " steps (" + (float) (MAX_STEPS * dt) + " ms)");
                }
                DoubleSupplier delaysMs = msSampler(random, dt);
                // no draw exceeds highestMs, so none rounds beyond longestSteps(dt)
                return () -> (int) Math.round(delaysMs.getAsDouble() / dt);
            }

            @Override
            public DoubleSupplier msSampler(UniformRandomProvider random, double dt) {
                Redrawn last = redrawn;
                if (last == null || last.dt() != dt) {
                    if (highestMs < dt / 2) {
                        throw new IllegalArgumentException("mean delay = " + meanMs + " ms, delay sd = " + sdMs
                                + " ms of " + describe() + " are not allowed at dt = " + dt + " ms: its delays reach "
                                + "at most mean + " + NORMAL_SDS + " sd = " + highestMs + " ms, below dt / 2 = "
                                + dt / 2 + " ms, where it redraws them");
                    }
                    last = new Redrawn(dt, Values.normalRedrawn(meanMs, sdMs, dt / 2, highestMs));
                    redrawn = last;
                }
                return last.values().sampler(random);
            }

            @Override
            public long longestSteps(double dt) {
                return Math.round(highestMs / dt);
            }

            @Override
            public String describe() {
                return "normal(" + meanMs + ", " + sdMs + ") ms, redrawn below dt / 2 and above mean + " + NORMAL_SDS
                        + " sd";
            }
        };
    }

    /**
     * {@code delays} as NEST and Brian2 apply them on a clock, one step longer than Hebb's: both deliver a spike of
     * step t with a delay of d steps after the update of step t + d (NEST stamps the spike at the end of its step,
     * Brian2 runs on_pre after the update), so that it acts from step t + d + 1, where Hebb's acts from step t + d.
     * A model ported with its NEST or Brian2 delays keeps its latencies this way: each drawn delay is one step longer
     * (dt longer in ms under the event-driven engine).
     */
    public static DelayDistribution asInNestAndBrian2(DelayDistribution delays) {
        Require.notNull("delays", delays);
        return new DelayDistribution() {
            @Override
            public int sampleSteps(UniformRandomProvider random, double dt) {
                return longer(delays.sampleSteps(random, dt));
            }

            @Override
            public double sampleMs(UniformRandomProvider random, double dt) {
                return delays.sampleMs(random, dt) + dt;
            }

            /** Refuses delays whose longest, one step longer, would not fit, so that no seed decides it. */
            @Override
            public IntSupplier stepSampler(UniformRandomProvider random, double dt) {
                IntSupplier steps = delays.stepSampler(random, dt);
                long longest = delays.longestSteps(dt);
                if (longest >= MAX_STEPS) {
                    throw new IllegalArgumentException("delays " + delays.describe() + " are not allowed at dt = "
                            + dt + " ms as NEST and Brian2 apply them: they reach " + longest + " steps, and one step "
                            + "longer must stay at most " + MAX_STEPS + " steps");
                }
                return () -> longer(steps.getAsInt());
            }

            @Override
            public DoubleSupplier msSampler(UniformRandomProvider random, double dt) {
                DoubleSupplier ms = delays.msSampler(random, dt);
                return () -> ms.getAsDouble() + dt;
            }

            @Override
            public long longestSteps(double dt) {
                long longest = delays.longestSteps(dt);
                return longest == 0 ? 0 : longest + 1;
            }

            private int longer(int steps) {
                if (steps >= MAX_STEPS) {
                    throw new IllegalArgumentException("delay = " + steps + " steps drawn from " + delays.describe()
                            + " is not allowed as NEST and Brian2 apply it: one step longer, it must stay at most "
                            + MAX_STEPS + " steps");
                }
                return steps + 1;
            }

            @Override
            public String describe() {
                return delays.describe() + ", as NEST and Brian2 apply it (one step longer)";
            }
        };
    }

    /** A normal redrawn below dt / 2 and above mean + {@value #NORMAL_SDS} sd, for that dt. */
    private record Redrawn(double dt, ValueDistribution values) {
    }
}

package org.hebb.simulator.init;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.hebb.util.Require;

/** Factories of {@link ValueDistribution}: constant, uniform, choice, normal and clipped normal. */
public final class Values {
    private Values() {
    }

    /** Every element gets {@code value}. */
    public static ValueDistribution constant(double value) {
        Require.finite("value", value, null);
        return new ValueDistribution() {
            @Override
            public double sample(UniformRandomProvider random) {
                return value;
            }

            @Override
            public String describe() {
                return "constant(" + value + ")";
            }

            @Override
            public double lowerBound() {
                return value;
            }
        };
    }

    /** One of {@code values}, each with the same probability (for example -3 or +3). */
    public static ValueDistribution choice(double... values) {
        Require.notNull("values", values);
        Require.that(values.length > 0, "values is empty: must list at least one value");
        double[] options = values.clone();
        double lowest = Double.POSITIVE_INFINITY;
        for (int k = 0; k < options.length; k++) {
            Require.finite("values[" + k + "]", options[k], null);
            lowest = Math.min(lowest, options[k]);
        }
        final double min = lowest;
        return new ValueDistribution() {
            @Override
            public double sample(UniformRandomProvider random) {
                return options[random.nextInt(options.length)];
            }

            @Override
            public String describe() {
                return "choice" + java.util.Arrays.toString(options);
            }

            @Override
            public double lowerBound() {
                return min;
            }
        };
    }

    /** Uniform on [low, high). */
    public static ValueDistribution uniform(double low, double high) {
        Require.finite("low", low, null);
        Require.finite("high", high, null);
        Require.that(low < high, "high = " + high + " is not allowed: must be > low = " + low);
        return new ValueDistribution() {
            @Override
            public double sample(UniformRandomProvider random) {
                return low + (high - low) * random.nextDouble();
            }

            @Override
            public String describe() {
                return "uniform(" + low + ", " + high + ")";
            }

            @Override
            public double lowerBound() {
                return low;
            }
        };
    }

    /** Normal with the given mean and standard deviation (unbounded). */
    public static ValueDistribution normal(double mean, double sd) {
        return normalClipped(mean, sd, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
    }

    /**
     * Normal with the given mean and standard deviation, each draw clipped to [low, high] (values outside are set
     * to the nearer bound, as Brian2's {@code clip} does; they are not redrawn).
     */
    public static ValueDistribution normalClipped(double mean, double sd, double low, double high) {
        Require.finite("mean", mean, null);
        Require.nonNegative("sd", sd, null);
        Require.that(!Double.isNaN(low), "low = NaN is not allowed: must be a number or -infinity");
        Require.that(high >= low, "high = " + high + " is not allowed: must be a number >= low = " + low);
        return new ValueDistribution() {
            @Override
            public double sample(UniformRandomProvider random) {
                double x = mean + sd * ZigguratSampler.NormalizedGaussian.of(random).sample();
                return Math.max(low, Math.min(high, x));
            }

            @Override
            public String describe() {
                return "normal(" + mean + ", " + sd + ")" + (Double.isInfinite(low) && Double.isInfinite(high)
                        ? "" : " clipped to [" + low + ", " + high + "]");
            }

            @Override
            public double lowerBound() {
                return low;
            }
        };
    }
}

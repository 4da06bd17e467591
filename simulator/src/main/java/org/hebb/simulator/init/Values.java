package org.hebb.simulator.init;

import java.util.function.DoubleSupplier;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.hebb.util.Require;

/** Factories of {@link ValueDistribution}: constant, uniform, choice, normal, clipped normal and redrawn normal. */
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

    /**
     * Uniform on [low, high), as NEST's {@code uniform} and Brian2's {@code low + (high - low) * rand()}: high is
     * never drawn, also where low + (high - low) u would round to it (u is then drawn again). Stored in single
     * precision (weights; a population's state in single precision) values lie in [(float) low, (float) high): a
     * draw that would round to (float) high is drawn again, unless low and high round to the same float, which is
     * then the only value.
     *
     * @param low  the least value, finite
     * @param high the bound above, finite, greater than low, with high - low finite
     */
    public static ValueDistribution uniform(double low, double high) {
        Require.finite("low", low, null);
        Require.finite("high", high, null);
        Require.that(low < high, "high = " + high + " is not allowed: must be > low = " + low);
        Require.that(Double.isFinite(high - low), "[low, high] = [" + low + ", " + high + "] is not allowed: "
                + "high - low must be finite");
        final float lowFloat = (float) low;
        final float highFloat = (float) high;
        return new ValueDistribution() {
            @Override
            public double sample(UniformRandomProvider random) {
                double x;
                do {
                    x = low + (high - low) * random.nextDouble();
                } while (x >= high);
                return x;
            }

            @Override
            public DoubleSupplier floatSampler(UniformRandomProvider random) {
                if (Math.nextUp(lowFloat) >= highFloat) {
                    return () -> lowFloat;
                }
                return () -> {
                    float x;
                    do {
                        x = (float) sample(random);
                    } while (x >= highFloat);
                    return x;
                };
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
        return new FromNormal(low, "normal(" + mean + ", " + sd + ")" + (Double.isInfinite(low)
                && Double.isInfinite(high) ? "" : " clipped to [" + low + ", " + high + "]")) {
            @Override
            double draw(ZigguratSampler.NormalizedGaussian gaussian) {
                return Math.max(low, Math.min(high, mean + sd * gaussian.sample()));
            }
        };
    }
    /**
     * Normal with the given mean and standard deviation, drawn again until it falls in [low, high] (a truncated
     * normal, as NEST's {@code redraw}); [low, high] must hold at least a millionth of the distribution, so that
     * redrawing ends.
     */
    public static ValueDistribution normalRedrawn(double mean, double sd, double low, double high) {
        Require.finite("mean", mean, null);
        Require.nonNegative("sd", sd, null);
        Require.that(!Double.isNaN(low) && !Double.isNaN(high) && high >= low, "[low, high] = [" + low + ", " + high
                + "] is not allowed: must be an interval (low <= high)");
        double inside = sd == 0 ? (mean >= low && mean <= high ? 1 : 0)
                : NormalDistribution.of(mean, sd).probability(low, high);
        Require.that(inside >= 1e-6, "[low, high] = [" + low + ", " + high + "] is not allowed for normal(" + mean
                + ", " + sd + "): it holds " + inside + " of the distribution, must hold at least 1e-6");
        return new FromNormal(low, "normal(" + mean + ", " + sd + ") redrawn outside [" + low + ", " + high + "]") {
            @Override
            double draw(ZigguratSampler.NormalizedGaussian gaussian) {
                double x;
                do {
                    x = mean + sd * gaussian.sample();
                } while (!(x >= low && x <= high));
                return x;
            }
        };
    }

    /**
     * A distribution drawn from standard normal values: a sampler binds one Ziggurat sampler to its stream, and
     * {@link #sample} draws as a new sampler's first value would.
     */
    private abstract static class FromNormal implements ValueDistribution {
        private final double lowerBound;
        private final String description;

        FromNormal(double lowerBound, String description) {
            this.lowerBound = lowerBound;
            this.description = description;
        }

        /** One value, from standard normal values of {@code gaussian}. */
        abstract double draw(ZigguratSampler.NormalizedGaussian gaussian);

        @Override
        public double sample(UniformRandomProvider random) {
            return draw(ZigguratSampler.NormalizedGaussian.of(random));
        }

        @Override
        public DoubleSupplier sampler(UniformRandomProvider random) {
            ZigguratSampler.NormalizedGaussian gaussian = ZigguratSampler.NormalizedGaussian.of(random);
            return () -> draw(gaussian);
        }

        @Override
        public String describe() {
            return description;
        }

        @Override
        public double lowerBound() {
            return lowerBound;
        }
    }
}

package org.hebb.simulator.init;

import java.util.function.DoubleSupplier;

import org.apache.commons.rng.UniformRandomProvider;

/**
 * How initial values are drawn, one per element (a neuron's variable, a synapse's weight). Draws come from a
 * build-time stream derived from the master seed. Several threads may draw at once, each from its own stream
 * (projections built in blocks), so an implementation keeps no state that drawing changes.
 */
public interface ValueDistribution {
    /** Draws one value. */
    double sample(UniformRandomProvider random);

    /**
     * Draws values from {@code random} as repeated {@link #sample} calls would, the same values in the same order,
     * with whatever a draw needs set up once (for drawing a value per synapse).
     */
    default DoubleSupplier sampler(UniformRandomProvider random) {
        return () -> sample(random);
    }

    /**
     * Draws values rounded to float, for values stored in single precision (weights, a population's state in single
     * precision): by default {@link #sampler}'s values rounded to nearest. A distribution whose values must keep a
     * property after rounding overrides it ({@link Values#uniform} excludes the float its upper bound rounds to).
     */
    default DoubleSupplier floatSampler(UniformRandomProvider random) {
        DoubleSupplier values = sampler(random);
        return () -> (float) values.getAsDouble();
    }

    /** A short description with parameters, for reports and error messages. */
    String describe();

    /** The smallest value this distribution can produce. */
    double lowerBound();
}

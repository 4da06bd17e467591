package org.hebb.plasticity;

import org.hebb.util.Require;

/**
 * The range every plastic weight is clipped to, in the projection's weight unit (uS, nA or mV).
 *
 * @param min lowest weight
 * @param max highest weight, above {@code min}
 */
public record WeightBounds(float min, float max) {
    public WeightBounds {
        Require.finiteFloat("w_min", min, "");
        Require.finiteFloat("w_max", max, "");
        Require.that(max > min, "w_max = " + max + " is not allowed: must be above w_min = " + min);
    }

    /** The weight clipped to the bounds. */
    public float clip(float w) {
        return Math.min(max, Math.max(min, w));
    }

    /** Refuses, naming the projection and synapse, a weight outside the bounds. */
    public void requireContains(String projection, float[] weights) {
        for (int j = 0; j < weights.length; j++) {
            if (!(weights[j] >= min && weights[j] <= max)) {
                throw new IllegalArgumentException("weight of synapse " + j + " of projection '" + projection
                        + "' = " + weights[j] + " is not allowed: the rule's bounds are [" + min + ", " + max
                        + "]; choose initial weights inside them");
            }
        }
    }
}

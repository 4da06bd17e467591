package org.hebb.plasticity;

/**
 * How the size of a weight change depends on the weight, for amplitudes a given as fractions of w_max and a
 * trace value x: additive (hard bounds) changes by a * w_max * x and clips to [w_min, w_max], so it needs
 * w_max > 0 ({@code Stdp} refuses others); multiplicative (soft bounds) potentiates by a * (w_max - w) * x and
 * depresses by a * (w - w_min) * x, so the weight approaches the bounds without reaching them, whatever their sign.
 */
public enum WeightDependence {
    ADDITIVE,
    MULTIPLICATIVE;

    /**
     * A change linear in the weight, dw = x * (constant + slope * w), for amplitude {@code a} towards w_max
     * ({@code potentiation}) or w_min.
     */
    public LinearChange change(float a, WeightBounds bounds, boolean potentiation) {
        float sign = potentiation ? 1f : -1f;
        if (this == ADDITIVE) {
            return new LinearChange(sign * a * bounds.max(), 0f);
        }
        return potentiation ? new LinearChange(a * bounds.max(), -a) : new LinearChange(a * bounds.min(), -a);
    }

    /**
     * dw = x * (constant + slope * w).
     *
     * @param constant weight units per unit trace
     * @param slope    per unit trace
     */
    public record LinearChange(float constant, float slope) {
    }
}

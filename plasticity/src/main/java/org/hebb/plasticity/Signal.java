package org.hebb.plasticity;

import org.hebb.util.Require;

/**
 * A scalar that changes with time, such as a reward, a dopamine-like modulator or an attention gate: evaluated
 * once per step on the coordinating thread, so it may read anything the experiment keeps.
 */
@FunctionalInterface
public interface Signal {
    /**
     * @param step   the step index
     * @param timeMs the step's start time, ms
     * @return the value in that step (finite)
     */
    double valueAt(long step, double timeMs);

    /** A signal that is {@code value} in every step; {@code value} must be finite. */
    static Signal constant(double value) {
        Require.finite("signal value", value, "");
        return (step, timeMs) -> value;
    }
}

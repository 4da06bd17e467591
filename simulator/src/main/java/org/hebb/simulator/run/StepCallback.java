package org.hebb.simulator.run;

/**
 * User code run after a step, on the engine's coordinating thread, after monitors: it may read and change state,
 * input rates and probabilities; what it changes takes effect in the next step.
 */
@FunctionalInterface
public interface StepCallback {
    /**
     * @param step   index of the step just completed
     * @param timeMs the time at the end of that step, ms
     */
    void afterStep(long step, double timeMs);
}

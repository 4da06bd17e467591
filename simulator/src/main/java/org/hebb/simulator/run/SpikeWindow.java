package org.hebb.simulator.run;

import org.hebb.simulator.checkpoint.StateVisitor;

/**
 * A population's spikes over consecutive windows of {@code windowSteps} steps on the clock (steps 0 to n - 1, n to
 * 2n - 1, ...), for the checks that judge a window's rate when it is complete. A window seen only in part (the
 * counting began, or a checkpoint was restored, within it) is not reported complete.
 */
final class SpikeWindow {
    private final int windowSteps;
    private long spikes;
    private int steps;

    SpikeWindow(int windowSteps) {
        this.windowSteps = windowSteps;
    }

    /** Counts the {@code spikes} of {@code step}; true when the step completes a window seen whole. */
    boolean add(long step, int spikesInStep) {
        if (step % windowSteps == 0) {
            spikes = 0;
            steps = 0;
        }
        spikes += spikesInStep;
        steps++;
        return endsWindow(step) && steps >= windowSteps;
    }

    /** Whether {@code step} is the last of its window. */
    boolean endsWindow(long step) {
        return (step + 1) % windowSteps == 0;
    }

    /** The spikes of the window the last step counted belongs to. */
    long spikes() {
        return spikes;
    }

    int windowSteps() {
        return windowSteps;
    }

    /** Forgets what was counted, as before the first step: a window the next step does not begin is seen in part. */
    void clear() {
        spikes = 0;
        steps = 0;
    }

    /** Marks the window under way as not seen whole. */
    void seenInPart() {
        steps = Integer.MIN_VALUE;
    }

    /** Saves or restores the spikes and steps of the window under way. */
    void checkpoint(StateVisitor state) {
        spikes = state.scalar("spikes", spikes);
        steps = (int) state.scalar("steps", steps);
    }
}

package org.hebb.simulator.run;

import java.util.Locale;
import org.hebb.simulator.checkpoint.Checkpointed;
import org.hebb.simulator.checkpoint.StateVisitor;
import org.hebb.simulator.engine.SpikeView;
import org.hebb.simulator.population.Population;
import org.hebb.util.Require;

/**
 * Stops a run when a population's mean rate over a window leaves [minHz, maxHz] (runaway excitation or silence);
 * the rate is measured over consecutive windows of {@code windowMs} on the clock (steps 0 to n - 1, n to 2n - 1,
 * ...), each checked when it is complete; a window the checker saw only part of (it was added, or the clock started,
 * within it) is not checked. The engine stops at the end of each window, so that a run stopped by the check leaves
 * it at the step the check looked at, on every backend.
 */
public final class RateChecker extends Checker implements Checkpointed {
    private final Population population;
    private final double minHz;
    private final double maxHz;
    private final SpikeWindow window;
    private final double dt;

    /**
     * @param windowMs length of the window over which the rate is measured, ms
     */
    public RateChecker(Population population, double minHz, double maxHz, double windowMs, double dt) {
        this.population = Require.notNull("population", population);
        Require.nonNegative("minHz", minHz, "Hz");
        Require.that(maxHz >= minHz, "maxHz = " + maxHz + " Hz is not allowed: must be >= minHz = " + minHz);
        this.window = new SpikeWindow(Require.steps("windowMs", windowMs, dt));
        this.minHz = minHz;
        this.maxHz = maxHz;
        this.dt = dt;
    }

    @Override
    public boolean observesEngineAfter(long step) {
        return window.endsWindow(step);
    }

    @Override
    public void record(long step, SpikeView view) {
        if (!window.add(step, view.total())) {
            return;
        }
        int windowSteps = window.windowSteps();
        double rate = window.spikes() / ((double) population.size() * windowSteps * dt / 1000.0);
        if (rate < minHz || rate > maxHz) {
            flag(String.format(Locale.ROOT, "rate of population '%s' = %.3f Hz over the %.1f ms before t = %.1f ms is "
                    + "outside the allowed [%s, %s] Hz", population.name(), rate, windowSteps * dt,
                    (step + 1) * dt, minHz, maxHz));
        }
    }

    /**
     * {@inheritDoc} The window under way, which the checker has then seen only from the next step it records and
     * does not judge.
     */
    @Override
    public void dropRecordings() {
        window.clear();
    }

    /** The width of the window whose spikes and steps a checkpoint saves. */
    @Override
    public String recordingLayout() {
        return "windows of " + window.windowSteps() + " steps";
    }

    /** The spikes and steps of the window under way. */
    @Override
    public void checkpoint(StateVisitor state) {
        window.checkpoint(state);
    }
}

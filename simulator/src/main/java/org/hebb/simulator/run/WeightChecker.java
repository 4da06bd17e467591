package org.hebb.simulator.run;

import java.util.List;

import org.hebb.simulator.connect.Projection;
import org.hebb.simulator.engine.SpikeView;

/**
 * Scans the weights of a projection that plasticity changes for NaN or infinity: at the end of every run and, where
 * the weights are kept in the host's arrays during runs (the Java engines), every {@code intervalSteps} steps of the
 * network's clock. A weight that is not finite but never delivered would not show in any neuron's state, so the
 * neuron scan alone would let a run end with it and a program write it out.
 */
public final class WeightChecker extends Checker {
    private final Projection projection;
    private final List<String> changers;
    private final int intervalSteps;
    private final boolean duringRuns;
    private final double dt;

    /**
     * @param changers      what changes the weights (rule names), for the report
     * @param intervalSteps steps between two scans during a run
     * @param duringRuns    whether to scan during runs too, not only when they end
     * @param dt            the time step, ms
     */
    public WeightChecker(Projection projection, List<String> changers, int intervalSteps, boolean duringRuns,
                         double dt) {
        this.projection = projection;
        this.changers = List.copyOf(changers);
        this.intervalSteps = intervalSteps;
        this.duringRuns = duringRuns;
        this.dt = dt;
    }

    @Override
    public boolean observesEngineAfter(long step) {
        return duringRuns && (step + 1) % intervalSteps == 0;
    }

    @Override
    public void record(long step, SpikeView spikes) {
        if (observesEngineAfter(step)) {
            scan(step);
        }
    }

    /** {@inheritDoc} Scans then, unless the interval's check has just scanned. */
    @Override
    public void runEnding(long lastStep) {
        if (!observesEngineAfter(lastStep)) {
            scan(lastStep);
        }
    }

    private void scan(long step) {
        int synapse = projection.firstNonFiniteWeight();
        if (synapse >= 0) {
            flag(String.format("weight = %s of synapse %d (element %d of '%s' onto neuron %d of '%s') of projection "
                    + "'%s', changed by %s, is not finite (found by the check at t = %.3f ms); a smaller learning "
                    + "rate or bounds on the weights may help", projection.weightOf(synapse), synapse,
                    projection.sourceOf(synapse), projection.source().name(), projection.targetOf(synapse),
                    projection.target().name(), projection.name(), String.join(" and ", changers), (step + 1) * dt));
        }
    }
}

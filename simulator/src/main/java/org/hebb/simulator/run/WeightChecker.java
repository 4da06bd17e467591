package org.hebb.simulator.run;

import java.util.List;

import org.hebb.simulator.connect.Projection;
import org.hebb.simulator.engine.SpikeView;

/**
 * Scans the weights of a projection that plasticity changes for NaN or infinity, so that every weight is scanned
 * within {@code cycleSteps} steps of the network's clock while runs go on: where the weights are kept in the host's
 * arrays during runs (the Java engines), all of them every {@code cycleSteps} steps; at the end of every run, on
 * every backend, the next share of them in proportion to the steps run since the last scan (all of them after a
 * cycle or more). A program that runs one step at a time thus pays a scan of the whole projection once per cycle,
 * not once per step. A weight that is not finite but never delivered would not show in any neuron's state, so the
 * neuron scan alone would let a run end with it and a program write it out; {@link #scanAll} serves before saving.
 */
public final class WeightChecker extends Checker {
    private final Projection projection;
    private final List<String> changers;
    private final int cycleSteps;
    private final boolean duringRuns;
    private final double dt;
    /** The synapse the next share starts at. */
    private int next;
    /** The step after which the last scan ran. */
    private long scannedAfter;

    /**
     * @param projection the projection whose weights plasticity changes
     * @param changers   what changes them (rule names), for the report
     * @param cycleSteps steps within which every weight is scanned
     * @param duringRuns whether to scan them all every cycle during runs too (the weights are current on the host)
     * @param firstStep  the first step the network will run
     * @param dt         the time step, ms
     */
    public WeightChecker(Projection projection, List<String> changers, int cycleSteps, boolean duringRuns,
                         long firstStep, double dt) {
        this.projection = projection;
        this.changers = List.copyOf(changers);
        this.cycleSteps = cycleSteps;
        this.duringRuns = duringRuns;
        this.scannedAfter = firstStep - 1;
        this.dt = dt;
    }

    @Override
    public boolean observesEngineAfter(long step) {
        return duringRuns && (step + 1) % cycleSteps == 0;
    }

    @Override
    public void record(long step, SpikeView spikes) {
        if (observesEngineAfter(step)) {
            flagIfFound(scanAll(step));
        }
    }

    /** {@inheritDoc} Scans the share of the weights due, unless the cycle's scan has just scanned them all. */
    @Override
    public void runEnding(long lastStep) {
        if (observesEngineAfter(lastStep)) {
            return;
        }
        long steps = lastStep - scannedAfter;
        int count = projection.synapseCount();
        if (steps >= 0 && steps < cycleSteps) {
            count = (int) ((count * steps + cycleSteps - 1) / cycleSteps);
        }
        String found = scan(next, count, lastStep);
        next = (int) ((next + (long) count) % Math.max(1, projection.synapseCount()));
        scannedAfter = lastStep;
        flagIfFound(found);
    }

    /**
     * Scans every weight now, after step {@code step}.
     *
     * @return the report of the first weight that is not finite, or null
     */
    public String scanAll(long step) {
        next = 0;
        scannedAfter = step;
        return scan(0, projection.synapseCount(), step);
    }

    /** Scans {@code count} weights from synapse {@code from} on, going round to synapse 0 after the last. */
    private String scan(int from, int count, long step) {
        int size = projection.synapseCount();
        int end = (int) Math.min(size, (long) from + count);
        int synapse = projection.firstNonFiniteWeight(from, end);
        if (synapse < 0 && (long) from + count > size) {
            synapse = projection.firstNonFiniteWeight(0, (int) ((long) from + count - size));
        }
        return synapse < 0 ? null : String.format("weight = %s of synapse %d (element %d of '%s' onto neuron %d of "
                + "'%s') of projection '%s', changed by %s, is not finite (found by the check at t = %.3f ms); a "
                + "smaller learning rate or bounds on the weights may help", projection.weightOf(synapse), synapse,
                projection.sourceOf(synapse), projection.source().name(), projection.targetOf(synapse),
                projection.target().name(), projection.name(), String.join(" and ", changers), (step + 1) * dt);
    }

    private void flagIfFound(String report) {
        if (report != null) {
            flag(report);
        }
    }
}

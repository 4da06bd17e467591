package org.hebb.simulator.run;

import java.util.List;

import java.util.Locale;
import org.hebb.simulator.connect.Projection;
import org.hebb.simulator.engine.Engine;
import org.hebb.simulator.engine.SpikeView;

/**
 * Scans the weights of a projection that plasticity changes for NaN or infinity, so that every weight is scanned
 * within {@code cycleSteps} steps of the network's clock while runs go on, the same on every backend: all of them
 * after every multiple of {@code cycleSteps} steps, through the engine's scan ({@link Engine#firstNonFiniteWeight},
 * which on a device scans them there), and at the end of every run the next share of them in proportion to the steps
 * run since the last scan (all of them after a cycle or more), in the projection's arrays, which the engine has
 * brought up to date then ({@link Engine#runEnded}). A program that runs one step at a time thus pays a scan of the
 * whole projection once per cycle, not once per step, and no launch on a device per run. A weight that is not finite
 * but never delivered would not show in any neuron's state, so the neuron scan alone would let a run end with it and a
 * program write it out; {@link #scanAll} serves before saving.
 */
public final class WeightChecker extends Checker {
    /** A scan of synapses [from, to) of a projection: the first whose weight is not finite, or null. */
    @FunctionalInterface
    public interface Scan {
        /** The first synapse in [{@code from}, {@code to}) of {@code projection} whose weight is not finite. */
        Engine.NonFiniteWeight firstNonFiniteWeight(Projection projection, int from, int to);
    }

    /** The scan at a run's end, when the engine has brought the projection's arrays up to date. */
    private static final Scan ON_HOST = Engine.NonFiniteWeight::firstOnHost;

    private final Projection projection;
    private final List<String> changers;
    private final Scan scan;
    private final int cycleSteps;
    private final double dt;
    /** The synapse the next share starts at. */
    private int next;
    /** The step after which the last scan ran. */
    private long scannedAfter;

    /**
     * @param projection the projection whose weights plasticity changes
     * @param changers   what changes them (rule names), for the report
     * @param scan       how to scan them at each cycle and in {@link #scanAll} (the engine's
     *                   {@link Engine#firstNonFiniteWeight})
     * @param cycleSteps steps within which every weight is scanned
     * @param firstStep  the first step the network will run
     * @param dt         the time step, ms
     */
    public WeightChecker(Projection projection, List<String> changers, Scan scan, int cycleSteps, long firstStep,
                         double dt) {
        this.projection = projection;
        this.changers = List.copyOf(changers);
        this.scan = scan;
        this.cycleSteps = cycleSteps;
        this.scannedAfter = firstStep - 1;
        this.dt = dt;
    }

    @Override
    public boolean observesEngineAfter(long step) {
        return (step + 1) % cycleSteps == 0;
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
        String found = scan(ON_HOST, next, count, lastStep);
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
        return scan(scan, 0, projection.synapseCount(), step);
    }

    /**
     * Scans {@code count} weights from synapse {@code from} on with {@code by}, going round to synapse 0 after the
     * last.
     */
    private String scan(Scan by, int from, int count, long step) {
        int size = projection.synapseCount();
        int end = (int) Math.min(size, (long) from + count);
        Engine.NonFiniteWeight found = by.firstNonFiniteWeight(projection, from, end);
        if (found == null && (long) from + count > size) {
            found = by.firstNonFiniteWeight(projection, 0, (int) ((long) from + count - size));
        }
        if (found == null) {
            return null;
        }
        int synapse = found.synapse();
        return String.format(Locale.ROOT,
                "weight = %s of synapse %d (element %d of '%s' onto neuron %d of '%s') of projection "
                + "'%s', changed by %s, is not finite (found by the check at t = %.3f ms); a smaller learning rate or "
                + "bounds on the weights may help", found.weight(), synapse, projection.sourceOf(synapse),
                projection.source().name(), projection.targetOf(synapse), projection.target().name(),
                projection.name(), String.join(" and ", changers), (step + 1) * dt);
    }

    private void flagIfFound(String report) {
        if (report != null) {
            flag(report);
        }
    }
}

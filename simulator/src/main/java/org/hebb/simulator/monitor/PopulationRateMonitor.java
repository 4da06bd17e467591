package org.hebb.simulator.monitor;

import org.eclipse.collections.impl.list.mutable.primitive.LongArrayList;
import org.hebb.simulator.checkpoint.Checkpointed;
import org.hebb.simulator.checkpoint.StateVisitor;
import org.hebb.simulator.engine.SpikeView;
import org.hebb.simulator.population.Population;
import org.hebb.util.Require;

/** The population's firing rate (Hz per neuron) in consecutive bins of a chosen number of steps. */
public final class PopulationRateMonitor implements Monitor, Checkpointed {
    private final Population population;
    private final int binSteps;
    private final double dt;
    private final LongArrayList binCounts = new LongArrayList();
    private long current;
    private int stepsInBin;
    private long firstStep = -1;

    /** Created by {@link org.hebb.simulator.Network#monitorRate}. */
    public PopulationRateMonitor(Population population, int binSteps, double dt) {
        this.population = population;
        this.binSteps = Require.atLeast("bin (steps)", binSteps, 1);
        this.dt = dt;
    }

    @Override
    public void record(long step, SpikeView spikes) {
        if (firstStep < 0) {
            firstStep = step;
        }
        current += spikes.total();
        if (++stepsInBin == binSteps) {
            binCounts.add(current);
            current = 0;
            stepsInBin = 0;
        }
    }

    /** {@inheritDoc} The bins so far and the one under way: the next step recorded starts a bin. */
    @Override
    public void dropRecordings() {
        binCounts.clear();
        current = 0;
        stepsInBin = 0;
        firstStep = -1;
    }

    /** Rate in Hz of each completed bin. */
    public double[] ratesHz() {
        double binSeconds = binSteps * dt / 1000.0;
        double[] rates = new double[binCounts.size()];
        for (int b = 0; b < rates.length; b++) {
            rates[b] = binCounts.get(b) / (population.size() * binSeconds);
        }
        return rates;
    }

    /** Start time in ms of each completed bin. */
    public double[] binStartsMs() {
        double[] t = new double[binCounts.size()];
        for (int b = 0; b < t.length; b++) {
            t[b] = (firstStep + (long) b * binSteps) * dt;
        }
        return t;
    }

    /** Width of a bin in ms. */
    public double binMs() {
        return binSteps * dt;
    }

    @Override
    public long memoryBytes() {
        return 8L * binCounts.size();
    }

    /** The width of the bins, whose counts a checkpoint saves. */
    @Override
    public String recordingLayout() {
        return "bins of " + binSteps + " steps";
    }

    /** The counts of the bins so far and of the bin under way. */
    @Override
    public void checkpoint(StateVisitor state) {
        long[] saved = state.list("bin_counts", binCounts.toArray(), binCounts.size());
        current = state.scalar("current", current);
        stepsInBin = (int) state.scalar("steps_in_bin", stepsInBin);
        firstStep = state.scalar("first_step", firstStep);
        if (state.restoring()) {
            binCounts.clear();
            binCounts.addAll(saved);
        }
    }
}

package org.hebb.simulator.input;

import java.util.Arrays;

import org.hebb.simulator.population.SpikeSourcePopulation;
import org.hebb.simulator.random.CounterRandom;
import org.hebb.util.Require;

/**
 * Poisson sources with a pairwise spike-count correlation c, built as a multiple interaction process (NEST's
 * mip_generator; Kuhn, Aertsen and Rotter 2003): a hidden mother process fires with probability rate * dt / c
 * per step, and each element copies each mother spike with probability c. Every element is then Poisson at
 * {@code rate}, and any two elements share a fraction c of their spikes.
 */
public final class CorrelatedPoissonSource extends SpikeSourcePopulation {
    private final double rateHz;
    private final double correlation;

    /** Created by {@link org.hebb.simulator.Network#addCorrelatedPoissonSource}. */
    public CorrelatedPoissonSource(String name, int size, double rateHz, double correlation, double dt) {
        super(name, size);
        Require.that(correlation > 0 && correlation <= 1, "correlation = " + correlation
                + " is not allowed: must be in (0, 1] (use a PoissonSource for uncorrelated inputs)");
        double motherPerStep = rateHz * dt / 1000.0 / correlation;
        Require.that(rateHz >= 0 && motherPerStep <= 1, "rate = " + rateHz + " Hz is not allowed with correlation "
                + correlation + ": rate * dt / correlation must be in [0, 1]");
        this.rateHz = rateHz;
        this.correlation = correlation;
    }

    /** Each element's rate, Hz. */
    public double rateHz() {
        return rateHz;
    }

    /** The pairwise correlation coefficient of spike counts. */
    public double correlation() {
        return correlation;
    }

    @Override
    public SpikeGenerator createGenerator(double dt, long key) {
        final CounterRandom random = new CounterRandom(key);
        final long motherThreshold = CounterRandom.bernoulliThreshold(rateHz * dt / 1000.0 / correlation);
        final long[] copyThresholds = new long[size()];
        Arrays.fill(copyThresholds, CounterRandom.bernoulliThreshold(correlation));
        final int motherIndex = size();
        return (step, from, to, spikes) -> {
            if (!random.bernoulli(step, motherIndex, motherThreshold)) {
                return 0;
            }
            return random.bernoulli(step, from, to, copyThresholds, spikes);
        };
    }
}

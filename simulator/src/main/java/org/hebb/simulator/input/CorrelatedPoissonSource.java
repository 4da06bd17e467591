package org.hebb.simulator.input;

import java.util.Arrays;

import org.hebb.simulator.population.SpikeSourcePopulation;
import org.hebb.simulator.random.CounterRandom;
import org.hebb.util.Require;

/**
 * Poisson sources with a pairwise spike-count correlation c, built as a multiple interaction process (NEST's
 * mip_generator; Kuhn, Aertsen and Rotter 2003) on the clock: with p = rate * dt, a hidden mother process fires in
 * a step with probability p / q, and each element copies each mother spike with probability q = c + p (1 - c).
 * Every element then fires in a step with probability p (Poisson at {@code rate}), and the spike counts of any two
 * elements, in a step or in any window of steps, have correlation exactly c. The copy probability is c where p is
 * small; with c alone the correlation would be (c - p) / (1 - p).
 */
public final class CorrelatedPoissonSource extends SpikeSourcePopulation {
    private final double rateHz;
    private final double correlation;

    /** Created by {@link org.hebb.simulator.Network#addCorrelatedPoissonSource}. */
    public CorrelatedPoissonSource(String name, int size, double rateHz, double correlation, double dt) {
        super(name, size);
        Require.that(correlation > 0 && correlation <= 1, "correlation = " + correlation
                + " is not allowed: must be in (0, 1] (use a PoissonSource for uncorrelated inputs)");
        Require.that(rateHz >= 0 && rateHz * dt / 1000.0 <= 1, "rate = " + rateHz + " Hz is not allowed: must be in "
                + "[0, " + 1000.0 / dt + "] (rate * dt must not exceed 1)");
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
        double perStep = rateHz * dt / 1000.0;
        double copy = correlation + perStep * (1 - correlation);
        final long motherThreshold = CounterRandom.bernoulliThreshold(Math.min(1.0, perStep / copy));
        final long[] copyThresholds = new long[size()];
        Arrays.fill(copyThresholds, CounterRandom.bernoulliThreshold(Math.min(1.0, copy)));
        final int motherIndex = size();
        return (step, from, to, spikes) -> {
            if (!random.bernoulli(step, motherIndex, motherThreshold)) {
                return 0;
            }
            return random.bernoulli(step, from, to, copyThresholds, spikes);
        };
    }
}

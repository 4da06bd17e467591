package org.hebb.simulator.input;

import org.hebb.util.Require;

/**
 * Poisson spike sources with per-element rates (Hz) that may change between steps. In each step of length dt an
 * element fires with probability rate * dt, as Brian2's PoissonGroup does, so rate * dt must not exceed 1.
 */
public final class PoissonSource extends BernoulliSource {
    private final double dtSeconds;

    /** Created by {@link org.hebb.simulator.Network#addPoissonSource}. */
    public PoissonSource(String name, int size, double rateHz, double dt) {
        super(name, size);
        this.dtSeconds = dt / 1000.0;
        setRate(rateHz);
    }

    /** Sets every element's rate in Hz (0 <= rate <= 1 / dt). */
    public void setRate(double rateHz) {
        checkRate("rate", rateHz);
        for (int i = 0; i < size(); i++) {
            super.setProbability(i, probability(rateHz));
        }
    }

    /** Sets each element's rate in Hz (0 <= rate <= 1 / dt). */
    public void setRates(float[] ratesHz) {
        Require.notNull("rates", ratesHz);
        Require.that(ratesHz.length == size(), "rates has length " + ratesHz.length
                + ": must be the population size " + size());
        for (int i = 0; i < ratesHz.length; i++) {
            checkRate("rate[" + i + "]", ratesHz[i]);
        }
        for (int i = 0; i < ratesHz.length; i++) {
            super.setProbability(i, probability(ratesHz[i]));
        }
    }

    /** Element {@code index}'s rate in Hz. */
    public double rate(int index) {
        return probability(index) / dtSeconds;
    }

    private void checkRate(String name, double rateHz) {
        Require.that(rateHz >= 0 && rateHz * dtSeconds <= 1 + 1e-9, name + " = " + rateHz + " Hz is not allowed: "
                + "must be in [0, " + 1 / dtSeconds + "] (rate * dt must not exceed 1)");
    }

    private double probability(double rateHz) {
        return Math.min(1.0, rateHz * dtSeconds);
    }
}

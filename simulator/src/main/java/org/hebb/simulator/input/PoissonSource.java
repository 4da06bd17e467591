package org.hebb.simulator.input;

import org.hebb.simulator.random.CounterRandom;

/**
 * Poisson spike sources with per-element rates (Hz) that may change between steps. Under the clock-driven engine
 * an element fires in each step of length dt with probability rate * dt, as Brian2's PoissonGroup does, so
 * rate * dt must not exceed 1. Under the event-driven engine intervals are exponential and spike times exact; a
 * rate change takes effect at the start of the next step (the pending interval is drawn afresh, which the
 * process's lack of memory allows).
 */
public final class PoissonSource extends BernoulliSource {
    private final double dtSeconds;

    /** Created by {@link org.hebb.simulator.Network#addPoissonSource}. */
    public PoissonSource(String name, int size, double rateHz, double dt) {
        super(name, size);
        this.dtSeconds = dt / 1000.0;
        setRate(rateHz);
    }

    /** Sets every element's rate in Hz (0 &lt;= rate &lt;= 1 / dt). */
    public void setRate(double rateHz) {
        if (!allowed(rateHz)) {
            throw refused("rate", rateHz);
        }
        for (int i = 0; i < size(); i++) {
            super.setProbability(i, probability(rateHz));
        }
    }

    /** Sets each element's rate in Hz (0 &lt;= rate &lt;= 1 / dt). */
    public void setRates(float[] ratesHz) {
        requireOnePerElement("rates", ratesHz);
        for (int i = 0; i < ratesHz.length; i++) {
            if (!allowed(ratesHz[i])) {
                throw refused("rate[" + i + "]", ratesHz[i]);
            }
        }
        for (int i = 0; i < ratesHz.length; i++) {
            super.setProbability(i, probability(ratesHz[i]));
        }
    }

    /** Element {@code index}'s rate in Hz. */
    public double rate(int index) {
        return probability(index) / dtSeconds;
    }

    private boolean allowed(double rateHz) {
        return rateHz >= 0 && rateHz * dtSeconds <= 1 + 1e-9;
    }

    /** Built only for a refused rate: user code may set rates every step. */
    private IllegalArgumentException refused(String name, double rateHz) {
        return new IllegalArgumentException(name + " = " + rateHz + " Hz is not allowed: must be in [0, "
                + 1 / dtSeconds + "] (rate * dt must not exceed 1)");
    }

    private double probability(double rateHz) {
        return Math.min(1.0, rateHz * dtSeconds);
    }

    @Override
    public EventTimes createEventTimes(long key) {
        final CounterRandom random = new CounterRandom(key);
        final long[] draws = new long[size()];
        final double[] clock = new double[size()];
        final double msPerSecond = 1000.0;
        return new EventTimes() {
            @Override
            public void restart(int element, double fromMs) {
                clock[element] = fromMs;
            }

            @Override
            public double next(int element) {
                double rate = rate(element);
                if (rate == 0) {
                    return Double.POSITIVE_INFINITY;
                }
                double u = random.uniformDouble(element, draws[element]++);
                clock[element] += -Math.log1p(-u) * msPerSecond / rate;
                return clock[element];
            }
        };
    }
}

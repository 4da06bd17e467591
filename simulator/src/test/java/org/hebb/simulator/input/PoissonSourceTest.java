package org.hebb.simulator.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.hebb.simulator.Network;
import org.hebb.simulator.monitor.PopulationRateMonitor;
import org.hebb.simulator.monitor.SpikeMonitor;
import org.hebb.simulator.testing.AllocationMeter;
import org.junit.jupiter.api.Test;

/** Poisson sources: measured rate, rates changed during a run, and the rate * dt <= 1 bound. */
class PoissonSourceTest {

    private static Network network(long seed) {
        return Network.builder().dt(0.1).seed(seed).threads(1).build();
    }

    /** Expected count and its binomial standard deviation for n sources x steps at probability p per step. */
    private static void assertBinomial(double n, double p, long count, String what) {
        assertEquals(n * p, count, 5 * Math.sqrt(n * p * (1 - p)), what);
    }

    @Test
    void measuredRateMatchesTheSetRate() {
        try (Network net = network(1)) {
            PoissonSource source = net.addPoissonSource("poisson", 1000, 20);
            SpikeMonitor spikes = net.monitorSpikes(source, SpikeMonitor.settings().countsOnly());
            net.run(1000);
            assertBinomial(1000.0 * 10_000, 20 * 1e-4, spikes.totalCount(), "spikes of 1000 sources in 1 s");
            assertEquals(20, spikes.meanRateHz(), 5 * Math.sqrt(20.0 / 1000));
            // Per source the count is binomial too: no source may be far off.
            int[] counts = spikes.counts();
            int max = 0;
            for (int c : counts) {
                max = Math.max(max, c);
            }
            assertTrue(max < 50, "a source fired " + max + " times at an expected 20");
        }
    }

    @Test
    void perSourceRatesAreRespected() {
        try (Network net = network(2)) {
            PoissonSource source = net.addPoissonSource("poisson", 400, 0);
            float[] rates = new float[400];
            for (int i = 0; i < 400; i++) {
                rates[i] = i < 200 ? 5f : 80f;
            }
            source.setRates(rates);
            assertEquals(80, source.rate(399), 1e-3);
            assertEquals(5, source.rate(0), 1e-4);
            SpikeMonitor spikes = net.monitorSpikes(source, SpikeMonitor.settings().countsOnly());
            net.run(500);
            long low = 0;
            long high = 0;
            int[] counts = spikes.counts();
            for (int i = 0; i < 400; i++) {
                if (i < 200) {
                    low += counts[i];
                } else {
                    high += counts[i];
                }
            }
            assertBinomial(200.0 * 5000, 5e-4, low, "sources at 5 Hz");
            assertBinomial(200.0 * 5000, 8e-3, high, "sources at 80 Hz");
        }
    }

    @Test
    void rateChangedFromAStepCallbackTakesEffectInTheNextStep() {
        try (Network net = network(3)) {
            PoissonSource source = net.addPoissonSource("poisson", 500, 1000);
            PopulationRateMonitor rate = net.monitorRate(source, 100);
            SpikeMonitor spikes = net.monitorSpikes(source);
            net.afterEachStep((step, timeMs) -> {
                if (step == 2999) {
                    source.setRate(0);
                } else if (step == 3999) {
                    source.setRate(2000);
                }
            });
            net.run(600);
            double[] hz = rate.ratesHz();
            assertEquals(6, hz.length);
            // A bin is 500 sources x 1000 steps of probability rate * dt; rate = count / (500 x 0.1 s).
            double sigma1000 = Math.sqrt(500 * 1000 * 0.1 * 0.9) / 50;
            double sigma2000 = Math.sqrt(500 * 1000 * 0.2 * 0.8) / 50;
            for (int b = 0; b < 3; b++) {
                assertEquals(1000, hz[b], 5 * sigma1000, "bin " + b);
            }
            assertEquals(0, hz[3], "bin 3 (rate 0)");
            assertEquals(2000, hz[4], 5 * sigma2000, "bin 4");
            assertEquals(2000, hz[5], 5 * sigma2000, "bin 5");
            long lastBefore = -1;
            long firstAfter = Long.MAX_VALUE;
            for (long s : spikes.steps()) {
                assertTrue(s < 3000 || s >= 4000, "spike in step " + s + " while the rate was 0");
                if (s < 3000) {
                    lastBefore = Math.max(lastBefore, s);
                } else {
                    firstAfter = Math.min(firstAfter, s);
                }
            }
            assertEquals(2999, lastBefore, "at 1000 Hz x 500 sources a spike is all but certain in the last step");
            assertEquals(4000, firstAfter, "at 2000 Hz x 500 sources a spike is all but certain in the first step");
        }
    }

    @Test
    void rateTimesDtAboveOneIsRefused() {
        try (Network net = network(1)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> net.addPoissonSource("p", 10, 10_001));
            assertTrue(e.getMessage().contains("rate = 10001.0 Hz") && e.getMessage().contains("10000.0"),
                    e.getMessage());
            assertTrue(net.populations().isEmpty(), "the refused source must not be added");
            PoissonSource ok = net.addPoissonSource("p", 10, 10_000);
            assertEquals(1.0, ok.probability(3), 1e-6);
            e = assertThrows(IllegalArgumentException.class, () -> ok.setRate(20_000));
            assertTrue(e.getMessage().contains("rate = 20000.0 Hz"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> ok.setRate(-1));
            assertTrue(e.getMessage().contains("rate = -1.0 Hz"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> ok.setRate(Double.NaN));
            assertTrue(e.getMessage().contains("rate = NaN Hz"), e.getMessage());
            float[] rates = new float[10];
            rates[7] = 12_000;
            e = assertThrows(IllegalArgumentException.class, () -> ok.setRates(rates));
            assertTrue(e.getMessage().contains("rate[7] = 12000.0 Hz"), e.getMessage());
            assertEquals(10_000, ok.rate(7), 1e-3, "a refused setRates must change nothing");
        }
    }

    /** Rates that change every step, set from a step callback, allocate nothing, checks included. */
    @Test
    void ratesSetEveryStepAllocateNothing() {
        try (Network net = network(1)) {
            PoissonSource source = net.addPoissonSource("p", 100, 0);
            float[] rates = new float[source.size()];
            Arrays.fill(rates, 20);
            net.afterEachStep((step, timeMs) -> {
                if (step % 2 == 0) {
                    source.setRates(rates);
                } else {
                    source.setRate(5);
                }
            });
            AllocationMeter.assertStepsAllocateNothing(net, "rates set every step");
            assertEquals(100 * net.stepsRun() + 100, source.changeCount(), "a change per element and step");
        }
    }

    @Test
    void rateBoundDependsOnDt() {
        try (Network net = Network.builder().dt(1.0).seed(1).threads(1).build()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> net.addPoissonSource("p", 10, 1001));
            assertTrue(e.getMessage().contains("rate = 1001.0 Hz"), e.getMessage());
            PoissonSource always = net.addPoissonSource("always", 10, 1000);
            SpikeMonitor spikes = net.monitorSpikes(always);
            net.run(20);
            assertEquals(200, spikes.totalCount(), "rate 1/dt fires in every step");
        }
    }

    @Test
    void sameSeedSameSpikesDifferentSeedDifferentSpikes() {
        long[] totals = new long[3];
        long[][] steps = new long[3][];
        long[] seeds = {9, 9, 10};
        for (int r = 0; r < 3; r++) {
            try (Network net = network(seeds[r])) {
                PoissonSource source = net.addPoissonSource("poisson", 100, 50);
                SpikeMonitor spikes = net.monitorSpikes(source);
                net.run(100);
                totals[r] = spikes.totalCount();
                steps[r] = spikes.steps();
            }
        }
        assertEquals(totals[0], totals[1]);
        assertTrue(java.util.Arrays.equals(steps[0], steps[1]));
        assertTrue(!java.util.Arrays.equals(steps[0], steps[2]), "another seed must give other spikes");
    }
}

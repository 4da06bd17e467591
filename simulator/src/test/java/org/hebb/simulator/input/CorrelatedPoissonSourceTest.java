package org.hebb.simulator.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hebb.simulator.Network;
import org.hebb.simulator.monitor.SpikeMonitor;
import org.junit.jupiter.api.Test;

/** The multiple interaction process: Poisson rate per element and pairwise count correlation c. */
class CorrelatedPoissonSourceTest {
    @Test
    void elementsFireAtTheRateAndShareAFractionCOfTheirSpikes() {
        double mean = meanPairwiseCorrelation(0.1, 20, 0.3, 11);
        System.out.printf("MIP: mean pairwise count correlation %.3f (c = %.2f)%n", mean, 0.3);
        assertEquals(0.3, mean, 0.04);
    }

    /**
     * At 200 Hz and dt = 1 ms an element fires in a step with probability p = 0.2: a mother of probability p / c
     * whose spikes are copied with probability c gives a count correlation of (c - p) / (1 - p) = 0.25 for c = 0.4,
     * not c. The spike-count correlation is c at any rate * dt.
     */
    @Test
    void countCorrelationIsCAlsoWhenRateTimesDtIsLarge() {
        double mean = meanPairwiseCorrelation(1.0, 200, 0.4, 12);
        assertEquals(0.4, mean, 0.04, "mean pairwise count correlation");
    }

    /** The mean correlation over all pairs of 40 elements' spike counts in 50 ms bins of a 60 s run. */
    private static double meanPairwiseCorrelation(double dt, double rate, double c, long seed) {
        int n = 40;
        double durationMs = 60_000;
        double binMs = 50;
        int bins = (int) (durationMs / binMs);
        double[][] counts = new double[n][bins];
        try (Network net = Network.builder().dt(dt).seed(seed).threads(1).build()) {
            CorrelatedPoissonSource source = net.addCorrelatedPoissonSource("mip", n, rate, c);
            SpikeMonitor monitor = net.monitorSpikes(source);
            net.run(durationMs);
            int[] neurons = monitor.neurons();
            long[] steps = monitor.steps();
            for (int s = 0; s < neurons.length; s++) {
                counts[neurons[s]][(int) (steps[s] * dt / binMs)]++;
            }
            assertEquals(rate, monitor.meanRateHz(), 0.03 * rate);
        }
        double sum = 0;
        int pairs = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                sum += correlation(counts[i], counts[j]);
                pairs++;
            }
        }
        return sum / pairs;
    }

    @Test
    void refusesImpossibleRatesAndCorrelations() {
        try (Network net = Network.builder().dt(0.1).build()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> net.addCorrelatedPoissonSource("a", 10, 10, 0));
            assertTrue(e.getMessage().contains("correlation = 0.0"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class,
                    () -> net.addCorrelatedPoissonSource("b", 10, 10_001, 0.1));
            assertTrue(e.getMessage().contains("rate = 10001.0 Hz") && e.getMessage().contains("10000.0]"),
                    e.getMessage());
        }
    }

    private static double correlation(double[] a, double[] b) {
        double ma = 0;
        double mb = 0;
        for (int k = 0; k < a.length; k++) {
            ma += a[k];
            mb += b[k];
        }
        ma /= a.length;
        mb /= b.length;
        double cov = 0;
        double va = 0;
        double vb = 0;
        for (int k = 0; k < a.length; k++) {
            cov += (a[k] - ma) * (b[k] - mb);
            va += (a[k] - ma) * (a[k] - ma);
            vb += (b[k] - mb) * (b[k] - mb);
        }
        return cov / Math.sqrt(va * vb);
    }
}

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
        int n = 40;
        double rate = 20;
        double c = 0.3;
        double durationMs = 60_000;
        double binMs = 50;
        int bins = (int) (durationMs / binMs);
        double[][] counts = new double[n][bins];
        try (Network net = Network.builder().dt(0.1).seed(11).threads(1).build()) {
            CorrelatedPoissonSource source = net.addCorrelatedPoissonSource("mip", n, rate, c);
            SpikeMonitor monitor = net.monitorSpikes(source);
            net.run(durationMs);
            for (int s = 0; s < monitor.storedCount(); s++) {
                counts[monitor.neurons()[s]][(int) (monitor.steps()[s] * 0.1 / binMs)]++;
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
        double mean = sum / pairs;
        System.out.printf("MIP: mean pairwise count correlation %.3f (c = %.2f)%n", mean, c);
        assertEquals(c, mean, 0.04);
    }

    @Test
    void refusesImpossibleRatesAndCorrelations() {
        try (Network net = Network.builder().dt(0.1).build()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> net.addCorrelatedPoissonSource("a", 10, 10, 0));
            assertTrue(e.getMessage().contains("correlation = 0.0"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class,
                    () -> net.addCorrelatedPoissonSource("b", 10, 5000, 0.1));
            assertTrue(e.getMessage().contains("rate = 5000.0 Hz"), e.getMessage());
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

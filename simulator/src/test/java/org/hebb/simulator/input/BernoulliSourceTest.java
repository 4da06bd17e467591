package org.hebb.simulator.input;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hebb.simulator.Network;
import org.hebb.simulator.monitor.SpikeMonitor;
import org.junit.jupiter.api.Test;

/** Bernoulli sources: per-element probabilities per step, and the intensity encoder. */
class BernoulliSourceTest {
    private static final double[] LEVELS = {0, 0.01, 0.1, 0.5, 1};
    private static final int PER_LEVEL = 100;
    private static final int STEPS = 1000;

    @Test
    void probabilitiesPerStepAreRespected() {
        try (Network net = Network.builder().dt(0.1).seed(4).threads(1).build()) {
            BernoulliSource source = net.addBernoulliSource("pixels", LEVELS.length * PER_LEVEL);
            float[] p = new float[source.size()];
            for (int i = 0; i < p.length; i++) {
                p[i] = (float) LEVELS[i / PER_LEVEL];
            }
            source.setProbabilities(p);
            SpikeMonitor spikes = net.monitorSpikes(source, SpikeMonitor.settings().countsOnly());
            net.run(STEPS * 0.1);
            int[] counts = spikes.counts();
            for (int level = 0; level < LEVELS.length; level++) {
                long total = 0;
                for (int i = level * PER_LEVEL; i < (level + 1) * PER_LEVEL; i++) {
                    total += counts[i];
                }
                double n = (double) PER_LEVEL * STEPS;
                double q = LEVELS[level];
                assertEquals(n * q, total, 5 * Math.sqrt(n * q * (1 - q)), "probability " + q);
            }
            assertEquals(STEPS, counts[LEVELS.length * PER_LEVEL - 1], "p = 1 fires in every step");
            assertEquals(0, counts[0], "p = 0 never fires");
        }
    }

    @Test
    void sourcesStartSilent() {
        try (Network net = Network.builder().dt(0.1).seed(4).threads(1).build()) {
            BernoulliSource source = net.addBernoulliSource("pixels", 50);
            SpikeMonitor spikes = net.monitorSpikes(source);
            net.run(10);
            assertEquals(0, spikes.totalCount());
            source.setProbability(7, 1.0);
            net.run(10);
            assertEquals(100, spikes.totalCount());
            assertEquals(100, spikes.counts()[7]);
        }
    }

    @Test
    void fromIntensitiesScalesLinearly() {
        float[] p = BernoulliSource.fromIntensities(new float[] {0, 51, 127.5f, 255}, 255, 0.2);
        assertArrayEquals(new float[] {0f, 0.04f, 0.1f, 0.2f}, p, 1e-7f);
    }

    @Test
    void fromIntensitiesDrivesSourcesProportionally() {
        int n = 200;
        float[] intensities = new float[2 * n];
        for (int i = n; i < 2 * n; i++) {
            intensities[i] = i % 2 == 0 ? 255 : 63.75f;
        }
        try (Network net = Network.builder().dt(0.1).seed(5).threads(1).build()) {
            BernoulliSource source = net.addBernoulliSource("pixels", 2 * n);
            source.setProbabilities(BernoulliSource.fromIntensities(intensities, 255, 0.4));
            assertEquals(0.4, source.probability(n), 1e-7);
            assertEquals(0.1, source.probability(n + 1), 1e-7);
            SpikeMonitor spikes = net.monitorSpikes(source, SpikeMonitor.settings().countsOnly());
            net.run(100);
            int[] counts = spikes.counts();
            long dark = 0;
            long bright = 0;
            long dim = 0;
            for (int i = 0; i < 2 * n; i++) {
                if (i < n) {
                    dark += counts[i];
                } else if (i % 2 == 0) {
                    bright += counts[i];
                } else {
                    dim += counts[i];
                }
            }
            double trials = n / 2.0 * 1000;
            assertEquals(0, dark);
            assertEquals(trials * 0.4, bright, 5 * Math.sqrt(trials * 0.4 * 0.6));
            assertEquals(trials * 0.1, dim, 5 * Math.sqrt(trials * 0.1 * 0.9));
        }
    }

    @Test
    void invalidProbabilitiesAndIntensitiesAreRefused() {
        try (Network net = Network.builder().dt(0.1).seed(4).threads(1).build()) {
            BernoulliSource source = net.addBernoulliSource("pixels", 3);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> source.setProbabilities(new float[] {0.1f, 1.5f, 0.2f}));
            assertTrue(e.getMessage().contains("probability[1] = 1.5"), e.getMessage());
            assertEquals(0, source.probability(0), "a refused setProbabilities must change nothing");
            e = assertThrows(IllegalArgumentException.class, () -> source.setProbabilities(new float[2]));
            assertTrue(e.getMessage().contains("length 2") && e.getMessage().contains("3"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> source.setProbability(3, 0.5));
            assertTrue(e.getMessage().contains("index = 3"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> source.setProbability(0, -0.1));
            assertTrue(e.getMessage().contains("probability = -0.1"), e.getMessage());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BernoulliSource.fromIntensities(new float[] {10, 300}, 255, 0.5));
        assertTrue(e.getMessage().contains("intensity[1] = 300.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> BernoulliSource.fromIntensities(new float[] {10}, 255, 1.5));
        assertTrue(e.getMessage().contains("maxProbability = 1.5"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> BernoulliSource.fromIntensities(new float[] {10}, 0, 0.5));
        assertTrue(e.getMessage().contains("maxIntensity = 0.0"), e.getMessage());
    }
}

package org.hebb.simulator.input;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;

import org.hebb.simulator.Network;
import org.hebb.simulator.monitor.SpikeMonitor;
import org.hebb.simulator.random.CounterRandom;
import org.hebb.simulator.random.Philox;
import org.hebb.simulator.random.Seeds;
import org.hebb.simulator.testing.AllocationMeter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    /**
     * Probabilities far below 2^-24 per step: a trial succeeds when the uniform integer of 63 bits made of the
     * element's word of the step (stream tag 0x55AA) and, below it, the top 31 bits of its word of the second stream
     * (tag 0x55AB) is less than p 2^63, so that it succeeds with probability exactly p. Over 2^26 trials some words
     * fall between p 2^32 and 2^8, where a uniform of 24 bits would be 0 and fire for every p > 0.
     */
    @Test
    void probabilitiesFarBelowTwoToTheMinus24FireExactlyAsTheirUniformsSay() {
        int size = 1 << 16;
        int steps = 1 << 10;
        float[] levels = {0x1.0p-30f, 1e-9f, 0x1.0p-32f};
        float[] p = new float[size];
        for (int i = 0; i < size; i++) {
            p[i] = levels[i % levels.length];
        }
        long seed = 12;
        long[] spikeSteps;
        int[] spikeNeurons;
        try (Network net = Network.builder().dt(0.1).seed(seed).threads(2).build()) {
            BernoulliSource source = net.addBernoulliSource("rare", size);
            source.setProbabilities(p);
            SpikeMonitor spikes = net.monitorSpikes(source);
            net.run(steps * 0.1);
            spikeSteps = spikes.steps();
            spikeNeurons = spikes.neurons();
        }
        long key = Seeds.derive(seed, "source:rare");
        int[] first = new int[4];
        int[] second = new int[4];
        int k = 0;
        int smallWords = 0;
        for (long step = 0; step < steps; step++) {
            for (int i = 0; i < size; i++) {
                if ((i & 3) == 0) {
                    Philox.generate(i >>> 2, (int) step, (int) (step >>> 32), 0x55AA, (int) key,
                            (int) (key >>> 32), first);
                }
                long word = first[i & 3] & 0xFFFFFFFFL;
                if (word >= 1 << 8) {
                    continue;
                }
                smallWords++;
                Philox.generate(i >>> 2, (int) step, (int) (step >>> 32), 0x55AB, (int) key, (int) (key >>> 32),
                        second);
                long draw = (word << 31) | (second[i & 3] >>> 1);
                // p 2^63 is an integer for every float p >= 2^-40, and exact in double
                if (draw < (long) (p[i] * 0x1.0p63)) {
                    assertTrue(k < spikeSteps.length, "missing spike of element " + i + " at step " + step);
                    assertEquals(step, spikeSteps[k], "spike " + k + " step");
                    assertEquals(i, spikeNeurons[k], "spike " + k + " element (p = " + p[i] + ")");
                    k++;
                }
            }
        }
        assertEquals(k, spikeSteps.length, "no other spikes: a spike at a word of 2^8 or more is too many");
        assertTrue(smallWords >= 3, "test setup: words below 2^8 drawn: " + smallWords);
    }

    /** A restored checkpoint's probabilities decide the trials: the restored network fires as the saved one would. */
    @Test
    void restoredProbabilitiesDecideTheTrials(@TempDir Path directory) {
        Path file = directory.resolve("pixels.h5");
        float[] p = new float[300];
        for (int i = 0; i < p.length; i++) {
            p[i] = i % 3 == 0 ? 0.2f : i % 3 == 1 ? 0.7f : 1e-9f;
        }
        long[] straightSteps;
        int[] straightNeurons;
        try (Network net = Network.builder().dt(0.1).seed(6).threads(2).build()) {
            BernoulliSource source = net.addBernoulliSource("pixels", p.length);
            source.setProbabilities(p);
            net.run(10);
            SpikeMonitor spikes = net.monitorSpikes(source);
            net.run(10);
            straightSteps = spikes.steps();
            straightNeurons = spikes.neurons();
        }
        try (Network net = Network.builder().dt(0.1).seed(6).threads(1).build()) {
            net.addBernoulliSource("pixels", p.length).setProbabilities(p);
            net.run(10);
            net.saveCheckpoint(file);
        }
        try (Network net = Network.builder().dt(0.1).seed(6).threads(1).build()) {
            BernoulliSource source = net.addBernoulliSource("pixels", p.length);
            net.restoreCheckpoint(file);
            for (int i = 0; i < p.length; i++) {
                assertEquals(p[i], source.probability(i), "probability " + i);
                assertEquals(CounterRandom.bernoulliThreshold(p[i]), source.threshold(i), "threshold " + i);
            }
            SpikeMonitor spikes = net.monitorSpikes(source);
            net.run(10);
            assertTrue(straightSteps.length > 1000, "test setup: spikes " + straightSteps.length);
            assertArrayEquals(straightSteps, spikes.steps(), "spike steps");
            assertArrayEquals(straightNeurons, spikes.neurons(), "spiking elements");
            assertEquals(0, Arrays.stream(spikes.neurons()).filter(i -> i % 3 == 2).count(), "p = 1e-9");
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

    /** An image that changes every step, set from a step callback, allocates nothing, checks included. */
    @Test
    void probabilitiesSetEveryStepAllocateNothing() {
        try (Network net = Network.builder().dt(1).seed(4).threads(1).build()) {
            BernoulliSource source = net.addBernoulliSource("pixels", 784);
            float[][] images = new float[2][source.size()];
            Arrays.fill(images[1], 0.25f);
            net.afterEachStep((step, timeMs) -> source.setProbabilities(images[(int) (step % 2)]));
            AllocationMeter.assertStepsAllocateNothing(net, "probabilities set every step");
            assertEquals(net.stepsRun(), source.changeCount(), "probabilities set every step");
        }
    }

    @Test
    void invalidProbabilitiesAndIntensitiesAreRefused() {
        try (Network net = Network.builder().dt(0.1).seed(4).threads(1).build()) {
            BernoulliSource source = net.addBernoulliSource("pixels", 3);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> source.setProbabilities(new float[] {0.1f, 1.5f, 0.2f}));
            assertTrue(e.getMessage().contains("probability[1] = 1.5"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class,
                    () -> source.setProbabilities(new float[] {0.1f, 0.2f, Float.NaN}));
            assertTrue(e.getMessage().contains("probability[2] = NaN"), e.getMessage());
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
        e = assertThrows(IllegalArgumentException.class, () -> BernoulliSource.fromIntensities(null, 255, 0.5));
        assertTrue(e.getMessage().contains("intensities"), e.getMessage());
    }
}

package org.hebb.simulator.init;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.hebb.simulator.connect.Delays;
import org.hebb.simulator.random.Seeds;
import org.junit.jupiter.api.Test;

/**
 * A normal drawn again outside an interval is the truncated normal: every value inside, the mean and the share
 * below a point as the truncated distribution has them; delays drawn so round to whole steps of at least one.
 */
class NormalRedrawnTest {
    private static final int DRAWS = 200_000;

    /** Weights of the microcircuit's excitatory synapses with an sd of 60% instead of 10%, so that 5% are redrawn. */
    @Test
    void valuesFollowTheTruncatedNormal() {
        double mean = 87.81;
        double sd = 0.6 * mean;
        ValueDistribution weights = Values.normalRedrawn(mean, sd, 0, Double.POSITIVE_INFINITY);
        UniformRandomProvider random = Seeds.generator(7, "redrawn");
        double sum = 0;
        int belowMean = 0;
        for (int k = 0; k < DRAWS; k++) {
            double w = weights.sample(random);
            assertTrue(w >= 0, "drawn " + w);
            sum += w;
            belowMean += w < mean ? 1 : 0;
        }
        NormalDistribution normal = NormalDistribution.of(mean, sd);
        double inside = normal.survivalProbability(0);
        // mean of a normal truncated below at 0: mean + sd phi(a) / (1 - Phi(a)), a = -mean / sd
        double a = -mean / sd;
        double truncatedMean = mean + sd * NormalDistribution.of(0, 1).density(a) / inside;
        assertEquals(truncatedMean, sum / DRAWS, 5 * sd / Math.sqrt(DRAWS), "mean");
        double shareBelowMean = normal.probability(0, mean) / inside;
        assertEquals(shareBelowMean, belowMean / (double) DRAWS,
                5 * Math.sqrt(shareBelowMean * (1 - shareBelowMean) / DRAWS), "share below the mean");
        assertTrue(Math.abs(truncatedMean - mean) > 20 * sd / Math.sqrt(DRAWS), "the case tells truncation apart");
    }

    @Test
    void anIntervalHoldingAlmostNothingIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Values.normalRedrawn(0, 1, 10, 11));
        assertTrue(e.getMessage().contains("[low, high] = [10.0, 11.0]") && e.getMessage().contains("1e-6"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Values.normalRedrawn(0, 1, 2, 1));
        assertTrue(e.getMessage().contains("low <= high"), e.getMessage());
    }

    /** The microcircuit's inhibitory delays: 0.75 ms, sd 0.375 ms; below 0.05 ms drawn again, then whole steps. */
    @Test
    void delaysAreRedrawnBelowHalfAStepAndRounded() {
        double dt = 0.1;
        Delays.DelayDistribution delays = Delays.normalMs(0.75, 0.375);
        UniformRandomProvider random = Seeds.generator(7, "delays");
        int[] histogram = new int[40];
        for (int k = 0; k < DRAWS; k++) {
            histogram[delays.sampleSteps(random, dt)]++;
        }
        assertEquals(0, histogram[0], "no delay rounds to 0 steps");
        NormalDistribution normal = NormalDistribution.of(0.75, 0.375);
        double inside = normal.survivalProbability(dt / 2);
        for (int steps = 1; steps <= 15; steps++) {
            double p = normal.probability(Math.max(dt / 2, (steps - 0.5) * dt), (steps + 0.5) * dt) / inside;
            assertEquals(p * DRAWS, histogram[steps], 5 * Math.sqrt(DRAWS * p * (1 - p)) + 1, steps + " steps");
        }
        double ms = delays.sampleMs(random, dt);
        assertTrue(ms >= dt / 2, "continuous delay " + ms);
    }
}

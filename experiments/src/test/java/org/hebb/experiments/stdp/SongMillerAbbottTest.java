package org.hebb.experiments.stdp;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hebb.experiments.stdp.SongMillerAbbott.Cell;
import org.hebb.experiments.stdp.SongMillerAbbott.Config;
import org.hebb.experiments.stdp.SongMillerAbbott.Result;
import org.hebb.experiments.stdp.SongMillerAbbott.Snapshot;
import org.junit.jupiter.api.Test;

/**
 * Song, Miller and Abbott (2000) with the paper's neuron and STDP parameters: STDP balances the output rate
 * against the input rate, drives the weights towards the bounds, and favours a correlated input group.
 */
class SongMillerAbbottTest {
    private static final double DURATION_MS = 200_000;

    @Test
    void outputRateBarelyFollowsADoublingOfTheInputRate() {
        Result slow = SongMillerAbbott.run(new Config(Cell.SONG_2000, 1000, 10, 0, 0.2, 0, 0.005, DURATION_MS, 1));
        Result fast = SongMillerAbbott.run(new Config(Cell.SONG_2000, 1000, 20, 0, 0.2, 0, 0.005, DURATION_MS, 1));
        double change = Math.abs(fast.outputRateLastHz() - slow.outputRateLastHz()) / slow.outputRateLastHz();
        System.out.printf("Song et al.: output %.1f Hz at 10 Hz input, %.1f Hz at 20 Hz (change %.0f%%); "
                        + "near bounds %.2f and %.2f; early output %.1f and %.1f Hz%n", slow.outputRateLastHz(),
                fast.outputRateLastHz(), 100 * change, slow.fractionNearBounds(), fast.fractionNearBounds(),
                slow.outputRateFirstHz(), fast.outputRateFirstHz());
        assertTrue(fast.outputRateFirstHz() > 1.8 * slow.outputRateFirstHz(), "before learning the output follows");
        assertTrue(change < 0.5, "after learning doubling the input rate changes the output rate by " + change);
        // initial weights U(0, g_max) put 20% within 10% of a bound
        assertTrue(slow.fractionNearBounds() > 0.4 && fast.fractionNearBounds() > 0.4, "weights move to the bounds");
    }

    /**
     * Song's bimodality with the paper's parameters: at least 80% of the weights within 10% of a bound. The model
     * takes about 1500 s of biological time to get there; Brian2 on the same setup (seed 1) has 33%, 51%, 76% and
     * 83% of the weights there at 100, 300, 1000 and 2000 s.
     */
    @Test
    void weightsBecomeBimodal() {
        Result r = SongMillerAbbott.run(new Config(Cell.SONG_2000, 1000, 10, 0, 0.2, 0, 0.005, 2_000_000, 1),
                500_000);
        double[] near = r.snapshots().stream().mapToDouble(Snapshot::fractionNearBounds).toArray();
        System.out.printf("Song et al.: within 10%% of a bound at 500, 1000, 1500, 2000 s: %s%n",
                java.util.Arrays.toString(near));
        assertTrue(near[1] > 0.7 && near[1] < 0.85, "at 1000 s as in Brian2 (0.77): " + near[1]);
        assertTrue(near[3] >= 0.8, "bimodal at 2000 s: " + near[3]);
        int middle = 0;
        for (int b = 2; b < 8; b++) {
            middle += r.snapshots().get(3).histogram()[b];
        }
        assertTrue(middle < 100, middle + " weights left between 0.2 and 0.8 g_max");
    }

    @Test
    void aCorrelatedGroupEndsWithHigherWeights() {
        Result r = SongMillerAbbott.run(new Config(Cell.SONG_2000, 1000, 10, 200, 0.2, 0, 0.005, DURATION_MS, 2));
        System.out.printf("Song et al.: mean weight / g_max, correlated %.3f, uncorrelated %.3f%n",
                r.meanCorrelated(), r.meanUncorrelated());
        assertTrue(r.meanCorrelated() > r.meanUncorrelated() + 0.3, "the correlated group wins");
    }
}

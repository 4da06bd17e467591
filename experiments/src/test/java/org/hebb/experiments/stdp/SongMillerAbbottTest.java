package org.hebb.experiments.stdp;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hebb.experiments.stdp.SongMillerAbbott.Cell;
import org.hebb.experiments.stdp.SongMillerAbbott.Config;
import org.hebb.experiments.stdp.SongMillerAbbott.Result;
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

    @Test
    void aCorrelatedGroupEndsWithHigherWeights() {
        Result r = SongMillerAbbott.run(new Config(Cell.SONG_2000, 1000, 10, 200, 0.2, 0, 0.005, DURATION_MS, 2));
        System.out.printf("Song et al.: mean weight / g_max, correlated %.3f, uncorrelated %.3f%n",
                r.meanCorrelated(), r.meanUncorrelated());
        assertTrue(r.meanCorrelated() > r.meanUncorrelated() + 0.3, "the correlated group wins");
    }
}

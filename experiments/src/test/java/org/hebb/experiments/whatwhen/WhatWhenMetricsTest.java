package org.hebb.experiments.whatwhen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The adaptation after a latency change counts trials until a mean over {@link WhatWhenMetrics#CURVE_WINDOW} trials
 * reaches 90% of the new steady state: every such mean is over that many trials, never fewer, and a change followed
 * by fewer trials of the cue is not measured; a readout that never reaches it has no count.
 */
class WhatWhenMetricsTest {
    private static final int W = WhatWhenMetrics.CURVE_WINDOW;

    @Test
    void movingAveragesAreOverFullWindowsOnly() {
        assertArrayEquals(new double[] {3, 4}, WhatWhenMetrics.movingAverage(new double[] {1, 2, 3, 4, 5, 6}));
        assertEquals(0, WhatWhenMetrics.movingAverage(new double[] {1, 2, 3, 4}).length);
    }

    @Test
    void oneGoodFirstTrialIsNotAFiveTrialMean() {
        // cue A's latency changes at block 1; its first trial there is perfect, the next four fail, then all are 1
        double[] after = new double[30];
        java.util.Arrays.fill(after, 1);
        after[1] = after[2] = after[3] = after[4] = 0;
        WhatWhenMetrics.Adaptation a = WhatWhenMetrics.adaptation(run(20, after));
        assertNotNull(a);
        int three = ReadoutKind.THREE_FACTOR.ordinal();
        // windows of trials 1-5 (mean 0.2) ... 5-9 (0.8) miss 90% of 1; trials 6-10 reach it
        assertEquals(10, a.trials()[three], "trials until the mean of the last " + W + " reaches 0.9");
        assertEquals(1, a.after()[three], 0);
        assertEquals(20 + 30 - W + 1, a.curves()[three].length, "one entry per full window of the cue's trials");
    }

    /**
     * A readout whose {@value WhatWhenMetrics#CURVE_WINDOW}-trial means never reach 90% of its new steady state has
     * no adaptation count (null, and its flag says it never settled), not the block's trial count of the cue, which
     * a readout that settled on its last window would also have.
     */
    @Test
    void aReadoutThatNeverSettlesHasNoCountAndIsFlagged() {
        // windows of trials 1-5 and 2-6 have means 0.2; the steady state (all 6 trials) is 1/3, its 90% is 0.3
        WhatWhenMetrics.Adaptation never = WhatWhenMetrics.adaptation(run(20, new double[] {1, 0, 0, 0, 0, 1}));
        int three = ReadoutKind.THREE_FACTOR.ordinal();
        assertEquals(1.0 / 3, never.after()[three], 1e-12);
        assertNull(never.trials()[three], "never settled: no count");
        assertFalse(never.settled()[three]);
        // a steady state below zero (the error exceeds the target's energy): a constant performance is settled at
        // once, on its first window
        WhatWhenMetrics.Adaptation negative = WhatWhenMetrics.adaptation(run(20, new double[] {-0.5, -0.5, -0.5,
            -0.5, -0.5, -0.5}));
        assertEquals(W, negative.trials()[three]);
        assertTrue(negative.settled()[three]);
        // windows of means -0.2 and 0 against a steady state of -1/6 (all six trials): the first lies more than 10%
        // of its magnitude below it
        WhatWhenMetrics.Adaptation rising = WhatWhenMetrics.adaptation(run(20, new double[] {-1, 0, 0, 0, 0, 0}));
        assertEquals(W + 1, rising.trials()[three]);
        // settling on the last window (mean 0.2 against 90% of 0.1) counts the block's trials of the cue: a count,
        // not "never"
        WhatWhenMetrics.Adaptation last = WhatWhenMetrics.adaptation(run(20, new double[] {0, 0, 0, 0, 0, 0, 0, 0, 0,
            1}));
        assertEquals(10, last.trials()[three]);
        assertTrue(last.settled()[three]);

        Map<String, Object> json = new LinkedHashMap<>();
        WhatWhenExperiment.putAdaptation(json, never);
        assertTrue(json.containsKey("adaptation_trials_three_factor"));
        assertNull(json.get("adaptation_trials_three_factor"), "never settled is null in result.json");
        assertArrayEquals(new boolean[] {false, false, false}, (boolean[]) json.get("adaptation_settled"));
        json.clear();
        WhatWhenExperiment.putAdaptation(json, last);
        assertEquals(10, json.get("adaptation_trials_three_factor"));
        assertArrayEquals(new boolean[] {true, true, true}, (boolean[]) json.get("adaptation_settled"));
    }

    /**
     * Relearned means the new steady state is within 10% of the former level's magnitude below it, or above it:
     * 90% of a positive level, and 110% of a negative one, where -0.95 after -1 has regained the level (it is
     * higher), and -1.2 after -1 has not.
     */
    @Test
    void relearningIsJudgedByTheLevelsMagnitudeWhateverItsSign() {
        int three = ReadoutKind.THREE_FACTOR.ordinal();
        assertTrue(WhatWhenMetrics.adaptation(run(20, 1, constant(10, 0.9))).relearned()[three]);
        assertFalse(WhatWhenMetrics.adaptation(run(20, 1, constant(10, 0.89))).relearned()[three]);
        assertTrue(WhatWhenMetrics.adaptation(run(20, -1, constant(10, -0.95))).relearned()[three]);
        assertTrue(WhatWhenMetrics.adaptation(run(20, -1, constant(10, -1.1))).relearned()[three]);
        assertFalse(WhatWhenMetrics.adaptation(run(20, -1, constant(10, -1.2))).relearned()[three]);
        assertTrue(WhatWhenMetrics.adaptation(run(20, 0, constant(10, 0))).relearned()[three]);
        assertFalse(WhatWhenMetrics.adaptation(run(20, 0, constant(10, -0.01))).relearned()[three]);
    }

    private static double[] constant(int n, double value) {
        double[] values = new double[n];
        java.util.Arrays.fill(values, value);
        return values;
    }

    @Test
    void aChangeFollowedByFewerTrialsThanAWindowIsNotMeasured() {
        assertNull(WhatWhenMetrics.adaptation(run(20, new double[] {1, 1, 1, 1})));
        assertNotNull(WhatWhenMetrics.adaptation(run(20, new double[] {1, 1, 1, 1, 1})));
    }

    /** A run of two blocks of cue A's trials (the latency moves from 150 to 250 ms) with the given performances. */
    private static WhatWhenRun run(int before, double[] after) {
        return run(before, 1, after);
    }

    /** As {@link #run(int, double[])}, the trials before the change performing at {@code beforeLevel}. */
    private static WhatWhenRun run(int before, double beforeLevel, double[] after) {
        WhatWhenSettings s = WhatWhenSettings.reduced(1).withBlocks(List.of(
                new WhatWhenSettings.Block(before, new int[] {150, 300}, new double[] {1, 0.5}),
                new WhatWhenSettings.Block(Math.max(2, after.length), new int[] {250, 300}, new double[] {1, 0.5})));
        List<Trial> trials = new ArrayList<>();
        for (int t = 0; t < before; t++) {
            trials.add(trial(0, 150, beforeLevel));
        }
        for (double p : after) {
            trials.add(trial(1, 250, p));
        }
        return new WhatWhenRun(s, trials, List.of(), List.of(), 0, Double.NaN, 0, List.of());
    }

    private static Trial trial(int block, int latencyMs, double performance) {
        return new Trial(block, 0, true, latencyMs, 1, null, null, new double[] {performance, performance,
                performance});
    }
}

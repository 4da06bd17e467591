package org.hebb.experiments.whatwhen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The adaptation after a latency change counts trials until a mean over {@link WhatWhenMetrics#CURVE_WINDOW} trials
 * reaches 90% of the new steady state: every such mean is over that many trials, never fewer, and a change followed
 * by fewer trials of the cue is not measured.
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

    @Test
    void aChangeFollowedByFewerTrialsThanAWindowIsNotMeasured() {
        assertNull(WhatWhenMetrics.adaptation(run(20, new double[] {1, 1, 1, 1})));
        assertNotNull(WhatWhenMetrics.adaptation(run(20, new double[] {1, 1, 1, 1, 1})));
    }

    /** A run of two blocks of cue A's trials (the latency moves from 150 to 250 ms) with the given performances. */
    private static WhatWhenRun run(int before, double[] after) {
        WhatWhenSettings s = WhatWhenSettings.reduced(1).withBlocks(List.of(
                new WhatWhenSettings.Block(before, new int[] {150, 300}, new double[] {1, 0.5}),
                new WhatWhenSettings.Block(Math.max(2, after.length), new int[] {250, 300}, new double[] {1, 0.5})));
        List<Trial> trials = new ArrayList<>();
        for (int t = 0; t < before; t++) {
            trials.add(trial(0, 150, 1));
        }
        for (double p : after) {
            trials.add(trial(1, 250, p));
        }
        return new WhatWhenRun(s, trials, List.of(), List.of(), 0, Double.NaN, 0);
    }

    private static Trial trial(int block, int latencyMs, double performance) {
        return new Trial(block, 0, true, latencyMs, 1, null, null, new double[] {performance, performance,
                performance});
    }
}

package org.hebb.experiments.whatwhen;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The reservoir's rate is over the blocks' trials: the exposure trials before them (shown for the subspace neurons
 * to learn from) add neither spikes nor time, so a run with 60 of them reports the rate of one without any.
 */
class WhatWhenRunTest {
    @Test
    void theReservoirRateLeavesOutTheExposureTrials() {
        WhatWhenSettings reduced = WhatWhenSettings.reduced(1);
        WhatWhenSettings.Block first = reduced.blocks().get(0);
        WhatWhenSettings withExposure = reduced.withBlocks(List.of(new WhatWhenSettings.Block(10, first.latencyMs(),
                first.probability())));
        WhatWhenSettings without = withExposure.withWhatSubspaceRows(0);
        assertTrue(withExposure.exposureTrials() >= 6 * 10, "the exposure is much longer than the block");
        double exposed = WhatWhenRun.run(withExposure).reservoirRateHz();
        double plain = WhatWhenRun.run(without).reservoirRateHz();
        System.out.printf("what-when reservoir rate over 10 trials: %.3f Hz after %d exposure trials, %.3f Hz "
                + "without%n", exposed, withExposure.exposureTrials(), plain);
        assertTrue(plain > 0 && Math.abs(exposed / plain - 1) < 0.3, "the same cues give about the same rate: "
                + exposed + " Hz after the exposure, " + plain + " Hz without");
    }
}

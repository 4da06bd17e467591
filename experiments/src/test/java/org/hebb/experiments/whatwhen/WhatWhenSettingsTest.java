package org.hebb.experiments.whatwhen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class WhatWhenSettingsTest {
    @Test
    void aReservoirWhoseForceMatrixCannotBeIndexedIsRefused() {
        String message = assertThrows(IllegalArgumentException.class,
                () -> WhatWhenSettings.full(1).withReservoir(100_000, 25_000)).getMessage();
        assertTrue(message.startsWith("reservoir neurons = 125000 is not allowed: must be at most 46340,"), message);
    }

    /**
     * The subspace neurons learn from each cue's exposure trials averaged: with fewer exposure trials than cues,
     * some cue has none and its average is 0 / 0.
     */
    @Test
    void subspaceNeuronsNeedAnExposureTrialOfEveryCue() {
        String message = assertThrows(IllegalArgumentException.class, () -> withExposure(1, 2)).getMessage();
        assertTrue(message.startsWith("exposure trials = 1 is not allowed: must be >= 2"), message);
        assertEquals(2, withExposure(2, 2).exposureTrials());
        assertEquals(0, withExposure(0, 0).exposureTrials(), "without subspace neurons none are needed");
    }

    private static WhatWhenSettings withExposure(int trials, int subspaceRows) {
        WhatWhenSettings f = WhatWhenSettings.full(1).withWhatSubspaceRows(0);
        return new WhatWhenSettings(f.excitatory(), f.inhibitory(), f.connectionProb(), f.excitatoryWeight(),
                f.inhibitoryWeight(), f.maxDelayMs(), f.noiseSd(), f.slowestA(), f.cueInputs(), f.cueRateHz(),
                f.cueWeight(), f.trialMs(), f.gateFromMs(), f.readoutTauMs(), f.outcomeWidthMs(), f.eta(),
                f.replayEta(), f.replayPasses(), f.forceAlpha(), f.forceEverySteps(), trials, subspaceRows, f.blocks(),
                f.seed());
    }
}

package org.hebb.experiments.hlop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The standard configuration keeps the paper's subspace rows; bad settings are refused, naming what is wrong. */
class HlopSettingsTest {
    @Test
    void theStandardRunHasThePapersRowsAndReducedRunsScaleTheHiddenOnes() {
        HlopSettings standard = HlopSettings.standard(1, HlopVariant.HLOP);
        assertArrayEquals(new int[] {80, 70, 70, 50, 50, 50, 30, 30, 30, 10}, standard.inputRows());
        assertArrayEquals(new int[] {100, 70, 70, 50, 50, 50, 30, 30, 30, 10}, standard.hiddenRows());
        assertArrayEquals(new int[] {25, 18, 18}, standard.reduced(3, 100, 10, 200).hiddenRows());
    }

    @Test
    void badSettingsAreRefusedWithTheirNames() {
        HlopSettings standard = HlopSettings.standard(1, HlopVariant.BASELINE);
        refused(() -> standard.reduced(11, 100, 10, 200), "tasks = 11");
        refused(() -> standard.reduced(3, 0, 10, 200), "trainPerTask = 0");
        refused(() -> standard.reduced(3, 100, 10, 0), "hidden = 0");
        refused(() -> standard.reduced(10, 100, 10, 5), "hiddenRows adds 10 rows in all: at most 5");
        refused(() -> standard.withLearningRates(-1, 1e-3), "hiddenLearningRate");
    }

    private static void refused(Runnable action, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, action::run);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}

package org.hebb.experiments.hlop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.PrintStream;

import org.hebb.experiments.data.IdxImages;
import org.hebb.experiments.testing.SyntheticImages;
import org.junit.jupiter.api.Test;

/**
 * The standard configuration keeps the paper's subspace rows; bad settings, and image counts above the data's, are
 * refused, naming what is wrong.
 */
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

    @Test
    void imageCountsAboveTheDataAreRefusedBeforeAnyWork() {
        IdxImages train = SyntheticImages.classBlobs(50, 1);
        IdxImages test = SyntheticImages.classBlobs(20, 2);
        HlopSettings standard = HlopSettings.standard(1, HlopVariant.BASELINE);
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        refused(() -> new HlopExperiment(standard.reduced(2, 51, 10, 20), train, test, quiet),
                "--train-per-task = 51 is not allowed: must be at most 50 (the training data has 50 images)");
        refused(() -> new HlopExperiment(standard.reduced(2, 50, 21, 20), train, test, quiet),
                "--test-per-task = 21 is not allowed: must be at most 20 (the test data has 20 images)");
        new HlopExperiment(standard.reduced(2, 50, 20, 20), train, test, quiet);
    }

    private static void refused(Runnable action, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, action::run);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}

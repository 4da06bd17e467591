package org.hebb.experiments.hlop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
        refused(() -> standard.reduced(11, 100, 10, 200), "--tasks = 11");
        refused(() -> standard.reduced(3, 0, 10, 200), "--train-per-task = 0 is not allowed");
        refused(() -> standard.reduced(3, 100, 0, 200), "--test-per-task = 0 is not allowed");
        refused(() -> standard.reduced(3, 100, 10, 0), "--hidden = 0");
        refused(() -> HlopSettings.standard(1, HlopVariant.HLOP).reduced(10, 100, 10, 5), "--hidden = 5 is not "
                + "allowed with --variant hlop and --tasks 10: the hidden layer's subspace adds 10 rows");
        refused(() -> standard.withLearningRates(-1, 1e-3), "hiddenLearningRate");
    }

    /** Only HLOP has subspaces, so only HLOP needs a hidden layer that holds their rows. */
    @Test
    void aSmallHiddenLayerIsRefusedOnlyWhereSubspacesUseIt() {
        assertEquals(10, HlopSettings.minimumHidden(10), "one row per task at least");
        assertEquals(1, HlopSettings.minimumHidden(1));
        for (HlopVariant variant : new HlopVariant[] {HlopVariant.BASELINE, HlopVariant.MULTITASK}) {
            assertEquals(5, HlopSettings.standard(1, variant).reduced(10, 100, 10, 5).hidden(), variant.label());
        }
        assertEquals(10, HlopSettings.standard(1, HlopVariant.HLOP).reduced(10, 100, 10, 10).hidden());
        refused(() -> HlopSettings.standard(1, HlopVariant.HLOP).reduced(10, 100, 10, 9), "use --hidden 10 or more");
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

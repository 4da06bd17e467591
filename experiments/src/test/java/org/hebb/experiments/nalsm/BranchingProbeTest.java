package org.hebb.experiments.nalsm;

import static org.hebb.experiments.testing.SyntheticImages.classBlobs;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hebb.simulator.Network;
import org.junit.jupiter.api.Test;

/** The probe measures on 250 ms presentations and leaves the liquid as it found it. */
class BranchingProbeTest {
    /**
     * A liquid whose rates already decay by 0.99 per ms (as NALSM's feature presentations have them) keeps that decay
     * after a probe, as it keeps its weights: after 10 more ms its potentiation rate P has shrunk from 0.15 by
     * 0.99 per ms (0.99^9 or 0.99^10, as the last ms's update comes with the next step), not stayed at 0.15.
     */
    @Test
    void theProbeLeavesTheWeightsAndTheRateDecayAsItFoundThem() {
        NalsmLiquid.Config config = new NalsmLiquid.Config(3, 784, NalsmLiquid.Model.NALSM, NalsmLiquid.MAX_WEIGHT,
                0.015, 0.99, 5, 1);
        NalsmLiquid liquid = NalsmLiquid.build(config);
        try (Network net = liquid.network()) {
            InputEncoding encoding = new InputEncoding(classBlobs(4, 1));
            float[][] before = FeaturePhase.weightsOf(liquid);
            BranchingProbe.Result result = BranchingProbe.measure(liquid, encoding, 0, 2);
            assertTrue(result.liquidRateHz() > 0, "test setup: the liquid fires");
            float[][] after = FeaturePhase.weightsOf(liquid);
            for (int p = 0; p < before.length; p++) {
                assertArrayEquals(before[p], after[p], "plastic projection " + p);
            }
            assertEquals(0.99, liquid.astrocyte().rateDecayPerMs(), 0.0);
            net.run(10);
            float rate = liquid.astrocyte().potentiationRate();
            assertTrue(rate <= 0.15 * Math.pow(0.99, 9) + 1e-6 && rate >= 0.15 * Math.pow(0.99, 10) - 1e-6,
                    "P after 10 ms = " + rate + ": decays by 0.99 per ms");
        }
    }
}

package org.hebb.experiments.nalsm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class NalsmLiquidConfigTest {
    @Test
    void aGridWhoseInputPairsOverflowAnArrayIsRefused() {
        NalsmLiquid.Config.nalsm(139, 784, NalsmLiquid.Model.NALSM, 1);
        assertEquals("grid side = 140 is not allowed with 784 inputs: must be at most 139, as the input-liquid pairs "
                        + "(inputs x side^3 = 2151296000) are drawn from one array of at most 2147483639",
                assertThrows(IllegalArgumentException.class,
                        () -> NalsmLiquid.Config.nalsm(140, 784, NalsmLiquid.Model.NALSM, 1)).getMessage());
    }
}

package org.hebb.experiments.nalsm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;

import org.hebb.simulator.Network;
import org.hebb.simulator.monitor.SpikeMonitor;
import org.junit.jupiter.api.Test;

/**
 * The liquid's input path keeps the timing of NALSM's code (NALSM_LIF_v1.py, whose ms runs: threshold check, reset,
 * membrane update with the input current drawn in that ms, refractory countdown): with every pixel at probability 1,
 * the current drawn in ms 0 fires the input neurons in ms 1, then every third ms (2 ms refractory), and the first
 * liquid spikes, driven by the input spikes of ms 1, come in ms 2. No shift between the two.
 */
class NalsmLiquidTimingTest {
    @Test
    void inputNeuronsFireTheMsAfterTheirPulseIsDrawnAndTheLiquidTheMsAfterThat() {
        NalsmLiquid liquid = NalsmLiquid.build(NalsmLiquid.Config.nalsm(2, 784, NalsmLiquid.Model.LSM, 1));
        try (Network net = liquid.network()) {
            float[] always = new float[liquid.pixels().size()];
            Arrays.fill(always, 1f);
            liquid.pixels().setProbabilities(always);
            SpikeMonitor input = net.monitorSpikes(liquid.input());
            SpikeMonitor excitatory = net.monitorSpikes(liquid.excitatory());
            SpikeMonitor inhibitory = net.monitorSpikes(liquid.inhibitory());
            net.run(8);
            long[] inputSteps = input.steps();
            int[] inputNeurons = input.neurons();
            for (int k = 0; k < liquid.input().size(); k += 97) {
                final int neuron = k;
                long[] mine = java.util.stream.IntStream.range(0, inputSteps.length)
                        .filter(s -> inputNeurons[s] == neuron).mapToLong(s -> inputSteps[s]).toArray();
                assertArrayEquals(new long[] {1, 4, 7}, mine, "input neuron " + k);
            }
            long firstLiquid = Math.min(Arrays.stream(excitatory.steps()).min().orElse(Long.MAX_VALUE),
                    Arrays.stream(inhibitory.steps()).min().orElse(Long.MAX_VALUE));
            assertEquals(2, firstLiquid, "the first liquid spikes");
        }
    }
}

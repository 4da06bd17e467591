package org.hebb.experiments.nalsm;

import java.util.ArrayList;
import java.util.List;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.PermutationSampler;
import org.hebb.simulator.Network;
import org.hebb.simulator.engine.SpikeView;
import org.hebb.simulator.monitor.Monitor;
import org.hebb.simulator.random.Seeds;
import org.hebb.util.Require;

/**
 * NALSM's phase 1: samples in random order, each shown for a few ms with plasticity on; neuron state, traces and
 * the astrocyte are reset before each sample (Network.resetState), weights carry over. Reports the liquid's
 * activity, the astrocyte and the branching factor per block of samples, to watch the liquid organise itself.
 */
public final class UnsupervisedPhase {
    /**
     * What one block of samples showed.
     *
     * @param samplesDone          samples presented up to the end of the block
     * @param liquidRateHz         mean rate of the liquid neurons, Hz
     * @param inputRateHz          mean rate of the input neurons, Hz
     * @param liquidMinusInputPerMs mean of (liquid spikes - input spikes) per ms
     * @param depressionAtEnd      mean depression rate A at the end of the samples (before their last ms)
     * @param branchingFactor      branching factor over the samples' spikes (whole samples)
     * @param fractionAboveChange  fraction of samples whose A ended above its start value
     */
    public record Block(int samplesDone, double liquidRateHz, double inputRateHz, double liquidMinusInputPerMs,
                        double depressionAtEnd, double branchingFactor, double fractionAboveChange) {
    }

    private UnsupervisedPhase() {
    }

    /**
     * Presents {@code samples} images of {@code encoding} (a seeded random order drawn with replacement across
     * passes), {@code sampleMs} each, and summarises every {@code blockSize} samples.
     */
    public static List<Block> run(NalsmLiquid liquid, InputEncoding encoding, int samples, int sampleMs,
                                  int blockSize, long seed) {
        Require.atLeast("samples", samples, 1);
        Require.atLeast("sample duration", sampleMs, 1);
        Require.inRange("block size", blockSize, 1, samples);
        Network net = liquid.network();
        LiquidSpikes spikes = LiquidSpikes.recording(liquid);
        long[] inputSpikes = new long[1];
        net.addMonitor(liquid.input(), new Monitor() {
            @Override
            public void record(long step, SpikeView view) {
                inputSpikes[0] += view.total();
            }

            @Override
            public long memoryBytes() {
                return 0;
            }
        });
        BranchingFactor branching = new BranchingFactor(liquid.liquid(), liquid.numbering());
        UniformRandomProvider random = Seeds.generator(seed, "nalsm:sample-order");
        int[] order = PermutationSampler.natural(encoding.images().size());
        float[] probabilities = new float[liquid.pixels().size()];
        int liquidSize = liquid.numbering().size();
        List<Block> blocks = new ArrayList<>();
        long liquidCount = 0;
        long inputCount = 0;
        double depressionSum = 0;
        int raised = 0;
        int inBlock = 0;
        for (int s = 0; s < samples; s++) {
            if (s % order.length == 0) {
                PermutationSampler.shuffle(random, order);
            }
            encoding.probabilities(order[s % order.length], probabilities);
            liquid.pixels().setProbabilities(probabilities);
            net.resetState();
            spikes.startSample(net.stepsRun());
            inputSpikes[0] = 0;
            net.run(sampleMs);
            liquidCount += spikes.count();
            inputCount += inputSpikes[0];
            branching.addSample(spikes, 0, sampleMs);
            if (liquid.astrocyte() != null) {
                float a = liquid.astrocyte().depressionRate();
                depressionSum += a;
                raised += a > liquid.astrocyte().initialDepressionRate() ? 1 : 0;
            }
            if (++inBlock == blockSize || s == samples - 1) {
                double ms = (double) inBlock * sampleMs;
                blocks.add(new Block(s + 1, 1000 * liquidCount / (ms * liquidSize),
                        1000 * inputCount / (ms * liquid.input().size()), (liquidCount - inputCount) / ms,
                        depressionSum / inBlock, branching.value(), (double) raised / inBlock));
                liquidCount = 0;
                inputCount = 0;
                depressionSum = 0;
                raised = 0;
                inBlock = 0;
                branching.clear();
            }
        }
        spikes.stop();
        return blocks;
    }
}

package org.hebb.experiments.nalsm;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.PermutationSampler;
import org.hebb.simulator.Network;
import org.hebb.simulator.checkpoint.Checkpointed;
import org.hebb.simulator.checkpoint.StateVisitor;
import org.hebb.simulator.engine.SpikeView;
import org.hebb.simulator.monitor.Monitor;
import org.hebb.simulator.random.Seeds;
import org.hebb.util.Require;

/**
 * NALSM's phase 1: samples in random order, each shown for a few ms with plasticity on; neuron state, traces and
 * the astrocyte are reset before each sample (Network.resetState), weights carry over. Reports the liquid's
 * activity, the astrocyte and the branching factor per block of samples, to watch the liquid organise itself. It may
 * save a checkpoint after every block, from which a run killed on the way goes on to the same result.
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

    /**
     * What phase 1 showed.
     *
     * @param blocks       every block's summary
     * @param resumedFrom  the samples done when the run went on from a checkpoint (0 if it started afresh)
     */
    public record Outcome(List<Block> blocks, int resumedFrom) {
    }

    /**
     * How far phase 1 has come, saved with the network in a checkpoint: samples done and the blocks' summaries. A
     * saved list of summaries that is no whole number of blocks is refused in the check before a restore.
     */
    private static final class Position implements Checkpointed {
        private static final int FIELDS = 7;
        int samplesDone;
        final List<Block> blocks = new ArrayList<>();

        @Override
        public void checkpoint(StateVisitor state) {
            if (state.checking()) {
                int saved = state.savedList("blocks", new double[0], 0).length;
                if (saved % FIELDS != 0) {
                    throw new IllegalArgumentException("restored phase-1 blocks hold " + saved + " values: a "
                            + "multiple of " + FIELDS + " is allowed (" + FIELDS + " summary values per block)");
                }
            }
            samplesDone = (int) state.scalar("samples_done", samplesDone);
            double[] values = new double[blocks.size() * FIELDS];
            for (int b = 0; b < blocks.size(); b++) {
                Block k = blocks.get(b);
                System.arraycopy(new double[] {k.samplesDone(), k.liquidRateHz(), k.inputRateHz(),
                        k.liquidMinusInputPerMs(), k.depressionAtEnd(), k.branchingFactor(), k.fractionAboveChange()},
                        0, values, b * FIELDS, FIELDS);
            }
            values = state.list("blocks", values, values.length);
            blocks.clear();
            for (int at = 0; at < values.length; at += FIELDS) {
                blocks.add(new Block((int) values[at], values[at + 1], values[at + 2], values[at + 3], values[at + 4],
                        values[at + 5], values[at + 6]));
            }
        }
    }

    private UnsupervisedPhase() {
    }

    /**
     * Presents {@code samples} images of {@code encoding}, any of them (a seeded random order drawn with replacement
     * across passes), {@code sampleMs} each, and summarises every {@code blockSize} samples.
     */
    public static List<Block> run(NalsmLiquid liquid, InputEncoding encoding, int samples, int sampleMs,
                                  int blockSize, long seed) {
        return run(liquid, encoding, encoding.images().size(), samples, sampleMs, blockSize, seed, null).blocks();
    }

    /**
     * As {@link #run(NalsmLiquid, InputEncoding, int, int, int, long)}, drawing the samples from images 0 to
     * {@code images - 1} of {@code encoding} only (NALSM: the training images 0-49,999, none of the validation
     * images after them), and saving a checkpoint to {@code checkpoint} after every block (none if null). A run that
     * finds the checkpoint there goes on from it, with the result of an uninterrupted run; the sample order is drawn
     * again from the seed up to where it stopped.
     */
    public static Outcome run(NalsmLiquid liquid, InputEncoding encoding, int images, int samples, int sampleMs,
                              int blockSize, long seed, Path checkpoint) {
        Require.inRange("phase-1 images", images, 1, encoding.images().size());
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
        Position position = new Position();
        if (checkpoint != null) {
            net.addCheckpointed("phase1", position);
            if (Files.exists(checkpoint)) {
                net.restoreCheckpoint(checkpoint);
            }
        }
        int resumedFrom = position.samplesDone;
        UniformRandomProvider random = Seeds.generator(seed, "nalsm:sample-order");
        int[] order = PermutationSampler.natural(images);
        for (int s = 0; s < resumedFrom; s += order.length) {
            PermutationSampler.shuffle(random, order);
        }
        float[] probabilities = new float[liquid.pixels().size()];
        int liquidSize = liquid.numbering().size();
        List<Block> blocks = position.blocks;
        long liquidCount = 0;
        long inputCount = 0;
        double depressionSum = 0;
        int raised = 0;
        int inBlock = 0;
        for (int s = resumedFrom; s < samples; s++) {
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
                if (checkpoint != null) {
                    position.samplesDone = s + 1;
                    net.saveCheckpoint(checkpoint);
                }
            }
        }
        spikes.stop();
        return new Outcome(List.copyOf(blocks), resumedFrom);
    }
}

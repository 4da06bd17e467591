package org.hebb.simulator.connect;

import java.util.function.IntSupplier;

import org.apache.commons.rng.UniformRandomProvider;
import org.hebb.simulator.population.NeuronPopulation;
import org.hebb.simulator.population.Population;
import org.hebb.simulator.random.Seeds;
import org.hebb.util.Require;

/**
 * Builds a projection from a {@link RowConnector} on several threads, straight into compressed sparse rows: row
 * lengths, then each block of rows, then weights and delays in blocks of synapses in row order, every block from a
 * stream of its own. The network is the same for any number of threads, and no pair list is held on the way.
 */
final class RowDrawing {
    /** Synapses per block of weights or delays (one random stream each). */
    static final int SYNAPSES_PER_BLOCK = 1 << 16;

    private RowDrawing() {
    }

    static Projection build(String name, Population source, NeuronPopulation target, RowConnector connector,
                            Synapses synapses, double dt, long masterSeed, boolean continuousDelays, int threads) {
        BlockStreams pairs = new BlockStreams(Seeds.generator(masterSeed, "connect:" + name).nextLong(), "");
        int[] rowPointer = rowPointer(connector, source, target, pairs, threads);
        int[] targets = targets(connector, source, target, pairs, threads, rowPointer);
        BlockStreams values = new BlockStreams(masterSeed, name);
        float[] weights = weights(name, target, synapses, rowPointer, targets, values, threads);
        short[] delaySteps = continuousDelays ? null : delaySteps(name, synapses, targets.length, dt, values, threads);
        double[] delaysMs = continuousDelays ? delaysMs(name, synapses, targets.length, dt, values, threads) : null;
        return Projection.assemble(name, source, target, synapses, rowPointer, targets, weights, delaySteps, delaysMs,
                connector.describe());
    }

    /** The row offsets (length source size + 1) of the lengths {@code connector} draws. */
    static int[] rowPointer(RowConnector connector, Population source, Population target, BlockStreams streams,
                            int threads) {
        Require.that(source.size() < Projection.MAX_SYNAPSES, "connector " + connector.describe() + " from "
                + source + " is not allowed: a source drawn row by row must have at most "
                + (Projection.MAX_SYNAPSES - 1) + " elements (its row offsets, one more, are an int array)");
        int[] lengths = new int[source.size()];
        ParallelBlocks.run(threads, connector.lengthBlocks(source, target), block -> {
            int[] drawn = new int[source.size()];
            connector.drawRowLengths(source, target, block, streams.stream("lengths", block), drawn);
            synchronized (lengths) {
                for (int i = 0; i < drawn.length; i++) {
                    lengths[i] += drawn[i];
                }
            }
        });
        int[] rowPointer = new int[source.size() + 1];
        long total = 0;
        for (int i = 0; i < lengths.length; i++) {
            if (lengths[i] < 0) {
                throw new IllegalArgumentException("connector " + connector.describe() + " drew " + lengths[i]
                        + " synapses for presynaptic element " + i + ": must be >= 0");
            }
            total += lengths[i];
            rowPointer[i + 1] = (int) Math.min(total, Integer.MAX_VALUE);
        }
        Require.that(total <= Integer.MAX_VALUE - 8, "connector " + connector.describe() + " drew " + total
                + " synapses: must be at most " + (Integer.MAX_VALUE - 8) + " (a projection's synapses are indexed by "
                + "int)");
        return rowPointer;
    }

    /** Every row's targets, drawn in blocks of {@link RowConnector#ROWS_PER_BLOCK} rows. */
    static int[] targets(RowConnector connector, Population source, Population target, BlockStreams streams,
                         int threads, int[] rowPointer) {
        int[] targets = new int[rowPointer[source.size()]];
        ParallelBlocks.run(threads, rowBlocks(source.size()), block -> {
            UniformRandomProvider random = streams.stream("rows", block);
            int end = rowBlockEnd(source.size(), block);
            for (int pre = block * RowConnector.ROWS_PER_BLOCK; pre < end; pre++) {
                int from = rowPointer[pre];
                int to = rowPointer[pre + 1];
                connector.drawRow(source, target, pre, random, targets, from, to);
                for (int k = from; k < to; k++) {
                    if (targets[k] < 0 || targets[k] >= target.size() || k > from && targets[k] < targets[k - 1]) {
                        throw new IllegalArgumentException("connector " + connector.describe() + " drew target "
                                + targets[k] + " in row " + pre + ": rows must be sorted and lie within [0, "
                                + target.size() + ")");
                    }
                }
            }
        });
        return targets;
    }

    private static float[] weights(String name, NeuronPopulation target, Synapses synapses, int[] rowPointer,
                                   int[] targets, BlockStreams streams, int threads) {
        int count = targets.length;
        if (synapses.explicitWeights() != null) {
            float[] explicit = SynapseValues.explicitWeights(name, synapses, count);
            SynapseValues.requireAllowed(name, target, synapses.receptor(), explicit, 0, count,
                    k -> rowOf(rowPointer, k) + " -> " + targets[k]);
            return explicit;
        }
        float[] weights = new float[count];
        ParallelBlocks.run(threads, blocks(count), block -> {
            int from = block * SYNAPSES_PER_BLOCK;
            int to = blockEnd(count, block);
            SynapseValues.drawWeights(name, synapses, streams.stream("weights", block), weights, from, to);
            SynapseValues.requireAllowed(name, target, synapses.receptor(), weights, from, to,
                    k -> rowOf(rowPointer, k) + " -> " + targets[k]);
        });
        return weights;
    }

    private static short[] delaySteps(String name, Synapses synapses, int count, double dt, BlockStreams streams,
                                      int threads) {
        if (synapses.explicitDelays() != null) {
            return SynapseValues.toShorts(SynapseValues.explicitDelays(name, synapses, count));
        }
        short[] delays = new short[count];
        // set up once before the blocks, so that delays a step cannot hold are refused even with no synapse to draw
        synapses.delayDistribution().stepSampler(streams.stream("delays", 0), dt);
        ParallelBlocks.run(threads, blocks(count), block -> {
            IntSupplier steps = synapses.delayDistribution().stepSampler(streams.stream("delays", block), dt);
            int to = blockEnd(count, block);
            for (int k = block * SYNAPSES_PER_BLOCK; k < to; k++) {
                delays[k] = (short) SynapseValues.checkedSteps(name, synapses, k, steps.getAsInt());
            }
        });
        return delays;
    }

    private static double[] delaysMs(String name, Synapses synapses, int count, double dt, BlockStreams streams,
                                     int threads) {
        double[] delays = new double[count];
        ParallelBlocks.run(threads, blocks(count), block -> {
            int from = block * SYNAPSES_PER_BLOCK;
            SynapseValues.drawDelaysMs(name, synapses, dt, streams.stream("delays", block), delays, from,
                    blockEnd(count, block));
        });
        return delays;
    }

    /** The row that holds synapse {@code k}: the last whose start is at most k. */
    private static int rowOf(int[] rowPointer, int k) {
        return Projection.SparseRows.firstAtLeast(rowPointer, 0, rowPointer.length, k + 1) - 1;
    }

    /**
     * The blocks of {@link #SYNAPSES_PER_BLOCK} synapses that {@code count} synapses fill, the last perhaps in part
     * (counted in long: a count near {@link Integer#MAX_VALUE} plus a block would overflow an int).
     */
    static int blocks(int count) {
        return (int) ((count + (long) SYNAPSES_PER_BLOCK - 1) / SYNAPSES_PER_BLOCK);
    }

    /**
     * The blocks of {@link RowConnector#ROWS_PER_BLOCK} rows that {@code rows} rows fill, the last perhaps in part
     * (counted in long: rows near {@link Integer#MAX_VALUE} plus a block would overflow an int).
     */
    static int rowBlocks(int rows) {
        return (int) ((rows + (long) RowConnector.ROWS_PER_BLOCK - 1) / RowConnector.ROWS_PER_BLOCK);
    }

    /** One past the last row of block {@code block} of {@code rows} rows. */
    static int rowBlockEnd(int rows, int block) {
        return (int) Math.min(rows, (block + 1L) * RowConnector.ROWS_PER_BLOCK);
    }

    /** One past the last synapse of block {@code block} of {@code count} synapses. */
    static int blockEnd(int count, int block) {
        return (int) Math.min(count, (block + 1L) * SYNAPSES_PER_BLOCK);
    }
}

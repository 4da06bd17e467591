package org.hebb.simulator.connect;

import org.apache.commons.rng.UniformRandomProvider;
import org.hebb.simulator.population.Population;

/**
 * A connector that draws its synapses row by row: first how many synapses each presynaptic element gets, then each
 * row's targets from a stream of the row's block alone. A projection built from it is drawn on several threads and
 * is the same network for any number of threads (each block of rows, and each block of row-length draws, has its
 * own stream derived from the master seed, the projection's name and the block's index).
 */
public interface RowConnector extends Connector {
    /** Rows per block of rows (one random stream each). */
    int ROWS_PER_BLOCK = 64;

    /**
     * The number of blocks in which {@link #drawRowLengths} draws; block b uses
     * {@code streams.stream("lengths", b)} and no other stream.
     */
    int lengthBlocks(Population source, Population target);

    /** Adds the row lengths that block {@code block} draws to {@code lengths} (one entry per presynaptic element). */
    void drawRowLengths(Population source, Population target, int block, UniformRandomProvider random, int[] lengths);

    /**
     * Draws the targets of row {@code pre}, entries {@code from} to {@code to - 1} of {@code targets}, sorted
     * ascending.
     */
    void drawRow(Population source, Population target, int pre, UniformRandomProvider random, int[] targets,
                 int from, int to);

    /**
     * Emits the pairs row by row, as a projection built from this connector has them; the block streams derive from
     * one draw of {@code random}.
     */
    @Override
    default void connect(Population source, Population target, UniformRandomProvider random, PairSink sink) {
        BlockStreams streams = new BlockStreams(random.nextLong(), "");
        int[] rowPointer = RowDrawing.rowPointer(this, source, target, streams, 1);
        int[] targets = RowDrawing.targets(this, source, target, streams, 1, rowPointer);
        for (int pre = 0; pre < source.size(); pre++) {
            for (int k = rowPointer[pre]; k < rowPointer[pre + 1]; k++) {
                sink.add(pre, targets[k]);
            }
        }
    }
}

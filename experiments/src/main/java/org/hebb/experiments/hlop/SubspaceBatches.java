package org.hebb.experiments.hlop;

import org.hebb.plasticity.hlop.HebbianSubspace;

/**
 * Gathers the presynaptic traces of each layer sample after sample and hands them to the layer's subspace in
 * batches, as the paper's minibatches, and keeps what {@link SubspaceFit} needs to check the rows at the end of the
 * task.
 */
final class SubspaceBatches {
    private final HebbianSubspace input;
    private final HebbianSubspace hidden;
    private final float[][] inputBatch;
    private final float[][] hiddenBatch;
    private final SubspaceFit inputFit;
    private final SubspaceFit hiddenFit;
    private int filled;

    SubspaceBatches(HebbianSubspace input, HebbianSubspace hidden, int batchSize) {
        this.input = input;
        this.hidden = hidden;
        this.inputBatch = new float[batchSize][input.dimension()];
        this.hiddenBatch = new float[batchSize][hidden.dimension()];
        this.inputFit = new SubspaceFit(input.dimension());
        this.hiddenFit = new SubspaceFit(hidden.dimension());
    }

    /** Adds one sample's traces (copied), learning when the batch is full. */
    void add(float[] inputTraces, float[] hiddenTraces) {
        System.arraycopy(inputTraces, 0, inputBatch[filled], 0, inputBatch[filled].length);
        System.arraycopy(hiddenTraces, 0, hiddenBatch[filled], 0, hiddenBatch[filled].length);
        inputFit.add(inputTraces);
        hiddenFit.add(hiddenTraces);
        filled++;
        if (filled == inputBatch.length) {
            flush();
        }
    }

    /**
     * Ends the task: learns what is left, merges both subspaces' new rows and returns their fit to the task's
     * activity: {@link SubspaceFit#fit}'s measures for the input layer, then for the hidden layer.
     */
    double[] endTask() {
        flush();
        int inputBefore = input.frozenRows();
        int hiddenBefore = hidden.frozenRows();
        input.endTask();
        hidden.endTask();
        double[] in = inputFit.fit(input, inputBefore);
        double[] hid = hiddenFit.fit(hidden, hiddenBefore);
        double[] both = java.util.Arrays.copyOf(in, in.length + hid.length);
        System.arraycopy(hid, 0, both, in.length, hid.length);
        return both;
    }

    /** Learns the samples gathered since the last batch, if any. */
    private void flush() {
        if (filled == 0) {
            return;
        }
        input.learn(filled == inputBatch.length ? inputBatch : java.util.Arrays.copyOf(inputBatch, filled));
        hidden.learn(filled == hiddenBatch.length ? hiddenBatch : java.util.Arrays.copyOf(hiddenBatch, filled));
        filled = 0;
    }
}

package org.hebb.neurons;

/**
 * A kernel written for one block of neurons small enough for its arrays to stay in the L1 cache while the
 * kernel's passes run over it (see {@link ArrayLoops}); {@link #blocked} runs it block by block over a range.
 */
@FunctionalInterface
public interface BlockKernel {
    /** Neurons per block: 512 neurons times seven float arrays is 14 KiB. */
    int BLOCK = 512;

    /**
     * Advances neurons [from, to), at most {@link #BLOCK} of them, like {@link NeuronKernel#step}, appending the
     * spiking neurons to {@code spikes} after the first {@code count} entries.
     *
     * @return the new number of entries in {@code spikes}
     */
    int step(int from, int to, float[][] synapticInput, float[] injectedCurrent, int[] spikes, int count);

    /** The kernel that runs {@code kernel} over a range block by block. */
    static NeuronKernel blocked(BlockKernel kernel) {
        return (from, to, input, injected, spikes) -> {
            int count = 0;
            for (int start = from; start < to; start += BLOCK) {
                count = kernel.step(start, Math.min(to, start + BLOCK), input, injected, spikes, count);
            }
            return count;
        };
    }
}

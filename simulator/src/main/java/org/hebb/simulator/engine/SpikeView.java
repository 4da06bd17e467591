package org.hebb.simulator.engine;

/**
 * The spikes one population emitted in the step just completed: one list per thread partition, each in
 * increasing neuron order, partitions in increasing order, so iterating partitions then entries visits the
 * spiking neurons in increasing order. Read-only for monitors and callbacks; valid until the next step runs.
 */
public final class SpikeView {
    private final int[][] lists;
    private final int[] counts;

    SpikeView(int[][] lists, int[] counts) {
        this.lists = lists;
        this.counts = counts;
    }

    /** Number of partitions. */
    public int partitions() {
        return lists.length;
    }

    /** Number of spikes in partition {@code k}. */
    public int count(int k) {
        return counts[k];
    }

    /** The spiking neurons of partition {@code k} (entries 0 to count(k) - 1 are valid). */
    public int[] neurons(int k) {
        return lists[k];
    }

    /** Total number of spikes in the step. */
    public int total() {
        int total = 0;
        for (int c : counts) {
            total += c;
        }
        return total;
    }
}

package org.hebb.simulator.connect;

/**
 * The transposed index of a projection: for target neuron i, entries {@code start[i]} to {@code start[i + 1] - 1}
 * give the index of each synapse onto i (into the projection's arrays) and its presynaptic element, in increasing
 * presynaptic order. Rules use it to reach a neuron's incoming synapses when it spikes. 8 bytes per synapse.
 *
 * @param start   offsets per target neuron, length target size + 1
 * @param synapse synapse index of each entry
 * @param source  presynaptic element of each entry
 */
public record IncomingSynapses(int[] start, int[] synapse, int[] source) {
    static IncomingSynapses of(int[] rowPointer, int[] targets, int targetCount) {
        int[] start = RowOffsets.of(targets, targetCount);
        int[] fill = start.clone();
        int[] synapse = new int[targets.length];
        int[] source = new int[targets.length];
        for (int pre = 0; pre + 1 < rowPointer.length; pre++) {
            for (int j = rowPointer[pre]; j < rowPointer[pre + 1]; j++) {
                int slot = fill[targets[j]]++;
                synapse[slot] = j;
                source[slot] = pre;
            }
        }
        return new IncomingSynapses(start, synapse, source);
    }

    /** Memory in bytes. */
    public long memoryBytes() {
        return 4L * (start.length + synapse.length + source.length);
    }
}

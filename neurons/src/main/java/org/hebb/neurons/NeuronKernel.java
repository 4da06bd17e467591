package org.hebb.neurons;

/**
 * The Java implementation of one step of a neuron model over a range of neurons. Kernels are bound to one
 * {@link NeuronState} and one time step; they allocate nothing and touch only the neurons of their range, so
 * disjoint ranges can be advanced by different threads at once.
 */
public interface NeuronKernel {
    /**
     * Advances neurons {@code from} (inclusive) to {@code to} (exclusive) by one time step: integrates the state,
     * then applies threshold, reset and refractoriness.
     *
     * @param synapticInput   one array per receptor, in the model's receptor order: the summed weights arriving at
     *                        the start of this step; the kernel consumes the entries of its range and sets them to 0
     * @param injectedCurrent external current per neuron during this step (nA; for Izhikevich in the model's own
     *                        current unit, mV/ms); read only
     * @param spikes          receives the indices of the neurons that fired in this step, in increasing order,
     *                        starting at index 0; must have room for {@code to - from} entries
     * @return the number of neurons that fired
     */
    int step(int from, int to, float[][] synapticInput, float[] injectedCurrent, int[] spikes);
}

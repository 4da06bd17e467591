package org.hebb.simulator.engine;

/**
 * What a projection's synapses transmit when their presynaptic neurons spike, in place of their weights: the slot
 * of short-term plasticity. Before the clock-driven engine delivers the spikes of a step, it calls {@link
 * #beforeDelivery} on every thread for the thread's own range of target neurons, then delivers {@link
 * #transmitted()}{@code [j]} for each synapse j of the spiking rows. An implementation may change, in its {@link
 * SynapseRange}, only the synapses onto that range; it must not allocate.
 */
public interface Transmission {
    /** The amount each synapse transmits, in the projection's synapse order and weight unit. */
    float[] transmitted();

    /**
     * Sets {@link #transmitted()} for the synapses of the rows of the source neurons that spiked in
     * {@code spikeStep}, within {@code synapses}.
     *
     * @param synapses  the synapses this thread owns: those onto its range of target neurons
     * @param spikeStep the step whose spikes are about to be delivered
     * @param pre       the spikes the projection's source population emitted in {@code spikeStep}
     */
    void beforeDelivery(SynapseRange synapses, long spikeStep, SpikeView pre);

    /**
     * Called once per step on the coordinating thread after every thread has delivered the spikes of {@code
     * spikeStep} ({@code pre}, all partitions), for bookkeeping per presynaptic neuron that the threads may not
     * share (the latest spike of each); nothing by default.
     */
    default void delivered(long spikeStep, SpikeView pre) {
    }
}

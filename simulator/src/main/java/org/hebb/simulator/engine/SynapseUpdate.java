package org.hebb.simulator.engine;

/**
 * Work on a projection's synapses that runs in every step right after the projection's spikes were delivered: the
 * slot of plasticity rules. It runs on every engine thread at once, each for the thread's own range of target
 * neurons, so it may change the weights of the synapses in its {@link SynapseRange} and nothing else that another
 * thread could touch; it must not allocate.
 */
@FunctionalInterface
public interface SynapseUpdate {
    /**
     * @param synapses  the synapses this thread owns: those onto its range of target neurons
     * @param spikeStep the step whose spikes were just delivered
     * @param pre       the spikes the projection's source population emitted in {@code spikeStep}
     * @param post      the spikes the projection's target population emitted in {@code spikeStep}
     */
    void afterDelivery(SynapseRange synapses, long spikeStep, SpikeView pre, SpikeView post);
}

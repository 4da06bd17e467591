package org.hebb.simulator.engine;

/**
 * Work on a rule's global state (a modulator, an astrocyte) that runs once per step on the coordinating thread,
 * after every thread has run the synapse updates for {@code spikeStep} and before monitors see the step.
 */
@FunctionalInterface
public interface GlobalUpdate {
    /** @param spikeStep the step whose spikes the synapse updates just processed */
    void afterSynapseUpdates(long spikeStep);
}

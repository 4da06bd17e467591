package org.hebb.simulator.engine;

/**
 * A plasticity rule's work under the event-driven engine, on one projection: called at exact spike times, in time
 * order, on the engine's thread. Simultaneous events come arrivals first, so a presynaptic spike arriving at the
 * instant its target fires counts as before it.
 */
public interface SpikeEventUpdate {
    /** A presynaptic spike reaches {@code synapse} (onto {@code target}) at {@code timeMs}, after its weight acted. */
    void onArrival(int synapse, int target, double timeMs);

    /** Postsynaptic neuron {@code neuron} of the projection fires at {@code timeMs}. */
    void onPostsynapticSpike(int neuron, double timeMs);
}

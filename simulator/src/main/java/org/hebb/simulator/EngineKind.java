package org.hebb.simulator;

/**
 * How time advances, chosen with {@code Network.builder().engine(...)}; also what a plasticity rule declares it
 * supports. See {@link Network} for which engine suits which network.
 */
public enum EngineKind {
    /** Fixed steps of dt for every neuron, one or several threads; any model, input and rule (the default). */
    CLOCK_DRIVEN,
    /**
     * Each neuron advanced in closed form only when an event reaches it, with exact spike times; one thread, only
     * models with a closed form between events; cost grows with spikes, not with neurons x steps.
     */
    EVENT_DRIVEN
}

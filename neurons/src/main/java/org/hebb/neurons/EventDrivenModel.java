package org.hebb.neurons;

/**
 * A neuron model whose state has a closed form between input events, so that the event-driven engine can advance
 * each neuron only when an event reaches it and place its spikes at exact times off any grid.
 */
public interface EventDrivenModel extends NeuronModel {
    /**
     * Creates the exact implementation of the model for a whole population.
     *
     * @param state the population's state: read by {@link EventDrivenKernel#load}, written by
     *              {@link EventDrivenKernel#publish}
     * @param dt    the network's reporting step in ms (used only to express refractory periods in steps)
     */
    EventDrivenKernel createEventKernel(NeuronState state, double dt);
}

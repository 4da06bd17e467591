package org.hebb.neurons;

import java.util.Optional;

/**
 * A neuron model that the event-driven engine may run if its state has a closed form between input events, so
 * that each neuron is advanced only when an event reaches it and its spikes fall at exact times off any grid.
 */
public interface EventDrivenModel extends NeuronModel {
    /**
     * Why the model has no closed form between events at reporting step {@code dt} ms (naming the equation and
     * term that stand in the way), or empty when it has one.
     */
    Optional<String> whyNoClosedForm(double dt);


    /**
     * Creates the exact implementation of the model for a whole population.
     *
     * @param state the population's state: read by {@link EventDrivenKernel#load}, written by
     *              {@link EventDrivenKernel#publish}
     * @param dt    the network's reporting step in ms (used only to express refractory periods in steps)
     * @throws IllegalArgumentException when the model has no closed form between events ({@link #whyNoClosedForm})
     */
    EventDrivenKernel createEventKernel(NeuronState state, double dt);
}

package org.hebb.neurons;

/**
 * The exact implementation of an {@link EventDrivenModel} over one population. Each neuron's state is held in
 * double precision as of its last event and advanced in closed form when the next event reaches it; times are
 * absolute, in ms. Events must reach a neuron in non-decreasing time order. Nothing here allocates.
 */
public interface EventDrivenKernel {
    /**
     * Takes every neuron's state from the population's {@link NeuronState} as its value at {@code timeMs}.
     *
     * @param injectedCurrent constant current per neuron (nA) on top of the model's own offset current; read once
     */
    void load(double timeMs, float[] injectedCurrent);

    /** A spike of weight {@code weight} (in the receptor's unit) reaches {@code neuron} at {@code timeMs}. */
    void receive(int neuron, double timeMs, int receptor, double weight);

    /**
     * The earliest time, not before the neuron's last event, at which it reaches threshold if no further input
     * arrives; {@code Double.POSITIVE_INFINITY} if it never does. Crossings found by root finding are located
     * within {@link #spikeTimeToleranceMs()}.
     */
    double nextThresholdTime(int neuron);

    /** {@code neuron} fires at {@code timeMs}: reset and refractory period. */
    void fire(int neuron, double timeMs);

    /**
     * Writes every neuron's state at {@code timeMs} (not before any neuron's last event) into the population's
     * {@link NeuronState}, in single precision, for monitors; the kernel's own state is unchanged.
     */
    void publish(double timeMs);

    /** How closely threshold crossings found by root finding are located, ms (0 where no root is searched). */
    double spikeTimeToleranceMs();
}

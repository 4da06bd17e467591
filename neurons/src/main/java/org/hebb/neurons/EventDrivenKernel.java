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

    /**
     * As {@link #load}, after user code wrote the population's {@link NeuronState} at {@code timeMs}, with
     * {@link #publish publish(timeMs)} called just before: a value that still holds what publish wrote is kept as
     * the kernel holds it, in double precision, rather than taken back rounded to the state's precision, so that a
     * write changes only what it writes. By default, {@link #load}.
     *
     * @param injectedCurrent constant current per neuron (nA) on top of the model's own offset current; read once
     */
    default void reload(double timeMs, float[] injectedCurrent) {
        load(timeMs, injectedCurrent);
    }

    /** A spike of weight {@code weight} (in the receptor's unit) reaches {@code neuron} at {@code timeMs}. */
    void receive(int neuron, double timeMs, int receptor, double weight);

    /**
     * The earliest time, not before the neuron's last event, at which it reaches threshold if no further input
     * arrives; {@code Double.POSITIVE_INFINITY} if it never does. A crossing found by a search is located to the
     * kernel's tolerance (1e-12 ms for {@code LinearEventKernel}), never before the exact one.
     */
    double nextThresholdTime(int neuron);

    /**
     * As {@link #nextThresholdTime(int)}, for a caller that knows the neuron stays below threshold before
     * {@code notBeforeMs} (a time {@link #thresholdTimeLowerBound} gave, with no input since): the search may start
     * there.
     */
    default double nextThresholdTime(int neuron, double notBeforeMs) {
        return nextThresholdTime(neuron);
    }

    /**
     * Whether {@link #thresholdTimeLowerBound} is much cheaper than {@link #nextThresholdTime(int)}. The engine then
     * asks for the bound after each input and for the exact time only when the bound is reached with no input in
     * between; most inputs to a busy neuron then cost no root search.
     */
    default boolean hasCheapThresholdBound() {
        return false;
    }

    /**
     * A time, not before the neuron's last event, before which it cannot reach threshold if no further input
     * arrives: at most {@link #nextThresholdTime(int)}; {@code Double.POSITIVE_INFINITY} only if it never does.
     */
    default double thresholdTimeLowerBound(int neuron) {
        return nextThresholdTime(neuron);
    }

    /** {@code neuron} fires at {@code timeMs}: reset and refractory period. */
    void fire(int neuron, double timeMs);

    /**
     * Writes every neuron's state at {@code timeMs} (not before any neuron's last event) into the population's
     * {@link NeuronState}, in its precision, for monitors; the kernel's own state is unchanged.
     */
    void publish(double timeMs);
}

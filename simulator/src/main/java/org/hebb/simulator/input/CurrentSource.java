package org.hebb.simulator.input;

/**
 * A current injected into every neuron of a population (nA; for Izhikevich neurons the model's own current unit).
 * The engine creates one injector per thread.
 */
public interface CurrentSource {
    /**
     * Creates an injector for a population of {@code size} neurons.
     *
     * @param dt  time step in ms
     * @param key run-time random stream key derived from the master seed (for noisy sources)
     */
    Injector createInjector(double dt, int size, long key);

    /** A short description, for reports. */
    String describe();

    /**
     * The current per neuron if it never changes (what the event-driven engine can integrate in closed form), or
     * null if it varies in time.
     */
    default float[] constantAmplitudes(int size) {
        return null;
    }

    /** Adds the current of one step to a range of neurons. */
    interface Injector {
        /**
         * Adds the current during {@code step} to {@code current[from..to)}. Must not allocate; the values must
         * depend only on the step and the neuron, not on the range.
         */
        void add(long step, int from, int to, float[] current);
    }
}

package org.hebb.simulator.population;

/**
 * A population of spike sources: elements that emit spikes by a rule of their own (Poisson, Bernoulli, given
 * times) and receive no input. Subclasses create the per-step generator the engine runs.
 */
public abstract class SpikeSourcePopulation extends Population {
    protected SpikeSourcePopulation(String name, int size) {
        super(name, size);
    }

    /**
     * Validates the source for time step {@code dt} and creates a generator. The engine creates one generator per
     * thread, so a generator may keep scratch buffers of its own.
     *
     * @param dt  time step in ms
     * @param key the population's run-time random stream key, derived from the master seed
     */
    public abstract SpikeGenerator createGenerator(double dt, long key);

    /** The per-step spike rule of a source population; like a neuron kernel, it works on a range of elements. */
    public interface SpikeGenerator {
        /**
         * Writes the indices of the elements in [from, to) that fire in {@code step} into {@code spikes} (from
         * index 0, increasing) and returns their number. Must not allocate; the result must depend only on the
         * step and the element, not on the range.
         */
        int generate(long step, int from, int to, int[] spikes);
    }

    /**
     * Creates the source's spike times for the event-driven engine: exact times, not tied to steps. Sources whose
     * rule is defined per step return null, and the engine refuses them.
     *
     * @param key the population's run-time random stream key, derived from the master seed
     */
    public EventTimes createEventTimes(long key) {
        return null;
    }

    /** Each element's spike times in increasing order, produced one at a time. */
    public interface EventTimes {
        /** Sets element {@code element}'s clock to {@code fromMs}: its next spike is the first at or after it. */
        void restart(int element, double fromMs);

        /** Element {@code element}'s next spike time in ms, consumed; +infinity when there is none. */
        double next(int element);
    }
}

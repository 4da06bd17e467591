package org.hebb.simulator.connect;

import org.apache.commons.rng.UniformRandomProvider;
import org.hebb.simulator.population.Population;

/** A rule that decides which (presynaptic, postsynaptic) pairs a projection connects. */
public interface Connector {
    /**
     * Emits the pairs to {@code sink}, drawing any randomness from {@code random} (a build-time stream derived
     * from the master seed and the projection's name).
     */
    void connect(Population source, Population target, UniformRandomProvider random, PairSink sink);

    /** A short description with parameters, for reports. */
    String describe();

    /** Receives connected pairs. */
    @FunctionalInterface
    interface PairSink {
        /** Connects presynaptic element {@code pre} to postsynaptic neuron {@code post}. */
        void add(int pre, int post);
    }
}

package org.hebb.neurons.adex;

/**
 * Something that simulates one AdEx neuron under a step current: the reference integrator now, Hebb's own AdEx model
 * once it exists, so that both are held to the same firing-pattern tests.
 */
@FunctionalInterface
interface AdexSpikeSource {
    /**
     * Runs the neuron from rest (V = E_L, w = 0) with the set's step current switched on at t = 0.
     *
     * @param parameters the parameter set and its step current
     * @param stimulusMs how long the current stays on, ms
     * @return the spike times, ms after current onset, ascending
     */
    double[] spikeTimes(NaudParameterSets parameters, double stimulusMs);
}

package org.hebb.simulator.engine;

import org.hebb.simulator.connect.Projection;

/**
 * Astrocyte-modulated STDP on one projection, described completely enough for another backend to run it exactly as
 * the Java implementation does in {@link #afterDelivery}: in the step after spike step s, with the rates P and A of
 * before the step's global update, each presynaptic spike of s changes its row by rate_out * x_post(s - 1) (clipped
 * unless the target fired in s too), then each postsynaptic spike of s changes its incoming synapses by rate_in *
 * x_pre(s - 1) and clips; rate_out = -A and rate_in = P for an excitatory presynaptic population, P and -A for an
 * inhibitory one.
 */
public interface AstrocyteStdpUpdate extends SynapseUpdate {
    Projection projection();

    /** The live weights, in the projection's synapse order. */
    float[] weights();

    Trace presynapticTrace();

    Trace postsynapticTrace();

    /** Whether the presynaptic population is excitatory (input or liquid excitatory) rather than inhibitory. */
    boolean presynapticExcitatory();

    float minWeight();

    float maxWeight();

    /** The astrocyte whose rates the rule uses. */
    AstrocyteRates rates();
}

package org.hebb.simulator.engine;

import org.hebb.simulator.connect.Projection;

/**
 * The three-factor rule on one projection, described completely enough for another backend to run its synapse
 * update exactly as the Java implementation does in {@link #afterDelivery} (its global update, which evaluates
 * signals, stays with the host): with paired eligibility, arrivals and postsynaptic spikes change each synapse's
 * lazily decayed eligibility e (decay table for gaps below its length, else decay^gap); then, unless the gate is 0,
 * each target i with factor = etaDt * gate * modulator[i] != 0 moves its incoming weights by factor * e (paired) or
 * factor * x_pre(s - d) (presynaptic eligibility), clipped.
 */
public interface ThreeFactorUpdate extends SynapseUpdate {
    Projection projection();

    /** The live weights, in the projection's synapse order. */
    float[] weights();

    /** Whether eligibility is per synapse (pre/post pairing) rather than the presynaptic trace. */
    boolean paired();

    /** Per-synapse eligibility (paired only; live array). */
    float[] eligibility();

    /** The step of each synapse's last eligibility update, 64-bit as every step (paired only; live array). */
    long[] eligibilityStep();

    /** decay^k for k below the table's length (paired only). */
    float[] eligibilityDecayTable();

    /** The eligibility's decay per step, in double precision (paired only). */
    double eligibilityDecayPerStep();

    float aPlus();

    float aMinus();

    /** eta * dt, as the rule rounds it. */
    float etaDt();

    /** The presynaptic trace (paired: the pairing trace; presynaptic: the eligibility itself). */
    Trace presynapticTrace();

    /** The postsynaptic trace (paired only, else null). */
    Trace postsynapticTrace();

    /** The live modulators, one per postsynaptic neuron. */
    float[] modulators();

    /** The gate now. */
    float gate();

    /** Whether weight changes go through an orthogonal projection of the presynaptic traces (HLOP). */
    boolean projected();

    float minWeight();

    float maxWeight();
}

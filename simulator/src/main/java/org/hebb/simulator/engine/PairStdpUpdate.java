package org.hebb.simulator.engine;

import org.hebb.simulator.connect.Projection;

/**
 * Pair-based STDP on one projection, described completely enough for another backend to run it exactly as the
 * Java implementation does in {@link #afterDelivery}: in the step after spike step s, a presynaptic spike arriving
 * in s through a synapse of delay d (emitted in s - d) changes the weight by x_post(s - 1) * decay_post *
 * (depressionConstant + depressionSlope * w); then a postsynaptic spike of s changes each incoming weight by
 * x_pre(s - d) * (potentiationConstant + potentiationSlope * w); each result clipped to [minWeight, maxWeight]
 * before the next. The traces are the engine's shared {@link Trace}s.
 */
public interface PairStdpUpdate extends SynapseUpdate {
    /** The projection whose weights change. */
    Projection projection();

    /** The live weights, in the projection's synapse order. */
    float[] weights();

    /** The presynaptic trace (of the projection's source population). */
    Trace presynapticTrace();

    /** The postsynaptic trace (of the projection's target population). */
    Trace postsynapticTrace();

    float potentiationConstant();

    float potentiationSlope();

    float depressionConstant();

    float depressionSlope();

    float minWeight();

    float maxWeight();
}

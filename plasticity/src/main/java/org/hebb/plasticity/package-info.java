/**
 * Plasticity rules attachable to any projection with {@code Network.addPlasticity}: pair-based STDP
 * ({@link org.hebb.plasticity.stdp}), the three-factor rule ({@link org.hebb.plasticity.threefactor}),
 * astrocyte-modulated STDP ({@link org.hebb.plasticity.astrocyte}) and the Hebbian subspace module of HLOP
 * ({@link org.hebb.plasticity.hlop}), with what they share: weight bounds and dependence, time-varying
 * {@link org.hebb.plasticity.Signal}s, and {@link org.hebb.plasticity.PresynapticProjection}, through which an
 * error x presynaptic trace rule uses a projected trace.
 */
package org.hebb.plasticity;

/**
 * Plasticity rules attachable to projections: STDP, three-factor Hebbian, astrocyte-modulated STDP and Hebbian
 * orthogonal projection. {@link org.hebb.plasticity.PresynapticProjection} lets a rule whose update is
 * error x presynaptic trace use a projected trace; {@link org.hebb.plasticity.hlop} provides one. The rules
 * themselves are not implemented yet; see README.md in this module.
 */
package org.hebb.plasticity;

/**
 * Plasticity rules attachable to projections: STDP, three-factor Hebbian, astrocyte-modulated STDP and Hebbian
 * orthogonal projection. Not yet implemented; see README.md in this module.
 */
package org.hebb.plasticity;

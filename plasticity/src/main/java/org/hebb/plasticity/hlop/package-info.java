/**
 * Hebbian learning based orthogonal projection (HLOP) for continual learning: lateral subspace neurons learn, with
 * Oja's subspace rule, the principal subspace of a layer's presynaptic activity task after task
 * ({@link org.hebb.plasticity.hlop.HebbianSubspace}), and weight updates of the form error x presynaptic activity
 * use the activity projected onto the orthogonal complement of that subspace, so that learning a new task leaves
 * the responses to earlier tasks' inputs unchanged.
 */
package org.hebb.plasticity.hlop;

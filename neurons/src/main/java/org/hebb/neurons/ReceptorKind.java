package org.hebb.neurons;

/**
 * How the weight of a synapse onto a receptor acts on the postsynaptic neuron: its unit and whether it must be
 * >= 0 (a conductance, say, whose sign the reversal potential sets). Defined models take both from their
 * receptors' declarations.
 *
 * @param weightUnit                 unit of synaptic weights onto this kind of receptor
 * @param requiresNonNegativeWeights whether weights onto this kind of receptor must be >= 0
 */
public record ReceptorKind(String weightUnit, boolean requiresNonNegativeWeights) {
}

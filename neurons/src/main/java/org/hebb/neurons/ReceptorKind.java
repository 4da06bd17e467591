package org.hebb.neurons;

/**
 * How the weight of a synapse onto a receptor acts on the postsynaptic neuron: its unit and whether it must be
 * >= 0. Defined models describe their own receptors; the constants are those of the built-in models.
 *
 * @param weightUnit                 unit of synaptic weights onto this kind of receptor
 * @param requiresNonNegativeWeights whether weights onto this kind of receptor must be >= 0
 */
public record ReceptorKind(String weightUnit, boolean requiresNonNegativeWeights) {
    /** The weight is a conductance increment in uS; it must be >= 0, the reversal potential sets the sign. */
    public static final ReceptorKind CONDUCTANCE = new ReceptorKind("uS", true);
    /** The weight is a synaptic current increment in nA, of either sign. */
    public static final ReceptorKind CURRENT = new ReceptorKind("nA", false);
    /** The weight is an instantaneous change of the membrane potential in mV, of either sign. */
    public static final ReceptorKind VOLTAGE_JUMP = new ReceptorKind("mV", false);
    /**
     * The weight (mV, either sign) scales a decaying drive of unit area: s ms after arrival the membrane potential
     * rises by w exp(-s / tau) / tau per ms.
     */
    public static final ReceptorKind VOLTAGE_KERNEL = new ReceptorKind("mV", false);
}

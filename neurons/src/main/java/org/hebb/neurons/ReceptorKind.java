package org.hebb.neurons;

/** How the weight of a synapse onto a receptor acts on the postsynaptic neuron, and in which unit it is given. */
public enum ReceptorKind {
    /** The weight is a conductance increment in uS; it must be >= 0, the reversal potential sets the sign. */
    CONDUCTANCE("uS", true),
    /** The weight is a synaptic current increment in nA, of either sign. */
    CURRENT("nA", false),
    /** The weight is an instantaneous change of the membrane potential in mV, of either sign. */
    VOLTAGE_JUMP("mV", false),
    /**
     * The weight (mV, either sign) scales a decaying drive of unit area: s ms after arrival the membrane potential
     * rises by w exp(-s / tau) / tau per ms.
     */
    VOLTAGE_KERNEL("mV", false);

    private final String weightUnit;
    private final boolean nonNegativeWeights;

    ReceptorKind(String weightUnit, boolean nonNegativeWeights) {
        this.weightUnit = weightUnit;
        this.nonNegativeWeights = nonNegativeWeights;
    }

    /** Unit of synaptic weights onto this kind of receptor. */
    public String weightUnit() {
        return weightUnit;
    }

    /** Whether weights onto this kind of receptor must be >= 0. */
    public boolean requiresNonNegativeWeights() {
        return nonNegativeWeights;
    }
}

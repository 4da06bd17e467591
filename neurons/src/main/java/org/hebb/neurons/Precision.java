package org.hebb.neurons;

/**
 * The floating-point format of a network's neuron state and of the arithmetic of its generated kernels. Synaptic
 * weights, delivered inputs and injected currents stay in single precision either way.
 */
public enum Precision {
    /** 32-bit IEEE 754: half the memory and bandwidth; the default. */
    SINGLE,
    /** 64-bit IEEE 754, as Brian2 and NEST compute: for comparisons with them and for stiff or long integrations. */
    DOUBLE
}

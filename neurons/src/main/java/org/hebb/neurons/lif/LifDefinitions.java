package org.hebb.neurons.lif;

import org.hebb.neurons.definition.NeuronDefinition;

/** What the definitions of the leaky integrate-and-fire models share: PyNN's membrane parameters, threshold, reset. */
final class LifDefinitions {
    private LifDefinitions() {
    }

    /** A definition of {@code name} with the common LIF parameters (PyNN's names, units, defaults). */
    static NeuronDefinition.Builder common(String name) {
        return NeuronDefinition.builder(name)
                .parameter("cm", "nF", 1).parameter("tau_m", "ms", 20).parameter("tau_refrac", "ms", 0.1)
                .parameter("v_rest", "mV", -65).parameter("v_reset", "mV", -65).parameter("v_thresh", "mV", -50)
                .parameter("i_offset", "nA", 0)
                .requires("cm > 0").requires("tau_m > 0").requires("tau_refrac >= 0")
                .requires("v_reset < v_thresh")
                .initial("v", "v_rest")
                .threshold("v >= v_thresh").reset("v = v_reset").refractory("tau_refrac");
    }
}

package org.hebb.simulator.testing;

import org.hebb.neurons.definition.IntegrationMethod;
import org.hebb.neurons.definition.NeuronDefinition;
import org.hebb.neurons.definition.Receptor;

/** The README's model of one's own, an adapting LIF, as the README writes it, for the tests that run it. */
public final class ReadmeModel {
    /** The definition, parameters at the README's defaults. */
    public static final NeuronDefinition ADAPTIVE_LIF = NeuronDefinition.builder("adaptive_lif")
            .parameter("tau_m", "ms", 20).parameter("r_m", "MOhm", 100).parameter("v_rest", "mV", -70)
            .parameter("v_thresh", "mV", -50).parameter("v_reset", "mV", -65).parameter("tau_refrac", "ms", 2)
            .parameter("tau_a", "ms", 200).parameter("b", "nA", 0.02).parameter("tau_syn", "ms", 5)
            .requires("tau_m > 0").requires("tau_a > 0").requires("tau_syn > 0").requires("v_reset < v_thresh")
            .equations("""
                    dv/dt = (v_rest - v + r_m * (i_syn - a + I_inj)) / tau_m : mV (unless refractory)
                    da/dt = -a / tau_a : nA
                    di_syn/dt = -i_syn / tau_syn : nA
                    """)
            .initial("v", "v_rest")
            .threshold("v >= v_thresh").reset("v = v_reset; a += b").refractory("tau_refrac")
            .receptor(Receptor.of("synaptic", "nA", "i_syn += weight"))
            .method(IntegrationMethod.EXACT)
            .build();

    private ReadmeModel() {
    }
}

package org.hebb.neurons.lif;

import org.hebb.neurons.definition.IntegrationMethod;
import org.hebb.neurons.definition.NeuronDefinition;
import org.hebb.neurons.definition.Receptor;

/**
 * Leaky integrate-and-fire neuron with alpha-shaped synaptic conductances ({@code IF_cond_alpha}, PyNN's name),
 * defined from its equations alone. A weight w (uS, >= 0) arriving at time 0 makes the conductance
 * w (t / tau_syn) exp(1 - t / tau_syn), which peaks at w when t = tau_syn:
 *
 * <pre>
 * dv/dt = (v_rest - v) / tau_m + (g_e (e_rev_E - v) + g_i (e_rev_I - v) + i_offset + I_inj) / cm
 * dg_x/dt = (e y_x - g_x) / tau_syn_X,   dy_x/dt = -y_x / tau_syn_X,      y_x += w on arrival
 * </pre>
 * The membrane is advanced by exponential Euler with the conductances of the start of the step (held while
 * refractory), then the conductances exactly.
 */
public final class IfCondAlpha {
    /** The definition; {@code DEFINITION.model().with(...)} sets parameters. */
    public static final NeuronDefinition DEFINITION = LifDefinitions.common("IF_cond_alpha")
            .parameter("tau_syn_E", "ms", 0.3).parameter("tau_syn_I", "ms", 0.5)
            .parameter("e_rev_E", "mV", 0).parameter("e_rev_I", "mV", -70)
            .requires("tau_syn_E > 0").requires("tau_syn_I > 0")
            .equations("""
                    dv/dt = (v_rest - v) / tau_m + (g_e * (e_rev_E - v) + g_i * (e_rev_I - v) + i_offset + I_inj) / cm : mV (unless refractory)
                    dg_e/dt = (exp(1) * y_e - g_e) / tau_syn_E : uS
                    dy_e/dt = -y_e / tau_syn_E : uS
                    dg_i/dt = (exp(1) * y_i - g_i) / tau_syn_I : uS
                    dy_i/dt = -y_i / tau_syn_I : uS
                    """)
            .receptor(Receptor.of("excitatory", "uS", "y_e += weight").nonNegative())
            .receptor(Receptor.of("inhibitory", "uS", "y_i += weight").nonNegative())
            .stage(IntegrationMethod.EXPONENTIAL_EULER, 1, "v")
            .method(IntegrationMethod.EXACT)
            .build();

    private IfCondAlpha() {
    }
}

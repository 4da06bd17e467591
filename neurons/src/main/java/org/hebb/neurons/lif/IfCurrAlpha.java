package org.hebb.neurons.lif;

import org.hebb.neurons.definition.IntegrationMethod;
import org.hebb.neurons.definition.NeuronDefinition;
import org.hebb.neurons.definition.Receptor;

/**
 * Leaky integrate-and-fire neuron with alpha-shaped synaptic currents ({@code IF_curr_alpha}, PyNN's name),
 * defined from its equations alone. A weight w (nA) arriving at time 0 makes the current
 * w (t / tau_syn) exp(1 - t / tau_syn), which peaks at w when t = tau_syn; it is built from a decaying auxiliary
 * variable y that the weight jumps:
 *
 * <pre>
 * dv/dt = (v_rest - v) / tau_m + (i_syn_e + i_syn_i + i_offset + I_inj) / cm     (held while refractory)
 * di_syn_x/dt = (e y_x - i_syn_x) / tau_syn_X,   dy_x/dt = -y_x / tau_syn_X,      y_x += w on arrival
 * </pre>
 * integrated exactly. Parameters: the LIF ones ({@link LifModel}) and tau_syn_E, tau_syn_I (ms).
 */
public final class IfCurrAlpha {
    /** The definition; {@code DEFINITION.model().with(...)} sets parameters. */
    public static final NeuronDefinition DEFINITION = LifDefinitions.common("IF_curr_alpha")
            .parameter("tau_syn_E", "ms", 0.5).parameter("tau_syn_I", "ms", 0.5)
            .requires("tau_syn_E > 0").requires("tau_syn_I > 0")
            .equations("""
                    dv/dt = (v_rest - v) / tau_m + (i_syn_e + i_syn_i + i_offset + I_inj) / cm : mV (unless refractory)
                    di_syn_e/dt = (exp(1) * y_e - i_syn_e) / tau_syn_E : nA
                    dy_e/dt = -y_e / tau_syn_E : nA
                    di_syn_i/dt = (exp(1) * y_i - i_syn_i) / tau_syn_I : nA
                    dy_i/dt = -y_i / tau_syn_I : nA
                    """)
            .receptor(Receptor.of("excitatory", "nA", "y_e += weight"))
            .receptor(Receptor.of("inhibitory", "nA", "y_i += weight"))
            .method(IntegrationMethod.EXACT)
            .build();

    private IfCurrAlpha() {
    }
}

package org.hebb.neurons.lif;

import org.hebb.neurons.definition.IntegrationMethod;
import org.hebb.neurons.definition.NeuronDefinition;
import org.hebb.neurons.definition.Receptor;
import org.hebb.util.Require;

/**
 * Leaky integrate-and-fire neuron with exponentially decaying synaptic currents ({@code IF_curr_exp}).
 *
 * <pre>
 * cm dv/dt = cm (v_rest - v) / tau_m + i_syn_e + i_syn_i + i_offset + I_inj
 * di_syn_e/dt = -i_syn_e / tau_syn_E,   di_syn_i/dt = -i_syn_i / tau_syn_I
 * </pre>
 * integrated exactly (propagator matrix, as NEST's {@code iaf_psc_exp}) with the injected current constant during
 * a step. A weight (nA) arriving at the start of a step is added to its synaptic current at that moment.
 * Inhibitory weights are negative, as in PyNN.
 *
 * <p>Event-driven: the same equations in closed form between events, threshold crossings located by root finding
 * to 1e-12 ms.
 */
public final class IfCurrExp extends LifModel {
    /** IF_curr_exp as a definition, integrated exactly; parameters in PyNN's names, units and defaults. */
    public static final NeuronDefinition DEFINITION = LifDefinitions.common("IF_curr_exp")
            .parameter("tau_syn_E", "ms", 5).parameter("tau_syn_I", "ms", 5)
            .requires("tau_syn_E > 0").requires("tau_syn_I > 0")
            .equations("""
                    dv/dt = (v_rest - v) / tau_m + (i_syn_e + i_syn_i + i_offset + I_inj) / cm : mV (unless refractory)
                    di_syn_e/dt = -i_syn_e / tau_syn_E : nA
                    di_syn_i/dt = -i_syn_i / tau_syn_I : nA
                    """)
            .receptor(Receptor.of("excitatory", "nA", "i_syn_e += weight"))
            .receptor(Receptor.of("inhibitory", "nA", "i_syn_i += weight"))
            .method(IntegrationMethod.EXACT)
            .build();

    /** Index of {@code i_syn_e} (nA). */
    public static final int I_SYN_E = 2;
    /** Index of {@code i_syn_i} (nA). */
    public static final int I_SYN_I = 3;

    private IfCurrExp(Builder b) {
        super(DEFINITION, b);
    }

    /** A builder with PyNN's defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** Decay time constant of excitatory synaptic currents, ms. */
    public double tauSynE() {
        return parameter("tau_syn_E");
    }

    /** Decay time constant of inhibitory synaptic currents, ms. */
    public double tauSynI() {
        return parameter("tau_syn_I");
    }

    /** Builder for {@link IfCurrExp}. */
    public static final class Builder extends LifModel.Builder<Builder> {
        @Override
        protected Builder self() {
            return this;
        }

        /** Decay time constant {@code tau_syn_E} of excitatory synaptic currents in ms (> 0). */
        public Builder tauSynE(double ms) {
            return set("tau_syn_E", Require.positive("tau_syn_E", ms, "ms"));
        }

        /** Decay time constant {@code tau_syn_I} of inhibitory synaptic currents in ms (> 0). */
        public Builder tauSynI(double ms) {
            return set("tau_syn_I", Require.positive("tau_syn_I", ms, "ms"));
        }

        /** Validates the parameters together and creates the model. */
        public IfCurrExp build() {
            return new IfCurrExp(this);
        }
    }
}

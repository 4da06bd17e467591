package org.hebb.neurons.lif;

import org.hebb.neurons.definition.IntegrationMethod;
import org.hebb.neurons.definition.NeuronDefinition;
import org.hebb.neurons.definition.Receptor;
import org.hebb.util.Require;

/**
 * Leaky integrate-and-fire neuron with exponentially decaying synaptic conductances ({@code IF_cond_exp}), the
 * model of the COBA benchmark (Brette et al. 2007).
 *
 * <pre>
 * cm dv/dt = cm (v_rest - v) / tau_m + g_e (e_rev_E - v) + g_i (e_rev_I - v) + i_offset + I_inj
 * dg_e/dt = -g_e / tau_syn_E,   dg_i/dt = -g_i / tau_syn_I
 * </pre>
 * Conductances (uS) decay exactly; weights (uS, >= 0) arriving at the start of a step are added to them then.
 * The membrane is advanced with the chosen {@link Integration}, conductances held at their start-of-step values.
 */
public final class IfCondExp extends LifModel {
    /** Index of {@code g_e} (uS). */
    public static final int G_E = 2;
    /** Index of {@code g_i} (uS). */
    public static final int G_I = 3;

    private static final NeuronDefinition EULER = definition(IntegrationMethod.EULER);
    private static final NeuronDefinition EXPONENTIAL_EULER = definition(IntegrationMethod.EXPONENTIAL_EULER);

    /** How the membrane equation is advanced over a step. */
    public enum Integration {
        /** Forward Euler: cheapest, first order; what Brian2's {@code method='euler'} does. */
        EULER,
        /** Exact for conductances held constant over the step (Brian2's {@code exponential_euler}). */
        EXPONENTIAL_EULER
    }

    private final Integration integration;

    private IfCondExp(Builder b) {
        super(b.integration == Integration.EULER ? EULER : EXPONENTIAL_EULER, b);
        this.integration = b.integration;
    }

    /**
     * IF_cond_exp as a definition: the membrane advanced with {@code membrane} (Euler or exponential Euler) from
     * the conductances at the start of the step, then the conductances decay exactly.
     */
    public static NeuronDefinition definition(IntegrationMethod membrane) {
        return LifDefinitions.common("IF_cond_exp")
                .parameter("tau_syn_E", "ms", 5).parameter("tau_syn_I", "ms", 5)
                .parameter("e_rev_E", "mV", 0).parameter("e_rev_I", "mV", -70)
                .requires("tau_syn_E > 0").requires("tau_syn_I > 0")
                .equations("""
                        dv/dt = (v_rest - v) / tau_m + (g_e * (e_rev_E - v) + g_i * (e_rev_I - v) + i_offset + I_inj) / cm : mV (unless refractory)
                        dg_e/dt = -g_e / tau_syn_E : uS
                        dg_i/dt = -g_i / tau_syn_I : uS
                        """)
                .receptor(Receptor.of("excitatory", "uS", "g_e += weight").nonNegative())
                .receptor(Receptor.of("inhibitory", "uS", "g_i += weight").nonNegative())
                .stage(membrane, 1, "v")
                .method(IntegrationMethod.EXACT)
                .build();
    }

    /** A builder with PyNN's defaults and exponential-Euler integration. */
    public static Builder builder() {
        return new Builder();
    }

    /** The membrane integration method. */
    public Integration integration() {
        return integration;
    }

    /** Builder for {@link IfCondExp}. */
    public static final class Builder extends LifModel.Builder<Builder> {
        Integration integration = Integration.EXPONENTIAL_EULER;

        @Override
        protected Builder self() {
            return this;
        }

        /** Decay time constant {@code tau_syn_E} of excitatory conductances in ms (> 0). */
        public Builder tauSynE(double ms) {
            return set("tau_syn_E", Require.positive("tau_syn_E", ms, "ms"));
        }

        /** Decay time constant {@code tau_syn_I} of inhibitory conductances in ms (> 0). */
        public Builder tauSynI(double ms) {
            return set("tau_syn_I", Require.positive("tau_syn_I", ms, "ms"));
        }

        /** Excitatory reversal potential {@code e_rev_E} in mV. */
        public Builder eRevE(double mV) {
            return set("e_rev_E", Require.finite("e_rev_E", mV, "mV"));
        }

        /** Inhibitory reversal potential {@code e_rev_I} in mV. */
        public Builder eRevI(double mV) {
            return set("e_rev_I", Require.finite("e_rev_I", mV, "mV"));
        }

        /** Membrane integration method. */
        public Builder integration(Integration method) {
            integration = Require.notNull("integration", method);
            return this;
        }

        /** Validates the parameters together and creates the model. */
        public IfCondExp build() {
            return new IfCondExp(this);
        }
    }
}

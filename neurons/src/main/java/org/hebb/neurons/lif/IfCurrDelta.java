package org.hebb.neurons.lif;

import org.hebb.neurons.definition.IntegrationMethod;
import org.hebb.neurons.definition.NeuronDefinition;
import org.hebb.neurons.definition.Receptor;

/**
 * Leaky integrate-and-fire neuron with delta synapses ({@code IF_curr_delta}): a synaptic weight (mV) makes the
 * membrane potential jump when the spike arrives.
 *
 * <pre>tau_m dv/dt = v_rest - v + (tau_m / cm) (i_offset + I_inj)</pre>
 * integrated exactly between steps (the injected current is taken as constant during a step); jumps arriving in
 * a step are added after the step's propagation, as NEST's {@code iaf_psc_delta} does. Input arriving during the
 * refractory period is discarded.
 *
 * <p>Event-driven: v relaxes in closed form between events; a spike happens at an input that lifts v to threshold
 * or, with a suprathreshold constant current, at the time given by the closed form.
 */
public final class IfCurrDelta extends LifModel {
    /** IF_curr_delta as a definition: jumps act after the step's exact propagation and are lost while refractory. */
    public static final NeuronDefinition DEFINITION = LifDefinitions.common("IF_curr_delta")
            .equations("dv/dt = (v_rest - v) / tau_m + (i_offset + I_inj) / cm : mV (unless refractory)")
            .receptor(Receptor.of("excitatory", "mV", "v += weight").actingAfterIntegration())
            .receptor(Receptor.of("inhibitory", "mV", "v += weight").actingAfterIntegration())
            .method(IntegrationMethod.EXACT)
            .build();

    private IfCurrDelta(Builder b) {
        super(DEFINITION, b);
    }

    /** A builder with PyNN's defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builder for {@link IfCurrDelta}. */
    public static final class Builder extends LifModel.Builder<Builder> {
        @Override
        protected Builder self() {
            return this;
        }

        /** Validates the parameters together and creates the model. */
        public IfCurrDelta build() {
            return new IfCurrDelta(this);
        }
    }
}

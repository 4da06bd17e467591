package org.hebb.neurons.lif;

import java.util.List;
import java.util.Map;

import org.hebb.neurons.ArrayLoops;
import org.hebb.neurons.EventDrivenKernel;
import org.hebb.neurons.EventDrivenModel;
import org.hebb.neurons.NeuronState;
import org.hebb.neurons.ReceptorKind;
import org.hebb.neurons.Variable;
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
public final class IfCurrDelta extends LifModel implements EventDrivenModel {
    /** IF_curr_delta as a definition: jumps act after the step's exact propagation and are lost while refractory. */
    public static final NeuronDefinition DEFINITION = LifDefinitions.common("IF_curr_delta")
            .equations("dv/dt = (v_rest - v) / tau_m + (i_offset + I_inj) / cm : mV (unless refractory)")
            .receptor(Receptor.of("excitatory", "mV", "v += weight").actingAfterIntegration())
            .receptor(Receptor.of("inhibitory", "mV", "v += weight").actingAfterIntegration())
            .method(IntegrationMethod.EXACT)
            .build();

    private IfCurrDelta(Builder b) {
        super(b);
    }

    /** A builder with PyNN's defaults. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return "IF_curr_delta";
    }

    @Override
    protected ReceptorKind weightKind() {
        return ReceptorKind.VOLTAGE_JUMP;
    }

    @Override
    protected Map<String, Double> specificParameters() {
        return Map.of();
    }

    @Override
    protected List<Variable> specificVariables() {
        return List.of();
    }

    @Override
    public EventDrivenKernel createEventKernel(NeuronState state, double dt) {
        return new DeltaLifEventKernel(this, state, dt);
    }

    /**
     * The single-precision constants of one step of {@code dt} ms, shared by every backend's kernel:
     * v' = target + (v - target) decay + jumps, with target = restPlusBias + resistance I_inj.
     */
    public record StepConstants(float decay, float resistance, float restPlusBias) {
    }

    /** The constants of one step of {@code dt} ms (see {@link StepConstants}). */
    public StepConstants stepConstants(double dt) {
        return new StepConstants((float) Math.exp(-dt / tauM), (float) (tauM / cm),
                (float) (vRest + iOffset * tauM / cm));
    }

    @Override
    protected Integrator createIntegrator(NeuronState state, double dt) {
        final float[] v = state.array(V);
        final float[] refractory = state.array(REFRACTORY);
        final StepConstants k = stepConstants(dt);
        return (from, to, input, injected) -> {
            integrate(from, to, v, refractory, input[0], input[1], injected, k.decay(), k.resistance(),
                    k.restPlusBias());
            ArrayLoops.clear(from, to, input[0], input[1]);
        };
    }

    // One pass of the split update (see ArrayLoops); while refractory v keeps its value and jumps are lost.
    private static void integrate(int from, int to, float[] v, float[] refractory, float[] inE, float[] inI,
                                  float[] injected, float decay, float resistance, float restPlusBias) {
        for (int i = from; i < to; i++) {
            float vi = v[i];
            float remaining = refractory[i];
            float held = Math.min(remaining, 1f);
            float target = restPlusBias + resistance * injected[i];
            float next = target + (vi - target) * decay + (inE[i] + inI[i]);
            v[i] = vi * held + next * (1f - held);
            refractory[i] = Math.max(remaining - 1f, 0f);
        }
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

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
public final class IfCurrExp extends LifModel implements EventDrivenModel {
    /** IF_curr_exp as a definition, integrated exactly; parameters in PyNN's names, units and defaults. */
    public static final NeuronDefinition DEFINITION = LifDefinitions.common("IF_curr_exp")
            .parameter("tau_syn_E", "ms", 5).parameter("tau_syn_I", "ms", 5)
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

    private final double tauSynE;
    private final double tauSynI;

    private IfCurrExp(Builder b) {
        super(b);
        this.tauSynE = b.tauSynE;
        this.tauSynI = b.tauSynI;
    }

    /** A builder with PyNN's defaults. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return "IF_curr_exp";
    }

    @Override
    protected ReceptorKind weightKind() {
        return ReceptorKind.CURRENT;
    }

    @Override
    protected Map<String, Double> specificParameters() {
        return Map.of("tau_syn_E", tauSynE, "tau_syn_I", tauSynI);
    }

    @Override
    protected List<Variable> specificVariables() {
        return List.of(Variable.state("i_syn_e", "nA"), Variable.state("i_syn_i", "nA"));
    }

    /** Decay time constant of excitatory synaptic currents, ms. */
    public double tauSynE() {
        return tauSynE;
    }

    /** Decay time constant of inhibitory synaptic currents, ms. */
    public double tauSynI() {
        return tauSynI;
    }

    @Override
    public EventDrivenKernel createEventKernel(NeuronState state, double dt) {
        return new ExpCurrentLifEventKernel(this, state, dt);
    }

    /**
     * Change of v (mV) over one step {@code dt} caused by a synaptic current of 1 nA at the start of the step
     * that decays with {@code tauSyn}, for a membrane with time constant tau_m and capacitance cm.
     */
    static double currentToVoltage(double dt, double tauM, double tauSyn, double cm) {
        if (Math.abs(tauM - tauSyn) < 1e-9 * tauM) {
            return dt / cm * Math.exp(-dt / tauM);
        }
        return tauM * tauSyn / (cm * (tauSyn - tauM)) * (Math.exp(-dt / tauSyn) - Math.exp(-dt / tauM));
    }

    /**
     * The single-precision constants of one exact step of {@code dt} ms, shared by every backend's kernel:
     * v' = target + (v - target) decay + fromE i_e + fromI i_i with target = restPlusBias + resistance I_inj, then
     * i_x *= decayX.
     */
    public record Propagators(float decay, float resistance, float restPlusBias, float fromE, float fromI,
                              float decayE, float decayI) {
    }

    /** The constants of one step of {@code dt} ms (see {@link Propagators}). */
    public Propagators propagators(double dt) {
        return new Propagators((float) Math.exp(-dt / tauM), (float) (tauM / cm),
                (float) (vRest + iOffset * tauM / cm), (float) currentToVoltage(dt, tauM, tauSynE, cm),
                (float) currentToVoltage(dt, tauM, tauSynI, cm), (float) Math.exp(-dt / tauSynE),
                (float) Math.exp(-dt / tauSynI));
    }

    @Override
    protected Integrator createIntegrator(NeuronState state, double dt) {
        final float[] v = state.array(V);
        final float[] refractory = state.array(REFRACTORY);
        final float[] iE = state.array(I_SYN_E);
        final float[] iI = state.array(I_SYN_I);
        final Propagators p = propagators(dt);
        return (from, to, input, injected) -> {
            ArrayLoops.addAndClear(from, to, iE, input[0]);
            ArrayLoops.addAndClear(from, to, iI, input[1]);
            integrate(from, to, v, refractory, iE, iI, injected, p.decay(), p.resistance(), p.restPlusBias(),
                    p.fromE(), p.fromI());
            ArrayLoops.scale(from, to, iE, p.decayE(), iI, p.decayI());
        };
    }

    // One pass of the split update (see ArrayLoops); while refractory v keeps its value (branch-free select).
    private static void integrate(int from, int to, float[] v, float[] refractory, float[] iE, float[] iI,
                                  float[] injected, float decay, float resistance, float restPlusBias, float fromE,
                                  float fromI) {
        for (int i = from; i < to; i++) {
            float vi = v[i];
            float remaining = refractory[i];
            float held = Math.min(remaining, 1f);
            float target = restPlusBias + resistance * injected[i];
            float next = target + (vi - target) * decay + fromE * iE[i] + fromI * iI[i];
            v[i] = vi * held + next * (1f - held);
            refractory[i] = Math.max(remaining - 1f, 0f);
        }
    }

    /** Builder for {@link IfCurrExp}. */
    public static final class Builder extends LifModel.Builder<Builder> {
        double tauSynE = 5.0;
        double tauSynI = 5.0;

        @Override
        protected Builder self() {
            return this;
        }

        /** Decay time constant {@code tau_syn_E} of excitatory synaptic currents in ms (> 0). */
        public Builder tauSynE(double ms) {
            tauSynE = Require.positive("tau_syn_E", ms, "ms");
            return this;
        }

        /** Decay time constant {@code tau_syn_I} of inhibitory synaptic currents in ms (> 0). */
        public Builder tauSynI(double ms) {
            tauSynI = Require.positive("tau_syn_I", ms, "ms");
            return this;
        }

        /** Validates the parameters together and creates the model. */
        public IfCurrExp build() {
            return new IfCurrExp(this);
        }
    }
}

package org.hebb.neurons.lif;

import java.util.List;
import java.util.Map;

import org.hebb.neurons.ArrayLoops;
import org.hebb.neurons.NeuronState;
import org.hebb.neurons.ReceptorKind;
import org.hebb.neurons.Variable;
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
    /**
     * IF_cond_exp as a definition: the membrane advanced with {@code membrane} (Euler or exponential Euler) from
     * the conductances at the start of the step, then the conductances decay exactly.
     */
    public static NeuronDefinition definition(IntegrationMethod membrane) {
        return LifDefinitions.common("IF_cond_exp")
                .parameter("tau_syn_E", "ms", 5).parameter("tau_syn_I", "ms", 5)
                .parameter("e_rev_E", "mV", 0).parameter("e_rev_I", "mV", -70)
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

    /** Index of {@code g_e} (uS). */
    public static final int G_E = 2;
    /** Index of {@code g_i} (uS). */
    public static final int G_I = 3;

    /** How the membrane equation is advanced over a step. */
    public enum Integration {
        /** Forward Euler: cheapest, first order; what Brian2's {@code method='euler'} does. */
        EULER,
        /** Exact for conductances held constant over the step (Brian2's {@code exponential_euler}). */
        EXPONENTIAL_EULER
    }

    private final double tauSynE;
    private final double tauSynI;
    private final double eRevE;
    private final double eRevI;
    private final Integration integration;

    private IfCondExp(Builder b) {
        super(b);
        this.tauSynE = b.tauSynE;
        this.tauSynI = b.tauSynI;
        this.eRevE = b.eRevE;
        this.eRevI = b.eRevI;
        this.integration = b.integration;
    }

    /** A builder with PyNN's defaults and exponential-Euler integration. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return "IF_cond_exp";
    }

    @Override
    protected ReceptorKind weightKind() {
        return ReceptorKind.CONDUCTANCE;
    }

    /** The membrane integration method. */
    public Integration integration() {
        return integration;
    }

    @Override
    protected Map<String, Double> specificParameters() {
        return Map.of("tau_syn_E", tauSynE, "tau_syn_I", tauSynI, "e_rev_E", eRevE, "e_rev_I", eRevI);
    }

    @Override
    protected List<Variable> specificVariables() {
        return List.of(Variable.state("g_e", "uS"), Variable.state("g_i", "uS"));
    }

    /**
     * The single-precision constants of one step of {@code dt} ms, shared by every backend's kernel: leak
     * conductance (uS), dt / cm, the resting potential shifted by i_offset, the reversal potentials, and the
     * conductance decays per step.
     */
    public record StepConstants(float gLeak, float dtOverCm, float restWithBias, float revE, float revI,
                                float decayE, float decayI) {
    }

    /** The constants of one step of {@code dt} ms (see {@link StepConstants}). */
    public StepConstants stepConstants(double dt) {
        return new StepConstants((float) (cm / tauM), (float) (dt / cm), (float) (vRest + iOffset * tauM / cm),
                (float) eRevE, (float) eRevI, (float) Math.exp(-dt / tauSynE), (float) Math.exp(-dt / tauSynI));
    }

    @Override
    protected Integrator createIntegrator(NeuronState state, double dt) {
        final float[] v = state.array(V);
        final float[] refractory = state.array(REFRACTORY);
        final float[] gE = state.array(G_E);
        final float[] gI = state.array(G_I);
        final StepConstants k = stepConstants(dt);
        final float gLeak = k.gLeak();
        final float dtOverCm = k.dtOverCm();
        final float restWithBias = k.restWithBias();
        final float revE = k.revE();
        final float revI = k.revI();
        final float decayE = k.decayE();
        final float decayI = k.decayI();
        final boolean euler = integration == Integration.EULER;
        return (from, to, input, injected) -> {
            ArrayLoops.addAndClear(from, to, gE, input[0]);
            ArrayLoops.addAndClear(from, to, gI, input[1]);
            if (euler) {
                integrateEuler(from, to, v, refractory, gE, gI, injected, gLeak, dtOverCm, restWithBias, revE,
                        revI);
            } else {
                integrateExponentialEuler(from, to, v, refractory, gE, gI, injected, gLeak, dtOverCm,
                        restWithBias, revE, revI);
            }
            ArrayLoops.scale(from, to, gE, decayE, gI, decayI);
        };
    }

    // Membrane passes read the conductances after this step's input was added; see ArrayLoops for why the
    // update is split into passes. While refractory (count > 0) v keeps its value: a branch-free select.
    private static void integrateEuler(int from, int to, float[] v, float[] refractory, float[] gE, float[] gI,
                                       float[] injected, float gLeak, float dtOverCm, float restWithBias,
                                       float revE, float revI) {
        for (int i = from; i < to; i++) {
            float vi = v[i];
            float remaining = refractory[i];
            float held = Math.min(remaining, 1f);
            float current = gLeak * (restWithBias - vi) + gE[i] * (revE - vi) + gI[i] * (revI - vi) + injected[i];
            float next = vi + dtOverCm * current;
            v[i] = vi * held + next * (1f - held);
            refractory[i] = Math.max(remaining - 1f, 0f);
        }
    }

    private static void integrateExponentialEuler(int from, int to, float[] v, float[] refractory, float[] gE,
                                                  float[] gI, float[] injected, float gLeak, float dtOverCm,
                                                  float restWithBias, float revE, float revI) {
        for (int i = from; i < to; i++) {
            float vi = v[i];
            float remaining = refractory[i];
            float held = Math.min(remaining, 1f);
            float ge = gE[i];
            float gi = gI[i];
            float total = gLeak + ge + gi;
            float target = (gLeak * restWithBias + ge * revE + gi * revI + injected[i]) / total;
            float next = target + (vi - target) * (float) Math.exp(-dtOverCm * total);
            v[i] = vi * held + next * (1f - held);
            refractory[i] = Math.max(remaining - 1f, 0f);
        }
    }

    /** Builder for {@link IfCondExp}. */
    public static final class Builder extends LifModel.Builder<Builder> {
        double tauSynE = 5.0;
        double tauSynI = 5.0;
        double eRevE = 0.0;
        double eRevI = -70.0;
        Integration integration = Integration.EXPONENTIAL_EULER;

        @Override
        protected Builder self() {
            return this;
        }

        /** Decay time constant {@code tau_syn_E} of excitatory conductances in ms (> 0). */
        public Builder tauSynE(double ms) {
            tauSynE = Require.positive("tau_syn_E", ms, "ms");
            return this;
        }

        /** Decay time constant {@code tau_syn_I} of inhibitory conductances in ms (> 0). */
        public Builder tauSynI(double ms) {
            tauSynI = Require.positive("tau_syn_I", ms, "ms");
            return this;
        }

        /** Excitatory reversal potential {@code e_rev_E} in mV. */
        public Builder eRevE(double mV) {
            eRevE = Require.finite("e_rev_E", mV, "mV");
            return this;
        }

        /** Inhibitory reversal potential {@code e_rev_I} in mV. */
        public Builder eRevI(double mV) {
            eRevI = Require.finite("e_rev_I", mV, "mV");
            return this;
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

package org.hebb.neurons.adex;

import org.hebb.neurons.definition.IntegrationMethod;
import org.hebb.neurons.definition.NeuronDefinition;
import org.hebb.neurons.definition.Receptor;

/**
 * The adaptive exponential integrate-and-fire neuron (Brette and Gerstner 2005) with exponentially decaying
 * synaptic conductances: PyNN's {@code EIF_cond_exp_isfa_ista}, NEST's {@code aeif_cond_exp}. Defined from its
 * equations alone:
 *
 * <pre>
 * cm dv/dt = g_L (v_rest - v) + g_L delta_T exp((min(v, v_spike) - v_thresh) / delta_T) - w
 *            + g_e (e_rev_E - v) + g_i (e_rev_I - v) + i_offset + I_inj,        g_L = cm / tau_m
 * tau_w dw/dt = a (min(v, v_spike) - v_rest) - w
 * if v >= v_spike: v = v_reset, w = w + b, v held for tau_refrac
 * </pre>
 * v and w are advanced together (with rk4 unless chosen otherwise), the conductances (uS, weights >= 0) decay exactly after them. Both
 * equations see v at most at v_spike: the exponential is taken at min(v, v_spike), as NEST does, so that a step
 * that overshoots the cut-off cannot overflow, and the adaptation current does not integrate the overshoot of the
 * step in which the neuron spikes (rk4's intermediate stages there reach far beyond the cut-off). Parameters in
 * PyNN's names and units (a in nS, b in nA); the defaults are Brette and Gerstner's regular-spiking cell, with the
 * spike counted at v_spike = 0 mV.
 */
public final class AdEx {
    /** The definition with rk4; {@code DEFINITION.model().with(...)} sets parameters. */
    public static final NeuronDefinition DEFINITION = definition(IntegrationMethod.RK4);

    private AdEx() {
    }

    /**
     * The definition with v and w advanced by {@code method}. rk4 is accurate at dt = 0.01 ms; at 0.1 ms its
     * intermediate stages, evaluated beyond the cut-off during a spike's upswing, can overshoot far enough under
     * strong input to overflow (the run then stops with a report), where euler cannot.
     */
    public static NeuronDefinition definition(IntegrationMethod method) {
        return NeuronDefinition.builder("EIF_cond_exp_isfa_ista")
                .parameter("cm", "nF", 0.281).parameter("tau_m", "ms", 9.3667).parameter("v_rest", "mV", -70.6)
                .parameter("v_thresh", "mV", -50.4).parameter("delta_T", "mV", 2).parameter("tau_w", "ms", 144)
                .parameter("a", "nS", 4).parameter("b", "nA", 0.0805).parameter("v_spike", "mV", 0)
                .parameter("v_reset", "mV", -70.6).parameter("tau_refrac", "ms", 0.1).parameter("i_offset", "nA", 0)
                .parameter("tau_syn_E", "ms", 5).parameter("tau_syn_I", "ms", 5).parameter("e_rev_E", "mV", 0)
                .parameter("e_rev_I", "mV", -80)
                .requires("cm > 0").requires("tau_m > 0").requires("delta_T > 0").requires("tau_w > 0")
                .requires("tau_refrac >= 0").requires("tau_syn_E > 0").requires("tau_syn_I > 0")
                .requires("v_thresh < v_spike").requires("v_reset < v_spike")
                .equations("""
                        dv/dt = (g_L * (v_rest - v) + g_L * delta_T * exp((min(v, v_spike) - v_thresh) / delta_T) - w + I_syn + i_offset + I_inj) / cm : mV (unless refractory)
                        dw/dt = (a * (min(v, v_spike) - v_rest) - w) / tau_w : nA
                        dg_e/dt = -g_e / tau_syn_E : uS
                        dg_i/dt = -g_i / tau_syn_I : uS
                        g_L = cm / tau_m : uS
                        I_syn = g_e * (e_rev_E - v) + g_i * (e_rev_I - v) : nA
                        """)
                .initial("v", "v_rest")
                .threshold("v >= v_spike").reset("v = v_reset; w += b").refractory("tau_refrac")
                .receptor(Receptor.of("excitatory", "uS", "g_e += weight").nonNegative())
                .receptor(Receptor.of("inhibitory", "uS", "g_i += weight").nonNegative())
                .stage(method, 1, "v", "w")
                .method(IntegrationMethod.EXACT)
                .build();
    }
}

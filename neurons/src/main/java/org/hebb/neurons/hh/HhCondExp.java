package org.hebb.neurons.hh;

import org.hebb.neurons.definition.IntegrationMethod;
import org.hebb.neurons.definition.NeuronDefinition;
import org.hebb.neurons.definition.Receptor;

/**
 * The Hodgkin-Huxley neuron of Traub and Miles (1991) as used by Brette et al. (2007) in their benchmark 3 (COBAHH),
 * with exponentially decaying synaptic conductances: PyNN's {@code HH_cond_exp}, defined from its equations alone.
 *
 * <pre>
 * cm dv/dt = g_leak (e_rev_leak - v) - gbar_Na m^3 h (v - e_rev_Na) - gbar_K n^4 (v - e_rev_K)
 *            + g_e (e_rev_E - v) + g_i (e_rev_I - v) + i_offset + I_inj
 * dx/dt = alpha_x (1 - x) - beta_x x  for x = m, n, h, with Traub and Miles' rates around v_offset
 * </pre>
 * A spike is counted when v > v_spike (-20 mV), after which the threshold rests for tau_refrac (3 ms) so that one
 * action potential counts once; nothing is reset or held. The gates start at their steady state at e_rev_leak.
 * Parameters in PyNN's names and Hebb's units, with COBAHH's values (area 20000 um^2): cm 0.2 nF, g_leak 0.01 uS,
 * gbar_Na 20 uS, gbar_K 6 uS, e_rev_leak -60 mV, tau_syn_E 5 ms, tau_syn_I 10 ms.
 */
public final class HhCondExp {
    /** The potential the gates start in equilibrium at. */
    private static final String REST = "e_rev_leak";

    private HhCondExp() {
    }

    /** The definition with v, m, n and h advanced by {@code method} (rk4 or exponential_euler, say). */
    public static NeuronDefinition definition(IntegrationMethod method) {
        return NeuronDefinition.builder("HH_cond_exp")
                .parameter("cm", "nF", 0.2).parameter("g_leak", "uS", 0.01).parameter("gbar_Na", "uS", 20)
                .parameter("gbar_K", "uS", 6).parameter("e_rev_leak", "mV", -60).parameter("e_rev_Na", "mV", 50)
                .parameter("e_rev_K", "mV", -90).parameter("v_offset", "mV", -63).parameter("e_rev_E", "mV", 0)
                .parameter("e_rev_I", "mV", -80).parameter("tau_syn_E", "ms", 5).parameter("tau_syn_I", "ms", 10)
                .parameter("i_offset", "nA", 0).parameter("v_spike", "mV", -20).parameter("tau_refrac", "ms", 3)
                .requires("cm > 0").requires("g_leak >= 0").requires("gbar_Na >= 0").requires("gbar_K >= 0")
                .requires("tau_syn_E > 0").requires("tau_syn_I > 0").requires("tau_refrac >= 0")
                .equations("""
                        dv/dt = (g_leak * (e_rev_leak - v) - gbar_Na * m*m*m * h * (v - e_rev_Na) - gbar_K * n*n*n*n * (v - e_rev_K) + g_e * (e_rev_E - v) + g_i * (e_rev_I - v) + i_offset + I_inj) / cm : mV
                        dm/dt = alpha_m * (1 - m) - beta_m * m : 1
                        dn/dt = alpha_n * (1 - n) - beta_n * n : 1
                        dh/dt = alpha_h * (1 - h) - beta_h * h : 1
                        dg_e/dt = -g_e / tau_syn_E : uS
                        dg_i/dt = -g_i / tau_syn_I : uS
                        """)
                .equations(String.join("\n", "alpha_m = " + alphaM("v") + " : 1/ms", "beta_m = " + betaM("v")
                        + " : 1/ms", "alpha_h = " + alphaH("v") + " : 1/ms", "beta_h = " + betaH("v") + " : 1/ms",
                        "alpha_n = " + alphaN("v") + " : 1/ms", "beta_n = " + betaN("v") + " : 1/ms"))
                .initial("v", "e_rev_leak")
                .initial("m", steadyState(alphaM(REST), betaM(REST)))
                .initial("n", steadyState(alphaN(REST), betaN(REST)))
                .initial("h", steadyState(alphaH(REST), betaH(REST)))
                .threshold("v > v_spike").refractory("tau_refrac")
                .receptor(Receptor.of("excitatory", "uS", "g_e += weight").nonNegative())
                .receptor(Receptor.of("inhibitory", "uS", "g_i += weight").nonNegative())
                .stage(method, 1, "v", "m", "n", "h")
                .method(IntegrationMethod.EXACT)
                .build();
    }

    // Traub and Miles' rates (1/ms) at membrane potential v, a name of the definition.
    private static String alphaM(String v) {
        return "0.32/mV * 4*mV / exprel((13*mV - " + v + " + v_offset) / (4*mV)) / ms";
    }

    private static String betaM(String v) {
        return "0.28/mV * 5*mV / exprel((" + v + " - v_offset - 40*mV) / (5*mV)) / ms";
    }

    private static String alphaH(String v) {
        return "0.128 * exp((17*mV - " + v + " + v_offset) / (18*mV)) / ms";
    }

    private static String betaH(String v) {
        return "4 / (1 + exp((40*mV - " + v + " + v_offset) / (5*mV))) / ms";
    }

    private static String alphaN(String v) {
        return "0.032/mV * 5*mV / exprel((15*mV - " + v + " + v_offset) / (5*mV)) / ms";
    }

    private static String betaN(String v) {
        return "0.5 * exp((10*mV - " + v + " + v_offset) / (40*mV)) / ms";
    }

    /** alpha / (alpha + beta), a pure number. */
    private static String steadyState(String alpha, String beta) {
        return "(" + alpha + ") / ((" + alpha + ") + (" + beta + "))";
    }
}

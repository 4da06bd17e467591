package org.hebb.experiments.microcircuit;

import java.util.List;

/**
 * The parameters of the Potjans and Diesmann (2014) cortical microcircuit as the PyNEST example sets them
 * (nest-simulator, pynest/examples/Potjans_2014, network_params.py and sim_params.py): eight populations of
 * iaf_psc_exp neurons (IF_curr_exp here), connection probabilities turned into fixed total numbers of synapses,
 * normal weights and delays, Poisson or DC background. Populations are in the order of {@link #POPULATIONS}
 * everywhere; matrices are indexed [target][source].
 */
public final class MicrocircuitParameters {
    /** The populations: layer 2/3, 4, 5 and 6, each excitatory then inhibitory. */
    public static final List<String> POPULATIONS = List.of("L23E", "L23I", "L4E", "L4I", "L5E", "L5I", "L6E", "L6I");
    /** Neurons per population at full scale (77,169 in all). */
    public static final int[] FULL_SIZES = {20683, 5834, 21915, 5479, 4850, 1065, 14395, 2948};
    /** Connection probabilities, [target][source]. */
    public static final double[][] CONNECTION_PROBABILITIES = {
        {0.1009, 0.1689, 0.0437, 0.0818, 0.0323, 0.0, 0.0076, 0.0},
        {0.1346, 0.1371, 0.0316, 0.0515, 0.0755, 0.0, 0.0042, 0.0},
        {0.0077, 0.0059, 0.0497, 0.135, 0.0067, 0.0003, 0.0453, 0.0},
        {0.0691, 0.0029, 0.0794, 0.1597, 0.0033, 0.0, 0.1057, 0.0},
        {0.1004, 0.0622, 0.0505, 0.0057, 0.0831, 0.3726, 0.0204, 0.0},
        {0.0548, 0.0269, 0.0257, 0.0022, 0.06, 0.3158, 0.0086, 0.0},
        {0.0156, 0.0066, 0.0211, 0.0166, 0.0572, 0.0197, 0.0396, 0.2252},
        {0.0364, 0.001, 0.0034, 0.0005, 0.0277, 0.008, 0.0658, 0.1443},
    };
    /** Background in-degree per population: Poisson sources at {@link #BACKGROUND_RATE_HZ} each. */
    public static final int[] BACKGROUND_INDEGREES = {1600, 1500, 2100, 1900, 2000, 1900, 2900, 2100};
    /** Rate of each background source, Hz. */
    public static final double BACKGROUND_RATE_HZ = 8;
    /** Mean of the initial membrane potentials per population ("optimized"), mV. */
    public static final double[] INITIAL_V_MEAN_MV = {-68.28, -63.16, -63.33, -63.45, -63.11, -61.66, -66.72, -61.43};
    /** Standard deviation of the initial membrane potentials per population, mV. */
    public static final double[] INITIAL_V_SD_MV = {5.36, 4.57, 4.74, 4.94, 4.94, 4.55, 5.46, 4.48};
    /**
     * NEST's reference mean rates at full scale (the example's one run with 4 threads), Hz; the example warns that
     * one run is not a verification: compare means over seeds.
     */
    public static final double[] NEST_REFERENCE_RATES_HZ = {0.903, 2.965, 4.414, 5.876, 7.569, 8.633, 1.105, 7.829};

    /** Membrane capacitance, nF (250 pF). */
    public static final double CM_NF = 0.25;
    /** Membrane time constant, ms. */
    public static final double TAU_M_MS = 10;
    /** Resting, reset potential, mV. */
    public static final double V_REST_MV = -65;
    /** Reset potential, mV. */
    public static final double V_RESET_MV = -65;
    /** Threshold, mV. */
    public static final double V_THRESH_MV = -50;
    /** Refractory period, ms. */
    public static final double TAU_REFRAC_MS = 2;
    /** Synaptic time constant, excitatory and inhibitory, ms. */
    public static final double TAU_SYN_MS = 0.5;
    /** Time step, ms. */
    public static final double DT_MS = 0.1;

    /** Mean excitatory postsynaptic potential, mV: the weights are the currents whose PSP peaks at it. */
    public static final double MEAN_PSP_MV = 0.15;
    /** Standard deviation of weights relative to their mean. */
    public static final double WEIGHT_RELATIVE_SD = 0.1;
    /** Inhibitory weights are this many times the excitatory ones. */
    public static final double RELATIVE_INHIBITION = -4;
    /** Mean excitatory delay, ms. */
    public static final double EXCITATORY_DELAY_MS = 1.5;
    /** Mean inhibitory delay, ms. */
    public static final double INHIBITORY_DELAY_MS = 0.75;
    /** Standard deviation of delays relative to their mean. */
    public static final double DELAY_RELATIVE_SD = 0.5;

    private MicrocircuitParameters() {
    }

    /** Whether population {@code p} is excitatory. */
    public static boolean excitatory(int p) {
        return p % 2 == 0;
    }

    /**
     * The current amplitude (nA) of an exponential synaptic current whose postsynaptic potential in an
     * IF_curr_exp neuron at rest peaks at {@code pspMv}: with tau_m, tau_s and C, the PSP of a unit current is
     * (tau_m tau_s / (C (tau_m - tau_s))) (exp(-t / tau_m) - exp(-t / tau_s)), largest at
     * t* = ln(tau_m / tau_s) tau_m tau_s / (tau_m - tau_s). For the microcircuit, 0.15 mV needs 87.81 pA.
     */
    public static double pscForPsp(double pspMv) {
        double tauM = TAU_M_MS;
        double tauS = TAU_SYN_MS;
        double peak = Math.log(tauM / tauS) * tauM * tauS / (tauM - tauS);
        double perNa = tauM * tauS / (CM_NF * (tauM - tauS)) * (Math.exp(-peak / tauM) - Math.exp(-peak / tauS));
        return pspMv / perNa;
    }

    /** The mean weight (nA) of synapses from {@code source} onto {@code target}. */
    public static double meanWeightNa(int target, int source) {
        double excitatory = pscForPsp(MEAN_PSP_MV);
        if (!excitatory(source)) {
            return RELATIVE_INHIBITION * excitatory;
        }
        // L4E -> L23E is twice as strong
        return target == 0 && source == 2 ? 2 * excitatory : excitatory;
    }

    /**
     * The number of synapses from {@code source} onto {@code target} at full scale that gives the connection
     * probability p when drawn with replacement: K = ln(1 - p) / ln(1 - 1 / (N_source N_target)).
     */
    public static double fullSynapseCount(int target, int source) {
        double pairs = (double) FULL_SIZES[target] * FULL_SIZES[source];
        return Math.log(1 - CONNECTION_PROBABILITIES[target][source]) / Math.log((pairs - 1) / pairs);
    }

    /** The DC current (nA) equivalent to population {@code p}'s Poisson background: rate x K_ext x weight x tau_s. */
    public static double backgroundCurrentNa(int p) {
        return BACKGROUND_RATE_HZ / 1000 * BACKGROUND_INDEGREES[p] * pscForPsp(MEAN_PSP_MV) * TAU_SYN_MS;
    }
}

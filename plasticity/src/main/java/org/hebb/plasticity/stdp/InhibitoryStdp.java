package org.hebb.plasticity.stdp;

import org.hebb.plasticity.definition.SynapseDefinition;

/**
 * Inhibitory plasticity of Vogels, Sprekeler, Zenke, Clopath and Gerstner (2011, Science 334:1569), as a synapse
 * definition and nothing else: a symmetric window with equal traces on both sides; every presynaptic arrival
 * changes the weight by eta (x_post - alpha) with alpha = 2 rho0 tau_stdp, every postsynaptic spike by
 * eta x_pre. For uncorrelated spikes the mean change vanishes when the postsynaptic rate is rho0, so the rule
 * sets inhibition to hold each neuron at the target rate. Weights are positive, onto an inhibitory receptor.
 */
public final class InhibitoryStdp {
    /** The rule with the paper's tau_stdp = 20 ms and rho0 = 5 Hz; eta and w_max must suit the projection. */
    public static final SynapseDefinition VOGELS_2011 = SynapseDefinition.builder("inhibitory STDP, Vogels 2011")
            .parameter("tau_stdp", "ms", 20)
            .parameter("rho0", "Hz", 5)
            .parameter("eta", "weight", 1e-3)
            .parameter("w_max", "weight", 1)
            .requires("tau_stdp > 0").requires("w_max > 0").requires("rho0 >= 0")
            .presynapticTrace("dx_pre/dt = -x_pre / tau_stdp : 1", "x_pre += 1")
            .postsynapticTrace("dx_post/dt = -x_post / tau_stdp : 1", "x_post += 1")
            .onPre("w = clip(w + eta * (x_post - 2 * rho0 * tau_stdp), 0, w_max)")
            .onPost("w = clip(w + eta * x_pre, 0, w_max)")
            .build();

    private InhibitoryStdp() {
    }
}

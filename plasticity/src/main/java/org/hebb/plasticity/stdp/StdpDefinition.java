package org.hebb.plasticity.stdp;

import org.hebb.plasticity.WeightDependence;
import org.hebb.plasticity.definition.DefinedRule;
import org.hebb.plasticity.definition.SynapseDefinition;
import org.hebb.simulator.engine.Trace;

/**
 * {@link Stdp} as a {@link SynapseDefinition}. Both weight dependences are one change linear in the weight,
 * dw = x (c + s w) clipped to [w_min, w_max] (see {@link WeightDependence}), so one definition per pairing scheme
 * covers additive and multiplicative STDP, and its generated code computes what the former hand-written kernel did.
 */
public final class StdpDefinition {
    /** All-to-all pairing: a spike adds 1 to its neuron's trace. */
    public static final SynapseDefinition ALL_TO_ALL = define("all-to-all", "+=");
    /** Nearest-neighbour pairing: a spike sets its neuron's trace to 1. */
    public static final SynapseDefinition NEAREST_NEIGHBOUR = define("nearest-neighbour", "=");

    private StdpDefinition() {
    }

    private static SynapseDefinition define(String pairing, String onSpike) {
        return SynapseDefinition.builder("pair STDP, " + pairing)
                .parameter("tau_plus", "ms", 20)
                .parameter("tau_minus", "ms", 20)
                .parameter("c_plus", "weight", 0.01)
                .parameter("s_plus", "1", 0)
                .parameter("c_minus", "weight", -0.0105)
                .parameter("s_minus", "1", 0)
                .parameter("w_min", "weight", 0)
                .parameter("w_max", "weight", 1)
                .requires("tau_plus > 0").requires("tau_minus > 0").requires("w_min < w_max")
                .presynapticTrace("dx_pre/dt = -x_pre / tau_plus : 1", "x_pre " + onSpike + " 1")
                .postsynapticTrace("dx_post/dt = -x_post / tau_minus : 1", "x_post " + onSpike + " 1")
                .onPre("w = clip(w + x_post * (c_minus + s_minus * w), w_min, w_max)")
                .onPost("w = clip(w + x_pre * (c_plus + s_plus * w), w_min, w_max)")
                .build();
    }

    /** The defined rule with the parameters of {@code rule}. */
    public static DefinedRule of(Stdp rule) {
        WeightDependence.LinearChange up = rule.dependence().change(rule.aPlus(), rule.bounds(), true);
        WeightDependence.LinearChange down = rule.dependence().change(rule.aMinus(), rule.bounds(), false);
        SynapseDefinition definition = rule.pairing() == Trace.Pairing.ALL_TO_ALL ? ALL_TO_ALL : NEAREST_NEIGHBOUR;
        return definition.rule()
                .with("tau_plus", rule.tauPlusMs())
                .with("tau_minus", rule.tauMinusMs())
                .with("c_plus", up.constant())
                .with("s_plus", up.slope())
                .with("c_minus", down.constant())
                .with("s_minus", down.slope())
                .with("w_min", rule.bounds().min())
                .with("w_max", rule.bounds().max());
    }
}

package org.hebb.plasticity.stdp;

import org.hebb.plasticity.definition.SynapseDefinition;

/**
 * Triplet STDP (Pfister and Gerstner 2006, J. Neurosci. 26:9673), all-to-all, as a synapse definition and nothing
 * else. A presynaptic spike depresses by A2_minus * o1; a postsynaptic spike potentiates by
 * r1 * (A2_plus + A3_plus * o2), where o2 excludes the spike at hand, so potentiation grows with the
 * postsynaptic rate. The defaults are the paper's parameters fitted to visual cortex: the minimal model
 * (A3_minus = 0, no presynaptic triplet trace) and the full one; amplitudes are in the projection's weight unit.
 */
public final class TripletStdp {
    /** The minimal all-to-all model with the visual-cortex parameters; w_max must suit the projection. */
    public static final SynapseDefinition MINIMAL = SynapseDefinition.builder("triplet STDP, minimal all-to-all")
            .parameter("tau_plus", "ms", 16.8)
            .parameter("tau_minus", "ms", 33.7)
            .parameter("tau_y", "ms", 125)
            .parameter("A2_plus", "weight", 5e-10)
            .parameter("A3_plus", "weight", 6.2e-3)
            .parameter("A2_minus", "weight", 7e-3)
            .parameter("w_max", "weight", 1)
            .requires("tau_plus > 0").requires("tau_minus > 0").requires("tau_y > 0").requires("w_max > 0")
            .presynapticTrace("dr1/dt = -r1 / tau_plus : 1", "r1 += 1")
            .postsynapticTrace("do1/dt = -o1 / tau_minus : 1", "o1 += 1")
            .postsynapticTrace("do2/dt = -o2 / tau_y : 1", "o2 += 1")
            .onPre("w = clip(w - o1 * A2_minus, 0, w_max)")
            .onPost("w = clip(w + r1 * (A2_plus + A3_plus * o2), 0, w_max)")
            .build();

    /**
     * The full all-to-all model with the visual-cortex parameters: depression also grows with the presynaptic
     * rate, by A3_minus * r2 (r2 without the arriving spike, time constant tau_x).
     */
    public static final SynapseDefinition FULL = SynapseDefinition.builder("triplet STDP, full all-to-all")
            .parameter("tau_plus", "ms", 16.8)
            .parameter("tau_minus", "ms", 33.7)
            .parameter("tau_x", "ms", 101)
            .parameter("tau_y", "ms", 125)
            .parameter("A2_plus", "weight", 5e-10)
            .parameter("A3_plus", "weight", 6.2e-3)
            .parameter("A2_minus", "weight", 7e-3)
            .parameter("A3_minus", "weight", 2.3e-4)
            .parameter("w_max", "weight", 1)
            .requires("tau_plus > 0").requires("tau_minus > 0").requires("tau_x > 0").requires("tau_y > 0")
            .requires("w_max > 0")
            .presynapticTrace("dr1/dt = -r1 / tau_plus : 1", "r1 += 1")
            .presynapticTrace("dr2/dt = -r2 / tau_x : 1", "r2 += 1")
            .postsynapticTrace("do1/dt = -o1 / tau_minus : 1", "o1 += 1")
            .postsynapticTrace("do2/dt = -o2 / tau_y : 1", "o2 += 1")
            .onPre("w = clip(w - o1 * (A2_minus + A3_minus * r2), 0, w_max)")
            .onPost("w = clip(w + r1 * (A2_plus + A3_plus * o2), 0, w_max)")
            .build();

    private TripletStdp() {
    }
}

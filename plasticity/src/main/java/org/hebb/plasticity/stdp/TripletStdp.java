package org.hebb.plasticity.stdp;

import org.hebb.plasticity.definition.SynapseDefinition;

/**
 * Triplet STDP (Pfister and Gerstner 2006, J. Neurosci. 26:9673), all-to-all, as a synapse definition and nothing
 * else. A presynaptic spike depresses by A2_minus * o1; a postsynaptic spike potentiates by
 * r1 * (A2_plus + A3_plus * o2), where o2 excludes the spike at hand, so potentiation grows with the
 * postsynaptic rate. The defaults are the paper's parameters fitted to the visual cortex data of Sjöström et al.
 * (2001) with all-to-all interaction; tau_plus = 16.8 ms and tau_minus = 33.7 ms are fixed in every fit. The paper
 * fitted the minimal and the full model separately, so they differ in every fitted value:
 * <table>
 * <caption>Visual cortex fits (time constants in ms)</caption>
 * <tr><th>interaction, model</th><th>A2+</th><th>A3+</th><th>A2-</th><th>A3-</th><th>tau_x</th><th>tau_y</th></tr>
 * <tr><td>all-to-all, minimal ({@link #MINIMAL})</td><td>0</td><td>6.5e-3</td><td>7.1e-3</td><td>0</td>
 * <td>-</td><td>114</td></tr>
 * <tr><td>all-to-all, full ({@link #FULL})</td><td>5e-10</td><td>6.2e-3</td><td>7e-3</td><td>2.3e-4</td>
 * <td>101</td><td>125</td></tr>
 * <tr><td>nearest-spike, minimal (not defined here)</td><td>0</td><td>5e-2</td><td>8e-3</td><td>0</td>
 * <td>-</td><td>40</td></tr>
 * <tr><td>nearest-spike, full (not defined here)</td><td>8.8e-11</td><td>5.3e-2</td><td>6.6e-3</td><td>3.1e-3</td>
 * <td>714</td><td>40</td></tr>
 * </table>
 * The rows are as other codes cite the paper's visual cortex table (Table 3; the hippocampal fits are Table 4),
 * not checked against the paper itself. The all-to-all minimal row agrees across independent ones
 * (Auryn's TripletConnection: A3+ = 6.5e-3 with tau_y = 114 ms; GeNN's Sjöström triplet example: the whole row),
 * the full row is NEST's stdp_triplet_synapse defaults ("table 3") and GeNN's example, and the nearest-spike rows
 * are each from a single secondary source.
 * The nearest-spike fits need nearest-spike traces (each reset to 1 rather than raised by 1) and are wrong with
 * these all-to-all definitions. Amplitudes are relative changes, in the projection's weight unit here.
 */
public final class TripletStdp {
    /**
     * The minimal all-to-all model with the visual-cortex parameters: no pair potentiation (A2_plus = 0), no triplet
     * depression and so no presynaptic triplet trace; tau_y = 114 ms. w_max must suit the projection.
     */
    public static final SynapseDefinition MINIMAL = SynapseDefinition.builder("triplet STDP, minimal all-to-all")
            .parameter("tau_plus", "ms", 16.8)
            .parameter("tau_minus", "ms", 33.7)
            .parameter("tau_y", "ms", 114)
            .parameter("A2_plus", "weight", 0)
            .parameter("A3_plus", "weight", 6.5e-3)
            .parameter("A2_minus", "weight", 7.1e-3)
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

package org.hebb.plasticity.shortterm;

import org.hebb.plasticity.definition.SynapseDefinition;

/**
 * Short-term depression and facilitation of Tsodyks and Markram (Markram, Wang and Tsodyks 1998, PNAS 95:5323;
 * the form of Maass, Natschläger and Markram 2002), as a synapse definition and nothing else. A spike transmits
 * w * u * x; then the resources x lose the fraction u and the utilisation u grows by U * (1 - u). Between spikes u
 * relaxes to U with tau_f and x to 1 with tau_d. So the n-th spike of a regular train with interval T transmits
 * w * u_n * x_n, with u_1 = U, x_1 = 1, u_(n+1) = U + u_n (1 - U) exp(-T / tau_f) and
 * x_(n+1) = 1 + (x_n (1 - u_n) - 1) exp(-T / tau_d).
 */
public final class TsodyksMarkram {
    /** The model; the defaults are a depressing synapse (U 0.5, tau_d 1100 ms, tau_f 50 ms). */
    public static final SynapseDefinition DEFINITION = SynapseDefinition.builder("Tsodyks-Markram")
            .parameter("U", "1", 0.5)
            .parameter("tau_d", "ms", 1100)
            .parameter("tau_f", "ms", 50)
            .requires("tau_d > 0").requires("tau_f > 0").requires("U >= 0").requires("U <= 1")
            .synapseEquations("""
                    du/dt = (U - u) / tau_f : 1
                    dx/dt = (1 - x) / tau_d : 1
                    """)
            .initial("u", "U")
            .initial("x", "1")
            .onTransmit("""
                    transmitted = w * u * x
                    x -= u * x
                    u += U * (1 - u)
                    """)
            .build();

    private TsodyksMarkram() {
    }
}

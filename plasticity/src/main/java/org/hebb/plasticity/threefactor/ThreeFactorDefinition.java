package org.hebb.plasticity.threefactor;

import org.hebb.plasticity.definition.DefinedRule;
import org.hebb.plasticity.definition.SynapseDefinition;
import org.hebb.plasticity.definition.SynapseDefinition.ModulatorScope;

/**
 * {@link ThreeFactor} as a {@link SynapseDefinition}: one definition per eligibility and modulation. The
 * eligibility of paired rules is a synapse variable decayed lazily (in closed form when a spike or the update
 * touches it); the update runs every step on the synapses onto neurons whose modulator times gate is non-zero.
 */
public final class ThreeFactorDefinition {
    /** Paired eligibility, one modulator for all synapses. */
    public static final SynapseDefinition PAIRED_GLOBAL = paired(ModulatorScope.GLOBAL);
    /** Paired eligibility, a modulator per postsynaptic neuron. */
    public static final SynapseDefinition PAIRED_PER_NEURON = paired(ModulatorScope.PER_POSTSYNAPTIC_NEURON);
    /** Presynaptic eligibility, one modulator for all synapses. */
    public static final SynapseDefinition PRESYNAPTIC_GLOBAL = presynaptic(ModulatorScope.GLOBAL);
    /** Presynaptic eligibility, a modulator per postsynaptic neuron. */
    public static final SynapseDefinition PRESYNAPTIC_PER_NEURON = presynaptic(ModulatorScope.PER_POSTSYNAPTIC_NEURON);

    private ThreeFactorDefinition() {
    }

    private static SynapseDefinition.Builder common(String name, ModulatorScope scope) {
        return SynapseDefinition.builder(name + (scope == ModulatorScope.GLOBAL ? ", global modulator"
                        : ", modulator per neuron"))
                .parameter("tau_e", "ms", 1000)
                .parameter("eta", "weight/ms", 1)
                .parameter("w_min", "weight", 0)
                .parameter("w_max", "weight", 1)
                .requires("tau_e > 0").requires("w_min < w_max")
                .modulator("M", "1", scope, 0)
                .modulator("g", "1", ModulatorScope.GLOBAL, 1);
    }

    private static SynapseDefinition paired(ModulatorScope scope) {
        return common("three-factor, paired eligibility", scope)
                .parameter("tau_plus", "ms", 20)
                .parameter("tau_minus", "ms", 20)
                .parameter("a_plus", "1", 1)
                .parameter("a_minus", "1", 1)
                .requires("tau_plus > 0").requires("tau_minus > 0")
                .synapseEquations("de/dt = -e / tau_e : 1 (event-driven)")
                .presynapticTrace("dx_pre/dt = -x_pre / tau_plus : 1", "x_pre += 1")
                .postsynapticTrace("dx_post/dt = -x_post / tau_minus : 1", "x_post += 1")
                .onPre("e -= a_minus * x_post")
                .onPost("e += a_plus * x_pre")
                .onStep("g * M != 0", "w = clip(w + eta * dt * g * M * e, w_min, w_max)")
                .build();
    }

    private static SynapseDefinition presynaptic(ModulatorScope scope) {
        return common("three-factor, presynaptic eligibility", scope)
                .presynapticTrace("dx_pre/dt = -x_pre / tau_e : 1", "x_pre += 1")
                .onStep("g * M != 0", "w = clip(w + eta * dt * g * M * x_pre, w_min, w_max)")
                .build();
    }

    /** The defined rule with the parameters, signals and projection of {@code rule}. */
    public static DefinedRule of(ThreeFactor rule) {
        boolean global = rule.modulation == ThreeFactor.Modulation.GLOBAL;
        DefinedRule defined;
        if (rule.eligibility == ThreeFactor.Eligibility.PAIRED) {
            defined = (global ? PAIRED_GLOBAL : PAIRED_PER_NEURON).rule()
                    .with("tau_plus", rule.tauPlusMs)
                    .with("tau_minus", rule.tauMinusMs)
                    .with("a_plus", rule.aPlus)
                    .with("a_minus", rule.aMinus);
        } else {
            defined = (global ? PRESYNAPTIC_GLOBAL : PRESYNAPTIC_PER_NEURON).rule();
            if (rule.projection != null) {
                defined = defined.withProjection("x_pre", rule.projection);
            }
        }
        defined = defined.with("tau_e", rule.tauEligibilityMs)
                .with("eta", rule.eta)
                .with("w_min", rule.bounds.min())
                .with("w_max", rule.bounds.max());
        if (rule.modulatorSignal != null) {
            defined = defined.withSignal("M", rule.modulatorSignal);
        }
        if (rule.gateSignal != null) {
            defined = defined.withSignal("g", rule.gateSignal);
        }
        return defined;
    }
}

package org.hebb.plasticity.threefactor;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.hebb.plasticity.PresynapticProjection;
import org.hebb.plasticity.Signal;
import org.hebb.plasticity.WeightBounds;
import org.hebb.simulator.BackendKind;
import org.hebb.simulator.EngineKind;
import org.hebb.simulator.plasticity.PlasticityContext;
import org.hebb.simulator.plasticity.PlasticityRule;
import org.hebb.util.Require;

/**
 * Three-factor Hebbian learning: dw_ij/dt = eta * M_i(t) * g(t) * e_ij(t), weights clipped to their bounds.
 *
 * <p>The eligibility e_ij is either
 * <ul>
 * <li>{@link Eligibility#PAIRED}: a per-synapse trace with time constant tau_e driven by pre/post coincidence,
 *     de/dt = -e / tau_e + a_plus x_j S_i - a_minus y_i S_j, where x_j (tau_plus) and y_i (tau_minus) are the
 *     presynaptic and postsynaptic spike traces and S are spikes, timing measured at the synapse as in STDP
 *     (distal reward: Izhikevich 2007); or</li>
 * <li>{@link Eligibility#PRESYNAPTIC}: the presynaptic trace itself, e_ij = x_j with time constant tau_e (an
 *     error x presynaptic trace rule, such as the delta rule of a readout), optionally projected by a
 *     {@link PresynapticProjection} (HLOP) so that updates stay orthogonal to a protected input subspace.</li>
 * </ul>
 * The modulator M is one global scalar (a reward) or one value per postsynaptic neuron (an error, target minus
 * output); the gate g is a scalar attention signal. Both are set from user code (between steps, e.g. in a step
 * callback: a value set after step t applies from the synapse update of spike step t on) or from {@link Signal}s.
 * eta is per ms, so a step changes w by eta * M * g * e * dt. Eligibility is decayed lazily, in closed form, when
 * a spike or a non-zero M g touches it: with M g = 0 a step costs only the spike events.
 */
public final class ThreeFactor implements PlasticityRule<ThreeFactorSynapses> {
    /** What the eligibility trace follows. */
    public enum Eligibility { PAIRED, PRESYNAPTIC }

    /** Whether the modulator is one scalar or one value per postsynaptic neuron. */
    public enum Modulation { GLOBAL, PER_POSTSYNAPTIC_NEURON }

    final Eligibility eligibility;
    final Modulation modulation;
    final double tauEligibilityMs;
    final double tauPlusMs;
    final double tauMinusMs;
    final float aPlus;
    final float aMinus;
    final float eta;
    final WeightBounds bounds;
    final Signal modulatorSignal;
    final Signal gateSignal;
    final PresynapticProjection projection;

    private ThreeFactor(Builder b) {
        this.eligibility = b.eligibility;
        this.modulation = b.modulation;
        this.tauEligibilityMs = b.tauEligibilityMs;
        this.tauPlusMs = b.tauPlusMs;
        this.tauMinusMs = b.tauMinusMs;
        this.aPlus = b.aPlus;
        this.aMinus = b.aMinus;
        this.eta = b.eta;
        Require.that(b.wMin != null && b.wMax != null, "weight bounds are required: set wMin and wMax");
        this.bounds = new WeightBounds(b.wMin, b.wMax);
        this.modulatorSignal = b.modulatorSignal;
        this.gateSignal = b.gateSignal;
        this.projection = b.projection;
        Require.that(projection == null || eligibility == Eligibility.PRESYNAPTIC, "projection is not allowed with "
                + "eligibility = PAIRED: it applies to error x presynaptic trace rules (eligibility PRESYNAPTIC)");
        Require.that(modulatorSignal == null || modulation == Modulation.GLOBAL, "a modulator signal is not allowed "
                + "with modulation = PER_POSTSYNAPTIC_NEURON: set per-neuron values with setModulator(neuron, value)");
    }

    /**
     * A builder: paired eligibility (tau_e 1000 ms, tau_plus = tau_minus = 20 ms, a_plus 1, a_minus 1), global
     * modulation starting at 0, gate 1, eta 1 per ms; bounds required.
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return "three-factor";
    }

    @Override
    public Set<EngineKind> engines() {
        return Set.of(EngineKind.CLOCK_DRIVEN);
    }

    /** The Java backend; OpenCL too, unless a projection (HLOP) is set: the host computes it every step. */
    @Override
    public Set<BackendKind> backends() {
        return ThreeFactorDefinition.of(this).backends();
    }

    /**
     * The eligibility, modulation, tau_eligibility, tau_plus, tau_minus, a_plus, a_minus, eta, w_min, w_max, and
     * whether a signal sets the modulator or the gate and a projection the presynaptic traces (what a signal or
     * projection computes is the program's, not the network's).
     */
    @Override
    public Map<String, String> parameters() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("eligibility", eligibility.toString());
        p.put("modulation", modulation.toString());
        p.put("tau_eligibility", tauEligibilityMs + " ms");
        p.put("tau_plus", tauPlusMs + " ms");
        p.put("tau_minus", tauMinusMs + " ms");
        p.put("a_plus", String.valueOf(aPlus));
        p.put("a_minus", String.valueOf(aMinus));
        p.put("eta", eta + " per ms");
        p.put("w_min", String.valueOf(bounds.min()));
        p.put("w_max", String.valueOf(bounds.max()));
        p.put("modulator", modulatorSignal == null ? "set by the program" : "from a signal");
        p.put("gate", gateSignal == null ? "set by the program" : "from a signal");
        p.put("projection of the presynaptic traces", projection == null ? "none" : "set");
        return p;
    }

    @Override
    public ThreeFactorSynapses attach(PlasticityContext context) {
        return new ThreeFactorSynapses(this, context);
    }

    /** Builds a {@link ThreeFactor} rule; every setter validates its argument. */
    public static final class Builder {
        private Eligibility eligibility = Eligibility.PAIRED;
        private Modulation modulation = Modulation.GLOBAL;
        private double tauEligibilityMs = 1000;
        private double tauPlusMs = 20;
        private double tauMinusMs = 20;
        private float aPlus = 1f;
        private float aMinus = 1f;
        private float eta = 1f;
        private Float wMin;
        private Float wMax;
        private Signal modulatorSignal;
        private Signal gateSignal;
        private PresynapticProjection projection;

        private Builder() {
        }

        /** Paired (pre/post coincidence, per synapse) or presynaptic (trace of the presynaptic neuron). */
        public Builder eligibility(Eligibility value) {
            eligibility = Require.notNull("eligibility", value);
            return this;
        }

        /** One modulator for all synapses, or one per postsynaptic neuron. */
        public Builder modulation(Modulation value) {
            modulation = Require.notNull("modulation", value);
            return this;
        }

        /** Time constant of the eligibility trace, ms. */
        public Builder tauEligibility(double ms) {
            tauEligibilityMs = Require.positive("tau_eligibility", ms, "ms");
            return this;
        }

        /** Time constant of the presynaptic spike trace in paired eligibility, ms. */
        public Builder tauPlus(double ms) {
            tauPlusMs = Require.positive("tau_plus", ms, "ms");
            return this;
        }

        /** Time constant of the postsynaptic spike trace in paired eligibility, ms. */
        public Builder tauMinus(double ms) {
            tauMinusMs = Require.positive("tau_minus", ms, "ms");
            return this;
        }

        /** Eligibility added per pre-before-post pair at zero interval (any sign). */
        public Builder aPlus(double value) {
            aPlus = (float) Require.finiteFloat("a_plus", value, "");
            return this;
        }

        /** Eligibility removed per post-before-pre pair at zero interval (any sign; negative adds). */
        public Builder aMinus(double value) {
            aMinus = (float) Require.finiteFloat("a_minus", value, "");
            return this;
        }

        /** Learning rate, weight units per unit modulator, gate and eligibility, per ms. */
        public Builder eta(double perMs) {
            eta = (float) Require.finiteFloat("eta", perMs, "per ms");
            return this;
        }

        /** Lowest weight, in the projection's weight unit. */
        public Builder wMin(double weight) {
            wMin = (float) Require.finiteFloat("w_min", weight, "");
            return this;
        }

        /** Highest weight, in the projection's weight unit. */
        public Builder wMax(double weight) {
            wMax = (float) Require.finiteFloat("w_max", weight, "");
            return this;
        }

        /** A global modulator evaluated every step (instead of setModulator calls). */
        public Builder modulator(Signal signal) {
            modulatorSignal = Require.notNull("modulator signal", signal);
            return this;
        }

        /** An attention gate evaluated every step (instead of setGate calls). */
        public Builder gate(Signal signal) {
            gateSignal = Require.notNull("gate signal", signal);
            return this;
        }

        /** Projects the presynaptic traces before they enter the update (presynaptic eligibility only). */
        public Builder projection(PresynapticProjection value) {
            projection = Require.notNull("projection", value);
            return this;
        }

        public ThreeFactor build() {
            return new ThreeFactor(this);
        }
    }
}

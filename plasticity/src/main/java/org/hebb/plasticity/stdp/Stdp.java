package org.hebb.plasticity.stdp;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.hebb.plasticity.WeightBounds;
import org.hebb.plasticity.WeightDependence;
import org.hebb.simulator.BackendKind;
import org.hebb.simulator.EngineKind;
import org.hebb.simulator.engine.Trace;
import org.hebb.simulator.plasticity.PlasticityContext;
import org.hebb.simulator.plasticity.PlasticityRule;
import org.hebb.util.Require;

/**
 * Pair-based STDP with traces. With dt = t_post - t_pre measured at the synapse (the presynaptic spike counts
 * when it arrives, after its delay), a pair changes the weight by a_plus * w_max * exp(-dt / tau_plus) if
 * dt >= 0 and by -a_minus * w_max * exp(dt / tau_minus) if dt &lt; 0 (additive; multiplicative has a_plus * (w_max - w)
 * in place of a_plus * w_max and a_minus * (w - w_min) in place of a_minus * w_max, so that it also holds for bounds
 * at or below 0). Pairs of spikes in the same step count as pre before post.
 *
 * <p>Updates happen only at spikes: an arriving presynaptic spike depresses its synapse by the postsynaptic
 * trace; a postsynaptic spike potentiates its incoming synapses, found through the transposed index, by the
 * presynaptic trace as it was one delay earlier. The rule runs from its definition ({@link StdpDefinition}).
 * Clock-driven: traces are per neuron and shared with every rule using the same time constant and pairing.
 * Event-driven: spikes pair at their exact times and traces decay in closed form between events, so the window
 * carries no grid error.
 */
public final class Stdp implements PlasticityRule<StdpSynapses> {
    private final double tauPlusMs;
    private final double tauMinusMs;
    private final float aPlus;
    private final float aMinus;
    private final WeightBounds bounds;
    private final WeightDependence dependence;
    private final Trace.Pairing pairing;

    private Stdp(Builder b) {
        this.tauPlusMs = b.tauPlusMs;
        this.tauMinusMs = b.tauMinusMs;
        this.aPlus = b.aPlus;
        this.aMinus = b.aMinus;
        this.bounds = new WeightBounds(b.wMin, Require.notNull("w_max (set with wMax)", b.wMax));
        this.dependence = b.dependence;
        Require.that(dependence != WeightDependence.ADDITIVE || bounds.max() > 0, "w_max = " + bounds.max()
                + " is not allowed with additive weight dependence: must be > 0, as a_plus and a_minus are fractions "
                + "of w_max (a pair changes the weight by a * w_max * x), so a w_max at or below 0 would stop or "
                + "reverse learning; for bounds at or below 0 use multiplicative weight dependence, or "
                + "StdpDefinition's rule with amplitudes c_plus and c_minus in the weight unit");
        this.pairing = b.pairing;
    }

    /**
     * A builder: tau_plus = tau_minus = 20 ms, a_plus 0.01, a_minus 0.0105, w_min 0, additive, all-to-all;
     * w_max must be set (above 0 for additive weight dependence, which {@link Builder#build} checks).
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return "STDP";
    }

    @Override
    public Set<EngineKind> engines() {
        return Set.of(EngineKind.CLOCK_DRIVEN, EngineKind.EVENT_DRIVEN);
    }

    @Override
    public Set<BackendKind> backends() {
        return Set.of(BackendKind.JAVA, BackendKind.OPENCL);
    }

    /** tau_plus, tau_minus, a_plus, a_minus, w_min, w_max, the weight dependence and the pairing. */
    @Override
    public Map<String, String> parameters() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("tau_plus", tauPlusMs + " ms");
        p.put("tau_minus", tauMinusMs + " ms");
        p.put("a_plus", String.valueOf(aPlus));
        p.put("a_minus", String.valueOf(aMinus));
        p.put("w_min", String.valueOf(bounds.min()));
        p.put("w_max", String.valueOf(bounds.max()));
        p.put("weight dependence", dependence.toString());
        p.put("pairing", pairing.toString());
        return p;
    }

    @Override
    public StdpSynapses attach(PlasticityContext context) {
        return new DefinedStdpSynapses(this, context);
    }

    /** Presynaptic trace time constant, ms. */
    public double tauPlusMs() {
        return tauPlusMs;
    }

    /** Postsynaptic trace time constant, ms. */
    public double tauMinusMs() {
        return tauMinusMs;
    }

    /** Potentiation amplitude, fraction of w_max. */
    public float aPlus() {
        return aPlus;
    }

    /** Depression amplitude, fraction of w_max. */
    public float aMinus() {
        return aMinus;
    }

    /** Weight bounds. */
    public WeightBounds bounds() {
        return bounds;
    }

    /** Weight dependence. */
    public WeightDependence dependence() {
        return dependence;
    }

    /** Spike pairing scheme. */
    public Trace.Pairing pairing() {
        return pairing;
    }

    /** Builds an {@link Stdp} rule; every setter validates its argument. */
    public static final class Builder {
        private double tauPlusMs = 20;
        private double tauMinusMs = 20;
        private float aPlus = 0.01f;
        private float aMinus = 0.0105f;
        private float wMin = 0f;
        private Float wMax;
        private WeightDependence dependence = WeightDependence.ADDITIVE;
        private Trace.Pairing pairing = Trace.Pairing.ALL_TO_ALL;

        private Builder() {
        }

        /** Time constant of the potentiation window (presynaptic trace), ms. */
        public Builder tauPlus(double ms) {
            tauPlusMs = Require.positive("tau_plus", ms, "ms");
            return this;
        }

        /** Time constant of the depression window (postsynaptic trace), ms. */
        public Builder tauMinus(double ms) {
            tauMinusMs = Require.positive("tau_minus", ms, "ms");
            return this;
        }

        /** Potentiation per pair at dt = 0, as a fraction of w_max (>= 0, finite in single precision). */
        public Builder aPlus(double fraction) {
            aPlus = (float) Require.finiteFloat("a_plus", Require.nonNegative("a_plus", fraction,
                    "(fraction of w_max)"), "(fraction of w_max)");
            return this;
        }

        /** Depression per pair at dt = 0, as a fraction of w_max (>= 0, finite in single precision). */
        public Builder aMinus(double fraction) {
            aMinus = (float) Require.finiteFloat("a_minus", Require.nonNegative("a_minus", fraction,
                    "(fraction of w_max)"), "(fraction of w_max)");
            return this;
        }

        /** Lowest weight, in the projection's weight unit (default 0). */
        public Builder wMin(double weight) {
            wMin = (float) Require.finiteFloat("w_min", weight, "");
            return this;
        }

        /**
         * Highest weight, in the projection's weight unit (required; above 0 with additive weight dependence, whose
         * amplitudes are fractions of it).
         */
        public Builder wMax(double weight) {
            wMax = (float) Require.finiteFloat("w_max", weight, "");
            return this;
        }

        /** Additive (hard bounds) or multiplicative (soft bounds). */
        public Builder weightDependence(WeightDependence value) {
            dependence = Require.notNull("weight dependence", value);
            return this;
        }

        /** All-to-all or nearest-neighbour pairing. */
        public Builder pairing(Trace.Pairing value) {
            pairing = Require.notNull("pairing", value);
            return this;
        }

        /**
         * The rule.
         *
         * @throws IllegalArgumentException if w_max is not set or not above w_min, or is at or below 0 with
         *                                  additive weight dependence
         */
        public Stdp build() {
            return new Stdp(this);
        }
    }
}

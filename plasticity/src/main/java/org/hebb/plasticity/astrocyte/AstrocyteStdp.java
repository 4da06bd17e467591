package org.hebb.plasticity.astrocyte;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.hebb.plasticity.WeightBounds;
import org.hebb.simulator.BackendKind;
import org.hebb.simulator.EngineKind;
import org.hebb.simulator.plasticity.PlasticityContext;
import org.hebb.simulator.plasticity.PlasticityRule;
import org.hebb.util.Require;

/**
 * Astrocyte-modulated STDP as the neuron-astrocyte liquid state machine defines it (Ivanov and Michmizos 2021),
 * on one projection; the rates come from a shared {@link Astrocyte}. With x the traces,
 * x &lt;- d (x + c s) per ms (d = 0.905, c = 0.1 in NALSM), s = 1 in a step where the neuron fired:
 *
 * <pre>
 * excitatory or input presynaptic j -> i:  dw = +P x_j s_i - A x_i s_j
 * inhibitory presynaptic j -> i:           dw = -A x_j s_i + P x_i s_j    (inhibitory weights are negative)
 * </pre>
 * Spikes count in the step they are emitted (no synaptic delay); the traces are those before the step, so pre and
 * post spikes of one step do not pair. Both changes of a step are summed before the weight is clipped to the
 * bounds (NALSM: excitatory [0, 3], inhibitory [-3, 0], input [-3, 3]).
 */
public final class AstrocyteStdp implements PlasticityRule<AstrocyteStdpSynapses> {
    /** The sign convention of the presynaptic population. */
    public enum Presynaptic {
        /** Excitatory or input neurons: pre-before-post potentiates at rate P, post-before-pre depresses at A. */
        EXCITATORY,
        /** Inhibitory neurons: pre-before-post makes the weight more negative at rate A, the reverse at P. */
        INHIBITORY
    }

    private final Astrocyte astrocyte;
    private final Presynaptic presynaptic;
    private final WeightBounds bounds;
    private final double traceDecayPerMs;
    private final float traceIncrement;

    private AstrocyteStdp(Builder b) {
        this.astrocyte = b.astrocyte;
        this.presynaptic = b.presynaptic;
        Require.that(b.wMin != null && b.wMax != null, "weight bounds are not set: call bounds(min, max)");
        this.bounds = new WeightBounds(b.wMin, b.wMax);
        this.traceDecayPerMs = b.traceDecayPerMs;
        this.traceIncrement = b.traceIncrement;
    }

    /** A builder for projections of {@code astrocyte}'s network: NALSM's traces, excitatory; bounds required. */
    public static Builder builder(Astrocyte astrocyte) {
        return new Builder(Require.notNull("astrocyte", astrocyte));
    }

    @Override
    public String name() {
        return "astrocyte-modulated STDP";
    }

    @Override
    public Set<EngineKind> engines() {
        return Set.of(EngineKind.CLOCK_DRIVEN);
    }

    @Override
    public Set<BackendKind> backends() {
        return Set.of(BackendKind.JAVA, BackendKind.OPENCL);
    }

    /**
     * The presynaptic sign convention, w_min, w_max, the trace's decay per ms and increment, and the astrocyte's
     * constants ({@link Astrocyte#parameters()}).
     */
    @Override
    public Map<String, String> parameters() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("presynaptic", presynaptic.toString());
        p.put("w_min", String.valueOf(bounds.min()));
        p.put("w_max", String.valueOf(bounds.max()));
        p.put("trace decay per ms", String.valueOf(traceDecayPerMs));
        p.put("trace increment", String.valueOf(traceIncrement));
        astrocyte.parameters().forEach((name, value) -> p.put("astrocyte " + name, value));
        return p;
    }

    @Override
    public AstrocyteStdpSynapses attach(PlasticityContext context) {
        return new AstrocyteStdpSynapses(this, context);
    }

    /** The shared rates. */
    public Astrocyte astrocyte() {
        return astrocyte;
    }

    /** The presynaptic sign convention. */
    public Presynaptic presynaptic() {
        return presynaptic;
    }

    /** Weight bounds. */
    public WeightBounds bounds() {
        return bounds;
    }

    /** Trace decay factor per ms. */
    public double traceDecayPerMs() {
        return traceDecayPerMs;
    }

    /** What a spike adds to the trace before the step's decay. */
    public float traceIncrement() {
        return traceIncrement;
    }

    /** Builder for {@link AstrocyteStdp}. */
    public static final class Builder {
        private final Astrocyte astrocyte;
        private Presynaptic presynaptic = Presynaptic.EXCITATORY;
        private Float wMin;
        private Float wMax;
        private double traceDecayPerMs = 0.905;
        private float traceIncrement = 0.1f;

        private Builder(Astrocyte astrocyte) {
            this.astrocyte = astrocyte;
        }

        /** The presynaptic population's sign convention (default excitatory, also for inputs). */
        public Builder presynaptic(Presynaptic value) {
            presynaptic = Require.notNull("presynaptic", value);
            return this;
        }

        /** Weight bounds in the projection's weight unit (NALSM: E [0, 3], I [-3, 0], input [-3, 3]). */
        public Builder bounds(double min, double max) {
            WeightBounds checked = new WeightBounds((float) min, (float) max);
            wMin = checked.min();
            wMax = checked.max();
            return this;
        }

        /** Trace decay factor per ms, in (0, 1) (NALSM 0.905, a time constant of about 10 ms). */
        public Builder traceDecayPerMs(double factor) {
            Require.that(factor > 0 && factor < 1, "trace decay per ms = " + factor + " is not allowed: must be in "
                    + "(0, 1)");
            traceDecayPerMs = factor;
            return this;
        }

        /** What a spike adds to its trace before the step's decay (> 0, finite in single precision; NALSM 0.1). */
        public Builder traceIncrement(double value) {
            traceIncrement = (float) Require.finiteFloat("trace increment", Require.positive("trace increment",
                    value, null), null);
            return this;
        }

        /** Creates the rule. */
        public AstrocyteStdp build() {
            return new AstrocyteStdp(this);
        }
    }
}

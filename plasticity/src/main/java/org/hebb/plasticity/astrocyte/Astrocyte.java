package org.hebb.plasticity.astrocyte;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.hebb.simulator.checkpoint.Checkpointed;
import org.hebb.simulator.checkpoint.StateVisitor;
import org.hebb.simulator.engine.AstrocyteRates;
import org.hebb.simulator.engine.SpikeHistory;
import org.hebb.simulator.plasticity.PlasticityContext;
import org.hebb.simulator.population.Population;
import org.hebb.util.Require;

/**
 * The global state of astrocyte-modulated STDP, shared by every projection of one network that uses it
 * (Ivanov and Michmizos 2021): the potentiation rate P and the depression rate A, and one astrocyte that sets A
 * from the difference between the liquid's and the input's spikes:
 *
 * <pre>
 * A &lt;- A + (w_A (liquid spikes - input spikes in the step) + dt (bias - A)) / tau_A
 * </pre>
 * at dt = 1 ms exactly NALSM's update. More liquid than input activity raises A, which strengthens depression
 * and pulls activity back. In {@link Mode#FIXED} A keeps its initial value (plain STDP, NALSM's ablation).
 *
 * <p>When a rate decay is set, P, A, w_A and the bias are all multiplied by that factor per ms after each step's
 * update, as NALSM does while it computes features. The update runs once per step after every projection's
 * synapse updates, so each step's weight changes use the rates from before it.
 */
public final class Astrocyte implements Checkpointed {
    /** Whether the astrocyte sets the depression rate. */
    public enum Mode {
        /** A follows the astrocyte (NALSM). */
        MODULATED,
        /** A stays at its initial value except for the rate decay (plain STDP). */
        FIXED
    }

    private final Mode mode;
    private final List<Population> liquid;
    private final List<Population> input;
    private final float initialPotentiation;
    private final float initialDepression;
    private final float initialWeight;
    private final float initialBias;
    private final double tauMs;
    private double rateDecayPerMs;
    private final float[] potentiation = new float[1];
    private final float[] depression = new float[1];
    private float weight;
    private float bias;
    private SpikeHistory[] liquidSpikes;
    private SpikeHistory[] inputSpikes;
    private float inverseTau;
    private float decayPerStep;
    private float dt;

    private Astrocyte(Builder b) {
        this.mode = b.mode;
        this.liquid = List.copyOf(Require.notNull("liquid populations", b.liquid));
        this.input = List.copyOf(Require.notNull("input populations", b.input));
        Require.that(!liquid.isEmpty() || mode == Mode.FIXED, "liquid populations are empty: a modulated "
                + "astrocyte must listen to at least one population");
        this.initialPotentiation = b.potentiation;
        this.initialDepression = b.depression;
        this.initialWeight = b.weight;
        this.initialBias = b.bias;
        this.tauMs = b.tauMs;
        this.rateDecayPerMs = b.rateDecayPerMs;
        reset();
    }

    /**
     * A builder with NALSM's constants for a liquid of 1000 neurons: P = A = 0.15 at the start, w_A 0.015,
     * bias 0.15, tau_A 100 ms, no rate decay, modulated; the populations must be set.
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Restores the initial rates, weight and bias (NALSM resets them for every sample); {@code Network.resetState}
     * calls it.
     */
    public void reset() {
        potentiation[0] = initialPotentiation;
        depression[0] = initialDepression;
        weight = initialWeight;
        bias = initialBias;
    }

    /**
     * The rates P and A, the weight w_A, the bias and the decay per ms (which user code changes between runs),
     * for checkpoints. A saved decay outside (0, 1] is refused in the check before a restore.
     */
    @Override
    public void checkpoint(StateVisitor state) {
        if (state.checking()) {
            requireDecay(state.savedDoubles("rate_decay_per_ms", new double[] {rateDecayPerMs})[0]);
        }
        state.floats("potentiation", potentiation);
        state.floats("depression", depression);
        float[] scalars = {weight, bias};
        state.floats("weight_and_bias", scalars);
        weight = scalars[0];
        bias = scalars[1];
        double[] decay = {rateDecayPerMs};
        state.doubles("rate_decay_per_ms", decay);
        if (state.restoring() && decay[0] != rateDecayPerMs) {
            setRateDecayPerMs(decay[0]);
        }
    }

    /** The current potentiation rate P. */
    public float potentiationRate() {
        return potentiation[0];
    }

    /** The current depression rate A. */
    public float depressionRate() {
        return depression[0];
    }

    /** The depression rate A that {@link #reset} restores. */
    public float initialDepressionRate() {
        return initialDepression;
    }

    /** The factor per ms by which P, A, w_A and the bias shrink now, in (0, 1] (1: none). */
    public double rateDecayPerMs() {
        return rateDecayPerMs;
    }

    /**
     * Changes the factor per ms by which P, A, w_A and the bias shrink, in (0, 1] (1 for none), between runs: NALSM
     * learns without decay, then makes features with 0.99.
     */
    public void setRateDecayPerMs(double factor) {
        rateDecayPerMs = requireDecay(factor);
        decayPerStep = (float) Math.pow(factor, dt == 0 ? 1 : dt);
    }

    private static double requireDecay(double factor) {
        Require.that(factor > 0 && factor <= 1, "rate decay per ms = " + factor + " is not allowed: must be in "
                + "(0, 1]");
        return factor;
    }

    /**
     * The constants, for a checkpoint's description of the network: the mode, the populations it listens to, the
     * initial P, A, w_A and bias (to which a reset returns) and tau_A. The rate decay per ms, which user code
     * changes between runs, is state that checkpoints save.
     */
    public Map<String, String> parameters() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("mode", mode.toString());
        p.put("liquid", liquid.stream().map(Population::name).toList().toString());
        p.put("input", input.stream().map(Population::name).toList().toString());
        p.put("initial P", String.valueOf(initialPotentiation));
        p.put("initial A", String.valueOf(initialDepression));
        p.put("initial w_A", String.valueOf(initialWeight));
        p.put("initial bias", String.valueOf(initialBias));
        p.put("tau_A", tauMs + " ms");
        return p;
    }

    /** The mode. */
    public Mode mode() {
        return mode;
    }

    /** Live one-element array holding P, for rule states. */
    float[] potentiationValue() {
        return potentiation;
    }

    /** Live one-element array holding A, for rule states. */
    float[] depressionValue() {
        return depression;
    }

    /**
     * Refuses a time step above tau_A: the update A + dt (bias - A) / tau_A relaxes A towards the bias without
     * passing it only while dt &lt;= tau_A (beyond, A overshoots, can turn negative, and beyond 2 tau_A diverges).
     */
    void requireStepAtMostTau(double dt) {
        Require.that(tauMs >= dt, "astrocyte tau_A = " + tauMs + " ms is not allowed with dt = " + dt + " ms: "
                + "must be >= dt, so that A relaxes to the bias without overshooting it (A + dt (bias - A) / tau_A)");
    }

    /**
     * Binds to the context's network the first time (spike counts and the per-step update); later calls, from the
     * other projections of the same network, only check that it is the same one.
     */
    void bind(PlasticityContext context) {
        if (liquidSpikes != null) {
            Require.that(liquid.stream().allMatch(context::belongs) && input.stream().allMatch(context::belongs)
                            && java.util.Arrays.equals(liquidSpikes, histories(context, liquid))
                            && java.util.Arrays.equals(inputSpikes, histories(context, input))
                            && dt == (float) context.dt(),
                    "astrocyte is already bound to another network: an Astrocyte serves the projections of one");
            return;
        }
        SpikeHistory[] liquidHere = histories(context, liquid);
        SpikeHistory[] inputHere = histories(context, input);
        liquidSpikes = liquidHere;
        inputSpikes = inputHere;
        dt = (float) context.dt();
        inverseTau = (float) (1 / tauMs);
        setRateDecayPerMs(rateDecayPerMs);
        context.afterSynapseUpdates(rates);
        context.onReset(this::reset);
    }

    private static SpikeHistory[] histories(PlasticityContext context, List<Population> populations) {
        SpikeHistory[] histories = new SpikeHistory[populations.size()];
        for (int p = 0; p < histories.length; p++) {
            histories[p] = context.spikes(populations.get(p), 1);
        }
        return histories;
    }

    /** The rates as the engines see them: {@link AstrocyteRates} over this astrocyte. */
    AstrocyteRates rates() {
        return rates;
    }

    private final AstrocyteRates rates = new AstrocyteRates() {
        @Override
        public void afterSynapseUpdates(long spikeStep) {
            update(spikeStep);
        }

        @Override
        public List<Population> liquid() {
            return liquid;
        }

        @Override
        public List<Population> input() {
            return input;
        }

        @Override
        public boolean modulated() {
            return mode == Mode.MODULATED;
        }

        @Override
        public float dt() {
            return dt;
        }

        @Override
        public float inverseTau() {
            return inverseTau;
        }

        @Override
        public float[] state() {
            return new float[] {potentiation[0], depression[0], weight, bias, decayPerStep};
        }

        @Override
        public void setState(float[] values) {
            potentiation[0] = values[0];
            depression[0] = values[1];
            weight = values[2];
            bias = values[3];
        }
    };

    private void update(long spikeStep) {
        if (mode == Mode.MODULATED) {
            int difference = count(liquidSpikes, spikeStep) - count(inputSpikes, spikeStep);
            float a = depression[0];
            depression[0] = a + (weight * difference + dt * (bias - a)) * inverseTau;
        }
        if (decayPerStep != 1f) {
            potentiation[0] *= decayPerStep;
            depression[0] *= decayPerStep;
            weight *= decayPerStep;
            bias *= decayPerStep;
        }
    }

    private static int count(SpikeHistory[] histories, long step) {
        int total = 0;
        for (SpikeHistory history : histories) {
            total += history.at(step).total();
        }
        return total;
    }

    /** Builder for {@link Astrocyte}. */
    public static final class Builder {
        private Mode mode = Mode.MODULATED;
        private List<Population> liquid = List.of();
        private List<Population> input = List.of();
        private float potentiation = 0.15f;
        private float depression = 0.15f;
        private float weight = 0.015f;
        private float bias = 0.15f;
        private double tauMs = 100;
        private double rateDecayPerMs = 1;

        /** The populations whose spikes raise A (NALSM: every liquid neuron). */
        public Builder liquid(Population... populations) {
            liquid = populations("liquid populations", populations);
            return this;
        }

        /** The populations whose spikes lower A (NALSM: the input neurons). */
        public Builder input(Population... populations) {
            input = populations("input populations", populations);
            return this;
        }

        private static List<Population> populations(String name, Population[] populations) {
            Require.notNull(name, populations);
            for (int p = 0; p < populations.length; p++) {
                Require.notNull(name + "[" + p + "]", populations[p]);
            }
            return List.of(populations);
        }

        /** Modulated (NALSM) or fixed A (plain STDP). */
        public Builder mode(Mode value) {
            mode = Require.notNull("mode", value);
            return this;
        }

        /** Initial potentiation rate P (>= 0, finite in single precision; NALSM 0.15). */
        public Builder potentiationRate(double value) {
            potentiation = nonNegativeFloat("potentiation rate", value, null);
            return this;
        }

        /** Initial depression rate A (>= 0, finite in single precision; NALSM 0.15). */
        public Builder depressionRate(double value) {
            depression = nonNegativeFloat("depression rate", value, null);
            return this;
        }

        /** The astrocyte's weight w_A per spike (>= 0; NALSM 0.015 for 1000 neurons, 0.0075 for 8000). */
        public Builder weight(double perSpike) {
            weight = nonNegativeFloat("astrocyte weight w_A", perSpike, "per spike");
            return this;
        }

        /** The value A relaxes to without activity difference (>= 0; NALSM 0.15). */
        public Builder bias(double value) {
            bias = nonNegativeFloat("astrocyte bias", value, null);
            return this;
        }

        /** The astrocyte's time constant tau_A in ms (> 0, and at least the network's dt; NALSM 100). */
        public Builder tauMs(double ms) {
            tauMs = Require.positive("astrocyte tau_A", ms, "ms");
            return this;
        }

        /**
         * Factor per ms by which P, A, w_A and the bias shrink after each update, in (0, 1]; 1 (the default) for
         * none, NALSM 0.99 while computing features.
         */
        public Builder rateDecayPerMs(double factor) {
            rateDecayPerMs = requireDecay(factor);
            return this;
        }

        /** {@code value}, refused unless >= 0 and finite in single precision, the precision of the rates. */
        private static float nonNegativeFloat(String name, double value, String unit) {
            return (float) Require.finiteFloat(name, Require.nonNegative(name, value, unit), unit);
        }

        /** Creates the astrocyte. */
        public Astrocyte build() {
            return new Astrocyte(this);
        }
    }
}

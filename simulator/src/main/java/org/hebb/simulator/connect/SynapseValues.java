package org.hebb.simulator.connect;

import java.util.function.DoubleSupplier;
import java.util.function.IntFunction;

import org.apache.commons.rng.UniformRandomProvider;
import org.hebb.neurons.ReceptorKind;
import org.hebb.simulator.population.NeuronPopulation;

/** Draws and checks the weights and delays of a projection's synapses, a range of synapses at a time. */
final class SynapseValues {
    private SynapseValues() {
    }

    /** The explicit weights of {@code synapses}, which must number {@code count}. */
    static float[] explicitWeights(String name, Synapses synapses, int count) {
        float[] explicit = synapses.explicitWeights();
        if (explicit.length != count) {
            throw new IllegalArgumentException("weights of projection '" + name + "' has " + explicit.length
                    + " values: must have one per synapse (" + count + ")");
        }
        return explicit.clone();
    }

    /** A copy of the explicit delays in steps of {@code synapses}, which must number {@code count}. */
    static int[] explicitDelays(String name, Synapses synapses, int count) {
        return explicitDelaysRead(name, synapses, count).clone();
    }

    /**
     * The explicit delays in steps of {@code synapses} themselves, to be read only, which must number
     * {@code count}.
     */
    private static int[] explicitDelaysRead(String name, Synapses synapses, int count) {
        int[] explicit = synapses.explicitDelays();
        if (explicit.length != count) {
            throw new IllegalArgumentException("delays of projection '" + name + "' has " + explicit.length
                    + " values: must have one per synapse (" + count + ")");
        }
        return explicit;
    }

    /** Draws weights {@code from} to {@code to - 1} from the distribution of {@code synapses}; each must be finite. */
    static void drawWeights(String name, Synapses synapses, UniformRandomProvider random, float[] w, int from,
                            int to) {
        DoubleSupplier weights = synapses.weightDistribution().floatSampler(random);
        for (int k = from; k < to; k++) {
            w[k] = (float) weights.getAsDouble();
            if (!Float.isFinite(w[k])) {
                throw new IllegalArgumentException("weight " + w[k] + " drawn from "
                        + synapses.weightDistribution().describe() + " for projection '" + name
                        + "' is not allowed: weights must be finite in single precision");
            }
        }
    }

    /**
     * The delay {@code steps} drawn for synapse {@code k} from the delay distribution of {@code synapses}, refused
     * unless it lies in 1 to {@link Delays#MAX_STEPS} steps (a distribution of the user's own may draw any int).
     */
    static int checkedSteps(String name, Synapses synapses, int k, int steps) {
        if (steps < 1 || steps > Delays.MAX_STEPS) {
            throw new IllegalArgumentException("delay = " + steps + " steps of synapse " + k + " drawn from "
                    + synapses.delayDistribution().describe() + " for projection '" + name + "' is not allowed: "
                    + "must be in [1, " + Delays.MAX_STEPS + "] steps");
        }
        return steps;
    }

    /** The values as shorts (delays in steps, at most {@link Delays#MAX_STEPS}). */
    static short[] toShorts(int[] values) {
        short[] out = new short[values.length];
        for (int k = 0; k < values.length; k++) {
            out[k] = (short) values[k];
        }
        return out;
    }

    /**
     * Refuses a negative weight onto a conductance among weights {@code from} to {@code to - 1};
     * {@code synapse} names synapse k in the message ("3 -> 7").
     */
    static void requireAllowed(String name, NeuronPopulation target, String receptor, float[] w, int from, int to,
                               IntFunction<String> synapse) {
        ReceptorKind kind = target.model().receptorKind(receptor);
        if (!kind.requiresNonNegativeWeights()) {
            return;
        }
        for (int k = from; k < to; k++) {
            if (!(w[k] >= 0)) {
                throw new IllegalArgumentException("weight " + w[k] + " " + kind.weightUnit() + " of synapse "
                        + synapse.apply(k) + " in projection '" + name + "' is not allowed: " + target.model().name()
                        + " receptor '" + receptor + "' is a conductance and needs weights >= 0");
            }
        }
    }

    /**
     * Draws continuous delays {@code from} to {@code to - 1}, ms (explicit steps times dt when given, which must
     * number {@code d.length}; read where they are, so that a projection drawn in blocks does not copy them per
     * block).
     */
    static void drawDelaysMs(String name, Synapses synapses, double dt, UniformRandomProvider random, double[] d,
                             int from, int to) {
        int[] explicit = synapses.explicitDelays() != null ? explicitDelaysRead(name, synapses, d.length) : null;
        DoubleSupplier delays = explicit != null ? null : synapses.delayDistribution().msSampler(random, dt);
        for (int k = from; k < to; k++) {
            d[k] = explicit != null ? explicit[k] * dt : delays.getAsDouble();
            if (!(d[k] > 0) || !Float.isFinite((float) d[k])) {
                throw new IllegalArgumentException("delay " + d[k] + " ms of synapse " + k + " in projection '"
                        + name + "' is not allowed: delays must be > 0 ms and finite");
            }
        }
    }
}

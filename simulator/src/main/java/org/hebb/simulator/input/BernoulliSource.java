package org.hebb.simulator.input;

import org.hebb.simulator.checkpoint.Checkpointed;
import org.hebb.simulator.checkpoint.StateVisitor;
import org.hebb.simulator.population.SpikeSourcePopulation;
import org.hebb.simulator.random.CounterRandom;
import org.hebb.util.Require;

/**
 * Spike sources that each fire in a step with their own probability, independently across steps and elements:
 * the Bernoulli encoder used to present images (one input per pixel). Probabilities may be changed between
 * steps, for example from a step callback, to present a new image. Each element fires with exactly its
 * probability (a float) per step, however small: the trial compares a uniform integer of 63 bits with the
 * probability's {@link CounterRandom#bernoulliThreshold threshold}, computed when the probability is set.
 */
public class BernoulliSource extends SpikeSourcePopulation implements Checkpointed {
    private final float[] probability;
    private final long[] threshold;
    private long changes;

    /** Created by {@link org.hebb.simulator.Network#addBernoulliSource}; all probabilities start at 0. */
    public BernoulliSource(String name, int size) {
        super(name, size);
        this.probability = new float[size];
        this.threshold = new long[size];
    }

    /** Sets every element's firing probability per step (each in [0, 1]). */
    public void setProbabilities(float[] perStep) {
        requireOnePerElement("probabilities", perStep);
        Require.allInRange("probability", perStep, 0.0, 1.0, "per step");
        System.arraycopy(perStep, 0, probability, 0, perStep.length);
        for (int i = 0; i < perStep.length; i++) {
            threshold[i] = CounterRandom.bernoulliThreshold(perStep[i]);
        }
        changes++;
    }

    /**
     * Fails unless {@code values} holds one value per element, building its message only then: user code may set
     * values every step.
     */
    protected void requireOnePerElement(String name, float[] values) {
        Require.notNull(name, values);
        if (values.length != size()) {
            throw new IllegalArgumentException(name + " has length " + values.length + ": must be the population size "
                    + size());
        }
    }

    /** Sets element {@code index}'s firing probability per step (in [0, 1]). */
    public void setProbability(int index, double perStep) {
        Require.inRange("index", index, 0, size() - 1);
        probability[index] = (float) Require.inRange("probability", perStep, 0.0, 1.0, "per step");
        threshold[index] = CounterRandom.bernoulliThreshold(probability[index]);
        changes++;
    }

    /**
     * The probabilities (or rates) user code may have set between steps; restoring them counts as a change. A saved
     * probability outside [0, 1] is refused in the check before a restore.
     */
    @Override
    public void checkpoint(StateVisitor state) {
        if (state.checking()) {
            Require.allInRange("restored probability", state.savedFloats("probability", probability), 0.0, 1.0,
                    "per step");
            return;
        }
        state.floats("probability", probability);
        if (state.restoring()) {
            Require.allInRange("restored probability", probability, 0.0, 1.0, "per step");
            for (int i = 0; i < probability.length; i++) {
                threshold[i] = CounterRandom.bernoulliThreshold(probability[i]);
            }
            changes++;
        }
    }

    /** How many times probabilities (or rates) have been set: lets an engine notice a change. */
    public long changeCount() {
        return changes;
    }

    /** Element {@code index}'s firing probability per step. */
    public double probability(int index) {
        return probability[Require.inRange("index", index, 0, size() - 1)];
    }

    /**
     * Element {@code index}'s {@link CounterRandom#bernoulliThreshold threshold}, for a backend that runs the same
     * trials: it fires in a step with probability threshold / 2^63 (unsigned), which is {@link #probability}.
     */
    public long threshold(int index) {
        return threshold[Require.inRange("index", index, 0, size() - 1)];
    }

    /**
     * Probabilities per step proportional to intensities: {@code p_i = maxProbability * intensity_i / maxIntensity},
     * for example pixel values with maxIntensity 255 (each intensity in [0, maxIntensity], maxProbability in
     * [0, 1]).
     */
    public static float[] fromIntensities(float[] intensities, double maxIntensity, double maxProbability) {
        Require.notNull("intensities", intensities);
        Require.positive("maxIntensity", maxIntensity, null);
        Require.inRange("maxProbability", maxProbability, 0.0, 1.0, "per step");
        Require.allInRange("intensity", intensities, 0.0, maxIntensity, null);
        float[] p = new float[intensities.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = (float) (maxProbability * intensities[i] / maxIntensity);
        }
        return p;
    }

    @Override
    public SpikeGenerator createGenerator(double dt, long key) {
        final CounterRandom random = new CounterRandom(key);
        return (step, from, to, spikes) -> random.bernoulli(step, from, to, threshold, spikes);
    }
}

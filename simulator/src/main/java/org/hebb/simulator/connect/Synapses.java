package org.hebb.simulator.connect;

import org.hebb.simulator.init.ValueDistribution;
import org.hebb.util.Require;

/**
 * What the synapses of a projection are: the receptor they target, their weights and their delays. Immutable:
 * each method returns a new specification. Weights are in the receptor's unit (uS for conductances, nA for
 * currents, mV for voltage jumps); delays default to one step.
 */
public final class Synapses {
    private final String receptor;
    private final ValueDistribution weights;
    private final float[] explicitWeights;
    private final Delays.DelayDistribution delays;
    private final int[] explicitDelays;
    private final String name;

    private Synapses(String receptor, ValueDistribution weights, float[] explicitWeights,
                     Delays.DelayDistribution delays, int[] explicitDelays, String name) {
        this.receptor = receptor;
        this.weights = weights;
        this.explicitWeights = explicitWeights;
        this.delays = delays;
        this.explicitDelays = explicitDelays;
        this.name = name;
    }

    /** Synapses onto the named receptor of the target model (for example "excitatory"). */
    public static Synapses onto(String receptor) {
        Require.that(receptor != null && !receptor.isBlank(), "receptor = '" + receptor
                + "' is not allowed: must name a receptor of the target model");
        return new Synapses(receptor, null, null, Delays.steps(1), null, null);
    }

    /** Weights drawn per synapse from {@code distribution}. */
    public Synapses weights(ValueDistribution distribution) {
        return new Synapses(receptor, Require.notNull("weights", distribution), null, delays, explicitDelays, name);
    }

    /** One weight per connected pair, in the order the connector emits the pairs (for {@code fromList}). */
    public Synapses weights(float[] perSynapse) {
        Require.notNull("weights", perSynapse);
        Require.allFinite("weights", perSynapse, null);
        return new Synapses(receptor, null, perSynapse.clone(), delays, explicitDelays, name);
    }

    /** Delays drawn per synapse from {@code distribution}. */
    public Synapses delays(Delays.DelayDistribution distribution) {
        return new Synapses(receptor, weights, explicitWeights, Require.notNull("delays", distribution), null,
                name);
    }

    /** One delay in steps per connected pair, in the order the connector emits the pairs. */
    public Synapses delays(int[] perSynapseSteps) {
        Require.notNull("delays", perSynapseSteps);
        Require.allInRange("delays", perSynapseSteps, 1, Delays.MAX_STEPS);
        return new Synapses(receptor, weights, explicitWeights, null, perSynapseSteps.clone(), name);
    }

    /** Names the projection (its random streams derive from the name). */
    public Synapses named(String projectionName) {
        Require.that(projectionName != null && !projectionName.isBlank(), "name = '" + projectionName
                + "' is not allowed: must be non-blank");
        return new Synapses(receptor, weights, explicitWeights, delays, explicitDelays, projectionName);
    }

    String receptor() {
        return receptor;
    }

    ValueDistribution weightDistribution() {
        return weights;
    }

    float[] explicitWeights() {
        return explicitWeights;
    }

    Delays.DelayDistribution delayDistribution() {
        return delays;
    }

    int[] explicitDelays() {
        return explicitDelays;
    }

    /** The projection name: the one given, or {@code source->target.receptor}. */
    public String describeName(org.hebb.simulator.population.Population source,
                               org.hebb.simulator.population.Population target) {
        return name != null ? name : source.name() + "->" + target.name() + "." + receptor;
    }
}

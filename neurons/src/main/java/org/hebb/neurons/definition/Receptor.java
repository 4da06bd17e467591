package org.hebb.neurons.definition;

import org.hebb.util.Require;

/**
 * What a spike arriving on a named receptor does: statements run with {@code weight}, the summed weight arriving at the
 * neuron in this step, for example {@code g_e += weight} (a conductance jump) or {@code I_syn += weight / dt} (a current for
 * one step). Statements run at the start of the step, before integration, unless {@link #afterIntegration()}: then
 * they act on the integrated values, as NEST's delta synapses do, and are lost while a variable is held. A single
 * statement {@code x += weight} may instead run once per arriving weight, during delivery (see
 * {@code NeuronModel.directTarget}): the same sum, added in another order.
 *
 * @param name               the receptor's name, for projections (for example {@code "excitatory"})
 * @param weightUnit         the unit of weights onto it (for example {@code "uS"})
 * @param onArrival          the statements, separated by {@code ;} or new lines
 * @param nonNegativeWeights whether weights must be >= 0 (conductances: the reversal potential gives the sign)
 * @param afterIntegration   whether the statements act after integration instead of before
 */
public record Receptor(String name, String weightUnit, String onArrival, boolean nonNegativeWeights,
                       boolean afterIntegration) {
    public Receptor {
        Require.notNull("name", name);
        Require.notNull("weightUnit", weightUnit);
        Require.notNull("onArrival", onArrival);
    }

    /** A receptor taking weights of either sign, acting before integration. */
    public static Receptor of(String name, String weightUnit, String onArrival) {
        return new Receptor(name, weightUnit, onArrival, false, false);
    }

    /** This receptor, refusing negative weights. */
    public Receptor nonNegative() {
        return new Receptor(name, weightUnit, onArrival, true, afterIntegration);
    }

    /** This receptor, acting after integration. */
    public Receptor actingAfterIntegration() {
        return new Receptor(name, weightUnit, onArrival, nonNegativeWeights, true);
    }
}

package org.hebb.neurons;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A point-neuron model: its parameters, its per-neuron variables, its receptors and its update. A model instance
 * holds the parameters shared by a whole population; per-neuron parameters, where the model has them, are
 * {@link Variable#parameter() parameter} variables of its {@link NeuronState}.
 *
 * <p>The model is defined once; every backend implements its update. {@link #createKernel} is the Java one.
 */
public interface NeuronModel {
    /** The model's name, PyNN's where PyNN has the model (for example {@code IF_cond_exp}). */
    String name();

    /** The parameters shared by the population, by PyNN name, in the units the javadoc of each builder states. */
    Map<String, Double> parameters();

    /** The receptors that projections can target, in the order kernels receive their input. */
    List<String> receptors();

    /** How weights onto {@code receptor} act, and their unit. */
    ReceptorKind receptorKind(String receptor);

    /** The per-neuron variables, in storage order. */
    List<Variable> variables();

    /** Allocates the single-precision state of {@code size} neurons, set to the model's initial values. */
    default NeuronState createState(int size) {
        return createState(size, Precision.SINGLE);
    }

    /** Allocates the state of {@code size} neurons in {@code precision}, set to the model's initial values. */
    NeuronState createState(int size, Precision precision);

    /**
     * Validates that the model can run with this time step and creates its Java kernel, computing in the state's
     * precision.
     *
     * @param dt time step in ms
     */
    NeuronKernel createKernel(NeuronState state, double dt);

    /**
     * As {@link #createKernel(NeuronState, double)}; without {@code injectedCurrent} (a population no current
     * source drives) the kernel may take the injected current as 0 and not read the array it is given.
     */
    default NeuronKernel createKernel(NeuronState state, double dt, boolean injectedCurrent) {
        return createKernel(state, dt);
    }

    /**
     * The state variable to which receptor {@code receptor} adds each arriving weight unchanged ({@code x += weight}
     * before integration, the weight in the variable's stored unit, and no other receptor acting on x), or empty.
     * An engine may then add each weight straight to the variable as it arrives, instead of summing the step's weights first (see
     * {@link #createKernel(NeuronState, double, boolean, boolean[])}). Empty by default.
     */
    default Optional<String> directTarget(int receptor) {
        return Optional.empty();
    }

    /**
     * As {@link #createKernel(NeuronState, double, boolean)}, for a population whose receptors {@code r} with
     * {@code receivedDirectly[r]} have their weights added straight to their {@link #directTarget} before the step:
     * the kernel leaves their input alone.
     */
    default NeuronKernel createKernel(NeuronState state, double dt, boolean injectedCurrent,
                                      boolean[] receivedDirectly) {
        for (int r = 0; r < receivedDirectly.length; r++) {
            if (receivedDirectly[r]) {
                throw new IllegalArgumentException("receptor " + receptors().get(r) + " of " + name()
                        + " is not allowed to receive directly: it has no direct target");
            }
        }
        return createKernel(state, dt, injectedCurrent);
    }

    /**
     * Prepares what {@link #createKernel} needs at time step {@code dt} ms in {@code precision} (a generated model
     * compiles its kernel here), so that a network can do it while it is built rather than when it first runs; does
     * nothing by default.
     */
    default void prepareKernel(double dt, Precision precision) {
    }

    /**
     * Refuses {@code values} (one per neuron, in the variable's unit, as they will be stored) for variable
     * {@code variable} of {@code state} where a neuron's value breaks a requirement of the model on its parameters;
     * the other per-neuron parameters a requirement reads are taken from {@code state}. Nothing is refused by
     * default.
     *
     * @param owner what the message names the values as being for ({@code population 'exc'})
     * @throws IllegalArgumentException naming the first neuron's values that break a requirement, and it
     */
    default void requireNeuronValues(NeuronState state, int variable, double[] values, String owner) {
    }

    /** Index of {@code receptor} in {@link #receptors()}; fails with the allowed names if the model has none such. */
    default int receptorIndex(String receptor) {
        int index = receptors().indexOf(receptor);
        if (index < 0) {
            throw new IllegalArgumentException("receptor = '" + receptor + "' does not exist on " + name()
                    + ": must be one of " + receptors());
        }
        return index;
    }
}

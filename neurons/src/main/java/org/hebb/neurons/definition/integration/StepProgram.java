package org.hebb.neurons.definition.integration;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.hebb.neurons.Precision;
import org.hebb.neurons.definition.expression.Expression;

/**
 * One step of a defined model for one neuron, as assignments in the definition's expression language over values of
 * one {@link Precision}, from which each backend's code is printed. Every backend evaluates the same operations
 * in the same order, so their results agree bit for bit.
 *
 * <p>Names in the expressions: state variables (their value at the start of the step, after the receptors'
 * inputs), per-neuron parameters, step inputs, {@code I_inj}, {@code _held} (1 while refractory, else 0),
 * {@code _w0, _w1, ...} (the inputs of receptors acting after integration), temporaries {@code _t0, _t1, ...} and
 * constants {@code _k0, _k1, ...} ({@link #constants()}). All values are in Hebb's units; {@link #loadFactor}
 * converts a stored value.
 *
 * <p>Order: the {@link #inputPasses()}; the main pass ({@link #temporaries()}, then every variable of
 * {@link #nextValues()} is stored); the {@link #selfUpdates()}; inputs read in the main pass are zeroed; then the
 * threshold: a neuron spikes where {@link #threshold()} holds (and, with a refractory period, it is not
 * refractory: its counter is 0 or less), the {@link #reset()} assignments run in order, and the counter is set to
 * {@link #refractoryStepsAfterSpike()}; elsewhere the counter counts down to -1, where a free neuron's stays.
 *
 * @param stored                    the per-neuron arrays, in storage order: state variables, then per-neuron
 *                                  parameters
 * @param loadFactors               for each stored array: the factor from its unit to Hebb's (1 for most)
 * @param receptorFactors           for each receptor: the factor from its weight unit to Hebb's
 * @param injectedFactor            the factor from the injected current's unit to Hebb's
 * @param stepInputs                the step inputs (scratch arrays)
 * @param inputPasses               the receptors' statements acting before integration
 * @param temporaries               the main pass's temporaries, in order
 * @param nextValues                the main pass's new values of state variables
 * @param afterIntegrationInputs    receptors whose input the main pass reads (as {@code _w<r>})
 * @param selfUpdates               variables that only decay, updated after the main pass
 * @param threshold                 the spike condition, or null
 * @param reset                     the reset, in order (targets are state variables)
 * @param refractoryCounter         the refractory counter's name, or null without a refractory period
 * @param refractoryStepsAfterSpike what a spike leaves in the refractory counter
 * @param constants                 the values of {@code _k0, _k1, ...}, computed in double and rounded to the
 *                                  precision
 * @param constantDescriptions      what each constant is, for the generated source's comments
 * @param precision                 the format of the state and of the arithmetic
 */
public record StepProgram(String model, List<String> stored, Map<String, Double> loadFactors,
                          double[] receptorFactors, double injectedFactor, List<String> stepInputs,
                          List<InputPass> inputPasses, List<Assignment> temporaries,
                          Map<String, Expression> nextValues, List<Integer> afterIntegrationInputs,
                          List<SelfUpdate> selfUpdates, Expression threshold, List<Assignment> reset,
                          String refractoryCounter, float refractoryStepsAfterSpike, double[] constants,
                          List<String> constantDescriptions, Precision precision) {
    /** The per-neuron arrays a step writes (state variables and the refractory counter), in storage order. */
    public List<String> written() {
        Set<String> written = new HashSet<>(nextValues.keySet());
        selfUpdates.forEach(u -> written.add(u.variable()));
        reset.forEach(a -> written.add(a.name()));
        inputPasses.stream().filter(p -> !p.stepInput()).forEach(p -> written.add(p.target()));
        if (refractoryCounter != null) {
            written.add(refractoryCounter);
        }
        return stored.stream().filter(written::contains).toList();
    }

    /**
     * This step for a population whose receptors {@code r} with {@code direct[r]} have their weights added to their
     * variable before the step (each a single statement {@code x += weight}): without those receptors' input passes.
     */
    public StepProgram receivingDirectly(boolean[] direct) {
        List<InputPass> kept = inputPasses.stream().filter(p -> !isDirect(direct, p.receptor())).toList();
        return new StepProgram(model, stored, loadFactors, receptorFactors, injectedFactor, stepInputs, kept,
                temporaries, nextValues, afterIntegrationInputs, selfUpdates, threshold, reset, refractoryCounter,
                refractoryStepsAfterSpike, constants, constantDescriptions, precision);
    }

    /** Per receptor {@code r} with {@code direct[r]}: the variable its weights are added to, and r. */
    public Map<String, Integer> directTargets(boolean[] direct) {
        Map<String, Integer> targets = new LinkedHashMap<>();
        for (InputPass p : inputPasses) {
            if (isDirect(direct, p.receptor())) {
                targets.put(p.target(), p.receptor());
            }
        }
        return targets;
    }

    private static boolean isDirect(boolean[] direct, int receptor) {
        return receptor < direct.length && direct[receptor];
    }

    /** The factor that converts a stored value of {@code name} into Hebb's units. */
    public double loadFactor(String name) {
        return loadFactors.getOrDefault(name, 1.0);
    }
}

package org.hebb.neurons.definition;

import org.hebb.neurons.definition.units.Unit;

/**
 * A parameter of a definition.
 *
 * @param name         its name
 * @param unit         the unit of its values
 * @param defaultValue the value a model gets when none is given, in {@code unit}
 * @param perNeuron    whether each neuron has its own value (stored as a per-neuron array, initialised to the
 *                     population's value) rather than one for the population
 */
public record Parameter(String name, Unit unit, double defaultValue, boolean perNeuron) {
}

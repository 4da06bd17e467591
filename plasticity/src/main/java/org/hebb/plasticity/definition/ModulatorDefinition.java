package org.hebb.plasticity.definition;

import org.hebb.neurons.definition.units.Unit;

/**
 * A third factor of a rule: a value that user code (or a {@link org.hebb.plasticity.Signal}) sets between steps,
 * one for the whole projection or one per postsynaptic neuron, read by the rule's statements.
 *
 * @param name                  its name in the definition
 * @param unit                  its unit
 * @param perPostsynapticNeuron whether it has a value per postsynaptic neuron (else one global value)
 * @param initial               its value before user code sets one, in {@code unit}
 */
public record ModulatorDefinition(String name, Unit unit, boolean perPostsynapticNeuron, double initial) {
}

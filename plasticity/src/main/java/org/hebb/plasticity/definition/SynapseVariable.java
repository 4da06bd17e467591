package org.hebb.plasticity.definition;

import org.hebb.neurons.definition.expression.Expression;
import org.hebb.neurons.definition.units.Unit;

/**
 * A variable with a value per synapse, changed only by a synapse definition's event statements.
 *
 * @param name    its name ({@code w} is the projection's weight)
 * @param unit    its unit
 * @param initial its value before the first run and after a reset, a constant expression in {@code unit}; null for
 *                the weight, which keeps the projection's weights
 */
public record SynapseVariable(String name, Unit unit, Expression initial) {
}

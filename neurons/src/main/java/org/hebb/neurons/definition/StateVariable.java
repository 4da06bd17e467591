package org.hebb.neurons.definition;

import org.hebb.neurons.definition.expression.Equation;
import org.hebb.neurons.definition.expression.Expression;
import org.hebb.neurons.definition.units.Unit;

/**
 * A state variable of a definition and its differential equation.
 *
 * @param name             its name
 * @param unit             the unit of its values
 * @param derivative       dx/dt with every subexpression replaced by its expression
 * @param unlessRefractory whether it is held while the neuron is refractory
 * @param initial          its value when a state is created (parameters and units only)
 * @param equation         the equation as written
 */
public record StateVariable(String name, Unit unit, Expression derivative, boolean unlessRefractory,
                            Expression initial, Equation equation) {
}

package org.hebb.neurons.definition;

import org.hebb.neurons.definition.expression.Expression;

/**
 * A condition on a definition's parameter values that each of its models must meet (see
 * {@link NeuronDefinition.Builder#requires}).
 *
 * @param text      the condition as written
 * @param condition the condition parsed
 */
public record Requirement(String text, Expression condition) {
}

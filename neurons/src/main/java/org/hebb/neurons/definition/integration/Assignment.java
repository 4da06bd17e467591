package org.hebb.neurons.definition.integration;

import org.hebb.neurons.definition.expression.Expression;

/**
 * {@code name = value} in a generated step: a temporary, or a state variable in a reset.
 *
 * @param name  the name assigned
 * @param value its value
 */
public record Assignment(String name, Expression value) {
}

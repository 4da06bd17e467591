package org.hebb.plasticity.definition;

import org.hebb.neurons.definition.expression.Expression;

/**
 * The dynamics of a synapse variable between presynaptic spikes, {@code dx/dt = rate * x + drive} with constant
 * rate and drive, solved in closed form when the next spike is sent: x advances to {@code (x + drive / rate) *
 * exp(rate * elapsed) - drive / rate} (or {@code x + drive * elapsed} when the rate is zero).
 *
 * @param name  the variable
 * @param rate  the coefficient of the variable, a constant expression in 1/ms
 * @param drive the rest of the right-hand side, a constant expression in the variable's unit per ms
 * @param text  the equation as written, for messages
 */
public record SynapseEquation(String name, Expression rate, Expression drive, String text) {
}

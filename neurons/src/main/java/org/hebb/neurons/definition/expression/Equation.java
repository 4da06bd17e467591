package org.hebb.neurons.definition.expression;

/**
 * One line of a model's equations: a differential equation {@code dx/dt = ... : unit} or a named subexpression
 * {@code name = ... : unit}, with the Brian2 flag {@code (unless refractory)} for differential equations.
 *
 * @param name             the variable (differential) or subexpression defined
 * @param differential     true for {@code dname/dt = ...}
 * @param right            the right-hand side
 * @param unit             the unit written after the colon: of the variable, not of its derivative
 * @param unlessRefractory whether the variable is held while the neuron is refractory
 * @param text             the line as written, for messages (positions of {@code right} refer to it)
 */
public record Equation(String name, boolean differential, Expression right, String unit, boolean unlessRefractory,
                       String text) {
    /** The left-hand side as written: {@code dv/dt} or {@code I}. */
    public String left() {
        return differential ? "d" + name + "/dt" : name;
    }
}

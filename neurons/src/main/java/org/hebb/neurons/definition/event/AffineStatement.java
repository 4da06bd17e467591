package org.hebb.neurons.definition.event;

import org.hebb.neurons.definition.expression.Expression;

/**
 * A reset or arrival statement in the form the event-driven kernel runs it:
 * {@code x[target] = sum over j of coefficients[j] x[j] + weightCoefficient weight + rest}, in Hebb's base units,
 * with {@code rest} free of the state (a constant or a per-neuron quantity, evaluated per neuron when state is
 * loaded).
 *
 * @param target            the index of the variable assigned
 * @param coefficients      the coefficient of each state variable
 * @param weightCoefficient the coefficient of the arriving weight (0 in a reset)
 * @param rest              the part free of the state and the weight
 */
record AffineStatement(int target, double[] coefficients, double weightCoefficient, Expression rest) {
    /** The assigned value, given the state {@code x[offset..]}, the weight and the rest's value for the neuron. */
    double value(double[] x, int offset, double weight, double restValue) {
        double sum = restValue + weightCoefficient * weight;
        for (int j = 0; j < coefficients.length; j++) {
            if (coefficients[j] != 0) {
                sum += coefficients[j] * x[offset + j];
            }
        }
        return sum;
    }
}

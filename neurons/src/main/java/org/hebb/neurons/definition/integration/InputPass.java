package org.hebb.neurons.definition.integration;

import org.hebb.neurons.definition.expression.Expression;

/**
 * One statement of a receptor at the start of a step: {@code target += value} over every neuron, with {@code weight}
 * the receptor's input; the input is then zeroed if this is the receptor's last statement.
 *
 * @param receptor  index of the receptor (and of its input array)
 * @param target    a state variable or a step input
 * @param stepInput whether the target is a step input (then the first pass that writes it sets it)
 * @param first     for a step input: whether this pass is the first to write it this step
 * @param value     what is added, in terms of {@code weight}, per-neuron parameters and constants
 * @param clear     whether the input is zeroed after this pass
 */
public record InputPass(int receptor, String target, boolean stepInput, boolean first, Expression value,
                        boolean clear) {
}

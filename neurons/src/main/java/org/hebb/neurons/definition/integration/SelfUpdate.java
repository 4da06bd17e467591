package org.hebb.neurons.definition.integration;

import java.util.List;

import org.hebb.neurons.definition.expression.Expression;

/**
 * The update of a variable whose new value depends only on its own value and constants (a decaying synaptic
 * current, say), which a generated Java kernel runs in a pass of its own after the main pass so that both loops
 * stay small enough to vectorise.
 *
 * @param variable    the state variable
 * @param temporaries temporaries, in order
 * @param next        its new value
 */
public record SelfUpdate(String variable, List<Assignment> temporaries, Expression next) {
    public SelfUpdate {
        temporaries = List.copyOf(temporaries);
    }
}

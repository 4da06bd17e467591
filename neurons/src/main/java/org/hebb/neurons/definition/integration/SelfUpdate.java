package org.hebb.neurons.definition.integration;

import java.util.List;

import org.hebb.neurons.definition.expression.Expression;

/**
 * The update of a variable whose new value depends only on its own value and constants (a decaying synaptic
 * current, say). A generated Java kernel runs it in the main pass where that pass already reads the variable and
 * stays small enough to vectorise, and in a pass of its own after the main pass otherwise.
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

package org.hebb.neurons.definition;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

import org.hebb.neurons.definition.analysis.ConstantEvaluator;
import org.hebb.neurons.definition.expression.Expression;
import org.hebb.neurons.definition.expression.Expressions;

/**
 * A condition on a definition's parameter values that each of its models or rules must meet (see
 * {@link NeuronDefinition.Builder#requires}).
 *
 * @param text      the condition as written
 * @param condition the condition parsed
 */
public record Requirement(String text, Expression condition) {
    /**
     * Refuses values that fail the condition.
     *
     * @param owner   what the values are for, as the message names it
     * @param valueOf the value of each name the condition reads, as the condition compares it
     * @param shown   how the message shows a name the condition reads ({@code tau_m = -10.0 ms}), or null for a
     *                name it leaves out
     * @throws IllegalArgumentException naming the values shown, {@code owner} and the condition
     */
    public void require(String owner, ToDoubleFunction<String> valueOf, Function<String, String> shown) {
        if (ConstantEvaluator.holds(condition, valueOf)) {
            return;
        }
        List<String> named = new ArrayList<>();
        for (String n : Expressions.names(condition)) {
            String value = shown.apply(n);
            if (value != null) {
                named.add(value);
            }
        }
        throw new IllegalArgumentException(String.join(", ", named) + (named.size() == 1 ? " is" : " are")
                + " not allowed for " + owner + ": must satisfy " + text);
    }
}

package org.hebb.neurons.definition.analysis;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import org.hebb.neurons.definition.DefinitionException;
import org.hebb.neurons.definition.IntegrationMethod;
import org.hebb.neurons.definition.NeuronDefinition;
import org.hebb.neurons.definition.Stage;
import org.hebb.neurons.definition.StateVariable;
import org.hebb.neurons.definition.expression.Expression;
import org.hebb.neurons.definition.expression.Expressions;

/**
 * Refuses a definition whose integration method does not apply to its equations: {@code exact} needs equations
 * linear in the stage's variables with coefficients fixed for the population, and linear in every other
 * non-constant quantity (inputs, per-neuron parameters); {@code exponential_euler} needs each equation linear in
 * its own variable. The message names the equation and the offending term.
 */
public final class MethodCheck {
    private MethodCheck() {
    }

    /** Checks every stage of {@code definition}. */
    public static void check(NeuronDefinition definition) {
        for (Stage stage : definition.stages()) {
            for (String name : stage.variables()) {
                StateVariable v = definition.stateVariable(name);
                if (stage.method() == IntegrationMethod.EXACT) {
                    exactForm(definition, v);
                } else if (stage.method() == IntegrationMethod.EXPONENTIAL_EULER) {
                    linear(v, Set.of(v.name()), "exponential_euler", "linear in " + v.name());
                }
            }
        }
    }

    /**
     * The linear form of {@code v}'s derivative in the stage's variables and in every non-constant name; refuses
     * what {@code exact} cannot integrate.
     */
    public static LinearForm exactForm(NeuronDefinition definition, StateVariable v) {
        Set<String> nonConstant = new LinkedHashSet<>();
        for (String name : Expressions.names(v.derivative())) {
            Symbol s = definition.scope().get(name);
            if (s == null || !s.isConstant()) {
                nonConstant.add(name);
            }
        }
        LinearForm form = linear(v, nonConstant, "exact", "linear in the state and the inputs");
        for (Map.Entry<String, Expression> c : form.coefficients().entrySet()) {
            for (String name : Expressions.names(c.getValue())) {
                Symbol s = definition.scope().get(name);
                if (s != null && !s.isConstant()) {
                    throw DefinitionException.at("equation", v.equation().text(), -1, "method exact needs "
                            + "coefficients fixed for the population, but the coefficient '"
                            + Expressions.toText(c.getValue()) + "' of " + c.getKey() + " depends on '" + name
                            + "' (" + describe(s) + "): choose exponential_euler, euler, rk2 or rk4");
                }
            }
        }
        return form;
    }

    private static LinearForm linear(StateVariable v, Set<String> names, String method, String need) {
        try {
            return LinearForm.of(v.derivative(), names);
        } catch (LinearForm.NotLinear e) {
            throw DefinitionException.at("equation", v.equation().text(), position(e.term(), v),
                    "method " + method + " needs d" + v.name() + "/dt " + need + ", but the term '"
                            + quote(e.term(), v) + "' is not: choose " + alternatives(method));
        }
    }

    private static int position(Expression term, StateVariable v) {
        return term.start() >= 0 && term.end() <= v.equation().text().length() ? term.start() : -1;
    }

    private static String quote(Expression term, StateVariable v) {
        return DimensionCheck.quote(term, v.equation().text());
    }

    private static String alternatives(String method) {
        return method.equals("exact") ? "exponential_euler, euler, rk2 or rk4" : "euler, rk2 or rk4";
    }

    private static String describe(Symbol s) {
        return Scope.describe(s.kind());
    }
}

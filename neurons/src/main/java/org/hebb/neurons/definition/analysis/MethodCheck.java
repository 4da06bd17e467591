package org.hebb.neurons.definition.analysis;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.hebb.neurons.definition.DefinitionException;
import org.hebb.neurons.definition.IntegrationMethod;
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

    /** Checks every stage of a definition whose names are {@code scope}. */
    public static void check(Scope scope, List<Stage> stages, List<StateVariable> variables) {
        for (Stage stage : stages) {
            for (String name : stage.variables()) {
                StateVariable v = variables.stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
                if (stage.method() == IntegrationMethod.EXACT) {
                    exactForm(scope, v);
                } else if (stage.method() == IntegrationMethod.EXPONENTIAL_EULER) {
                    linear(scope, v, Set.of(v.name()), "exponential_euler", "linear in " + v.name());
                }
            }
        }
    }

    /**
     * The linear form of {@code v}'s derivative in every name that is not fixed for the population (state
     * variables, inputs, per-neuron parameters); its coefficients are then fixed for the population. Refuses what
     * {@code exact} cannot integrate.
     */
    public static LinearForm exactForm(Scope scope, StateVariable v) {
        Set<String> nonConstant = new LinkedHashSet<>();
        for (String name : Expressions.names(v.derivative())) {
            Symbol s = scope.get(name);
            if (s != null && !s.isConstant()) {
                nonConstant.add(name);
            }
        }
        return linear(scope, v, nonConstant, "exact", "linear in the state variables and inputs, with "
                + "coefficients fixed for the population (parameters, dt, units)");
    }

    private static LinearForm linear(Scope scope, StateVariable v, Set<String> names,
                                     String method, String need) {
        try {
            return LinearForm.of(v.derivative(), names);
        } catch (LinearForm.NotLinear e) {
            throw DefinitionException.at("equation", v.equation().text(), position(e.term(), v),
                    "method " + method + " needs d" + v.name() + "/dt " + need + ", but the term '"
                            + quote(e.term(), v) + "' is not: " + why(e.term(), names, scope)
                            + "; choose " + alternatives(method));
        }
    }

    /** Why {@code term} is not linear in {@code names}, naming them and what they are. */
    private static String why(Expression term, Set<String> names, Scope scope) {
        if (term instanceof Expression.Binary b && b.operator() == Expression.Operator.MULTIPLY) {
            return "it multiplies " + describe(b.left(), names, scope) + " by " + describe(b.right(), names, scope);
        }
        if (term instanceof Expression.Binary b && b.operator() == Expression.Operator.DIVIDE) {
            return "it divides by " + describe(b.right(), names, scope);
        }
        return "it is a nonlinear function of " + describe(term, names, scope);
    }

    private static String describe(Expression e, Set<String> names, Scope scope) {
        List<String> described = new ArrayList<>();
        for (String name : Expressions.names(e)) {
            if (names.contains(name)) {
                described.add(name + " (" + Scope.describe(scope.get(name).kind()) + ")");
            }
        }
        return String.join(" and ", described);
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
}

package org.hebb.neurons.definition.analysis;

import java.util.function.ToDoubleFunction;

import org.hebb.neurons.definition.expression.Expression;
import org.hebb.neurons.definition.expression.Expression.Binary;
import org.hebb.neurons.definition.expression.Expression.Call;
import org.hebb.neurons.definition.expression.Expression.Comparison;
import org.hebb.neurons.definition.expression.Expression.Literal;
import org.hebb.neurons.definition.expression.Expression.Logical;
import org.hebb.neurons.definition.expression.Expression.Name;
import org.hebb.neurons.definition.expression.Expression.Negate;
import org.hebb.neurons.definition.expression.Expression.Not;

/**
 * Evaluates an arithmetic expression in double precision on the host, for the values that are fixed when a kernel
 * is made (parameters of the population, dt, propagators). Every backend receives the same results.
 */
public final class ConstantEvaluator {
    private ConstantEvaluator() {
    }

    /** Whether {@code condition} (comparisons joined by and, or, not) holds, names valued as {@link #evaluate}. */
    public static boolean holds(Expression condition, ToDoubleFunction<String> names) {
        if (condition instanceof Comparison c) {
            double x = evaluate(c.left(), names);
            double y = evaluate(c.right(), names);
            return switch (c.relation()) {
                case LESS -> x < y;
                case LESS_OR_EQUAL -> x <= y;
                case GREATER -> x > y;
                case GREATER_OR_EQUAL -> x >= y;
                case EQUAL -> x == y;
                case NOT_EQUAL -> x != y;
            };
        }
        if (condition instanceof Logical l) {
            return l.and() ? holds(l.left(), names) && holds(l.right(), names)
                    : holds(l.left(), names) || holds(l.right(), names);
        }
        if (condition instanceof Not n) {
            return !holds(n.operand(), names);
        }
        throw new IllegalArgumentException("not a condition: " + condition);
    }

    /** The value of {@code e}, with {@code names} giving each name's value in Hebb's units. */
    public static double evaluate(Expression e, ToDoubleFunction<String> names) {
        if (e instanceof Literal l) {
            return l.value();
        }
        if (e instanceof Name n) {
            return names.applyAsDouble(n.name());
        }
        if (e instanceof Negate n) {
            return -evaluate(n.operand(), names);
        }
        if (e instanceof Binary b) {
            double x = evaluate(b.left(), names);
            double y = evaluate(b.right(), names);
            return switch (b.operator()) {
                case ADD -> x + y;
                case SUBTRACT -> x - y;
                case MULTIPLY -> x * y;
                case DIVIDE -> x / y;
                case POWER -> Math.pow(x, y);
            };
        }
        if (e instanceof Call c) {
            double[] a = new double[c.arguments().size()];
            for (int i = 0; i < a.length; i++) {
                a[i] = evaluate(c.arguments().get(i), names);
            }
            return switch (c.function()) {
                case "exp" -> Math.exp(a[0]);
                case "log" -> Math.log(a[0]);
                case "expm1" -> Math.expm1(a[0]);
                case "exprel" -> a[0] == 0 ? 1 : Math.expm1(a[0]) / a[0];
                case "log1p" -> Math.log1p(a[0]);
                case "tanh" -> Math.tanh(a[0]);
                case "sinh" -> Math.sinh(a[0]);
                case "cosh" -> Math.cosh(a[0]);
                case "sqrt" -> Math.sqrt(a[0]);
                case "abs" -> Math.abs(a[0]);
                case "pow" -> Math.pow(a[0], a[1]);
                case "min" -> Math.min(a[0], a[1]);
                case "max" -> Math.max(a[0], a[1]);
                case "clip" -> Math.min(Math.max(a[0], a[1]), a[2]);
                default -> throw new IllegalArgumentException("unknown function " + c.function());
            };
        }
        throw new IllegalArgumentException("not an arithmetic expression: " + e);
    }
}

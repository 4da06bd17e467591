package org.hebb.neurons.definition.generate;

import java.util.function.ToDoubleFunction;

import org.hebb.neurons.definition.expression.Expression;
import org.hebb.neurons.definition.expression.Expression.Binary;
import org.hebb.neurons.definition.expression.Expression.Call;
import org.hebb.neurons.definition.expression.Expression.Literal;
import org.hebb.neurons.definition.expression.Expression.Name;
import org.hebb.neurons.definition.expression.Expression.Negate;
import org.hebb.neurons.definition.expression.Expressions;
import org.hebb.neurons.math.HebbMath;

/**
 * Evaluates an arithmetic expression on the host as the single-precision code that {@link ExpressionPrinter}
 * prints for it computes it: literals and names rounded to float, every operation in float in the printer's order
 * (integer powers as products), functions through {@link HebbMath}'s float versions. So a host value computed
 * from a kernel's constant expression equals, bit for bit, the one the kernel computes.
 */
public final class SinglePrecisionEvaluator {
    private SinglePrecisionEvaluator() {
    }

    /**
     * The value of {@code e} in single precision, with {@code names} giving each name's value (rounded to float, as
     * the kernels receive their constants).
     */
    public static float evaluate(Expression e, ToDoubleFunction<String> names) {
        if (e instanceof Literal l) {
            return (float) l.value();
        }
        if (e instanceof Name n) {
            return (float) names.applyAsDouble(n.name());
        }
        if (e instanceof Negate n) {
            return -1f * evaluate(n.operand(), names);
        }
        if (e instanceof Binary b) {
            return binary(b, names);
        }
        if (e instanceof Call c) {
            return call(c, names);
        }
        throw new IllegalArgumentException("not an arithmetic expression: " + e);
    }

    private static float binary(Binary b, ToDoubleFunction<String> names) {
        if (b.operator() == Expression.Operator.POWER) {
            Integer n = Expressions.integerValue(b.right());
            if (n != null && Math.abs(n) <= 16) {
                return integerPower(evaluate(b.left(), names), n);
            }
            return HebbMath.pow(evaluate(b.left(), names), evaluate(b.right(), names));
        }
        float x = evaluate(b.left(), names);
        float y = evaluate(b.right(), names);
        return switch (b.operator()) {
            case ADD -> x + y;
            case SUBTRACT -> x - y;
            case MULTIPLY -> x * y;
            case DIVIDE -> x / y;
            case POWER -> throw new AssertionError();
        };
    }

    private static float integerPower(float x, int n) {
        if (n == 0) {
            return 1f;
        }
        float product = x;
        for (int k = 1; k < Math.abs(n); k++) {
            product = product * x;
        }
        return n > 0 ? product : 1f / product;
    }

    private static float call(Call c, ToDoubleFunction<String> names) {
        float a = evaluate(c.arguments().get(0), names);
        return switch (c.function()) {
            case "sqrt" -> (float) Math.sqrt(a);
            case "abs" -> Math.abs(a);
            case "min" -> min(a, evaluate(c.arguments().get(1), names));
            case "max" -> max(a, evaluate(c.arguments().get(1), names));
            case "clip" -> min(max(a, evaluate(c.arguments().get(1), names)), evaluate(c.arguments().get(2), names));
            case "exprel" -> a == 0f ? 1f : HebbMath.expm1(a) / a;
            case "pow" -> HebbMath.pow(a, evaluate(c.arguments().get(1), names));
            case "exp" -> HebbMath.exp(a);
            case "expm1" -> HebbMath.expm1(a);
            case "log" -> HebbMath.log(a);
            case "log1p" -> HebbMath.log1p(a);
            case "tanh" -> HebbMath.tanh(a);
            case "sinh" -> HebbMath.sinh(a);
            case "cosh" -> HebbMath.cosh(a);
            default -> throw new IllegalArgumentException("unknown function " + c.function());
        };
    }

    /** As the generated {@code _min}: the smaller value, NaN if either is NaN. */
    private static float min(float a, float b) {
        return a < b || a != a ? a : b;
    }

    /** As the generated {@code _max}: the larger value, NaN if either is NaN. */
    private static float max(float a, float b) {
        return a > b || a != a ? a : b;
    }
}

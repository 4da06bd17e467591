package org.hebb.neurons.definition.generate;

import java.util.function.UnaryOperator;

import org.hebb.neurons.Precision;
import org.hebb.neurons.definition.expression.Expression;
import org.hebb.neurons.definition.expression.Expression.Binary;
import org.hebb.neurons.definition.expression.Expression.Call;
import org.hebb.neurons.definition.expression.Expression.Comparison;
import org.hebb.neurons.definition.expression.Expression.Literal;
import org.hebb.neurons.definition.expression.Expression.Logical;
import org.hebb.neurons.definition.expression.Expression.Name;
import org.hebb.neurons.definition.expression.Expression.Negate;
import org.hebb.neurons.definition.expression.Expression.Not;
import org.hebb.neurons.definition.expression.Expression.Select;
import org.hebb.neurons.definition.expression.Expressions;

/**
 * Prints an expression of a {@link org.hebb.neurons.definition.integration.StepProgram} as code of its precision
 * in Java or OpenCL C, fully parenthesised so that both languages evaluate the same operations in the same order.
 * Integer powers become products ({@code x**3} is {@code x * x * x}); min, max and clip call the generated
 * functions that propagate NaN the same way in both languages.
 */
public final class ExpressionPrinter {
    private final Dialect dialect;
    private final Precision precision;
    private final UnaryOperator<String> names;

    /** @param names the code of each name (a local, a constant field) */
    public ExpressionPrinter(Dialect dialect, Precision precision, UnaryOperator<String> names) {
        this.dialect = dialect;
        this.precision = precision;
        this.names = names;
    }

    /**
     * A literal of {@code precision} that {@code dialect} reads as exactly {@code value} (rounded to float in single
     * precision): a finite value as a decimal literal, which both languages read alike; NaN and the infinities (a
     * value beyond the float range in single precision among them) as Java's {@code Float.NaN},
     * {@code Float.POSITIVE_INFINITY}, ... or OpenCL C's {@code NAN}, {@code INFINITY} and {@code (-INFINITY)}
     * (float constants, which double arithmetic takes as the same NaN or infinity), never as the "NaN" or "Infinity"
     * of {@link Double#toString}, which is neither language.
     */
    public static String literal(double value, Precision precision, Dialect dialect) {
        double stored = precision == Precision.SINGLE ? (float) value : value;
        if (!Double.isFinite(stored)) {
            return dialect == Dialect.JAVA ? nonFiniteJava(stored, precision) : nonFiniteOpenCl(stored);
        }
        String text = precision == Precision.SINGLE ? Float.toString((float) value) + "f" : Double.toString(value);
        return value < 0 || (value == 0 && 1 / value < 0) ? "(" + text + ")" : text;
    }

    /** NaN or an infinity as Java's constant of {@code precision}'s type. */
    private static String nonFiniteJava(double value, Precision precision) {
        String type = precision == Precision.SINGLE ? "Float" : "Double";
        if (Double.isNaN(value)) {
            return type + ".NaN";
        }
        return type + (value > 0 ? ".POSITIVE_INFINITY" : ".NEGATIVE_INFINITY");
    }

    /** NaN or an infinity as OpenCL C's macros. */
    private static String nonFiniteOpenCl(double value) {
        if (Double.isNaN(value)) {
            return "NAN";
        }
        return value > 0 ? "INFINITY" : "(-INFINITY)";
    }

    /** The name of the type of {@code precision}'s values in both languages. */
    static String type(Precision precision) {
        return precision == Precision.SINGLE ? "float" : "double";
    }

    /** The code of {@code e}. */
    public String print(Expression e) {
        if (e instanceof Literal l) {
            return literal(l.value(), precision, dialect);
        }
        if (e instanceof Name n) {
            return names.apply(n.name());
        }
        if (e instanceof Negate n) {
            // -1 * x is -x exactly (zeros and infinities included); C2 on Java 17 vectorises it, and not a negation
            return dialect == Dialect.JAVA ? "(" + literal(-1, precision, dialect) + " * " + print(n.operand()) + ")"
                    : "(-" + print(n.operand()) + ")";
        }
        if (e instanceof Binary b) {
            return binary(b);
        }
        if (e instanceof Call c) {
            return call(c);
        }
        if (e instanceof Comparison c) {
            return "(" + print(c.left()) + " " + c.relation().symbol() + " " + print(c.right()) + ")";
        }
        if (e instanceof Logical l) {
            return "(" + print(l.left()) + (l.and() ? " && " : " || ") + print(l.right()) + ")";
        }
        if (e instanceof Not n) {
            return "(!" + print(n.operand()) + ")";
        }
        Select s = (Select) e;
        return "(" + print(s.condition()) + " ? " + print(s.ifTrue()) + " : " + print(s.ifFalse()) + ")";
    }

    private String binary(Binary b) {
        if (b.operator() == Expression.Operator.POWER) {
            Integer n = Expressions.integerValue(b.right());
            if (n != null && Math.abs(n) <= 16) {
                return integerPower(b.left(), n);
            }
            return dialect.mathFunction("pow", precision) + "(" + print(b.left()) + ", " + print(b.right()) + ")";
        }
        return "(" + print(b.left()) + " " + b.operator().symbol() + " " + print(b.right()) + ")";
    }

    private String integerPower(Expression base, int n) {
        if (n == 0) {
            return literal(1, precision, dialect);
        }
        String x = print(base);
        StringBuilder product = new StringBuilder("(").append(x);
        for (int k = 1; k < Math.abs(n); k++) {
            product.append(" * ").append(x);
        }
        product.append(')');
        return n > 0 ? product.toString() : "(" + literal(1, precision, dialect) + " / " + product + ")";
    }

    private String call(Call c) {
        String a0 = print(c.arguments().get(0));
        String min = dialect.min(precision);
        String max = dialect.max(precision);
        return switch (c.function()) {
            case "sqrt" -> dialect.sqrt(a0, precision);
            case "abs" -> dialect.abs(a0);
            case "min" -> min + "(" + a0 + ", " + print(c.arguments().get(1)) + ")";
            case "max" -> max + "(" + a0 + ", " + print(c.arguments().get(1)) + ")";
            case "clip" -> min + "(" + max + "(" + a0 + ", " + print(c.arguments().get(1)) + "), "
                    + print(c.arguments().get(2)) + ")";
            case "exprel" -> "((" + a0 + ") == " + literal(0, precision, dialect) + " ? "
                    + literal(1, precision, dialect) + " : " + dialect.mathFunction("expm1", precision) + "(" + a0
                    + ") / (" + a0 + "))";
            case "pow" -> dialect.mathFunction("pow", precision) + "(" + a0 + ", " + print(c.arguments().get(1))
                    + ")";
            default -> dialect.mathFunction(c.function(), precision) + "(" + a0 + ")";
        };
    }
}

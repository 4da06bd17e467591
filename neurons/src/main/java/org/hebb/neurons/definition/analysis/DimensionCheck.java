package org.hebb.neurons.definition.analysis;

import org.hebb.neurons.definition.DefinitionException;
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
import org.hebb.neurons.definition.units.Dimension;

/**
 * Computes the dimension of an expression and refuses one whose terms do not agree: sums and comparisons of
 * different dimensions, functions of quantities that must be pure numbers, non-integer powers of quantities, and
 * conditions (comparisons, and, or, not) where a value is expected, which the generated kernels cannot compute with.
 * Messages name the text, the offending term and both units.
 */
public final class DimensionCheck {
    private final Scope scope;
    private final String what;
    private final String text;

    private DimensionCheck(Scope scope, String what, String text) {
        this.scope = scope;
        this.what = what;
        this.text = text;
    }

    /** The dimension of {@code e}, a value parsed from {@code text} (the {@code what} of the definition). */
    public static Dimension of(Expression e, Scope scope, String what, String text) {
        return new DimensionCheck(scope, what, text).value(e);
    }

    /** Checks that {@code e} is a condition (a comparison or a logical combination of comparisons). */
    public static void condition(Expression e, Scope scope, String what, String text) {
        DimensionCheck check = new DimensionCheck(scope, what, text);
        if (!check.isCondition(e)) {
            throw DefinitionException.at(what, text, Math.max(e.start(), 0),
                    "expected a condition such as 'v >= v_thresh'");
        }
        check.dimension(e);
    }

    /**
     * Checks that {@code e} has dimension {@code expected}.
     *
     * @param subject what must have that dimension, for the message (for example {@code "dv/dt"})
     */
    public static void expect(Expression e, Dimension expected, String subject, Scope scope, String what,
                              String text) {
        Dimension actual = of(e, scope, what, text);
        if (!actual.equals(expected) && !isZero(e)) {
            throw DefinitionException.at(what, text, Math.max(e.start(), 0), "dimension mismatch: " + subject
                    + " is in " + expected + " but '" + quote(e, text) + "' is in " + actual);
        }
    }

    private boolean isCondition(Expression e) {
        return e instanceof Comparison || e instanceof Logical || e instanceof Not;
    }

    /** The dimension of {@code e}, which must be a value, not a condition. */
    private Dimension value(Expression e) {
        if (isCondition(e)) {
            throw DefinitionException.at(what, text, Math.max(e.start(), 0), "'" + quote(e, text)
                    + "' is a condition where a value is expected: comparisons, 'and', 'or' and 'not' belong in "
                    + "conditions (a threshold, a requirement), not in arithmetic");
        }
        return dimension(e);
    }

    private Dimension dimension(Expression e) {
        if (e instanceof Literal) {
            return Dimension.NONE;
        }
        if (e instanceof Name n) {
            Symbol s = scope.resolve(n, what, text);
            return s.unit().dimension();
        }
        if (e instanceof Negate n) {
            return value(n.operand());
        }
        if (e instanceof Binary b) {
            return binary(b);
        }
        if (e instanceof Call c) {
            return call(c);
        }
        if (e instanceof Comparison c) {
            same(c.left(), c.right(), "compared");
            return Dimension.NONE;
        }
        if (e instanceof Logical l) {
            requireCondition(l.left());
            requireCondition(l.right());
            return Dimension.NONE;
        }
        if (e instanceof Not n) {
            requireCondition(n.operand());
            return Dimension.NONE;
        }
        if (e instanceof Select s) {
            return same(s.ifTrue(), s.ifFalse(), "selected");
        }
        throw new IllegalStateException("unknown node " + e);
    }

    private void requireCondition(Expression e) {
        if (!isCondition(e)) {
            throw DefinitionException.at(what, text, Math.max(e.start(), 0), "'" + quote(e, text)
                    + "' is not a condition: 'and', 'or' and 'not' combine comparisons");
        }
        dimension(e);
    }

    private Dimension binary(Binary b) {
        switch (b.operator()) {
            case ADD, SUBTRACT -> {
                return same(b.left(), b.right(), b.operator() == Expression.Operator.ADD ? "added" : "subtracted");
            }
            case MULTIPLY -> {
                return value(b.left()).times(value(b.right()));
            }
            case DIVIDE -> {
                return value(b.left()).dividedBy(value(b.right()));
            }
            case POWER -> {
                Dimension base = value(b.left());
                Dimension exponent = value(b.right());
                if (!exponent.isNone()) {
                    throw DefinitionException.at(what, text, Math.max(b.right().start(), 0), "the exponent '"
                            + quote(b.right(), text) + "' must be a pure number but is in " + exponent);
                }
                if (base.isNone()) {
                    return base;
                }
                Integer n = Expressions.integerValue(b.right());
                if (n == null) {
                    throw DefinitionException.at(what, text, Math.max(b.right().start(), 0), "'"
                            + quote(b.left(), text) + "' is in " + base
                            + ": a quantity with a unit can only be raised to an integer written as a number");
                }
                return base.power(n);
            }
            default -> throw new IllegalStateException();
        }
    }

    private Dimension call(Call c) {
        int arity = Functions.arity(c.function());
        if (arity < 0) {
            throw DefinitionException.at(what, text, Math.max(c.start(), 0), "unknown function '" + c.function()
                    + "': the functions are " + Functions.names());
        }
        if (c.arguments().size() != arity) {
            throw DefinitionException.at(what, text, Math.max(c.start(), 0), c.function() + " takes " + arity
                    + " argument" + (arity == 1 ? "" : "s") + ", not " + c.arguments().size());
        }
        switch (c.function()) {
            case "sqrt" -> {
                Dimension d = value(c.arguments().get(0));
                Dimension root = d.sqrt();
                if (root == null) {
                    throw DefinitionException.at(what, text, Math.max(c.start(), 0), "sqrt of '"
                            + quote(c.arguments().get(0), text) + "' in " + d + " has no unit");
                }
                return root;
            }
            case "abs" -> {
                return value(c.arguments().get(0));
            }
            case "min", "max" -> {
                return same(c.arguments().get(0), c.arguments().get(1), "compared by " + c.function());
            }
            case "clip" -> {
                Dimension d = same(c.arguments().get(0), c.arguments().get(1), "clipped");
                same(c.arguments().get(0), c.arguments().get(2), "clipped");
                return d;
            }
            case "pow" -> {
                return binary(new Binary(Expression.Operator.POWER, c.arguments().get(0), c.arguments().get(1),
                        c.start(), c.end()));
            }
            default -> {
                Expression argument = c.arguments().get(0);
                Dimension d = value(argument);
                if (!d.isNone()) {
                    throw DefinitionException.at(what, text, Math.max(argument.start(), 0), c.function()
                            + " needs a pure number, but '" + quote(argument, text) + "' is in " + d);
                }
                return Dimension.NONE;
            }
        }
    }

    private Dimension same(Expression left, Expression right, String verb) {
        Dimension l = value(left);
        Dimension r = value(right);
        if (l.equals(r) || isZero(left) || isZero(right)) {
            return isZero(left) ? r : l;
        }
        throw DefinitionException.at(what, text, Math.max(right.start(), 0), "dimension mismatch: '"
                + quote(left, text) + "' in " + l + " and '" + quote(right, text) + "' in " + r + " cannot be "
                + verb);
    }

    /**
     * Whether {@code e} is the number 0 as written, which stands for a zero quantity of any unit: {@code 0}, or a
     * negated zero such as {@code -0} (which compares and adds as 0 does).
     */
    private static boolean isZero(Expression e) {
        return Expressions.isZero(e) || e instanceof Negate n && isZero(n.operand());
    }

    static String quote(Expression e, String text) {
        if (e.start() >= 0 && e.end() <= text.length() && e.start() < e.end()) {
            return text.substring(e.start(), e.end());
        }
        return Expressions.toText(e);
    }
}

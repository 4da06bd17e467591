package org.hebb.neurons.definition.expression;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.LongBinaryOperator;

import org.hebb.neurons.definition.expression.Expression.Binary;
import org.hebb.neurons.definition.expression.Expression.Call;
import org.hebb.neurons.definition.expression.Expression.Comparison;
import org.hebb.neurons.definition.expression.Expression.Literal;
import org.hebb.neurons.definition.expression.Expression.Logical;
import org.hebb.neurons.definition.expression.Expression.Name;
import org.hebb.neurons.definition.expression.Expression.Negate;
import org.hebb.neurons.definition.expression.Expression.Not;
import org.hebb.neurons.definition.expression.Expression.Operator;
import org.hebb.neurons.definition.expression.Expression.Select;

/**
 * Building, rewriting and printing expressions. The builders simplify trivially (x * 1, x + 0, --x) and move
 * negations outwards into subtractions ({@code a + (-b) * c} is {@code a - b * c}), which changes no value but the
 * sign of some zeros ({@code -a - b} becomes {@code -(a + b)}) and keeps generated loops free of negations of values
 * used elsewhere in the loop: HotSpot's C2 on Java 17 does not vectorise such a loop.
 */
public final class Expressions {
    private Expressions() {
    }

    /** A number. */
    public static Expression number(double value) {
        return new Literal(value, -1, -1);
    }

    /** A reference to {@code name}. */
    public static Expression name(String name) {
        return new Name(name, -1, -1);
    }

    /** {@code a + b}. */
    public static Expression add(Expression a, Expression b) {
        if (isZero(a)) {
            return b;
        }
        if (isZero(b)) {
            return a;
        }
        if (b instanceof Negate n) {
            return subtract(a, n.operand());
        }
        if (a instanceof Negate n) {
            return new Binary(Operator.SUBTRACT, b, n.operand(), -1, -1);
        }
        return new Binary(Operator.ADD, a, b, -1, -1);
    }

    /** {@code a - b}. */
    public static Expression subtract(Expression a, Expression b) {
        if (isZero(b)) {
            return a;
        }
        if (isZero(a)) {
            return negate(b);
        }
        if (b instanceof Negate n) {
            return add(a, n.operand());
        }
        if (a instanceof Negate n) {
            return negate(add(n.operand(), b));
        }
        return new Binary(Operator.SUBTRACT, a, b, -1, -1);
    }

    /** {@code a * b}. */
    public static Expression multiply(Expression a, Expression b) {
        if (isZero(a) || isZero(b)) {
            return number(0);
        }
        if (isOne(a)) {
            return b;
        }
        if (isOne(b)) {
            return a;
        }
        if (isMinusOne(a)) {
            return negate(b);
        }
        if (isMinusOne(b)) {
            return negate(a);
        }
        if (a instanceof Negate n) {
            return negate(multiply(n.operand(), b));
        }
        if (b instanceof Negate n) {
            return negate(multiply(a, n.operand()));
        }
        return new Binary(Operator.MULTIPLY, a, b, -1, -1);
    }

    /** {@code a / b}. */
    public static Expression divide(Expression a, Expression b) {
        if (isOne(b)) {
            return a;
        }
        if (isZero(a)) {
            return number(0);
        }
        if (a instanceof Negate n) {
            return negate(divide(n.operand(), b));
        }
        if (b instanceof Negate n) {
            return negate(divide(a, n.operand()));
        }
        return new Binary(Operator.DIVIDE, a, b, -1, -1);
    }

    /** {@code -a}. */
    public static Expression negate(Expression a) {
        if (a instanceof Negate n) {
            return n.operand();
        }
        if (a instanceof Literal l) {
            return number(-l.value());
        }
        return new Negate(a, -1, -1);
    }

    /** {@code f(arguments)}. */
    public static Expression call(String function, Expression... arguments) {
        return new Call(function, List.of(arguments), -1, -1);
    }

    /** Whether {@code e} is the number 0. */
    public static boolean isZero(Expression e) {
        return e instanceof Literal l && l.value() == 0;
    }

    /** Whether {@code e} is the number 1. */
    public static boolean isOne(Expression e) {
        return e instanceof Literal l && l.value() == 1;
    }

    private static boolean isMinusOne(Expression e) {
        return e instanceof Literal l && l.value() == -1;
    }

    /** The integer written as {@code e} (a number or a negated number), or null. */
    public static Integer integerValue(Expression e) {
        if (e instanceof Literal l && l.value() == Math.rint(l.value()) && Math.abs(l.value()) < 1 << 20) {
            return (int) l.value();
        }
        if (e instanceof Negate n) {
            Integer inner = integerValue(n.operand());
            return inner == null ? null : -inner;
        }
        return null;
    }

    /** The names {@code e} refers to, in order of first appearance. */
    public static Set<String> names(Expression e) {
        Set<String> names = new LinkedHashSet<>();
        collectNames(e, names);
        return names;
    }

    private static void collectNames(Expression e, Set<String> names) {
        if (e instanceof Name n) {
            names.add(n.name());
        } else {
            for (Expression child : children(e)) {
                collectNames(child, names);
            }
        }
    }

    /** The direct children of {@code e}. */
    public static List<Expression> children(Expression e) {
        if (e instanceof Negate n) {
            return List.of(n.operand());
        }
        if (e instanceof Binary b) {
            return List.of(b.left(), b.right());
        }
        if (e instanceof Call c) {
            return c.arguments();
        }
        if (e instanceof Comparison c) {
            return List.of(c.left(), c.right());
        }
        if (e instanceof Logical l) {
            return List.of(l.left(), l.right());
        }
        if (e instanceof Not n) {
            return List.of(n.operand());
        }
        if (e instanceof Select s) {
            return List.of(s.condition(), s.ifTrue(), s.ifFalse());
        }
        return List.of();
    }

    /**
     * How deep {@code e} nests operations, as {@link ExpressionParser} counts it: 1 for a number or a name, one more
     * than its deepest operand for every other node. The time is linear in the distinct nodes.
     */
    public static int depth(Expression e) {
        return (int) countShared(e, new IdentityHashMap<>(), Math::max);
    }

    /**
     * How many nodes {@code e} holds written out as a tree (a shared subtree, such as a substituted subexpression
     * named twice, counted at each place it appears), at most {@code Long.MAX_VALUE / 2}; the time is linear in the
     * distinct nodes.
     */
    public static long size(Expression e) {
        return countShared(e, new IdentityHashMap<>(), (a, b) -> Math.min(Long.MAX_VALUE / 2, a + b));
    }

    /** 1 + its children's counts combined, for {@code e}; each distinct node counted once, kept in {@code known}. */
    private static long countShared(Expression e, Map<Expression, Long> known, LongBinaryOperator combine) {
        Long counted = known.get(e);
        if (counted != null) {
            return counted;
        }
        long children = 0;
        for (Expression child : children(e)) {
            children = combine.applyAsLong(children, countShared(child, known, combine));
        }
        long count = Math.min(Long.MAX_VALUE / 2, children + 1);
        known.put(e, count);
        return count;
    }

    /** {@code e} with every name in {@code replacements} replaced (positions of replaced nodes are kept). */
    public static Expression substitute(Expression e, Map<String, Expression> replacements) {
        return rewrite(e, node -> node instanceof Name n ? replacements.get(n.name()) : null);
    }

    /**
     * {@code e} rewritten from the root down: where {@code rule} returns a non-null expression for a node, that
     * expression replaces the node (and is not rewritten further); other nodes are rebuilt from rewritten children.
     */
    public static Expression rewrite(Expression e, Function<Expression, Expression> rule) {
        Expression replaced = rule.apply(e);
        if (replaced != null) {
            return replaced;
        }
        if (e instanceof Negate n) {
            return new Negate(rewrite(n.operand(), rule), n.start(), n.end());
        }
        if (e instanceof Binary b) {
            return new Binary(b.operator(), rewrite(b.left(), rule), rewrite(b.right(), rule), b.start(), b.end());
        }
        if (e instanceof Call c) {
            List<Expression> arguments = new ArrayList<>();
            for (Expression a : c.arguments()) {
                arguments.add(rewrite(a, rule));
            }
            return new Call(c.function(), arguments, c.start(), c.end());
        }
        if (e instanceof Comparison c) {
            return new Comparison(c.relation(), rewrite(c.left(), rule), rewrite(c.right(), rule), c.start(),
                    c.end());
        }
        if (e instanceof Logical l) {
            return new Logical(l.and(), rewrite(l.left(), rule), rewrite(l.right(), rule), l.start(), l.end());
        }
        if (e instanceof Not n) {
            return new Not(rewrite(n.operand(), rule), n.start(), n.end());
        }
        if (e instanceof Select s) {
            return new Select(rewrite(s.condition(), rule), rewrite(s.ifTrue(), rule), rewrite(s.ifFalse(), rule));
        }
        return e;
    }

    /** {@code e} with every node's position removed (for expressions moved into another text). */
    public static Expression withoutPositions(Expression e) {
        if (e instanceof Literal l) {
            return new Literal(l.value(), -1, -1);
        }
        if (e instanceof Name n) {
            return new Name(n.name(), -1, -1);
        }
        if (e instanceof Negate n) {
            return new Negate(withoutPositions(n.operand()), -1, -1);
        }
        if (e instanceof Binary b) {
            return new Binary(b.operator(), withoutPositions(b.left()), withoutPositions(b.right()), -1, -1);
        }
        if (e instanceof Call c) {
            return new Call(c.function(), c.arguments().stream().map(Expressions::withoutPositions).toList(), -1, -1);
        }
        if (e instanceof Comparison c) {
            return new Comparison(c.relation(), withoutPositions(c.left()), withoutPositions(c.right()), -1, -1);
        }
        if (e instanceof Logical l) {
            return new Logical(l.and(), withoutPositions(l.left()), withoutPositions(l.right()), -1, -1);
        }
        if (e instanceof Not n) {
            return new Not(withoutPositions(n.operand()), -1, -1);
        }
        Select s = (Select) e;
        return new Select(withoutPositions(s.condition()), withoutPositions(s.ifTrue()), withoutPositions(s.ifFalse()));
    }

    /** The expression in the definition language, fully parenthesised where precedence needs it. */
    public static String toText(Expression e) {
        return print(e, 0);
    }

    private static String print(Expression e, int context) {
        if (e instanceof Literal l) {
            String number = l.value() == Math.rint(l.value()) && Math.abs(l.value()) < 1e15
                    ? Long.toString((long) l.value()) : Double.toString(l.value());
            // a negative number (made by folding constants) binds as a negation does: "(-2) ** x" is not "-2 ** x"
            return wrap(number, number.startsWith("-") && context > 3);
        }
        if (e instanceof Name n) {
            return n.name();
        }
        if (e instanceof Negate n) {
            return wrap("-" + print(n.operand(), 4), context > 3);
        }
        if (e instanceof Binary b) {
            int level = switch (b.operator()) {
                case ADD, SUBTRACT -> 2;
                case MULTIPLY, DIVIDE -> 3;
                case POWER -> 5;
            };
            String text = print(b.left(), b.operator() == Operator.POWER ? 6 : level) + " "
                    + b.operator().symbol() + " " + print(b.right(), level + 1);
            return wrap(text, context > level);
        }
        if (e instanceof Call c) {
            StringBuilder s = new StringBuilder(c.function()).append('(');
            for (int i = 0; i < c.arguments().size(); i++) {
                s.append(i > 0 ? ", " : "").append(print(c.arguments().get(i), 0));
            }
            return s.append(')').toString();
        }
        if (e instanceof Comparison c) {
            return wrap(print(c.left(), 2) + " " + c.relation().symbol() + " " + print(c.right(), 2), context > 1);
        }
        if (e instanceof Logical l) {
            return wrap(print(l.left(), 1) + (l.and() ? " and " : " or ") + print(l.right(), 1), context > 0);
        }
        if (e instanceof Not n) {
            return wrap("not " + print(n.operand(), 1), context > 0);
        }
        if (e instanceof Select s) {
            return "(" + print(s.condition(), 0) + " ? " + print(s.ifTrue(), 0) + " : " + print(s.ifFalse(), 0)
                    + ")";
        }
        throw new IllegalStateException("unknown node " + e);
    }

    private static String wrap(String text, boolean parenthesise) {
        return parenthesise ? "(" + text + ")" : text;
    }
}

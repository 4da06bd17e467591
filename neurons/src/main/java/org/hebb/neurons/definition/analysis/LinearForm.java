package org.hebb.neurons.definition.analysis;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.hebb.neurons.definition.expression.Expression;
import org.hebb.neurons.definition.expression.Expression.Binary;
import org.hebb.neurons.definition.expression.Expression.Literal;
import org.hebb.neurons.definition.expression.Expression.Name;
import org.hebb.neurons.definition.expression.Expression.Negate;
import org.hebb.neurons.definition.expression.Expressions;

/**
 * An expression written as {@code sum over x of coefficient(x) * x + rest}, linear in a chosen set of names, with
 * coefficients and rest free of those names.
 *
 * @param coefficients the coefficient of each name that occurs
 * @param rest         the part free of the names
 */
public record LinearForm(Map<String, Expression> coefficients, Expression rest) {
    /** Thrown when the expression is not linear in the names; names the offending term. */
    public static final class NotLinear extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient Expression term;

        NotLinear(Expression term) {
            super(Expressions.toText(term));
            this.term = term;
        }

        /** The term that is not linear. */
        public Expression term() {
            return term;
        }
    }

    /** The coefficient of {@code name} (0 if it does not occur). */
    public Expression coefficient(String name) {
        return coefficients.getOrDefault(name, Expressions.number(0));
    }

    /** Decomposes {@code e}, linear in {@code names}. */
    public static LinearForm of(Expression e, Set<String> names) throws NotLinear {
        if (Collections.disjoint(Expressions.names(e), names)) {
            return new LinearForm(Map.of(), e);
        }
        if (e instanceof Name n) {
            return new LinearForm(Map.of(n.name(), Expressions.number(1)), Expressions.number(0));
        }
        if (e instanceof Negate n) {
            return of(n.operand(), names).scaled(Expressions.number(-1), false);
        }
        if (e instanceof Binary b) {
            switch (b.operator()) {
                case ADD, SUBTRACT -> {
                    return of(b.left(), names).plus(of(b.right(), names), b.operator() == Expression.Operator.ADD);
                }
                case MULTIPLY -> {
                    if (Collections.disjoint(Expressions.names(b.left()), names)) {
                        return of(b.right(), names).scaled(b.left(), true);
                    }
                    if (Collections.disjoint(Expressions.names(b.right()), names)) {
                        return of(b.left(), names).scaled(b.right(), false);
                    }
                    throw new NotLinear(e);
                }
                case DIVIDE -> {
                    if (Collections.disjoint(Expressions.names(b.right()), names)) {
                        return of(b.left(), names).divided(b.right());
                    }
                    throw new NotLinear(e);
                }
                default -> throw new NotLinear(e);
            }
        }
        if (e instanceof Literal) {
            return new LinearForm(Map.of(), e);
        }
        throw new NotLinear(e);
    }

    private LinearForm plus(LinearForm other, boolean add) {
        Map<String, Expression> sum = new LinkedHashMap<>(coefficients);
        other.coefficients.forEach((name, c) -> sum.merge(name, add ? c : Expressions.negate(c),
                (a, b) -> Expressions.add(a, b)));
        Expression r = add ? Expressions.add(rest, other.rest) : Expressions.subtract(rest, other.rest);
        return new LinearForm(sum, r);
    }

    private LinearForm scaled(Expression factor, boolean factorFirst) {
        Map<String, Expression> scaled = new LinkedHashMap<>();
        coefficients.forEach((name, c) -> scaled.put(name, factorFirst ? Expressions.multiply(factor, c)
                : Expressions.multiply(c, factor)));
        return new LinearForm(scaled, factorFirst ? Expressions.multiply(factor, rest)
                : Expressions.multiply(rest, factor));
    }

    private LinearForm divided(Expression divisor) {
        Map<String, Expression> divided = new LinkedHashMap<>();
        coefficients.forEach((name, c) -> divided.put(name, Expressions.divide(c, divisor)));
        return new LinearForm(divided, Expressions.divide(rest, divisor));
    }
}

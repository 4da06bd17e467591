package org.hebb.neurons.definition.integration;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

import org.hebb.neurons.Precision;
import org.hebb.neurons.definition.analysis.ConstantEvaluator;
import org.hebb.neurons.definition.expression.Expression;
import org.hebb.neurons.definition.expression.Expression.Binary;
import org.hebb.neurons.definition.expression.Expression.Literal;
import org.hebb.neurons.definition.expression.Expression.Name;
import org.hebb.neurons.definition.expression.Expressions;

/**
 * The constants of a generated step, {@code _k0, _k1, ...}: every largest subexpression fixed for the population
 * (parameters, dt, units, numbers) is computed once in double precision, rounded to the kernel's precision and
 * read from here.
 * A division by such a constant becomes a multiplication by its reciprocal. A constant or number that is not finite
 * in the kernel's precision (a division by a parameter of 0, a value beyond the float range) is refused, naming it.
 */
final class ConstantPool {
    private final Predicate<String> isConstant;
    private final ToDoubleFunction<String> valueOf;
    private final Precision precision;
    /** The model and its parameter values, for messages. */
    private final String owner;
    private final List<Double> values = new ArrayList<>();
    private final List<Double> exact = new ArrayList<>();
    private final List<String> descriptions = new ArrayList<>();
    private final Map<Long, String> byBits = new HashMap<>();

    /**
     * @param owner the model and its parameter values, as messages name them
     */
    ConstantPool(Predicate<String> isConstant, ToDoubleFunction<String> valueOf, Precision precision, String owner) {
        this.isConstant = isConstant;
        this.valueOf = valueOf;
        this.precision = precision;
        this.owner = owner;
    }

    /** A constant with a value computed elsewhere (a propagator entry). */
    Expression add(double value, String description) {
        return slot(value, description);
    }

    /** {@code e} with its constant subexpressions replaced by constants. */
    Expression hoist(Expression e) {
        return Expressions.rewrite(e, node -> {
            if (node instanceof Binary b && b.operator() == Expression.Operator.DIVIDE && constant(b.right())
                    && !constant(b.left())) {
                return Expressions.multiply(hoist(b.left()),
                        hoist(Expressions.divide(Expressions.number(1), b.right())));
            }
            if (node instanceof Literal l) {
                requireFinite(l.value(), Expressions.toText(node));
                return null;
            }
            if (!constant(node)) {
                return null;
            }
            if (node instanceof Name n && n.name().startsWith("_k")) {
                return null;
            }
            double value = ConstantEvaluator.evaluate(node, this::value);
            return slot(value, Expressions.toText(node));
        });
    }

    private double value(String name) {
        if (name.startsWith("_k")) {
            return exact.get(Integer.parseInt(name.substring(2)));
        }
        return valueOf.applyAsDouble(name);
    }

    private boolean constant(Expression e) {
        if (e instanceof Expression.Select || e instanceof Expression.Comparison || e instanceof Expression.Logical
                || e instanceof Expression.Not) {
            return false;
        }
        for (String name : Expressions.names(e)) {
            if (!(name.startsWith("_k") || isConstant.test(name))) {
                return false;
            }
        }
        for (Expression child : Expressions.children(e)) {
            if (!constant(child)) {
                return false;
            }
        }
        return true;
    }

    private Expression slot(double value, String description) {
        double rounded = requireFinite(value, description);
        long bits = Double.doubleToRawLongBits(rounded);
        String name = byBits.get(bits);
        if (name == null) {
            name = "_k" + values.size();
            values.add(rounded);
            exact.add(value);
            descriptions.add(description);
            byBits.put(bits, name);
        }
        return Expressions.name(name);
    }

    /** {@code value} rounded to the kernel's precision, refused where that is not finite. */
    private double requireFinite(double value, String description) {
        double rounded = precision == Precision.SINGLE ? (float) value : value;
        if (!Double.isFinite(rounded)) {
            throw new IllegalArgumentException(owner + " is not allowed: '" + description + "' is " + value
                    + (Double.isFinite(value) ? ", beyond the range of " + precision.name().toLowerCase(Locale.ROOT)
                    + " precision" : "") + ": every value fixed for the population must be finite (a division by "
                    + "a parameter of 0?)");
        }
        return rounded;
    }

    double[] values() {
        double[] v = new double[values.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = values.get(i);
        }
        return v;
    }

    List<String> descriptions() {
        return List.copyOf(descriptions);
    }
}

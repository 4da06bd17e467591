package org.hebb.neurons.definition.generate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.hebb.neurons.definition.expression.Expression;
import org.hebb.neurons.definition.expression.Expression.Binary;
import org.hebb.neurons.definition.expression.Expression.Call;
import org.hebb.neurons.definition.expression.Expressions;
import org.hebb.neurons.definition.integration.Assignment;

/**
 * Takes the exponentials out of a Java kernel's main pass: HotSpot's C2 on Java 17 does not vectorise a loop that
 * moves bits between floats and ints, which {@code exp} and {@code expm1} need for their 2^k, so one of them kept a
 * whole pass scalar (exponential-Euler IF_cond_exp: 7.2 ns per neuron-step). Each {@code exp(argument)} or
 * {@code expm1(argument)} whose argument reads no other function becomes a name {@code _e0, _e1, ...}, computed
 * before the main pass by the steps of {@link org.hebb.neurons.math.HebbMath#expShift} or
 * {@link org.hebb.neurons.math.HebbMath#expm1Shift}: the argument and the steps before the bit moves in a pass that
 * vectorises, the bit moves in a short scalar pass, and for {@code expm1} the sums with 2^k in another pass that
 * vectorises. The main pass reads the result.
 * Temporaries that the argument reads are written out in it; the operations are the same, so are the results.
 */
final class ExpFission {
    /**
     * The main pass with its exponentials taken out.
     *
     * @param arguments   the exponentials' arguments, {@code _e0 = argument}, written with inputs, state and constants
     * @param minusOne    the names among {@code arguments} that stand for {@code expm1}, not {@code exp}
     * @param temporaries the main pass's temporaries, reading {@code _e0, ...} for the exponentials
     * @param nextValues  the main pass's new values, likewise
     */
    record Split(List<Assignment> arguments, Set<String> minusOne, List<Assignment> temporaries,
                 Map<String, Expression> nextValues) {
    }

    /** Names that hold a value of the main pass's own loop, which a pass before it cannot read. */
    static final List<String> LOOP_LOCALS = List.of("_held", "_remaining");

    private final Map<String, Expression> writtenOut = new LinkedHashMap<>();
    private final Map<String, String> names = new LinkedHashMap<>();
    private final List<Assignment> arguments = new ArrayList<>();
    private final Set<String> minusOne = new LinkedHashSet<>();

    private ExpFission() {
    }

    /** The main pass of {@code temporaries} and {@code nextValues} with its exponentials taken out. */
    static Split of(List<Assignment> temporaries, Map<String, Expression> nextValues) {
        ExpFission f = new ExpFission();
        List<Assignment> newTemporaries = new ArrayList<>();
        for (Assignment a : temporaries) {
            newTemporaries.add(new Assignment(a.name(), f.extract(a.value())));
            f.writtenOut.put(a.name(), Expressions.substitute(a.value(), f.writtenOut));
        }
        Map<String, Expression> next = new LinkedHashMap<>();
        nextValues.forEach((variable, value) -> next.put(variable, f.extract(value)));
        return new Split(f.arguments, f.minusOne, newTemporaries, next);
    }

    private Expression extract(Expression e) {
        return Expressions.rewrite(e, node -> {
            if (!(node instanceof Call c) || !c.function().equals("exp") && !c.function().equals("expm1")) {
                return null;
            }
            Expression argument = Expressions.substitute(c.arguments().get(0), writtenOut);
            if (!arithmeticOnly(argument) || Expressions.names(argument).stream().anyMatch(LOOP_LOCALS::contains)) {
                return null;
            }
            String text = c.function() + "(" + Expressions.toText(argument) + ")";
            String name = names.get(text);
            if (name == null) {
                name = "_e" + names.size();
                names.put(text, name);
                arguments.add(new Assignment(name, argument));
                if (c.function().equals("expm1")) {
                    minusOne.add(name);
                }
            }
            return Expressions.name(name);
        });
    }

    /** Whether {@code e} calls no function and raises to no power (which may call one). */
    private static boolean arithmeticOnly(Expression e) {
        if (e instanceof Call || e instanceof Binary b && b.operator() == Expression.Operator.POWER) {
            return false;
        }
        return Expressions.children(e).stream().allMatch(ExpFission::arithmeticOnly);
    }
}

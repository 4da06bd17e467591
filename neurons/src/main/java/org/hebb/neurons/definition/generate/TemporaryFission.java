package org.hebb.neurons.definition.generate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.hebb.neurons.definition.expression.Expression;
import org.hebb.neurons.definition.expression.Expression.Literal;
import org.hebb.neurons.definition.expression.Expression.Name;
import org.hebb.neurons.definition.expression.Expressions;
import org.hebb.neurons.definition.integration.Assignment;

/**
 * Keeps a Java kernel's main pass small enough to be vectorised. HotSpot's C2 on Java 17 vectorises a loop only
 * after unrolling it, and unrolls only loops whose body is small ({@code -XX:LoopUnrollLimit}): the main pass of
 * exponential-Euler IF_cond_exp, 21 operations on six arrays, ran scalar at 2.1 ns per neuron, and at 0.24 ns with
 * a larger limit. While the main pass's {@link #size} is above {@link #BUDGET}, its largest temporary that reads
 * neither the refractory hold nor a temporary left in the pass is computed in a pass of its own before it, into an
 * array ({@code _h0, _h1, ...}) that the main pass reads. The operations are the same, so are the results.
 */
final class TemporaryFission {
    /**
     * The largest {@link #size} left as one pass: IF_cond_exp's Euler main pass (34) was measured vectorised, the
     * same loop with one more input array and one more addition (36) not.
     */
    static final int BUDGET = 34;

    /**
     * The main pass, split.
     *
     * @param hoisted     the temporaries computed before it, {@code _h0 = value}, in order
     * @param temporaries the temporaries left in it
     * @param nextValues  its new values, reading {@code _h0, ...}
     */
    record Split(List<Assignment> hoisted, List<Assignment> temporaries, Map<String, Expression> nextValues) {
    }

    private TemporaryFission() {
    }

    /**
     * The main pass of {@code temporaries} and {@code nextValues}, split while it is larger than {@link #BUDGET};
     * {@code refractory} tells whether it also counts a refractory counter down and holds the clamped variables.
     */
    static Split of(List<Assignment> temporaries, Map<String, Expression> nextValues, boolean refractory) {
        List<Assignment> kept = new ArrayList<>(temporaries);
        Map<String, Expression> next = new LinkedHashMap<>(nextValues);
        List<Assignment> hoisted = new ArrayList<>();
        while (size(kept, next, refractory) > BUDGET) {
            Assignment largest = null;
            for (Assignment a : kept) {
                boolean movable = Expressions.names(a.value()).stream().noneMatch(n -> isLoopLocal(n, kept));
                if (movable && (largest == null || operations(a.value()) > operations(largest.value()))) {
                    largest = a;
                }
            }
            if (largest == null || operations(largest.value()) == 0) {
                break;
            }
            Map<String, Expression> renamed = Map.of(largest.name(), Expressions.name("_h" + hoisted.size()));
            hoisted.add(new Assignment("_h" + hoisted.size(), largest.value()));
            kept.remove(largest);
            kept.replaceAll(a -> new Assignment(a.name(), Expressions.substitute(a.value(), renamed)));
            next.replaceAll((variable, value) -> Expressions.substitute(value, renamed));
        }
        return new Split(hoisted, kept, next);
    }

    /** Whether {@code name} is a value of the main pass's loop: the refractory hold or a temporary kept in it. */
    private static boolean isLoopLocal(String name, List<Assignment> kept) {
        return ExpFission.LOOP_LOCALS.contains(name) || kept.stream().anyMatch(a -> a.name().equals(name));
    }

    /**
     * The size of a main pass: its operations, plus two for each array it reads or writes (a load or store and its
     * index); with a refractory period, three operations and the counter's load and store.
     */
    static int size(List<Assignment> temporaries, Map<String, Expression> nextValues, boolean refractory) {
        Set<String> read = new LinkedHashSet<>();
        int operations = 0;
        for (Assignment a : temporaries) {
            operations += operations(a.value());
            read.addAll(Expressions.names(a.value()));
        }
        for (Expression e : nextValues.values()) {
            operations += operations(e);
            read.addAll(Expressions.names(e));
        }
        long arrays = read.stream()
                .filter(n -> !n.startsWith("_t") && !n.startsWith("_k") && !isLoopLocal(n, List.of()))
                .count() + nextValues.size();
        return operations + 2 * (int) arrays + (refractory ? 3 + 4 : 0);
    }

    static int operations(Expression e) {
        if (e instanceof Name || e instanceof Literal) {
            return 0;
        }
        int count = 1;
        for (Expression child : Expressions.children(e)) {
            count += operations(child);
        }
        return count;
    }
}

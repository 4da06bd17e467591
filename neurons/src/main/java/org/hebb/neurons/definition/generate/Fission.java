package org.hebb.neurons.definition.generate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.hebb.neurons.Precision;
import org.hebb.neurons.definition.expression.Expression;
import org.hebb.neurons.definition.expression.Expressions;
import org.hebb.neurons.definition.integration.Assignment;
import org.hebb.neurons.definition.integration.StepProgram;

/**
 * Splits a main pass that reads many per-neuron arrays: its largest subexpressions that depend on inputs only
 * (injected current, step inputs, per-neuron parameters, receptor inputs) and read two or more arrays are computed
 * in a pass of their own, into one array each, which the main pass then reads. The operations are the same, so are
 * the results; HotSpot's C2 on Java 17 was measured to vectorise Izhikevich's update reading five arrays and not
 * reading six (0.12 against 1.8 ns per neuron). In double precision the float inputs (injected current, receptor
 * inputs) are moved out too, even alone: C2 does not vectorise a loop that widens floats into double arithmetic, so
 * that only the small prepare pass stays scalar.
 */
final class Fission {
    /** Most arrays the main pass should read before it is split. */
    static final int ARRAY_LIMIT = 5;

    /**
     * The main pass, split.
     *
     * @param prepared    the subexpressions moved out, {@code _p0, _p1, ...}
     * @param temporaries the main pass's temporaries, reading the prepared values
     * @param nextValues  the main pass's new values, reading the prepared values
     */
    record Split(List<Assignment> prepared, List<Assignment> temporaries, Map<String, Expression> nextValues) {
    }

    private final StepProgram program;
    private final Map<String, String> prepared = new LinkedHashMap<>();
    private final List<Assignment> assignments = new ArrayList<>();

    private Fission(StepProgram program) {
        this.program = program;
    }

    /** The main pass of {@code program}, split if it reads more than {@link #ARRAY_LIMIT} arrays. */
    static Split of(StepProgram program) {
        Set<String> names = new LinkedHashSet<>();
        program.temporaries().forEach(a -> names.addAll(Expressions.names(a.value())));
        program.nextValues().values().forEach(e -> names.addAll(Expressions.names(e)));
        Fission f = new Fission(program);
        long arrays = names.stream().filter(n -> f.isArray(n)).count() + (program.refractoryCounter() != null ? 1 : 0);
        boolean widens = program.precision() == Precision.DOUBLE && names.stream().anyMatch(Fission::isFloatInput);
        if (arrays <= ARRAY_LIMIT && !widens) {
            return new Split(List.of(), program.temporaries(), program.nextValues());
        }
        List<Assignment> temporaries = new ArrayList<>();
        for (Assignment a : program.temporaries()) {
            temporaries.add(new Assignment(a.name(), f.extract(a.value())));
        }
        Map<String, Expression> next = new LinkedHashMap<>();
        program.nextValues().forEach((variable, value) -> next.put(variable, f.extract(value)));
        return new Split(f.assignments, temporaries, next);
    }

    private Expression extract(Expression e) {
        return Expressions.rewrite(e, node -> {
            Set<String> names = Expressions.names(node);
            boolean widens = program.precision() == Precision.DOUBLE && names.stream().anyMatch(Fission::isFloatInput);
            if (!names.stream().allMatch(n -> isInput(n) || n.startsWith("_k"))
                    || names.stream().filter(this::isInput).count() < (widens ? 1 : 2)) {
                return null;
            }
            String text = Expressions.toText(node);
            String name = prepared.get(text);
            if (name == null) {
                name = "_p" + prepared.size();
                prepared.put(text, name);
                assignments.add(new Assignment(name, node));
            }
            return Expressions.name(name);
        });
    }

    /** Whether {@code name} is read from a per-neuron array and independent of the state. */
    private boolean isInput(String name) {
        boolean perNeuronParameter = program.stored().contains(name) && !program.nextValues().containsKey(name)
                && program.selfUpdates().stream().noneMatch(s -> s.variable().equals(name))
                && !name.equals(program.refractoryCounter());
        return name.equals("I_inj") || name.startsWith("_w") || program.stepInputs().contains(name)
                || perNeuronParameter;
    }

    /** Whether {@code name} is read from a float array whatever the precision (the engine's inputs). */
    private static boolean isFloatInput(String name) {
        return name.equals("I_inj") || name.startsWith("_w");
    }

    private boolean isArray(String name) {
        return name.equals("I_inj") || name.startsWith("_w") || program.stepInputs().contains(name)
                || program.stored().contains(name);
    }
}

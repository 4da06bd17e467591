package org.hebb.neurons.definition.generate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.hebb.neurons.definition.expression.Expression;
import org.hebb.neurons.definition.expression.Expressions;
import org.hebb.neurons.definition.integration.Assignment;
import org.hebb.neurons.definition.integration.SelfUpdate;

/**
 * Moves the variables that only decay into a Java kernel's main pass, where that pass already reads them and stays
 * small enough for C2 to vectorise: a decay pass of its own streams those arrays once more, while in the main pass each
 * decay costs one multiplication and one store (Euler IF_cond_exp receiving directly, as in COBA: the steps of a run at
 * N = 4000 about 7% faster once compiled, the same spikes). The main pass loads every value before it stores any, and a
 * decay reads only its own variable and constants ({@link SelfUpdate}), so it still reads the value the step began
 * with: the operations are the same, so are the results. The OpenCL kernel runs every pass for one neuron at a time and
 * is not changed.
 */
final class DecayFusion {
    /**
     * The largest {@link #cost} of a main pass with decays moved into it. Measured ({@code NeuronUpdateBenchmark} at
     * N = 4000 and 16000, and whole COBA runs): Euler IF_cond_exp's main pass reading an injected current
     * (30) and the same pass without the current but with both decays (30) vectorise, as does IF_curr_exp's with a
     * current and both decays (28); Euler IF_cond_exp's with a current and one decay (31) or both (32) runs scalar,
     * about four times slower.
     */
    static final int BUDGET = 30;

    /**
     * The decays, split.
     *
     * @param fused the decays run in the main pass, in order
     * @param alone the decays left to passes of their own, in order
     */
    record Split(List<SelfUpdate> fused, List<SelfUpdate> alone) {
    }

    private DecayFusion() {
    }

    /**
     * The {@code decays} that fit in the main pass of {@code temporaries} and {@code nextValues}, taken in order,
     * each while the pass stays within {@link #BUDGET}; {@code refractoryCounter} is the counter the main pass
     * counts down (or null), {@code injectedArray} whether the injected current {@code I_inj} is read from an array.
     */
    static Split of(List<Assignment> temporaries, Map<String, Expression> nextValues, List<SelfUpdate> decays,
                    String refractoryCounter, boolean injectedArray) {
        Set<String> readByMainPass = reads(temporaries, nextValues);
        List<Assignment> passTemporaries = new ArrayList<>(temporaries);
        Map<String, Expression> passValues = new LinkedHashMap<>(nextValues);
        List<SelfUpdate> fused = new ArrayList<>();
        List<SelfUpdate> alone = new ArrayList<>();
        for (SelfUpdate decay : decays) {
            List<Assignment> largerTemporaries = new ArrayList<>(passTemporaries);
            largerTemporaries.addAll(decay.temporaries());
            Map<String, Expression> largerValues = new LinkedHashMap<>(passValues);
            largerValues.put(decay.variable(), decay.next());
            boolean fits = cost(largerTemporaries, largerValues, refractoryCounter != null, injectedArray) <= BUDGET;
            Set<String> read = reads(decay);
            read.removeIf(n -> n.startsWith("_t") || n.startsWith("_k"));
            if (fits && readByMainPass.containsAll(read)) {
                fused.add(decay);
                passTemporaries = largerTemporaries;
                passValues = largerValues;
            } else {
                alone.add(decay);
            }
        }
        return new Split(fused, alone);
    }

    /** The names that {@code temporaries} and {@code nextValues} read, in order. */
    static Set<String> reads(List<Assignment> temporaries, Map<String, Expression> nextValues) {
        Set<String> names = new LinkedHashSet<>();
        temporaries.forEach(a -> names.addAll(Expressions.names(a.value())));
        nextValues.values().forEach(e -> names.addAll(Expressions.names(e)));
        return names;
    }

    /** What {@code decay} reads: its variable, then the names its temporaries and new value read. */
    static Set<String> reads(SelfUpdate decay) {
        Set<String> names = new LinkedHashSet<>();
        names.add(decay.variable());
        decay.temporaries().forEach(a -> names.addAll(Expressions.names(a.value())));
        names.addAll(Expressions.names(decay.next()));
        return names;
    }

    /**
     * The cost of a main pass: its operations, plus two for each array it touches (read, written or both); with a
     * refractory period, the counter's array and three operations.
     */
    static int cost(List<Assignment> temporaries, Map<String, Expression> nextValues, boolean refractory,
                    boolean injectedArray) {
        Set<String> arrays = new LinkedHashSet<>(nextValues.keySet());
        arrays.addAll(reads(temporaries, nextValues));
        int operations = 0;
        for (Assignment a : temporaries) {
            operations += TemporaryFission.operations(a.value());
        }
        for (Expression e : nextValues.values()) {
            operations += TemporaryFission.operations(e);
        }
        arrays.removeIf(n -> n.startsWith("_t") || n.startsWith("_k") || ExpFission.LOOP_LOCALS.contains(n)
                || n.equals("I_inj") && !injectedArray);
        return operations + 2 * arrays.size() + (refractory ? 3 + 2 : 0);
    }
}

package org.hebb.neurons.definition.analysis;

import java.util.Map;

/**
 * The functions of the definition language and their number of arguments. exp, log, expm1, log1p, tanh, sinh,
 * cosh and exprel ((exp(x) - 1) / x, 1 at x = 0, as Brian2's) take and give pure numbers; sqrt halves its argument's dimension; abs, min, max and clip keep it; pow(x, y)
 * needs a pure y, and a pure x unless y is an integer literal.
 */
public final class Functions {
    private static final Map<String, Integer> ARITY = Map.ofEntries(
            Map.entry("exp", 1), Map.entry("log", 1), Map.entry("expm1", 1), Map.entry("log1p", 1),
            Map.entry("tanh", 1), Map.entry("sinh", 1), Map.entry("cosh", 1), Map.entry("sqrt", 1),
            Map.entry("abs", 1), Map.entry("min", 2), Map.entry("max", 2), Map.entry("clip", 3),
            Map.entry("pow", 2), Map.entry("exprel", 1));

    private Functions() {
    }

    /** Whether {@code name} is a function. */
    public static boolean isFunction(String name) {
        return ARITY.containsKey(name);
    }

    /** The number of arguments of {@code name}, or -1. */
    public static int arity(String name) {
        return ARITY.getOrDefault(name, -1);
    }

    /** The names, for messages. */
    public static java.util.Set<String> names() {
        return new java.util.TreeSet<>(ARITY.keySet());
    }
}

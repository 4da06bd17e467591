package org.hebb.neurons.definition.generate;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Where a backend keeps what a step reads and writes for the neuron at hand: the Java kernel indexes arrays with
 * {@code _i} in each pass; the OpenCL function works on private copies. Records the arrays each pass touches.
 */
abstract class Access {
    private final Set<String> used = new LinkedHashSet<>();

    /** Starts a pass: forgets the arrays recorded so far. */
    final void startPass() {
        used.clear();
    }

    /** The arrays (and constants) the pass touched, as the Java kernel names them. */
    final Set<String> used() {
        return new LinkedHashSet<>(used);
    }

    final void use(String name) {
        used.add(name);
    }

    /** The stored value of a per-neuron array (state variable, counter, per-neuron parameter). */
    abstract String stored(String name);

    /** The value of a step input. */
    abstract String stepInput(String name);

    /**
     * Where the prepared value {@code name} ({@code _p0, ...} of {@link Fission}, {@code _e0, _s0, ...} of
     * {@link ExpFission}) is kept.
     */
    abstract String prepared(String name);

    /** The summed weight arriving at receptor {@code r} in this step. */
    abstract String input(int r);

    /** The statement zeroing receptor {@code r}'s input, or null where reading consumed it. */
    abstract String clearInput(int r);

    /** The injected current. */
    abstract String injected();

    /** Whether {@link #injected} reads an array (rather than a constant). */
    boolean injectedArray() {
        return true;
    }

    /** A constant. */
    abstract String constant(String name);

    /** The smaller of two values as Java's {@code Math.min} gives it: NaN if either is, -0 below +0. */
    abstract String min(String a, String b);

    /** The larger of two values as Java's {@code Math.max} gives it: NaN if either is, +0 above -0. */
    abstract String max(String a, String b);

    /** The statement recording that the neuron spiked. */
    abstract String spike();
}

package org.hebb.benchmarks;

import java.util.Arrays;

import org.hebb.experiments.coba.CobaNetwork;
import org.hebb.util.Require;

/**
 * The positional arguments of the benchmark programs that write result files, parsed and checked before anything is
 * measured: a refusal names the argument as the program's usage does, the value given and what is allowed.
 */
final class Arguments {
    private Arguments() {
    }

    /** {@code args[index]}, a whole number of at least {@code min}, or {@code fallback} where it is not given. */
    static int atLeast(String[] args, int index, String name, int min, int fallback) {
        return args.length > index ? Require.atLeast(name, whole(name, args[index]), min) : fallback;
    }

    /**
     * {@code args[index]}, a duration in ms of at least one step of {@code dtMs} (the networks' time step: a run
     * rounds its duration to whole steps and refuses none), or {@code fallback} where it is not given.
     */
    static double duration(String[] args, int index, String name, double dtMs, double fallback) {
        if (args.length <= index) {
            return fallback;
        }
        double ms = Require.positive(name, number(name, args[index]), "ms");
        Require.that(Math.round(ms / dtMs) >= 1, name + " = " + ms + " ms is not allowed: must be at least one step "
                + "of dt = " + dtMs + " ms");
        return ms;
    }

    /**
     * The COBA network sizes {@code args[from]} onwards, each within {@link CobaNetwork#MIN_NEURONS} and
     * {@link CobaNetwork#MAX_NEURONS}, or {@code fallback} where none is given.
     */
    static int[] sizes(String[] args, int from, int... fallback) {
        if (args.length <= from) {
            return fallback;
        }
        return Arrays.stream(args, from, args.length).mapToInt(text -> Require.inRange("size", whole("size", text),
                CobaNetwork.MIN_NEURONS, CobaNetwork.MAX_NEURONS)).toArray();
    }

    /**
     * The numbers {@code args[from]} onwards, each in [{@code min}, {@code max}] in {@code unit}, or
     * {@code fallback} where none is given.
     */
    static double[] numbers(String[] args, int from, String name, String unit, double min, double max,
                            double... fallback) {
        if (args.length <= from) {
            return fallback;
        }
        return Arrays.stream(args, from, args.length).mapToDouble(text -> Require.inRange(name, number(name, text),
                min, max, unit)).toArray();
    }

    private static int whole(String name, String text) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " = '" + text + "' is not allowed: must be a whole number", e);
        }
    }

    private static double number(String name, String text) {
        try {
            return Double.parseDouble(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " = '" + text + "' is not allowed: must be a number", e);
        }
    }
}

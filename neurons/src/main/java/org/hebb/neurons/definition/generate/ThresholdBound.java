package org.hebb.neurons.definition.generate;

import org.hebb.neurons.Precision;
import org.hebb.neurons.definition.expression.Expression;
import org.hebb.neurons.definition.integration.StepProgram;

/**
 * A lower bound that a neuron's state must cross to spike, taken from its threshold condition: a conjunct
 * {@code x > c} or {@code x >= c} (or {@code c < x}, {@code c <= x}) of a stored variable x and a finite constant c.
 * Below it, in the Java kernel, a neuron cannot spike. A dense pass ({@link KernelPasses.Kind#CANDIDATES}) stores
 * {@code max(x, lowest)}, where {@code lowest} is the largest value that does not satisfy the conjunct, and the
 * threshold's statements run only where that differs from {@code lowest}; {@code Arrays.mismatch}, which HotSpot
 * compiles to vector compares, finds those neurons. A branchy loop over every neuron, scalar in Java 17, cost about
 * a cycle per neuron (a third of a COBA step at N = 4000). The threshold's statements still check the whole
 * condition, so the spikes are those of the dense loop, bit for bit.
 *
 * @param variable  the stored variable x
 * @param constant  the constant c: a constant's name ({@code _k3}) or a literal, as printed
 * @param inclusive whether the conjunct is {@code >=}
 */
record ThresholdBound(String variable, String constant, boolean inclusive) {
    /** The name of the largest value that does not satisfy the conjunct, a field of the passes that use it. */
    static final String LOWEST = "_lowest";
    /** The name of the prepared array of candidates (stored as {@code _q__candidate}). */
    static final String CANDIDATE = "_candidate";

    /** The bound of {@code program}'s threshold, or null where no conjunct qualifies. */
    static ThresholdBound of(StepProgram program) {
        return program.threshold() == null ? null : find(program.threshold(), program);
    }

    private static ThresholdBound find(Expression e, StepProgram program) {
        if (e instanceof Expression.Logical l && l.and()) {
            ThresholdBound left = find(l.left(), program);
            return left != null ? left : find(l.right(), program);
        }
        if (!(e instanceof Expression.Comparison c)) {
            return null;
        }
        return switch (c.relation()) {
            case GREATER -> bound(c.left(), c.right(), false, program);
            case GREATER_OR_EQUAL -> bound(c.left(), c.right(), true, program);
            case LESS -> bound(c.right(), c.left(), false, program);
            case LESS_OR_EQUAL -> bound(c.right(), c.left(), true, program);
            default -> null;
        };
    }

    private static ThresholdBound bound(Expression x, Expression c, boolean inclusive, StepProgram program) {
        if (!(x instanceof Expression.Name n) || !program.stored().contains(n.name())) {
            return null;
        }
        double value;
        String constant;
        if (c instanceof Expression.Literal l) {
            value = l.value();
            constant = ExpressionPrinter.literal(value, program.precision(), Dialect.JAVA);
        } else if (c instanceof Expression.Name k && k.name().matches("_k\\d+")) {
            int index = Integer.parseInt(k.name().substring(2));
            value = program.constants()[index];
            constant = "_k[" + index + "]";
        } else {
            return null;
        }
        double rounded = program.precision() == Precision.SINGLE ? (float) value : value;
        double lowest = program.precision() == Precision.SINGLE ? -Float.MAX_VALUE : -Double.MAX_VALUE;
        // x >= the lowest finite value (a threshold's guard against overflow) excludes no finite x: no bound
        boolean excludesNothing = inclusive && rounded == lowest;
        return Double.isFinite(rounded) && !excludesNothing ? new ThresholdBound(n.name(), constant, inclusive) : null;
    }

    /**
     * The Java expression of the largest value that does not satisfy the conjunct, given the constants as
     * {@code _k[]}: the next value below c for {@code >=}, else c (with -0 made +0, so that adding 0 to it gives
     * it back bit for bit).
     */
    String lowestInitializer(Precision precision) {
        return inclusive ? "Math.nextDown(" + constant + ")"
                : "(" + constant + " + " + ExpressionPrinter.literal(0, precision, Dialect.JAVA) + ")";
    }
}

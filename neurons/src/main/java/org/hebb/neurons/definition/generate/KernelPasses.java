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
import org.hebb.neurons.definition.integration.InputPass;
import org.hebb.neurons.definition.integration.SelfUpdate;
import org.hebb.neurons.definition.integration.StepProgram;

/**
 * The passes of a {@link StepProgram}, each the statements that update one neuron, in the order every backend
 * runs them: the receptors' statements, the main update, the variables that only decay (in Java, those that fit
 * in the main pass's loop run there, see {@link DecayFusion}), the zeroing of inputs read during the main update,
 * and the threshold. Java runs each pass as a loop over the neurons; OpenCL runs
 * them one after the other for each neuron. The statements are the same, so are the results.
 */
final class KernelPasses {
    /**
     * One pass.
     *
     * @param name   the pass's name (a Java method)
     * @param lines  its statements for one neuron
     * @param used   the arrays and constants it touches (Java names)
     * @param kind   how a Java kernel runs it
     * @param bound  for {@link Kind#CANDIDATES} and {@link Kind#CANDIDATE_THRESHOLD}: the threshold's bound, else
     *               null
     */
    record Pass(String name, List<String> lines, Set<String> used, Kind kind, ThresholdBound bound) {
        Pass(String name, List<String> lines, Set<String> used, Kind kind) {
            this(name, lines, used, kind, null);
        }

        /** Whether the pass counts spikes. */
        boolean threshold() {
            return kind == Kind.THRESHOLD || kind == Kind.CANDIDATE_THRESHOLD;
        }
    }

    /** How a Java kernel runs a pass. */
    enum Kind {
        /** A loop over every neuron. */
        UPDATE,
        /** A loop over every neuron that counts the spikes its statements record. */
        THRESHOLD,
        /**
         * A loop over every neuron that stores in {@code _q__candidate} a value other than the bound's
         * {@link ThresholdBound#lowest() lowest} for every neuron that may spike (see {@link ThresholdBound}).
         */
        CANDIDATES,
        /** The threshold's statements for the candidates alone, found with {@code Arrays.mismatch}. */
        CANDIDATE_THRESHOLD
    }

    private static final String MATH = "org.hebb.neurons.math.HebbMath.";

    private final StepProgram program;
    private final Access access;
    private final Dialect dialect;
    private final ExpressionPrinter printer;
    /** The type of values, with a trailing space. */
    private final String type;

    private KernelPasses(StepProgram program, Access access, Dialect dialect) {
        this.program = program;
        this.access = access;
        this.dialect = dialect;
        this.printer = new ExpressionPrinter(dialect, program.precision(),
                name -> name.startsWith("_k") ? access.constant(name) : name);
        this.type = ExpressionPrinter.type(program.precision()) + " ";
    }

    private String literal(double value) {
        return ExpressionPrinter.literal(value, program.precision(), dialect);
    }

    /** The passes of {@code program}, reading and writing through {@code access}. */
    static List<Pass> of(StepProgram program, Access access, Dialect dialect) {
        return new KernelPasses(program, access, dialect).passes();
    }

    private List<Pass> passes() {
        List<Pass> passes = new ArrayList<>();
        Fission.Split split = program.nextValues().isEmpty() ? null : Fission.of(program);
        if (split != null && receivesOnlyIntoPrepared(split)) {
            passes.add(receiveAndPrepare(split.prepared()));
        } else {
            for (int p = 0; p < program.inputPasses().size(); p++) {
                passes.add(inputPass("_receive" + p, program.inputPasses().get(p)));
            }
            if (split != null && !split.prepared().isEmpty()) {
                passes.add(prepare(split.prepared()));
            }
        }
        List<SelfUpdate> decays = program.selfUpdates();
        if (split != null) {
            List<Assignment> temporaries = split.temporaries();
            Map<String, Expression> nextValues = split.nextValues();
            if (dialect == Dialect.JAVA) {
                ExpFission.Split exps = ExpFission.of(temporaries, nextValues);
                if (!exps.arguments().isEmpty()) {
                    passes.add(expReduce(exps.arguments(), exps.minusOne()));
                    if (!exps.minusOne().isEmpty()) {
                        passes.add(expm1Reduce(exps.minusOne()));
                    }
                    passes.add(expScale(exps.arguments(), exps.minusOne()));
                    if (!exps.minusOne().isEmpty()) {
                        passes.add(expm1Combine(exps.minusOne()));
                    }
                    temporaries = exps.temporaries();
                    nextValues = exps.nextValues();
                }
                TemporaryFission.Split hoisting = TemporaryFission.of(temporaries, nextValues,
                        program.refractoryCounter() != null);
                if (!hoisting.hoisted().isEmpty()) {
                    passes.addAll(hoisted(hoisting.hoisted()));
                    temporaries = hoisting.temporaries();
                    nextValues = hoisting.nextValues();
                }
            }
            List<SelfUpdate> fused = List.of();
            if (dialect == Dialect.JAVA) {
                DecayFusion.Split fusion = DecayFusion.of(temporaries, nextValues, decays,
                        program.refractoryCounter(), access.injectedArray());
                fused = fusion.fused();
                decays = fusion.alone();
            }
            access.startPass();
            List<String> lines = new ArrayList<>();
            Set<String> names = DecayFusion.reads(temporaries, nextValues);
            fused.forEach(s -> names.addAll(DecayFusion.reads(s)));
            String counter = program.refractoryCounter();
            if (counter != null) {
                lines.add(type + "_remaining = " + access.max(access.stored(counter), literal(0)) + ";");
            }
            loads(lines, names);
            temporaries(lines, temporaries);
            fused.forEach(s -> temporaries(lines, s.temporaries()));
            for (Map.Entry<String, Expression> e : nextValues.entrySet()) {
                lines.add(store(e.getKey(), printer.print(e.getValue())));
            }
            fused.forEach(s -> lines.add(store(s.variable(), printer.print(s.next()))));
            if (counter != null) {
                lines.add(countDown("_remaining"));
            }
            passes.add(new Pass("_integrate", lines, access.used(), Kind.UPDATE));
        } else if (program.refractoryCounter() != null) {
            access.startPass();
            String counter = access.stored(program.refractoryCounter());
            passes.add(new Pass("_countDown", List.of(countDown(access.max(counter, literal(0)))),
                    access.used(), Kind.UPDATE));
        }
        for (int u = 0; u < decays.size(); u += 2) {
            access.startPass();
            List<SelfUpdate> group = decays.subList(u, Math.min(u + 2, decays.size()));
            List<String> lines = new ArrayList<>();
            Set<String> names = new LinkedHashSet<>();
            group.forEach(s -> names.addAll(DecayFusion.reads(s)));
            loads(lines, names);
            for (SelfUpdate s : group) {
                temporaries(lines, s.temporaries());
                lines.add(store(s.variable(), printer.print(s.next())));
            }
            passes.add(new Pass("_decay" + u / 2, lines, access.used(), Kind.UPDATE));
        }
        for (int r : program.afterIntegrationInputs()) {
            access.startPass();
            String clear = access.clearInput(r);
            if (clear != null) {
                passes.add(new Pass("_consumed" + r, List.of(clear), access.used(), Kind.UPDATE));
            }
        }
        ThresholdBound bound = dialect == Dialect.JAVA ? ThresholdBound.of(program) : null;
        if (bound != null) {
            passes.add(candidates(bound));
        }
        if (program.threshold() != null) {
            passes.add(threshold(bound));
        }
        return passes;
    }

    /**
     * Whether every receptor adds to a step input that only the prepared subexpressions read: then one pass sums
     * the receptors' inputs in locals and computes the prepared values from them, storing no step input.
     */
    private boolean receivesOnlyIntoPrepared(Fission.Split split) {
        if (split.prepared().isEmpty() || program.inputPasses().isEmpty()
                || !program.inputPasses().stream().allMatch(InputPass::stepInput)) {
            return false;
        }
        Set<String> elsewhere = new LinkedHashSet<>();
        split.temporaries().forEach(a -> elsewhere.addAll(Expressions.names(a.value())));
        split.nextValues().values().forEach(e -> elsewhere.addAll(Expressions.names(e)));
        program.selfUpdates().forEach(u -> elsewhere.addAll(Expressions.names(u.next())));
        if (program.threshold() != null) {
            elsewhere.addAll(Expressions.names(program.threshold()));
        }
        program.reset().forEach(a -> elsewhere.addAll(Expressions.names(a.value())));
        return program.inputPasses().stream().noneMatch(p -> elsewhere.contains(p.target()));
    }

    /** The receptors' statements summed in locals, then the prepared values computed from them (see above). */
    private Pass receiveAndPrepare(List<Assignment> prepared) {
        access.startPass();
        List<String> lines = new ArrayList<>();
        for (String input : program.stepInputs()) {
            lines.add(type + input + " = " + literal(0) + ";");
        }
        for (InputPass pass : program.inputPasses()) {
            lines.add("{");
            List<String> block = new ArrayList<>();
            String value = weightAndValue(pass, block);
            block.add(pass.target() + " = " + (pass.first() ? value : "(" + pass.target() + " + " + value + ")")
                    + ";");
            clear(pass, block);
            block.forEach(line -> lines.add("    " + line));
            lines.add("}");
        }
        computePrepared(prepared, lines, Set.copyOf(program.stepInputs()));
        return new Pass("_receive", lines, access.used(), Kind.UPDATE);
    }

    /** The pass computing the main pass's input-only subexpressions (see {@link Fission}). */
    private Pass prepare(List<Assignment> prepared) {
        access.startPass();
        List<String> lines = new ArrayList<>();
        computePrepared(prepared, lines, Set.of());
        return new Pass("_prepare", lines, access.used(), Kind.UPDATE);
    }

    /** Loads what the prepared values read (but the names {@code local} already holds) and stores them. */
    private void computePrepared(List<Assignment> prepared, List<String> lines, Set<String> local) {
        Set<String> names = new LinkedHashSet<>();
        prepared.forEach(a -> names.addAll(Expressions.names(a.value())));
        names.removeAll(local);
        loads(lines, names);
        for (Assignment a : prepared) {
            lines.add(access.prepared(a.name()) + " = " + printer.print(a.value()) + ";");
        }
    }

    /**
     * The exponentials' arguments (see {@link ExpFission}) and exp's first two steps or expm1's first, in a pass that
     * vectorises: {@code _s} keeps the shifted argument, {@code _e} exp's mantissa or expm1's argument
     * ({@code minusOne} names the expm1s).
     */
    private Pass expReduce(List<Assignment> arguments, Set<String> minusOne) {
        access.startPass();
        List<String> lines = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        arguments.forEach(a -> names.addAll(Expressions.names(a.value())));
        loads(lines, names);
        for (Assignment a : arguments) {
            String shifted = shiftedName(a.name());
            lines.add(type + a.name() + " = " + printer.print(a.value()) + ";");
            if (minusOne.contains(a.name())) {
                lines.add(type + shifted + " = " + MATH + "expm1Shift(" + a.name() + ");");
                lines.add(access.prepared(a.name()) + " = " + a.name() + ";");
            } else {
                lines.add(type + shifted + " = " + MATH + "expShift(" + a.name() + ");");
                lines.add(access.prepared(a.name()) + " = " + MATH + "expMantissa(" + a.name() + ", " + shifted
                        + ");");
            }
            lines.add(access.prepared(shifted) + " = " + shifted + ";");
        }
        return new Pass("_expReduce", lines, access.used(), Kind.UPDATE);
    }

    /**
     * The steps that move bits, which stay scalar: exp's mantissa times 2^k, where the main pass reads it; expm1's
     * 2^k and its value beyond its range.
     */
    private Pass expScale(List<Assignment> arguments, Set<String> minusOne) {
        access.startPass();
        List<String> lines = new ArrayList<>();
        for (Assignment a : arguments) {
            String value = access.prepared(a.name());
            String shifted = access.prepared(shiftedName(a.name()));
            if (minusOne.contains(a.name())) {
                lines.add(shifted + " = " + MATH + "expm1Scale(" + shifted + ");");
                lines.add(value + " = " + MATH + "expm1Large(" + value + ");");
            } else {
                lines.add(value + " = " + MATH + "expScale(" + value + ", " + shifted + ");");
            }
        }
        return new Pass("_expScale", lines, access.used(), Kind.UPDATE);
    }

    /**
     * The temporaries taken out of the main pass (see {@link TemporaryFission}), each stored in its array, in as few
     * passes as keep each within {@link TemporaryFission#BUDGET}.
     */
    private List<Pass> hoisted(List<Assignment> hoisted) {
        List<List<Assignment>> groups = new ArrayList<>();
        Map<String, Expression> group = new LinkedHashMap<>();
        for (Assignment a : hoisted) {
            Map<String, Expression> larger = new LinkedHashMap<>(group);
            larger.put(a.name(), a.value());
            if (!group.isEmpty() && TemporaryFission.size(List.of(), larger, false) > TemporaryFission.BUDGET) {
                groups.add(assignments(group));
                group.clear();
            }
            group.put(a.name(), a.value());
        }
        groups.add(assignments(group));
        List<Pass> passes = new ArrayList<>();
        for (List<Assignment> g : groups) {
            access.startPass();
            List<String> lines = new ArrayList<>();
            Set<String> names = new LinkedHashSet<>();
            g.forEach(a -> names.addAll(Expressions.names(a.value())));
            g.forEach(a -> names.remove(a.name()));
            loads(lines, names);
            for (Assignment a : g) {
                lines.add(type + a.name() + " = " + printer.print(a.value()) + ";");
                lines.add(access.prepared(a.name()) + " = " + a.name() + ";");
            }
            passes.add(new Pass("_hoisted" + passes.size(), lines, access.used(), Kind.UPDATE));
        }
        return passes;
    }

    private static List<Assignment> assignments(Map<String, Expression> values) {
        return values.entrySet().stream().map(e -> new Assignment(e.getKey(), e.getValue())).toList();
    }

    private static String shiftedName(String exponential) {
        return "_s" + exponential.substring(2);
    }

    /**
     * expm1's reduced argument {@code _x} and tail {@code _r}, in a pass of their own: with the arguments' pass, the
     * loop was too large for C2 to unroll, and so to vectorise (IF_cond_exp: 22 us instead of 1.8 at N = 4000).
     */
    private Pass expm1Reduce(Set<String> minusOne) {
        access.startPass();
        List<String> lines = new ArrayList<>();
        for (String name : minusOne) {
            String shifted = shiftedName(name);
            lines.add(type + name + " = " + access.prepared(name) + ";");
            lines.add(type + shifted + " = " + access.prepared(shifted) + ";");
            lines.add(access.prepared(reducedName(name)) + " = " + MATH + "expm1Reduced(" + name + ", " + shifted
                    + ");");
            lines.add(access.prepared(tailName(name)) + " = " + MATH + "expm1Tail(" + name + ", " + shifted + ");");
        }
        return new Pass("_expm1Reduce", lines, access.used(), Kind.UPDATE);
    }

    /** expm1's last step, in a pass that vectorises: e^x - 1, where the main pass reads it. */
    private Pass expm1Combine(Set<String> minusOne) {
        access.startPass();
        List<String> lines = new ArrayList<>();
        for (String name : minusOne) {
            String value = access.prepared(name);
            lines.add(value + " = " + MATH + "expm1Combine(" + access.prepared(reducedName(name)) + ", "
                    + access.prepared(tailName(name)) + ", " + access.prepared(shiftedName(name)) + ", " + value
                    + ");");
        }
        return new Pass("_expm1Combine", lines, access.used(), Kind.UPDATE);
    }

    /** Where expm1's steps keep the high part of the reduced argument. */
    private static String reducedName(String exponential) {
        return "_x" + exponential.substring(2);
    }

    /** Where expm1's steps keep the tail. */
    private static String tailName(String exponential) {
        return "_r" + exponential.substring(2);
    }

    private Pass inputPass(String name, InputPass pass) {
        access.startPass();
        List<String> lines = new ArrayList<>();
        String value = weightAndValue(pass, lines);
        if (pass.stepInput()) {
            String target = access.stepInput(pass.target());
            lines.add(target + " = " + (pass.first() ? value : "(" + target + " + " + value + ")") + ";");
        } else {
            String old = scaled(access.stored(pass.target()), program.loadFactor(pass.target()));
            lines.add(store(pass.target(), "(" + old + " + " + value + ")"));
        }
        clear(pass, lines);
        return new Pass(name, lines, access.used(), Kind.UPDATE);
    }

    /** Declares the weight and what {@code pass} reads; the printed value it adds. */
    private String weightAndValue(InputPass pass, List<String> lines) {
        lines.add(type + "weight = " + scaled(access.input(pass.receptor()), program.receptorFactors()[pass.receptor()])
                + ";");
        Set<String> names = new LinkedHashSet<>(Expressions.names(pass.value()));
        names.remove("weight");
        loads(lines, names);
        return printer.print(pass.value());
    }

    /** Zeroes the receptor's input after its last statement, where reading did not consume it. */
    private void clear(InputPass pass, List<String> lines) {
        if (pass.clear()) {
            String clear = access.clearInput(pass.receptor());
            if (clear != null) {
                lines.add(clear);
            }
        }
    }

    /** The candidates of {@code bound}: {@code _q__candidate} is the bound's variable raised to the lowest value. */
    private Pass candidates(ThresholdBound bound) {
        access.startPass();
        List<String> lines = new ArrayList<>();
        loads(lines, Set.of(bound.variable()));
        lines.add(access.prepared(ThresholdBound.CANDIDATE) + " = "
                + access.max(bound.variable(), ThresholdBound.LOWEST) + ";");
        return new Pass("_candidates", lines, access.used(), Kind.CANDIDATES, bound);
    }

    /** The threshold: the spike condition, for every neuron or (with {@code bound}) for the candidates alone. */
    private Pass threshold(ThresholdBound bound) {
        access.startPass();
        List<String> lines = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>(Expressions.names(program.threshold()));
        loads(lines, names);
        String condition = printer.print(program.threshold());
        String counter = program.refractoryCounter();
        if (counter != null) {
            condition = condition + " && " + access.stored(counter) + " < " + literal(0);
        }
        lines.add("if (" + condition + ") {");
        Set<String> later = new LinkedHashSet<>();
        for (Assignment a : program.reset()) {
            later.add(a.name());
            later.addAll(Expressions.names(a.value()));
        }
        later.removeAll(names);
        List<String> inner = new ArrayList<>();
        loads(inner, later);
        Set<String> assigned = new LinkedHashSet<>();
        for (Assignment a : program.reset()) {
            inner.add(a.name() + " = " + printer.print(a.value()) + ";");
            assigned.add(a.name());
        }
        for (String a : assigned) {
            inner.add(store(a, a));
        }
        if (counter != null) {
            inner.add(access.stored(counter) + " = " + literal(program.refractoryStepsAfterSpike()) + ";");
        }
        inner.add(access.spike());
        inner.forEach(line -> lines.add("    " + line));
        lines.add("}");
        if (bound != null) {
            access.prepared(ThresholdBound.CANDIDATE);
            return new Pass("_threshold", lines, access.used(), Kind.CANDIDATE_THRESHOLD, bound);
        }
        return new Pass("_threshold", lines, access.used(), Kind.THRESHOLD);
    }

    /**
     * The refractory counter counted down from {@code remaining}, the counter raised to 0: a neuron held this step
     * ({@code remaining} at least 1) leaves 0 or more, a free one -1, which is how the threshold, run next, tells
     * that the neuron may spike. A free neuron's counter stays at -1, so no pass after the threshold has to take it
     * back (the main pass, whose loop vectorises on Java 17 when it stores the counter it reads, stays as short).
     */
    private String countDown(String remaining) {
        return access.stored(program.refractoryCounter()) + " = " + remaining + " - " + literal(1) + ";";
    }

    /** Declares a local for every name that is read per neuron. */
    private void loads(List<String> lines, Set<String> names) {
        for (String n : names) {
            if (n.startsWith("_t") || n.startsWith("_k") || n.equals("weight")) {
                if (n.startsWith("_k")) {
                    access.constant(n);
                }
                continue;
            }
            String value;
            if (n.equals("_held")) {
                value = access.min("_remaining", literal(1));
            } else if (n.startsWith("_p") || n.startsWith("_e") || n.startsWith("_h")) {
                value = access.prepared(n);
            } else if (n.equals("I_inj")) {
                value = scaled(access.injected(), program.injectedFactor());
            } else if (n.startsWith("_w")) {
                int r = Integer.parseInt(n.substring(2));
                value = scaled(access.input(r), program.receptorFactors()[r]);
            } else if (program.stepInputs().contains(n)) {
                value = access.stepInput(n);
            } else {
                value = scaled(access.stored(n), program.loadFactor(n));
            }
            lines.add(type + n + " = " + value + ";");
        }
    }

    private void temporaries(List<String> lines, List<Assignment> temporaries) {
        for (Assignment a : temporaries) {
            lines.add(type + a.name() + " = " + printer.print(a.value()) + ";");
        }
    }

    private String store(String variable, String value) {
        double factor = program.loadFactor(variable);
        String stored = factor == 1 ? value : "(" + value + " / " + literal(factor) + ")";
        return access.stored(variable) + " = " + stored + ";";
    }

    private String scaled(String load, double factor) {
        return factor == 1 ? load : "(" + load + " * " + literal(factor) + ")";
    }
}

package org.hebb.plasticity.definition;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.hebb.neurons.definition.expression.Expression;
import org.hebb.neurons.definition.expression.Expressions;
import org.hebb.neurons.definition.expression.Statement;
import org.hebb.neurons.definition.units.Units;

/** What the code generators of a {@link SynapseDefinition} read from its statements, the same for every language. */
final class RuleStatements {
    private RuleStatements() {
    }

    /** The names the statements read (an assignment {@code x += e} reads x). */
    static Set<String> read(List<Statement> statements) {
        Set<String> names = new LinkedHashSet<>();
        for (Statement s : statements) {
            names.addAll(Expressions.names(s.assigned()));
        }
        return names;
    }

    /** The variables the statements assign. */
    static Set<String> assigned(List<Statement> statements) {
        Set<String> names = new LinkedHashSet<>();
        statements.forEach(s -> names.add(s.target()));
        return names;
    }

    /** Whether {@code statements} use a variable of the synapse equations when those are solved lazily. */
    static boolean touchesLazily(SynapseDefinition definition, List<Statement> statements) {
        if (!definition.advancesLazily()) {
            return false;
        }
        Set<String> used = read(statements);
        used.addAll(assigned(statements));
        return definition.synapseEquations().stream().anyMatch(e -> used.contains(e.name()));
    }

    /** The presynaptic or postsynaptic traces among {@code read}, in declaration order. */
    static List<TraceDefinition> traces(SynapseDefinition definition, Set<String> read, boolean presynaptic) {
        List<TraceDefinition> traces = new ArrayList<>();
        for (TraceDefinition t : definition.traces()) {
            if (t.presynaptic() == presynaptic && read.contains(t.name())) {
                traces.add(t);
            }
        }
        return traces;
    }

    /** The constants a statement can read, in the order generated code receives them: the parameters, then dt. */
    static List<String> constants(SynapseDefinition definition) {
        List<String> names = new ArrayList<>();
        definition.parameters().forEach(p -> names.add(p.name()));
        names.add("dt");
        return names;
    }

    /** The factor exp(rate * _elapsed) by which the variable of {@code e} relaxes over {@code _elapsed} ms. */
    static Expression decayFactor(SynapseEquation e) {
        return Expressions.call("exp", Expressions.multiply(e.rate(), Expressions.name("_elapsed")));
    }

    /**
     * The variable of {@code e} advanced over {@code _elapsed} ms, given its {@link #decayFactor} as {@code _e_}
     * and its name (not used when the rate is zero).
     */
    static Expression advanced(SynapseEquation e) {
        Expression x = Expressions.name(e.name());
        if (Expressions.isZero(e.rate())) {
            return Expressions.add(x, Expressions.multiply(e.drive(), Expressions.name("_elapsed")));
        }
        if (Expressions.isZero(e.drive())) {
            return Expressions.multiply(x, Expressions.name("_e_" + e.name()));
        }
        Expression offset = Expressions.divide(e.drive(), e.rate());
        return Expressions.subtract(Expressions.multiply(Expressions.add(x, offset),
                Expressions.name("_e_" + e.name())), offset);
    }

    /** {@code e} with each unit symbol (a name the definition does not declare) replaced by its value. */
    static Expression withUnitValues(SynapseDefinition definition, Expression e) {
        return Expressions.rewrite(e, node -> node instanceof Expression.Name n
                && definition.scope().get(n.name()) == null && Units.symbol(n.name()) != null
                ? Expressions.number(Units.symbol(n.name()).factor()) : null);
    }
}

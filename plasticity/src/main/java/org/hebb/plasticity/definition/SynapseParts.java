package org.hebb.plasticity.definition;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.hebb.neurons.definition.DefinitionException;
import org.hebb.neurons.definition.analysis.DimensionCheck;
import org.hebb.neurons.definition.analysis.LinearForm;
import org.hebb.neurons.definition.analysis.Scope;
import org.hebb.neurons.definition.analysis.Symbol;
import org.hebb.neurons.definition.expression.DefinitionText;
import org.hebb.neurons.definition.expression.Equation;
import org.hebb.neurons.definition.expression.Expression;
import org.hebb.neurons.definition.expression.ExpressionParser;
import org.hebb.neurons.definition.expression.Expressions;
import org.hebb.neurons.definition.expression.Statement;
import org.hebb.neurons.definition.units.Dimension;
import org.hebb.neurons.definition.units.Unit;
import org.hebb.neurons.definition.units.Units;
import org.hebb.simulator.engine.Trace;

/**
 * Parses and checks the parts of a {@link SynapseDefinition} (synapse equations, traces, constants, statement
 * groups, units), each error naming the text, the position and what is allowed.
 */
final class SynapseParts {
    private static final Map<String, Unit> WEIGHT_UNIT = Map.of("weight", Units.WEIGHT);

    private SynapseParts() {
    }

    static SynapseEquation synapseEquation(Equation e, Scope scope) {
        Unit unit = scope.get(e.name()).unit();
        DimensionCheck.expect(e.right(), unit.dimension().dividedBy(Dimension.TIME), e.left(), scope,
                "synapse equation", e.text());
        LinearForm form;
        try {
            form = LinearForm.of(e.right(), Set.of(e.name()));
        } catch (LinearForm.NotLinear notLinear) {
            throw DefinitionException.at("synapse equation", e.text(), Math.max(notLinear.term().start(), 0),
                    "'" + notLinear.getMessage() + "' is not linear in " + e.name() + ": a synapse equation "
                    + "is solved in closed form between spikes, so it must be linear in its variable");
        }
        String constant = "parameters, dt and units (a synapse equation's coefficients are constant, so that "
                + "it has a closed form)";
        scope.requireKinds(form.coefficient(e.name()), "synapse equation", e.text(),
                Set.of(Symbol.Kind.PARAMETER, Symbol.Kind.UNIT, Symbol.Kind.TIME_STEP), constant);
        scope.requireKinds(form.rest(), "synapse equation", e.text(),
                Set.of(Symbol.Kind.PARAMETER, Symbol.Kind.UNIT, Symbol.Kind.TIME_STEP), constant);
        return new SynapseEquation(e.name(), form.coefficient(e.name()), form.rest(), e.text());
    }

    static TraceDefinition trace(Equation e, String[] declared, Scope scope) {
        Unit unit = scope.get(e.name()).unit();
        Expression tau = decayTime(e);
        if (tau == null) {
            throw DefinitionException.at("trace equation", e.text(), 0, "a trace decays exponentially: "
                    + "write 'd" + e.name() + "/dt = -" + e.name() + " / tau : " + e.unit()
                    + "' with tau a constant time");
        }
        requireConstant(tau, scope, "trace equation", e.text());
        DimensionCheck.expect(tau, Dimension.TIME, "the time constant of " + e.name(), scope, "trace equation",
                e.text());
        String text = declared[2];
        List<Statement> onSpike = DefinitionText.statements("spike statement of trace " + e.name(), text);
        if (onSpike.size() != 1 || !onSpike.get(0).target().equals(e.name())
                || (onSpike.get(0).operator() != null
                && onSpike.get(0).operator() != Expression.Operator.ADD)) {
            throw DefinitionException.at("spike statement of trace " + e.name(), text, 0, "expected '"
                    + e.name() + " += c' (all-to-all pairing) or '" + e.name()
                    + " = c' (nearest-neighbour pairing), c a constant expression");
        }
        Statement s = onSpike.get(0);
        requireConstant(s.value(), scope, "spike statement of trace " + e.name(), text);
        DimensionCheck.expect(s.value(), unit.dimension(), e.name(), scope, "spike statement of trace "
                + e.name(), text);
        return new TraceDefinition(e.name(), declared[0].equals("pre"), unit, tau, s.value(),
                s.operator() == null ? Trace.Pairing.NEAREST_NEIGHBOUR : Trace.Pairing.ALL_TO_ALL);
    }

    /** tau of {@code -x / tau} or {@code (-x) / tau}, else null. */
    static Expression decayTime(Equation e) {
        Expression right = e.right();
        if (right instanceof Expression.Negate n && n.operand() instanceof Expression.Binary b
                && b.operator() == Expression.Operator.DIVIDE && isName(b.left(), e.name())) {
            return b.right();
        }
        if (right instanceof Expression.Binary b && b.operator() == Expression.Operator.DIVIDE
                && b.left() instanceof Expression.Negate n && isName(n.operand(), e.name())) {
            return b.right();
        }
        return null;
    }

    static boolean isName(Expression e, String name) {
        return e instanceof Expression.Name n && n.name().equals(name);
    }

    static Expression constant(String what, String text, Unit unit, Scope scope) {
        Expression e = ExpressionParser.parse(what, text);
        requireConstant(e, scope, what, text);
        DimensionCheck.expect(e, unit.dimension(), what.replace("initial value of ", ""), scope, what, text);
        return e;
    }

    static void requireConstant(Expression e, Scope scope, String what, String text) {
        scope.requireKinds(e, what, text, Set.of(Symbol.Kind.PARAMETER, Symbol.Kind.UNIT,
                Symbol.Kind.TIME_STEP), "parameters, dt and units (a constant)");
    }

    static List<Statement> statements(String what, String text, Scope scope,
                                              Set<Symbol.Kind> unsupported, Set<String> advanced) {
        List<Statement> parsed = new ArrayList<>();
        for (Statement s : DefinitionText.statements(what, text)) {
            Symbol target = scope.get(s.target());
            if (target == null || target.kind() != Symbol.Kind.SYNAPSE_VARIABLE) {
                throw DefinitionException.at(what, s.text(), s.position(), "'" + s.target()
                        + "' cannot be assigned here: must be a synapse variable; the synapse variables are "
                        + names(scope, Symbol.Kind.SYNAPSE_VARIABLE) + " (a trace changes only by its "
                        + "spike statement)");
            }
            if (advanced.contains(s.target())) {
                throw DefinitionException.at(what, s.text(), s.position(), "'" + s.target() + "' cannot be "
                        + "assigned here: its synapse equation advances it when a presynaptic spike is sent, so "
                        + "only on_transmit changes it");
            }
            Expressions.rewrite(s.assigned(), node -> {
                if (node instanceof Expression.Name n) {
                    Symbol.Kind kind = scope.resolve(n, what, s.text()).kind();
                    if (unsupported.contains(kind)) {
                        throw DefinitionException.at(what, s.text(), Math.max(n.start(), 0), "'" + n.name()
                                + "' cannot be read here: " + unsupportedReason(what, kind));
                    }
                    if (advanced.contains(n.name())) {
                        throw DefinitionException.at(what, s.text(), Math.max(n.start(), 0), "'" + n.name()
                                + "' cannot be used here: its synapse equation advances it when a presynaptic "
                                + "spike is sent, so only on_transmit sees it up to date");
                    }
                }
                return null;
            });
            DimensionCheck.expect(s.assigned(), target.unit().dimension(), s.target(), scope, what, s.text());
            parsed.add(s);
        }
        return parsed;
    }

    static String unsupportedReason(String what, Symbol.Kind kind) {
        return "on_transmit runs when the spike is sent, before it reaches the synapse; traces and modulators "
                + "are read in on_pre, on_post and on_step";
    }

    static List<String> names(Scope scope, Symbol.Kind kind) {
        List<String> names = new ArrayList<>();
        for (Symbol s : scope.symbols()) {
            if (s.kind() == kind) {
                names.add(s.name());
            }
        }
        return names;
    }

    static Unit unit(String text, String what) {
        if (text == null) {
            throw new DefinitionException(what + " is missing: write a unit such as ms, weight or 1");
        }
        return Units.parse(what, text, 0, text.length(), WEIGHT_UNIT);
    }

    /** The on_step condition: a condition on modulators and constants, guarding {@code statements}. */
    static Expression onStepCondition(String text, Scope scope, List<Statement> statements) {
        Expression condition = ExpressionParser.parse("on_step condition", text);
        scope.requireKinds(condition, "on_step condition", text, Set.of(Symbol.Kind.MODULATOR,
                Symbol.Kind.PARAMETER, Symbol.Kind.UNIT, Symbol.Kind.TIME_STEP), "modulators, parameters, dt and "
                + "units (it is evaluated once per postsynaptic neuron)");
        DimensionCheck.condition(condition, scope, "on_step condition", text);
        if (statements.isEmpty()) {
            throw DefinitionException.at("on_step condition", text, 0, "there are no on_step statements for it to "
                    + "guard");
        }
        return condition;
    }
}

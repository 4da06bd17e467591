package org.hebb.plasticity.definition;

import java.util.List;
import java.util.Set;

import org.hebb.neurons.Precision;
import org.hebb.neurons.definition.expression.Expression;
import org.hebb.neurons.definition.expression.Expressions;
import org.hebb.neurons.definition.expression.Statement;
import org.hebb.neurons.definition.generate.Dialect;
import org.hebb.neurons.definition.generate.ExpressionPrinter;

/**
 * What the Java sources of a {@link SynapseDefinition}'s work share: the statements on one synapse {@code _j} as
 * float locals (loaded, lazily solved variables brought over their gap, run, stored) and the locals each loop
 * takes from the generated class's fields.
 */
abstract class JavaRuleWriter {
    final SynapseDefinition definition;
    private final ExpressionPrinter printer;
    final StringBuilder out;

    JavaRuleWriter(SynapseDefinition definition, StringBuilder out) {
        this.definition = definition;
        this.printer = new ExpressionPrinter(Dialect.JAVA, Precision.SINGLE, name -> name);
        this.out = out;
    }

    /** Final locals for the constants, global modulators and arrays the statements use. */
    void locals(List<Statement> statements) {
        Set<String> used = RuleStatements.read(statements);
        used.addAll(RuleStatements.assigned(statements));
        boolean lazy = RuleStatements.touchesLazily(definition, statements);
        if (lazy) {
            for (SynapseEquation e : definition.synapseEquations()) {
                used.addAll(Expressions.names(e.rate()));
                used.addAll(Expressions.names(e.drive()));
            }
            if (lazyDecays().size() < definition.synapseEquations().size()) {
                used.add("dt");
            }
        }
        for (String c : RuleStatements.constants(definition)) {
            if (used.contains(c)) {
                line("        final float " + c + " = this._k_" + c + ";");
            }
        }
        for (ModulatorDefinition m : definition.modulators()) {
            if (!m.perPostsynapticNeuron() && used.contains(m.name())) {
                line("        final float " + m.name() + " = this._m_" + m.name() + "[0];");
            }
        }
        for (var v : definition.synapseVariables()) {
            if (used.contains(v.name()) || lazy && lazyDecay(v.name()) != null) {
                line("        final float[] _a_" + v.name() + " = this._s_" + v.name() + ";");
            }
        }
        for (TraceDefinition t : RuleStatements.traces(definition, used, false)) {
            line("        final float[] _a_" + t.name() + " = _t_" + t.name() + ".at(_step - 1);");
            line("        final float _d_" + t.name() + " = _t_" + t.name() + ".decay();");
        }
    }


    /**
     * One synapse {@code _j} onto postsynaptic neuron {@code target}: load (advancing lazily solved variables to
     * this step), run the statements, store.
     */
    void body(List<Statement> statements, String indent, String target, boolean loadModulators) {
        Set<String> read = RuleStatements.read(statements);
        Set<String> assigned = RuleStatements.assigned(statements);
        for (TraceDefinition t : RuleStatements.traces(definition, read, false)) {
            line(indent + "final float " + t.name() + " = _a_" + t.name() + "[" + target + "] * _d_" + t.name()
                    + ";");
        }
        if (loadModulators) {
            for (ModulatorDefinition m : definition.modulators()) {
                if (m.perPostsynapticNeuron() && read.contains(m.name())) {
                    line(indent + "final float " + m.name() + " = this._m_" + m.name() + "[" + target + "];");
                }
            }
        }
        boolean lazy = RuleStatements.touchesLazily(definition, statements);
        for (var v : definition.synapseVariables()) {
            if (read.contains(v.name()) || assigned.contains(v.name()) || lazy && lazyDecay(v.name()) != null) {
                line(indent + "float " + v.name() + " = _a_" + v.name() + "[_j];");
            }
        }
        if (lazy) {
            advanceLazily(indent);
        }
        for (Statement s : statements) {
            line(indent + s.target() + " = " + code(s.assigned()) + ";");
        }
        for (var v : definition.synapseVariables()) {
            if (assigned.contains(v.name()) || lazy && lazyDecay(v.name()) != null) {
                line(indent + "_a_" + v.name() + "[_j] = " + v.name() + ";");
            }
        }
        if (lazy) {
            line(indent + "_lastUpdate[_j] = _step;");
        }
    }

    /** The lazily solved variables advanced over the steps since synapse {@code _j} was last touched. */
    private void advanceLazily(String indent) {
        line(indent + "final long _gap = _step - _lastUpdate[_j];");
        if (lazyDecays().size() < definition.synapseEquations().size()) {
            line(indent + "final float _elapsed = (float) _gap * dt;");
        }
        for (SynapseEquation e : definition.synapseEquations()) {
            if (!Expressions.isZero(e.rate())) {
                // a variable at 0 that only decays stays 0: no table look-up (or power) for it
                String decay = "_decay(_tab_" + e.name() + ", _per_" + e.name() + ", _gap)";
                line(indent + "final float _e_" + e.name() + " = " + (Expressions.isZero(e.drive()) ? e.name()
                        + " != 0f ? " + decay + " : 1f" : decay) + ";");
            }
            line(indent + e.name() + " = " + code(RuleStatements.advanced(e)) + ";");
        }
    }

    /** The lazily solved equations with a non-zero rate: those that decay by a per-step factor. */
    List<SynapseEquation> lazyDecays() {
        return !definition.advancesLazily() ? List.of() : definition.synapseEquations().stream()
                .filter(e -> !Expressions.isZero(e.rate())).toList();
    }

    /** The lazily solved equation of {@code variable}, or null. */
    SynapseEquation lazyDecay(String variable) {
        return !definition.advancesLazily() ? null : definition.synapseEquations().stream()
                .filter(e -> e.name().equals(variable)).findFirst().orElse(null);
    }

    /** The code of {@code e}, its units replaced by their values. */
    String code(Expression e) {
        return printer.print(RuleStatements.withUnitValues(definition, e));
    }

    void line(String text) {
        out.append(text).append('\n');
    }
}

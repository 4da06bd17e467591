package org.hebb.plasticity.definition;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.hebb.neurons.definition.expression.Expressions;
import org.hebb.neurons.definition.expression.Statement;

/**
 * The Java source of a {@link SynapseDefinition}'s {@code on_transmit} work, the methods of the generated class as
 * a {@link org.hebb.simulator.engine.Transmission}: before a step's spikes are delivered, the synapse equations of
 * the spiking rows advance to the spike and the statements set what each synapse transmits; after the step, the
 * step of each presynaptic neuron's latest spike is recorded.
 */
final class ClockTransmissionSource extends JavaRuleWriter {
    ClockTransmissionSource(SynapseDefinition definition, StringBuilder out) {
        super(definition, out);
    }

    void write() {
        List<Statement> statements = definition.onTransmit();
        Set<String> read = RuleStatements.read(statements);
        List<SynapseEquation> equations = definition.synapseEquations();
        for (SynapseEquation e : equations) {
            read.add(e.name());
            read.addAll(Expressions.names(e.rate()));
            read.addAll(Expressions.names(e.drive()));
        }
        line("");
        line("    @Override");
        line("    public float[] transmitted() {");
        line("        return _s_" + SynapseDefinition.TRANSMITTED + ";");
        line("    }");
        line("");
        line("    @Override");
        line("    public void delivered(long _step, org.hebb.simulator.engine.SpikeView _pre) {");
        line("        for (int _part = 0; _part < _pre.partitions(); _part++) {");
        line("            final int[] _list = _pre.neurons(_part);");
        line("            for (int _s = 0, _n = _pre.count(_part); _s < _n; _s++) {");
        line("                _lastSpike[_list[_s]] = _step;");
        line("            }");
        line("        }");
        line("    }");
        line("");
        line("    @Override");
        line("    public void beforeDelivery(org.hebb.simulator.engine.SynapseRange _r, long _step, "
                + "org.hebb.simulator.engine.SpikeView _pre) {");
        Set<String> touched = new LinkedHashSet<>(read);
        touched.add(SynapseDefinition.TRANSMITTED);
        transmitLocals(touched, statements);
        if (!equations.isEmpty() && !read.contains("dt")) {
            line("        final float dt = this._k_dt;");
        }
        line("        for (int _part = 0; _part < _pre.partitions(); _part++) {");
        line("            final int[] _list = _pre.neurons(_part);");
        line("            for (int _s = 0, _n = _pre.count(_part); _s < _n; _s++) {");
        line("                final int _source = _list[_s];");
        if (!equations.isEmpty()) {
            line("                final long _last = _lastSpike[_source];");
            line("                final float _elapsed = _last == Long.MIN_VALUE ? 0f : (float) (_step - _last) * dt;");
            for (SynapseEquation e : equations) {
                if (Expressions.isZero(e.rate())) {
                    continue;
                }
                line("                final float _e_" + e.name() + " = " + code(RuleStatements.decayFactor(e)) + ";");
            }
        }
        line("                for (int _j = _r.rowStart(_source), _end = _r.rowEnd(_source); _j < _end; _j++) {");
        String indent = "                    ";
        Set<String> assigned = RuleStatements.assigned(statements);
        for (var v : definition.synapseVariables()) {
            if (touched.contains(v.name()) && !v.name().equals(SynapseDefinition.TRANSMITTED)) {
                line(indent + "float " + v.name() + " = _a_" + v.name() + "[_j];");
            }
        }
        line(indent + "float " + SynapseDefinition.TRANSMITTED + " = 0f;");
        for (SynapseEquation e : equations) {
            line(indent + e.name() + " = " + code(RuleStatements.advanced(e)) + ";");
        }
        for (Statement s : statements) {
            line(indent + s.target() + " = " + code(s.assigned()) + ";");
        }
        for (var v : definition.synapseVariables()) {
            boolean advancedVariable = equations.stream().anyMatch(e -> e.name().equals(v.name()));
            if (assigned.contains(v.name()) || advancedVariable) {
                line(indent + "_a_" + v.name() + "[_j] = " + v.name() + ";");
            }
        }
        line("                }");
        line("            }");
        line("        }");
        line("    }");
    }


    /** Final locals for the constants that on_transmit and its equations read, and its synapse arrays. */
    private void transmitLocals(Set<String> read, List<Statement> statements) {
        for (String c : RuleStatements.constants(definition)) {
            if (read.contains(c)) {
                line("        final float " + c + " = this._k_" + c + ";");
            }
        }
        for (var v : definition.synapseVariables()) {
            if (read.contains(v.name()) || RuleStatements.assigned(statements).contains(v.name())) {
                line("        final float[] _a_" + v.name() + " = this._s_" + v.name() + ";");
            }
        }
    }
}

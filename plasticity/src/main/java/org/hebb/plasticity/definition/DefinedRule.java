package org.hebb.plasticity.definition;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.hebb.neurons.definition.Parameter;
import org.hebb.neurons.definition.analysis.ConstantEvaluator;
import org.hebb.neurons.definition.expression.Expression;
import org.hebb.neurons.definition.units.Units;
import org.hebb.simulator.BackendKind;
import org.hebb.simulator.EngineKind;
import org.hebb.simulator.plasticity.PlasticityContext;
import org.hebb.simulator.plasticity.PlasticityRule;
import org.hebb.util.Require;

/**
 * A {@link SynapseDefinition} with values for its parameters, ready to attach to projections. Immutable: {@link
 * #with} returns a new rule.
 */
public final class DefinedRule implements PlasticityRule<DefinedSynapses> {
    private final SynapseDefinition definition;
    private final Map<String, Double> values;

    DefinedRule(SynapseDefinition definition, Map<String, Double> values) {
        this.definition = definition;
        this.values = Map.copyOf(values);
    }

    /**
     * This rule with parameter {@code parameter} at {@code value}, in the parameter's declared unit (a weight in
     * the projection's weight unit).
     *
     * @throws IllegalArgumentException naming the parameter, the value and what is allowed
     */
    public DefinedRule with(String parameter, double value) {
        Parameter p = definition.parameters().stream().filter(q -> q.name().equals(parameter)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("parameter = '" + parameter + "' is not allowed: "
                        + definition + " has the parameters " + definition.parameters().stream()
                        .map(Parameter::name).toList()));
        Require.that(Double.isFinite(value), "parameter " + parameter + " = " + value + " is not allowed: must be "
                + "finite");
        Map<String, Double> changed = new LinkedHashMap<>(values);
        changed.put(parameter, value);
        return new DefinedRule(definition, changed);
    }

    /** The definition. */
    public SynapseDefinition definition() {
        return definition;
    }

    /** The value of {@code parameter} in its declared unit. */
    public double value(String parameter) {
        Double v = values.get(parameter);
        if (v != null) {
            return v;
        }
        return definition.parameters().stream().filter(p -> p.name().equals(parameter)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no parameter '" + parameter + "'"))
                .defaultValue();
    }

    /** The value of a constant expression of the definition, in Hebb's units, for time step {@code dt} (ms). */
    double evaluate(Expression constant, double dt) {
        return ConstantEvaluator.evaluate(constant, n -> {
            if (n.equals("dt")) {
                return dt;
            }
            for (Parameter p : definition.parameters()) {
                if (p.name().equals(n)) {
                    return value(n) * p.unit().factor();
                }
            }
            return Units.symbol(n).factor();
        });
    }

    @Override
    public String name() {
        return definition.name();
    }

    /**
     * The clock-driven engine; the event-driven one too unless the rule sets what synapses transmit (which needs
     * the step at which a spike is sent).
     */
    @Override
    public Set<EngineKind> engines() {
        return definition.onTransmit().isEmpty() ? Set.of(EngineKind.CLOCK_DRIVEN, EngineKind.EVENT_DRIVEN)
                : Set.of(EngineKind.CLOCK_DRIVEN);
    }

    /**
     * The Java backend; OpenCL too, unless the rule both sets what synapses transmit and changes them at spike
     * arrivals or postsynaptic spikes (on a device the weights a transmission reads and those delivery reads are
     * kept apart, which the two together would need joined).
     */
    @Override
    public Set<BackendKind> backends() {
        boolean both = !definition.onTransmit().isEmpty()
                && (!definition.onPre().isEmpty() || !definition.onPost().isEmpty());
        return both ? Set.of(BackendKind.JAVA) : Set.of(BackendKind.JAVA, BackendKind.OPENCL);
    }

    @Override
    public DefinedSynapses attach(PlasticityContext context) {
        return new DefinedSynapses(this, context);
    }

    @Override
    public String toString() {
        return "rule of " + definition + " with " + values;
    }
}

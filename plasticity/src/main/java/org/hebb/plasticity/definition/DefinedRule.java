package org.hebb.plasticity.definition;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.hebb.neurons.definition.Parameter;
import org.hebb.neurons.definition.Requirement;
import org.hebb.neurons.definition.analysis.ConstantEvaluator;
import org.hebb.neurons.definition.analysis.Symbol;
import org.hebb.neurons.definition.expression.Expression;
import org.hebb.neurons.definition.expression.Expressions;
import org.hebb.neurons.definition.expression.Statement;
import org.hebb.neurons.definition.generate.SinglePrecisionEvaluator;
import org.hebb.neurons.definition.units.Units;
import org.hebb.plasticity.PresynapticProjection;
import org.hebb.plasticity.Signal;
import org.hebb.simulator.BackendKind;
import org.hebb.simulator.EngineKind;
import org.hebb.simulator.engine.Trace;
import org.hebb.simulator.plasticity.PlasticityContext;
import org.hebb.simulator.plasticity.PlasticityRule;
import org.hebb.simulator.population.Population;
import org.hebb.util.Require;

/**
 * A {@link SynapseDefinition} with values for its parameters, ready to attach to projections. Immutable: {@link
 * #with} returns a new rule. The definition's requirements on the values ({@link SynapseDefinition#requirements()}),
 * the time constants of its traces (> 0) and the finiteness of its synapse equations' rates and drives, of its
 * synapse variables' initial values and of the constant parts of its statements are checked when the rule is
 * attached to a projection, before the rule changes anything there, so parameters may be set in any order.
 */
public final class DefinedRule implements PlasticityRule<DefinedSynapses> {
    private final SynapseDefinition definition;
    private final Map<String, Double> values;
    private final Map<String, Signal> signals;
    private final Map<String, PresynapticProjection> projections;
    private final Map<String, SpikeDrive> spikeDrives;

    /**
     * A modulator that follows the spikes of a population, as NEST's volume transmitter: each step it decays by
     * exp(-dt / tau) and each spike adds {@code increment}.
     *
     * @param population whose spikes drive it (for a per-neuron modulator, neuron i drives postsynaptic neuron i's)
     * @param tauMs      its decay time constant, ms
     * @param increment  what a spike adds, in the modulator's unit
     */
    record SpikeDrive(Population population, double tauMs, double increment) {
    }

    DefinedRule(SynapseDefinition definition, Map<String, Double> values) {
        this(definition, values, Map.of(), Map.of(), Map.of());
    }

    private DefinedRule(SynapseDefinition definition, Map<String, Double> values, Map<String, Signal> signals,
                        Map<String, PresynapticProjection> projections, Map<String, SpikeDrive> spikeDrives) {
        this.definition = definition;
        this.values = Map.copyOf(values);
        this.signals = Map.copyOf(signals);
        this.projections = Map.copyOf(projections);
        this.spikeDrives = Map.copyOf(spikeDrives);
    }

    /**
     * This rule with parameter {@code parameter} at {@code value}, in the parameter's declared unit (a weight in
     * the projection's weight unit); finite, also in single precision once converted to Hebb's units.
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
        Require.that(Float.isFinite((float) (value * p.unit().factor())), "parameter " + parameter + " = " + value
                + " is not allowed: must be finite in single precision in Hebb's units (|value| < 3.4e38 after "
                + "conversion from " + p.unit().text() + "), the precision of the rule's state");
        Map<String, Double> changed = new LinkedHashMap<>(values);
        changed.put(parameter, value);
        return new DefinedRule(definition, changed, signals, projections, spikeDrives);
    }

    /**
     * This rule with global modulator {@code modulator} set from {@code signal} (in the modulator's unit) before
     * every step's synapse updates, instead of by user code.
     *
     * @throws IllegalArgumentException naming the modulator and the definition's global modulators
     */
    public DefinedRule withSignal(String modulator, Signal signal) {
        Require.notNull("signal", signal);
        List<String> global = definition.modulators().stream().filter(m -> !m.perPostsynapticNeuron())
                .map(ModulatorDefinition::name).toList();
        Require.that(global.contains(modulator), "signal for modulator = '" + modulator + "' is not allowed: "
                + definition + " has the global modulators " + global + " (a per-neuron modulator is set by "
                + "user code or by spikes)");
        Require.that(!spikeDrives.containsKey(modulator), "signal for modulator = '" + modulator + "' is not "
                + "allowed: it follows the spikes of population " + (spikeDrives.containsKey(modulator)
                ? spikeDrives.get(modulator).population().name() : ""));
        Map<String, Signal> changed = new LinkedHashMap<>(signals);
        changed.put(modulator, signal);
        return new DefinedRule(definition, values, changed, projections, spikeDrives);
    }

    /**
     * This rule with modulator {@code modulator} following the spikes of {@code population}, as NEST's volume
     * transmitter does for dopamine: each step the modulator decays by exp(-dt / tau), and a spike of step s adds
     * {@code increment} (in the modulator's unit) from the synapse update of spike step s + 1 on (one step of
     * transmission; user code that sets a modulator after step t reaches the update of spike step t). A global
     * modulator counts every neuron's spikes; a per-neuron one needs a population of the projection's target size,
     * whose neuron i drives postsynaptic neuron i's value. {@code Network.resetState} returns the modulator to its
     * initial value, as it drops the spikes. On the Java backend (a device keeps spikes on the device).
     *
     * @throws IllegalArgumentException naming the modulator, the value and what is allowed
     */
    public DefinedRule withSpikeDrive(String modulator, Population population, double tauMs, double increment) {
        Require.notNull("population", population);
        Require.positive("tau of modulator " + modulator, tauMs, "ms");
        Require.finite("increment of modulator " + modulator, increment, "");
        List<String> names = definition.modulators().stream().map(ModulatorDefinition::name).toList();
        Require.that(names.contains(modulator), "spike drive of modulator = '" + modulator + "' is not allowed: "
                + definition + " has the modulators " + names);
        Require.that(!signals.containsKey(modulator), "spike drive of modulator = '" + modulator + "' is not "
                + "allowed: it follows a signal");
        Map<String, SpikeDrive> changed = new LinkedHashMap<>(spikeDrives);
        changed.put(modulator, new SpikeDrive(population, tauMs, increment));
        return new DefinedRule(definition, values, signals, projections, changed);
    }

    /**
     * This rule with presynaptic trace {@code trace}, as on_step reads it, replaced by its projection: HLOP's
     * orthogonal projection, which keeps weight changes out of a protected input subspace. On the Java backend, for
     * projections of one delay, the projection is computed once per step in which on_step runs, by the first thread
     * that needs it, holding {@code projection}'s lock (rules may share one projection).
     *
     * @throws IllegalArgumentException naming the trace and the presynaptic traces on_step reads
     */
    public DefinedRule withProjection(String trace, PresynapticProjection projection) {
        Require.notNull("projection", projection);
        List<String> read = definition.traces().stream().filter(TraceDefinition::presynaptic)
                .map(TraceDefinition::name).filter(RuleStatements.read(definition.onStep())::contains).toList();
        Require.that(read.contains(trace), "projection of trace = '" + trace + "' is not allowed: the presynaptic "
                + "traces on_step of " + definition + " reads are " + read);
        Map<String, PresynapticProjection> changed = new LinkedHashMap<>(projections);
        changed.put(trace, projection);
        return new DefinedRule(definition, values, signals, changed, spikeDrives);
    }

    /** The signals that set global modulators, by modulator. */
    Map<String, Signal> signals() {
        return signals;
    }

    /** The modulators that follow spikes, by modulator. */
    Map<String, SpikeDrive> spikeDrives() {
        return spikeDrives;
    }

    /** The projections of presynaptic traces, by trace. */
    Map<String, PresynapticProjection> projections() {
        return projections;
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
        return ConstantEvaluator.evaluate(constant, n -> valueOf(n, dt));
    }

    /**
     * The value of a constant expression of the definition as the generated single-precision code computes it
     * (constants rounded to float, every operation in float), for time step {@code dt} (ms).
     */
    float evaluateSingle(Expression constant, double dt) {
        return SinglePrecisionEvaluator.evaluate(constant, n -> valueOf(n, dt));
    }

    /** The value of name {@code name} (dt, a parameter or a unit) in Hebb's units, for time step {@code dt} (ms). */
    private double valueOf(String name, double dt) {
        if (name.equals("dt")) {
            return dt;
        }
        for (Parameter p : definition.parameters()) {
            if (p.name().equals(name)) {
                return value(name) * p.unit().factor();
            }
        }
        return Units.symbol(name).factor();
    }

    /**
     * Refuses values that fail a requirement of the definition, naming them and the requirement, traces whose
     * time constant is not above 0 (they would grow instead of decaying), naming the trace and the value, and
     * synapse equations that the values make compute a value that is not finite (see {@link #requireFinite}) and
     * statements whose constant parts they make not finite (see {@link #requireFiniteConstantParts(double)}).
     */
    private void requireAllowedValues(double dt) {
        for (Requirement r : definition.requirements()) {
            r.require(definition.toString(), n -> valueOf(n, dt), n -> definition.parameters().stream()
                    .filter(p -> p.name().equals(n)).findFirst()
                    .map(p -> n + " = " + value(n) + (p.unit().text().equals("1") ? "" : " " + p.unit().text()))
                    .orElse(null));
        }
        for (TraceDefinition t : definition.traces()) {
            double tau = evaluate(t.tau(), dt);
            Require.that(tau > 0, "time constant of trace " + t.name() + " = " + tau + " ms is not allowed for the "
                    + this + ": must be > 0 (the trace decays by exp(-dt / tau))");
        }
        for (SynapseEquation e : definition.synapseEquations()) {
            requireFinite(e, dt);
        }
        requireFiniteConstantParts(dt);
    }

    /**
     * Refuses values that make a constant part of a statement not finite, in double or in the single precision of
     * the generated code: a largest subexpression of parameters, dt, units and numbers ({@code log(0)},
     * {@code w_max * 1e39}), or the reciprocal of a constant divisor ({@code w / 0}, {@code w / scale} with scale
     * 0). The code computes these parts as written, so they would make every weight they reach infinite or NaN.
     * Covers the four statement groups, the on_step condition and the traces' spike statements; names the
     * statement, the part, its value and the parameters in it with their values.
     */
    private void requireFiniteConstantParts(double dt) {
        Map<String, List<Statement>> groups = new LinkedHashMap<>();
        groups.put("on_transmit", definition.onTransmit());
        groups.put("on_pre", definition.onPre());
        groups.put("on_post", definition.onPost());
        groups.put("on_step", definition.onStep());
        for (Map.Entry<String, List<Statement>> group : groups.entrySet()) {
            for (Statement s : group.getValue()) {
                String text = s.target() + (s.operator() == null ? " = " : " " + s.operator().symbol() + "= ")
                        + Expressions.toText(s.value());
                requireFiniteConstantParts(group.getKey() + " statement '" + text + "'", s.assigned(), dt);
            }
        }
        if (definition.onStepCondition() != null) {
            requireFiniteConstantParts("on_step condition '" + Expressions.toText(definition.onStepCondition())
                    + "'", definition.onStepCondition(), dt);
        }
        for (TraceDefinition t : definition.traces()) {
            requireFiniteConstantParts("spike statement of trace " + t.name() + " '" + t.name()
                    + (t.pairing() == Trace.Pairing.ALL_TO_ALL ? " += " : " = ")
                    + Expressions.toText(t.increment()) + "'", t.increment(), dt);
        }
    }

    private void requireFiniteConstantParts(String where, Expression e, double dt) {
        if (isConstant(e)) {
            requireFinite(where, e, e, dt);
            return;
        }
        if (e instanceof Expression.Binary b && b.operator() == Expression.Operator.DIVIDE
                && isConstant(b.right())) {
            requireFiniteConstantParts(where, b.left(), dt);
            requireFinite(where, b.right(), b.right(), dt);
            requireFinite(where, b.right(), new Expression.Binary(Expression.Operator.DIVIDE,
                    new Expression.Literal(1, -1, -1), b.right(), -1, -1), dt);
            return;
        }
        for (Expression child : Expressions.children(e)) {
            requireFiniteConstantParts(where, child, dt);
        }
    }

    private boolean isFinite(Expression constant, double dt) {
        return Double.isFinite(evaluate(constant, dt)) && Float.isFinite(evaluateSingle(constant, dt));
    }

    /** Whether {@code e} is arithmetic on parameters, dt, units and numbers only. */
    private boolean isConstant(Expression e) {
        if (e instanceof Expression.Comparison || e instanceof Expression.Logical || e instanceof Expression.Not
                || e instanceof Expression.Select) {
            return false;
        }
        if (e instanceof Expression.Name n) {
            Symbol s = definition.scope().get(n.name());
            return s == null || s.isConstant();
        }
        for (Expression child : Expressions.children(e)) {
            if (!isConstant(child)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Refuses {@code value}, computed from the constant part {@code part} of {@code where}, where it is not finite
     * in double or in single precision, naming the innermost part of {@code part} that is not.
     */
    private void requireFinite(String where, Expression part, Expression value, double dt) {
        if (isFinite(value, dt)) {
            return;
        }
        if (value == part) {
            // the innermost part that is not finite: 'log(0)' rather than 'A * log(0)'
            boolean deeper = true;
            while (deeper) {
                deeper = false;
                for (Expression child : Expressions.children(part)) {
                    if (!isFinite(child, dt)) {
                        part = child;
                        deeper = true;
                        break;
                    }
                }
            }
            value = part;
        }
        double exact = evaluate(value, dt);
        float single = evaluateSingle(value, dt);
        String what = value == part ? "its constant part '" + Expressions.toText(part) + "' is "
                : "it divides by its constant part '" + Expressions.toText(part) + "', whose reciprocal is ";
        List<String> named = new ArrayList<>();
        for (String name : new TreeSet<>(Expressions.names(part))) {
            if (isParameter(name)) {
                named.add(parameterText(name));
            }
        }
        throw new IllegalArgumentException(where + " of " + definition + " is not allowed" + (named.isEmpty() ? ""
                : " with " + String.join(", ", named)) + ": " + what + (Double.isFinite(exact) ? single
                + " in single precision" : exact) + "; every value a statement computes from parameters, dt, units "
                + "and numbers must be finite, also in single precision, the precision of the rule's state (a "
                + "division by 0? a log of a value at or below 0?)");
    }

    /**
     * Refuses values that make synapse equation {@code e} compute a value that is not finite, in double or in the
     * single precision of the generated code: its rate (1/ms), its drive (the variable's unit per ms), the offset
     * drive / rate towards which it relaxes, or its decay factor per step exp(rate dt). Names the parameters of the
     * equation with their values, the equation and the value that is not finite.
     */
    private void requireFinite(SynapseEquation e, double dt) {
        boolean decays = !Expressions.isZero(e.rate());
        List<String> parts = new ArrayList<>(List.of("rate", "drive"));
        List<Expression> expressions = new ArrayList<>(List.of(e.rate(), e.drive()));
        if (decays && !Expressions.isZero(e.drive())) {
            parts.add("offset drive / rate");
            expressions.add(Expressions.divide(e.drive(), e.rate()));
        }
        for (int k = 0; k < parts.size(); k++) {
            Expression x = expressions.get(k);
            double value = evaluate(x, dt);
            float single = evaluateSingle(x, dt);
            if (Double.isFinite(value) && Float.isFinite(single)) {
                continue;
            }
            refuse(e, "its " + parts.get(k) + " '" + Expressions.toText(x) + "' is " + (Double.isFinite(value)
                    ? single + " in single precision" : value));
        }
        if (decays && !Double.isFinite(Math.exp(evaluate(e.rate(), dt) * dt))) {
            refuse(e, "its decay factor per step exp(rate * dt) is " + Math.exp(evaluate(e.rate(), dt) * dt)
                    + " at dt = " + dt + " ms");
        }
    }

    private void refuse(SynapseEquation e, String what) {
        Set<String> used = new HashSet<>(Expressions.names(e.rate()));
        used.addAll(Expressions.names(e.drive()));
        List<String> named = new ArrayList<>();
        for (Parameter p : definition.parameters()) {
            if (used.contains(p.name())) {
                named.add(parameterText(p.name()));
            }
        }
        throw new IllegalArgumentException((named.isEmpty() ? "dt" : String.join(", ", named))
                + (named.size() > 1 ? " are" : " is") + " not allowed for " + definition + ": synapse equation '"
                + e.text() + "' then computes a value that is not finite (" + what + "); its rate, drive and "
                + "offset drive / rate must be finite (a time constant of 0? a log of a value at or below 0?)");
    }

    /**
     * Refuses a trace whose decay per step, exp(-dt / tau) in single precision as the clock-driven engine keeps
     * it, is 0: its time constant is below dt / (150 ln 2). Names the parameter that sets the time constant (or
     * the trace, its expression and the parameters in it), the value and the shortest allowed, in ms.
     *
     * @param dt the time step, ms
     */
    void requireTracesDecayPerStep(double dt) {
        for (TraceDefinition t : definition.traces()) {
            double tau = evaluate(t.tau(), dt);
            if ((float) Math.exp(-dt / tau) > 0) {
                continue;
            }
            String what;
            if (t.tau() instanceof Expression.Name n && isParameter(n.name())) {
                what = parameterText(n.name());
            } else {
                List<String> parameters = new ArrayList<>();
                for (String name : new TreeSet<>(Expressions.names(t.tau()))) {
                    if (isParameter(name)) {
                        parameters.add(parameterText(name));
                    }
                }
                what = "time constant of trace " + t.name() + " = " + Expressions.toText(t.tau()) + " = " + tau
                        + " ms" + (parameters.isEmpty() ? "" : " (" + String.join(", ", parameters) + ")");
            }
            throw new IllegalArgumentException(what + " is not allowed for the " + this + ": trace " + t.name()
                    + " decays by exp(-dt / tau) per step of dt = " + dt + " ms, which is 0 in single precision; "
                    + "the time constant must be > " + PlasticityContext.shortestTraceTauMs(dt) + " ms");
        }
    }

    private boolean isParameter(String name) {
        return definition.parameters().stream().anyMatch(p -> p.name().equals(name));
    }

    /** {@code name = value unit}, the parameter's value in its declared unit. */
    private String parameterText(String name) {
        Parameter parameter = definition.parameters().stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow();
        return name + " = " + value(name) + (parameter.unit().text().equals("1") ? "" : " "
                + parameter.unit().text());
    }

    @Override
    public String name() {
        return definition.name();
    }

    /**
     * Every parameter of the definition with its value and unit, then how each modulator that does not wait for
     * user code is set (a signal, or the spikes of a population with the drive's tau and increment) and which
     * presynaptic traces are projected (what a signal or projection computes is the program's, not the network's).
     */
    @Override
    public Map<String, String> parameters() {
        Map<String, String> p = new LinkedHashMap<>();
        for (Parameter q : definition.parameters()) {
            p.put(q.name(), value(q.name()) + (q.unit().text().equals("1") ? "" : " " + q.unit().text()));
        }
        for (ModulatorDefinition m : definition.modulators()) {
            SpikeDrive drive = spikeDrives.get(m.name());
            if (drive != null) {
                p.put("modulator " + m.name(), "follows the spikes of population " + drive.population().name()
                        + ", tau = " + drive.tauMs() + " ms, increment = " + drive.increment());
            } else if (signals.containsKey(m.name())) {
                p.put("modulator " + m.name(), "from a signal");
            }
        }
        for (TraceDefinition t : definition.traces()) {
            if (projections.containsKey(t.name())) {
                p.put("trace " + t.name(), "projected");
            }
        }
        return p;
    }

    /**
     * The clock-driven engine; the event-driven one too unless the rule works in steps: it sets what synapses
     * transmit (which needs the step at which a spike is sent), has on_step statements or modulators (set between
     * steps), or solves synapse equations lazily (over steps since a synapse was touched).
     */
    @Override
    public Set<EngineKind> engines() {
        boolean stepped = !definition.onTransmit().isEmpty() || !definition.onStep().isEmpty()
                || !definition.modulators().isEmpty() || definition.advancesLazily();
        return stepped ? Set.of(EngineKind.CLOCK_DRIVEN) : Set.of(EngineKind.CLOCK_DRIVEN, EngineKind.EVENT_DRIVEN);
    }

    /**
     * The Java backend; OpenCL too, unless the rule both sets what synapses transmit and changes them (at spike
     * arrivals, postsynaptic spikes or every step: on a device the weights a transmission reads and those delivery
     * reads are kept apart, which the two together would need joined), or projects a trace (which the host computes
     * from the traces every step) or drives a modulator by spikes (which a device keeps on the device).
     */
    @Override
    public Set<BackendKind> backends() {
        return javaOnly().isEmpty() ? Set.of(BackendKind.JAVA, BackendKind.OPENCL) : Set.of(BackendKind.JAVA);
    }

    @Override
    public String whyNotOn(BackendKind backend) {
        return "it " + String.join(" and ", javaOnly()) + ", which only the JAVA backend runs";
    }

    /** What keeps this rule on the Java backend (see {@link #backends}). */
    private List<String> javaOnly() {
        List<String> reasons = new ArrayList<>();
        boolean changes = !definition.onPre().isEmpty() || !definition.onPost().isEmpty()
                || !definition.onStep().isEmpty();
        if (!definition.onTransmit().isEmpty() && changes) {
            reasons.add("sets what synapses transmit (on_transmit) and changes them (on_pre, on_post or on_step)");
        }
        if (!projections.isEmpty()) {
            reasons.add("projects trace(s) " + new TreeSet<>(projections.keySet()) + " (HLOP's orthogonal projection)");
        }
        if (!spikeDrives.isEmpty()) {
            reasons.add("drives modulator(s) " + new TreeSet<>(spikeDrives.keySet()) + " by spikes");
        }
        return reasons;
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException naming the values that fail a requirement of the definition, a trace whose
     *                                  time constant is not above 0, or the values that make a synapse equation's
     *                                  rate, drive or offset, or a constant part of a statement, not finite
     */
    @Override
    public DefinedSynapses attach(PlasticityContext context) {
        requireAllowedValues(context.dt());
        return new DefinedSynapses(this, context);
    }

    @Override
    public String toString() {
        return "rule of " + definition + " with " + values + (signals.isEmpty() ? "" : ", signals for "
                + signals.keySet()) + (projections.isEmpty() ? "" : ", projections of " + projections.keySet())
                + (spikeDrives.isEmpty() ? "" : ", spike drives of " + spikeDrives.keySet());
    }
}

package org.hebb.neurons.definition;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.hebb.neurons.EventDrivenKernel;
import org.hebb.neurons.EventDrivenModel;
import org.hebb.neurons.NeuronKernel;
import org.hebb.neurons.NeuronModel;
import org.hebb.neurons.NeuronState;
import org.hebb.neurons.Precision;
import org.hebb.neurons.ReceptorKind;
import org.hebb.neurons.Variable;
import org.hebb.neurons.definition.analysis.ConstantEvaluator;
import org.hebb.neurons.definition.analysis.Symbol;
import org.hebb.neurons.definition.event.LinearEventKernel;
import org.hebb.neurons.definition.expression.Expression;
import org.hebb.neurons.definition.expression.Expressions;
import org.hebb.neurons.definition.expression.Statement;
import org.hebb.neurons.definition.generate.JavaKernelSource;
import org.hebb.neurons.definition.generate.JavaKernels;
import org.hebb.neurons.definition.generate.OpenClKernelSource;
import org.hebb.neurons.definition.integration.StepProgram;
import org.hebb.neurons.definition.integration.StepProgramBuilder;
import org.hebb.neurons.definition.units.Units;
import org.hebb.util.Require;

/**
 * A {@link NeuronDefinition} with values for its parameters: a model that populations can use. Its Java kernel
 * is generated from the definition and compiled when first needed (once per definition and dt). Where its
 * subthreshold dynamics are linear, the event-driven engine runs it too ({@link LinearEventKernel}).
 */
public class DefinedNeuronModel implements EventDrivenModel {
    private final NeuronDefinition definition;
    private final Map<String, Double> values;

    /**
     * The model of {@code definition} with parameter values {@code values} (by name, in each parameter's unit);
     * parameters not given take their defaults.
     */
    protected DefinedNeuronModel(NeuronDefinition definition, Map<String, Double> values) {
        this.definition = definition;
        Map<String, Double> all = new LinkedHashMap<>();
        for (Parameter p : definition.parameters()) {
            Double value = values.get(p.name());
            all.put(p.name(), value == null ? p.defaultValue() : Require.finite(p.name(), value, p.unit().text()));
        }
        for (String name : values.keySet()) {
            Require.that(all.containsKey(name), "parameter = '" + name + "' does not exist on " + definition.name()
                    + ": must be one of " + all.keySet());
        }
        this.values = Map.copyOf(all);
        for (Requirement r : definition.requirements()) {
            r.require(definition.name(), name -> baseValue(name, 0), this::valueText);
        }
        if (definition.hasRefractoryPeriod() && !Expressions.names(definition.refractory()).contains("dt")) {
            requireRefractoryPeriod(0);
        }
    }

    /**
     * Refuses a refractory period that these values (and {@code dt} ms, where the period reads it) make negative or
     * not finite, naming the period, the parameters in it with their values and what is allowed: without a
     * requirement on it, a negative period would run as none at all. NEST refuses a negative t_ref too.
     */
    private void requireRefractoryPeriod(double dt) {
        if (!definition.hasRefractoryPeriod()) {
            return;
        }
        double period = ConstantEvaluator.evaluate(definition.refractory(), n -> baseValue(n, dt));
        if (period >= 0 && Double.isFinite(period)) {
            return;
        }
        List<String> named = new ArrayList<>();
        for (String n : Expressions.names(definition.refractory())) {
            Symbol s = definition.scope().get(n);
            if (s != null && s.kind() == Symbol.Kind.PARAMETER) {
                named.add(valueText(n));
            } else if (n.equals("dt")) {
                named.add("dt = " + dt + " ms");
            }
        }
        throw new IllegalArgumentException("refractory period '" + definition.refractoryText() + "' of model '"
                + definition.name() + "' is not allowed" + (named.isEmpty() ? "" : " with "
                + String.join(", ", named)) + ": it is " + period + " ms; must be a finite number >= 0 ms");
    }

    /** {@code name = value unit} of a name of the definition, for messages; null for a name it does not know. */
    private String valueText(String name) {
        Symbol s = definition.scope().get(name);
        return s == null ? null : name + " = " + values.get(name) + " " + s.unit().text();
    }

    /** The definition with every parameter at its default. */
    public static DefinedNeuronModel of(NeuronDefinition definition) {
        return new DefinedNeuronModel(definition, Map.of());
    }

    /** This model with {@code parameter} set to {@code value} (in the parameter's unit). */
    public DefinedNeuronModel with(String parameter, double value) {
        Map<String, Double> changed = new LinkedHashMap<>(values);
        changed.put(parameter, value);
        return new DefinedNeuronModel(definition, changed);
    }

    /** The definition. */
    public NeuronDefinition definition() {
        return definition;
    }

    /** The value of {@code parameter}, in its unit. */
    public double parameter(String parameter) {
        Double v = values.get(parameter);
        Require.that(v != null, "parameter = '" + parameter + "' does not exist on " + definition.name()
                + ": must be one of " + parameters().keySet());
        return v;
    }

    @Override
    public String name() {
        return definition.name();
    }

    @Override
    public Map<String, Double> parameters() {
        Map<String, Double> p = new LinkedHashMap<>();
        definition.parameters().forEach(q -> p.put(q.name(), values.get(q.name())));
        return p;
    }

    @Override
    public List<String> receptors() {
        return definition.receptors().stream().map(Receptor::name).toList();
    }

    @Override
    public ReceptorKind receptorKind(String receptor) {
        Receptor r = definition.receptors().get(receptorIndex(receptor));
        return new ReceptorKind(r.weightUnit(), r.nonNegativeWeights());
    }

    @Override
    public List<Variable> variables() {
        List<Variable> variables = new ArrayList<>();
        for (String name : definition.storageOrder()) {
            Symbol s = definition.scope().get(name);
            if (s == null) {
                variables.add(Variable.state(name, "steps"));
            } else if (s.kind() == Symbol.Kind.STATE) {
                variables.add(Variable.state(name, s.unit().text()));
            } else {
                variables.add(Variable.parameter(name, s.unit().text()));
            }
        }
        return variables;
    }

    /**
     * {@inheritDoc} A per-neuron parameter's values must meet each of the definition's requirements that reads it
     * (Izhikevich's {@code c < v_peak}), as the population's value must; the message names the neuron's value as
     * {@code c[3] = 30.0 mV}.
     */
    @Override
    public void requireNeuronValues(NeuronState state, int variable, double[] values, String owner) {
        String name = state.variable(variable).name();
        Symbol parameter = definition.scope().get(name);
        if (parameter == null || parameter.kind() != Symbol.Kind.NEURON_PARAMETER) {
            return;
        }
        List<Requirement> reading = definition.requirements().stream()
                .filter(r -> Expressions.names(r.condition()).contains(name)).toList();
        if (reading.isEmpty()) {
            return;
        }
        String what = owner + " of " + definition.name();
        for (int i = 0; i < values.length; i++) {
            int neuron = i;
            for (Requirement r : reading) {
                r.require(what, n -> neuronValue(state, variable, values, neuron, n) * unitFactor(n), n -> {
                    Symbol s = definition.scope().get(n);
                    if (s == null) {
                        return null;
                    }
                    boolean own = s.kind() == Symbol.Kind.NEURON_PARAMETER;
                    return n + (own ? "[" + neuron + "]" : "") + " = " + neuronValue(state, variable, values,
                            neuron, n) + " " + s.unit().text();
                });
            }
        }
    }

    /**
     * The value of parameter {@code name} for {@code neuron} in its unit: from {@code set} for the variable being
     * set, from {@code state} for another per-neuron parameter, else the population's; 1 for a unit symbol.
     */
    private double neuronValue(NeuronState state, int variable, double[] set, int neuron, String name) {
        Symbol s = definition.scope().get(name);
        if (s == null) {
            return 1;
        }
        if (s.kind() != Symbol.Kind.NEURON_PARAMETER) {
            return values.get(name);
        }
        int index = state.indexOf(name);
        return index == variable ? set[neuron] : state.get(index, neuron);
    }

    /** The factor of {@code name}'s unit to Hebb's base units, or the unit symbol's own value. */
    private double unitFactor(String name) {
        Symbol s = definition.scope().get(name);
        return s == null ? Units.symbol(name).factor() : s.unit().factor();
    }

    /** Sets each state variable to its initial value and each per-neuron parameter to the population's value. */
    @Override
    public NeuronState createState(int size, Precision precision) {
        NeuronState state = new NeuronState(variables(), size, precision);
        for (StateVariable v : definition.stateVariables()) {
            double base = ConstantEvaluator.evaluate(v.initial(), name -> baseValue(name, Double.NaN));
            double value = base / v.unit().factor();
            double stored = precision == Precision.SINGLE ? (float) value : value;
            if (!Double.isFinite(stored)) {
                throw new IllegalArgumentException(definition.name() + " with parameters " + values + " is not "
                        + "allowed: the initial value of " + v.name() + ", '" + Expressions.toText(v.initial())
                        + "', is " + value + " " + v.unit().text()
                        + (Double.isFinite(value) ? ", beyond the range of single precision" : "")
                        + ": every initial value must be finite");
            }
            state.fill(state.indexOf(v.name()), value);
        }
        for (Parameter p : definition.parameters()) {
            if (p.perNeuron()) {
                state.fill(state.indexOf(p.name()), values.get(p.name()));
            }
        }
        return state;
    }

    /** Creates the Java kernel of time step {@code dt} ms in the state's precision. */
    @Override
    public final NeuronKernel createKernel(NeuronState state, double dt) {
        return createKernel(state, dt, true);
    }

    /**
     * Creates the Java kernel of time step {@code dt} ms in the state's precision; without {@code injectedCurrent}
     * it adds a constant 0 where the current would be, as the OpenCL kernel does, and reads no array for it.
     */
    @Override
    public final NeuronKernel createKernel(NeuronState state, double dt, boolean injectedCurrent) {
        return createKernel(state, dt, injectedCurrent, new boolean[definition.receptors().size()]);
    }

    /** {@inheritDoc} Only a single-precision state receives directly. */
    @Override
    public NeuronKernel createKernel(NeuronState state, double dt, boolean injectedCurrent,
                                     boolean[] receivedDirectly) {
        checkDirect(receivedDirectly, state.precision());
        StepProgram program = program(dt, state.precision()).receivingDirectly(receivedDirectly);
        String source = JavaKernelSource.of(program, injectedCurrent);
        int arrays = program.stored().size();
        if (state.precision() == Precision.SINGLE) {
            float[][] stored = new float[arrays][];
            for (int i = 0; i < arrays; i++) {
                stored[i] = state.array(program.stored().get(i));
            }
            float[] k = new float[program.constants().length];
            for (int i = 0; i < k.length; i++) {
                k[i] = (float) program.constants()[i];
            }
            return JavaKernels.instantiate(source, stored, new float[program.stepInputs().size()][state.size()], k);
        }
        double[][] stored = new double[arrays][];
        for (int i = 0; i < arrays; i++) {
            stored[i] = state.doubles(program.stored().get(i));
        }
        return JavaKernels.instantiate(source, stored, new double[program.stepInputs().size()][state.size()],
                program.constants());
    }

    @Override
    public Optional<String> directTarget(int receptor) {
        Receptor r = definition.receptors().get(receptor);
        List<Statement> statements = definition.receptorStatements(r);
        if (r.afterIntegration() || statements.size() != 1) {
            return Optional.empty();
        }
        Statement s = statements.get(0);
        StateVariable target = definition.stateVariable(s.target());
        boolean plain = s.operator() == Expression.Operator.ADD && s.value() instanceof Expression.Name n
                && n.name().equals("weight");
        boolean alone = definition.receptors().stream().filter(other -> other != r)
                .flatMap(other -> definition.receptorStatements(other).stream())
                .noneMatch(other -> other.target().equals(s.target()));
        return plain && alone && target != null && target.unit().factor() == 1
                && Units.parse(r.weightUnit()).factor() == 1 ? Optional.of(target.name()) : Optional.empty();
    }

    /** Refuses a receptor marked to receive directly that has no direct target, or a direct receptor in double. */
    private void checkDirect(boolean[] receivedDirectly, Precision precision) {
        Require.that(receivedDirectly.length == definition.receptors().size(), "receivedDirectly has "
                + receivedDirectly.length + " entries: must have one per receptor of " + name() + " ("
                + definition.receptors().size() + ")");
        for (int r = 0; r < receivedDirectly.length; r++) {
            if (receivedDirectly[r]) {
                Require.that(directTarget(r).isPresent(), "receptor " + receptors().get(r) + " of " + name()
                        + " is not allowed to receive directly: its statement is not x += weight");
                Require.that(precision == Precision.SINGLE, "receptor " + receptors().get(r) + " of " + name()
                        + " is not allowed to receive directly in " + precision + " precision: only in single");
            }
        }
    }

    /**
     * Generates and compiles the Java kernels for time step {@code dt} ms, with and without an injected current (once
     * per definition, dt and precision).
     */
    @Override
    public void prepareKernel(double dt, Precision precision) {
        JavaKernels.compiled(JavaKernelSource.of(program(dt, precision), false));
        JavaKernels.compiled(JavaKernelSource.of(program(dt, precision), true));
    }

    /** The Java source of this model's single-precision kernel at time step {@code dt} ms, as it is compiled and run. */
    public String javaSource(double dt) {
        return javaSource(dt, Precision.SINGLE);
    }

    /** The Java source of this model's kernel at time step {@code dt} ms in {@code precision}. */
    public String javaSource(double dt, Precision precision) {
        return JavaKernelSource.of(program(dt, precision));
    }

    /** The OpenCL C of this model's single-precision device kernel at time step {@code dt} ms. */
    public String openClSource(double dt) {
        return openClSource(dt, Precision.SINGLE);
    }

    /** The OpenCL C of this model's device kernel at time step {@code dt} ms in {@code precision}. */
    public String openClSource(double dt, Precision precision) {
        return openClKernel(dt, precision, new boolean[definition.receptors().size()]).source();
    }

    /**
     * The device kernel at time step {@code dt} ms in {@code precision}, its receptors {@code r} with
     * {@code receivedDirectly[r]} added to their direct target before the step (see OpenClKernelSource).
     */
    public OpenClKernelSource.Kernel openClKernel(double dt, Precision precision, boolean[] receivedDirectly) {
        checkDirect(receivedDirectly, precision);
        return OpenClKernelSource.of(program(dt, precision), receivedDirectly);
    }

    /** The single-precision step, as every backend prints it, at time step {@code dt} ms. */
    public StepProgram program(double dt) {
        return program(dt, Precision.SINGLE);
    }

    /** The step in {@code precision}, as every backend prints it, at time step {@code dt} ms. */
    public StepProgram program(double dt, Precision precision) {
        Require.positive("dt", dt, "ms");
        requireRefractoryPeriod(dt);
        if (definition.hasRefractoryPeriod()) {
            long steps = StepProgramBuilder.refractoryStepsAfterSpike(definition, values, dt);
            Require.that(steps < 1 << 24, "refractory period " + definition.refractoryText() + " is not allowed at "
                    + "dt = " + dt + " ms: must be at most 2^24 steps");
        }
        return StepProgramBuilder.build(definition, values, dt, precision);
    }

    @Override
    public EventDrivenKernel createEventKernel(NeuronState state, double dt) {
        requireRefractoryPeriod(dt);
        return new LinearEventKernel(definition, name -> baseValue(name, dt), state, dt);
    }

    @Override
    public Optional<String> whyNoClosedForm(double dt) {
        try {
            new LinearEventKernel(definition, name -> baseValue(name, dt), createState(1), dt);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    /**
     * The value of a name fixed for the population, in Hebb's base units (mV, ms, nA, um): a parameter (a per-neuron
     * one at the population's value), a unit symbol, or {@code dt} (= {@code dt} ms).
     */
    public double baseValue(String name, double dt) {
        if (name.equals("dt")) {
            return dt;
        }
        Symbol s = definition.scope().get(name);
        if (s != null && (s.kind() == Symbol.Kind.PARAMETER || s.kind() == Symbol.Kind.NEURON_PARAMETER)) {
            return values.get(name) * s.unit().factor();
        }
        return Units.symbol(name).factor();
    }

    @Override
    public String toString() {
        return definition.name() + parameters();
    }
}

package org.hebb.neurons.definition;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import org.hebb.neurons.definition.analysis.DimensionCheck;
import org.hebb.neurons.definition.analysis.MethodCheck;
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
import org.hebb.util.Require;

/**
 * A neuron model declared once, from which Hebb generates every backend's kernel: parameters, state variables
 * with their differential equations, subexpressions, threshold, reset, refractoriness, receptors, the injected
 * current, and the integration method. Everything is checked when {@link Builder#build()} runs (syntax, names,
 * units, whether the method applies); a definition that builds runs.
 *
 * <pre>
 * NeuronDefinition lif = NeuronDefinition.builder("my_lif")
 *         .parameter("tau_m", "ms", 20).parameter("v_rest", "mV", -65).parameter("r_m", "MOhm", 100)
 *         .parameter("v_thresh", "mV", -50).parameter("v_reset", "mV", -65).parameter("tau_refrac", "ms", 2)
 *         .equations("dv/dt = (v_rest - v + r_m * I_inj) / tau_m : mV (unless refractory)")
 *         .initial("v", "v_rest")
 *         .threshold("v >= v_thresh").reset("v = v_reset").refractory("tau_refrac")
 *         .receptor(Receptor.of("excitatory", "mV", "v += weight").actingAfterIntegration())
 *         .method(IntegrationMethod.EXACT)
 *         .build();
 * </pre>
 * Names an expression can use: the parameters, state variables, subexpressions and step inputs, {@code I_inj}
 * (the injected current, in {@link Builder#injectedCurrent its unit}), {@code dt}, unit symbols as quantities
 * ({@code -70*mV}), and the functions exp, log, expm1, exprel, log1p, tanh, sinh, cosh, pow, sqrt, abs, min, max,
 * clip.
 */
public final class NeuronDefinition {
    /** Name of the refractory counter variable that a definition with a refractory period gets. */
    public static final String REFRACTORY_COUNTER = "refractory_steps";

    private final String name;
    private final Scope scope;
    private final List<Parameter> parameters;
    private final List<StateVariable> stateVariables;
    private final Map<String, Unit> stepInputs;
    private final Unit injectedUnit;
    private final Expression threshold;
    private final String thresholdText;
    private final List<Statement> reset;
    private final Expression refractory;
    private final String refractoryText;
    private final List<Receptor> receptors;
    private final Map<String, List<Statement>> receptorStatements;
    private final List<Stage> stages;
    private final List<Requirement> requirements;

    private NeuronDefinition(Builder b, Scope scope, List<StateVariable> stateVariables,
                             Map<String, List<Statement>> receptorStatements, List<Stage> stages,
                             Expression threshold, List<Statement> reset, Expression refractory,
                             List<Requirement> requirements) {
        this.name = b.name;
        this.scope = scope;
        this.parameters = List.copyOf(b.parameters.values());
        this.stateVariables = List.copyOf(stateVariables);
        this.stepInputs = Collections.unmodifiableMap(new LinkedHashMap<>(b.stepInputs));
        this.injectedUnit = b.injectedUnit;
        this.threshold = threshold;
        this.thresholdText = b.threshold;
        this.reset = List.copyOf(reset);
        this.refractory = refractory;
        this.refractoryText = b.refractory;
        this.receptors = List.copyOf(b.receptors);
        this.receptorStatements = Map.copyOf(receptorStatements);
        this.stages = List.copyOf(stages);
        this.requirements = List.copyOf(requirements);
    }

    /** Starts a definition of the model {@code name} (PyNN's name where PyNN has the model). */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** A model of this definition with every parameter at its default; set others with {@code with}. */
    public DefinedNeuronModel model() {
        return DefinedNeuronModel.of(this);
    }

    /** The model's name. */
    public String name() {
        return name;
    }

    /** The names expressions can use, with their kinds and units. */
    public Scope scope() {
        return scope;
    }

    /** The parameters, in declaration order. */
    public List<Parameter> parameters() {
        return parameters;
    }

    /** What every model of this definition requires of its parameter values, in declaration order. */
    public List<Requirement> requirements() {
        return requirements;
    }

    /** The state variables, in the order of their equations. */
    public List<StateVariable> stateVariables() {
        return stateVariables;
    }

    /** The state variable {@code name}, or null. */
    public StateVariable stateVariable(String name) {
        return stateVariables.stream().filter(v -> v.name().equals(name)).findFirst().orElse(null);
    }

    /**
     * The per-neuron arrays in storage order: the state variables in the order of their equations, with the
     * {@link #REFRACTORY_COUNTER} after the last variable held while refractory (after the state variables if
     * none is held), then the per-neuron parameters.
     */
    public List<String> storageOrder() {
        List<String> order = new ArrayList<>();
        int counterAt = stateVariables.size();
        for (StateVariable v : stateVariables) {
            order.add(v.name());
            if (v.unlessRefractory()) {
                counterAt = order.size();
            }
        }
        if (hasRefractoryPeriod()) {
            order.add(counterAt, REFRACTORY_COUNTER);
        }
        parameters.stream().filter(Parameter::perNeuron).forEach(p -> order.add(p.name()));
        return order;
    }

    /** The step inputs and their units. */
    public Map<String, Unit> stepInputs() {
        return stepInputs;
    }

    /** The unit of the injected current {@code I_inj}. */
    public Unit injectedUnit() {
        return injectedUnit;
    }

    /** The threshold condition, or null for a model that never spikes. */
    public Expression threshold() {
        return threshold;
    }

    /** The threshold as written. */
    public String thresholdText() {
        return thresholdText;
    }

    /** The reset statements, run in order on the neurons that spiked. */
    public List<Statement> reset() {
        return reset;
    }

    /** The refractory period (a time), or null for none. */
    public Expression refractory() {
        return refractory;
    }

    /** The refractory period as written, or null. */
    public String refractoryText() {
        return refractoryText;
    }

    /** Whether the definition has a refractory period (and so the {@link #REFRACTORY_COUNTER} variable). */
    public boolean hasRefractoryPeriod() {
        return refractory != null;
    }

    /** The receptors, in the order kernels receive their input. */
    public List<Receptor> receptors() {
        return receptors;
    }

    /** The parsed statements of {@code receptor}. */
    public List<Statement> receptorStatements(Receptor receptor) {
        return receptorStatements.get(receptor.name());
    }

    /** The integration stages, in order. */
    public List<Stage> stages() {
        return stages;
    }

    @Override
    public String toString() {
        return "NeuronDefinition[" + name + "]";
    }

    /** Declares a definition; {@link #build()} checks it whole. */
    public static final class Builder {
        /**
         * The most sub-steps of a {@link #stage}: each is written out in the kernel, whose generation and
         * compilation grow faster than the count (RK4 with 100 sub-steps takes about 12 s, with 200 about 2
         * minutes).
         */
        public static final int MAX_SUBSTEPS = 100;

        /**
         * The most terms (names, numbers and operations) an equation, threshold or statement may hold once its
         * subexpressions are substituted: building a definition walks them, and a chain of 20 subexpressions that
         * each name the one before twice (a million terms) took 19 s to build.
         */
        public static final int MAX_SUBSTITUTED_TERMS = 10_000;
        private final String name;
        private final Map<String, Parameter> parameters = new LinkedHashMap<>();
        private final List<Equation> equations = new ArrayList<>();
        private final Map<String, String> initial = new LinkedHashMap<>();
        private final Map<String, Unit> stepInputs = new LinkedHashMap<>();
        private final List<Receptor> receptors = new ArrayList<>();
        private final List<Stage> stages = new ArrayList<>();
        private Unit injectedUnit = Unit.of("nA");
        private String threshold;
        private String reset = "";
        private String refractory;
        private IntegrationMethod method = IntegrationMethod.EXACT;
        private final List<String> requirements = new ArrayList<>();

        private Builder(String name) {
            Require.that(name != null && !name.isBlank(), "name = '" + name + "' is not allowed: must not be empty");
            this.name = name;
        }

        /** A parameter with one value for the population: {@code name}, its unit, and its default value. */
        public Builder parameter(String name, String unit, double defaultValue) {
            return addParameter(name, unit, defaultValue, false);
        }

        /**
         * A parameter with a value per neuron (a per-neuron array, initialised to the population's value, which
         * {@code defaultValue} gives unless a model sets it).
         */
        public Builder neuronParameter(String name, String unit, double defaultValue) {
            return addParameter(name, unit, defaultValue, true);
        }

        private Builder addParameter(String parameter, String unit, double defaultValue, boolean perNeuron) {
            Require.notNull("parameter name", parameter);
            Require.finite(parameter, defaultValue, unit);
            if (parameters.containsKey(parameter)) {
                throw new DefinitionException("model '" + name + "': parameter '" + parameter + "' is declared twice");
            }
            parameters.put(parameter, new Parameter(parameter, naming(() -> Units.parse("unit of parameter "
                    + parameter, Require.notNull("unit", unit))), defaultValue, perNeuron));
            return this;
        }

        /**
         * A condition on parameter values that every model of this definition must meet, for example
         * {@code tau_m > 0*ms} or {@code v_reset < v_thresh}: a model whose values fail it is refused, naming them.
         * It may name parameters and units only.
         */
        public Builder requires(String condition) {
            requirements.add(Require.notNull("condition", condition));
            return this;
        }

        /** Differential equations and subexpressions, one per line (see {@link DefinitionText#equations}). */
        public Builder equations(String text) {
            equations.addAll(naming(() -> DefinitionText.equations(Require.notNull("equations", text))));
            return this;
        }

        /** The initial value of {@code variable}: an expression of parameters and units (default 0). */
        public Builder initial(String variable, String expression) {
            initial.put(Require.notNull("variable", variable), Require.notNull("expression", expression));
            return this;
        }

        /** The spike condition, for example {@code v >= v_thresh}, checked after each step's integration. */
        public Builder threshold(String condition) {
            threshold = Require.notNull("threshold", condition);
            return this;
        }

        /** Statements run on a neuron when it spikes, for example {@code v = v_reset; w += b}. */
        public Builder reset(String statements) {
            reset = Require.notNull("reset", statements);
            return this;
        }

        /**
         * The refractory period: a time expression of parameters (for example {@code tau_refrac} or
         * {@code 2*ms}), rounded to whole steps. While refractory the threshold is not checked and the
         * variables marked {@code (unless refractory)} are held.
         */
        public Builder refractory(String period) {
            refractory = Require.notNull("refractory", period);
            return this;
        }

        /** A receptor that projections can target (see {@link Receptor}). */
        public Builder receptor(Receptor receptor) {
            receptors.add(Require.notNull("receptor", receptor));
            return this;
        }

        /**
         * A per-step input: a quantity that receptors add to during a step and the equations read as a constant
         * over that step, 0 again at the next (for example {@code I_syn} with receptor {@code I_syn += weight / dt}).
         */
        public Builder stepInput(String name, String unit) {
            stepInputs.put(Require.notNull("name", name), naming(() -> Units.parse("unit of step input " + name,
                    Require.notNull("unit", unit))));
            return this;
        }

        /** The unit of the injected current {@code I_inj} (default nA). */
        public Builder injectedCurrent(String unit) {
            injectedUnit = naming(() -> Units.parse("unit of the injected current", Require.notNull("unit", unit)));
            return this;
        }

        /** The integration method of every variable not in a {@link #stage} (default exact). */
        public Builder method(IntegrationMethod method) {
            this.method = Require.notNull("method", method);
            return this;
        }

        /**
         * Advances {@code variables} with {@code method} in {@code substeps} sub-steps (1 to
         * {@value #MAX_SUBSTEPS}), in a stage of their own; stages run in the order declared, then the remaining
         * variables in one stage with the default method.
         */
        public Builder stage(IntegrationMethod method, int substeps, String... variables) {
            Require.that(substeps >= 1 && substeps <= MAX_SUBSTEPS, "substeps = " + substeps + " is not allowed: "
                    + "must be in [1, " + MAX_SUBSTEPS + "] (each sub-step is written out in the kernel; for more, "
                    + "use a smaller dt)");
            Require.notNull("variables", variables);
            for (int k = 0; k < variables.length; k++) {
                Require.notNull("variables[" + k + "] of the stage", variables[k]);
            }
            stages.add(new Stage(List.of(variables), Require.notNull("method", method), substeps));
            return this;
        }

        /**
         * Checks the whole definition and builds it.
         *
         * @throws DefinitionException naming the model and what is wrong
         */
        public NeuronDefinition build() {
            return naming(this::checkAndBuild);
        }

        /** {@code work}'s result, or its error with the model's name in front, where the error does not name it. */
        private <T> T naming(Supplier<T> work) {
            try {
                return work.get();
            } catch (DefinitionException e) {
                // a program that defines several models learns which one is wrong
                String model = "model '" + name + "'";
                if (e.getMessage().startsWith(model)) {
                    throw e;
                }
                throw new DefinitionException(model + ": " + e.getMessage(), e);
            }
        }

        private NeuronDefinition checkAndBuild() {
            Scope scope = declareNames();
            Map<String, Expression> subexpressions = subexpressions(scope);
            List<StateVariable> variables = new ArrayList<>();
            for (Equation e : equations) {
                if (!e.differential()) {
                    continue;
                }
                Unit unit = Unit.of(e.unit());
                DimensionCheck.expect(e.right(), unit.dimension().dividedBy(Dimension.TIME), e.left(), scope,
                        "equation", e.text());
                Expression initialValue = initialValue(e.name(), unit, scope);
                Expression right = inline(e.right(), subexpressions);
                requireWithinLimits(right, "equation", e.text());
                variables.add(new StateVariable(e.name(), unit, right, e.unlessRefractory(), initialValue, e));
            }
            for (String variable : initial.keySet()) {
                if (variables.stream().noneMatch(v -> v.name().equals(variable))) {
                    throw new DefinitionException("initial value of '" + variable + "' given, but '" + variable
                            + "' is not a state variable: the state variables are " + names(variables));
                }
            }
            if (variables.isEmpty()) {
                throw new DefinitionException("model '" + name + "' has no differential equation: a neuron needs "
                        + "at least one state variable (dx/dt = ... : unit)");
            }
            Expression thresholdCondition = null;
            if (threshold != null) {
                thresholdCondition = ExpressionParser.parse("threshold", threshold);
                DimensionCheck.condition(thresholdCondition, scope, "threshold", threshold);
                thresholdCondition = inline(thresholdCondition, subexpressions);
                requireWithinLimits(thresholdCondition, "threshold", threshold);
                if (refractory == null) {
                    requireVarying(thresholdCondition, scope);
                }
            }
            List<Statement> resetStatements = statements("reset", reset, scope, Set.of(Symbol.Kind.STATE),
                    subexpressions);
            if (!resetStatements.isEmpty() && thresholdCondition == null) {
                throw new DefinitionException("reset '" + reset + "' is given but no threshold: a reset runs when "
                        + "the threshold condition holds");
            }
            Expression period = refractoryPeriod(scope, thresholdCondition);
            Map<String, List<Statement>> arrivals = receptorStatements(scope, subexpressions);
            List<Stage> allStages = stages(variables);
            MethodCheck.check(scope, allStages, variables);
            return new NeuronDefinition(this, scope, variables, arrivals, allStages, thresholdCondition,
                    resetStatements, period, requirements(scope));
        }

        private Scope declareNames() {
            Scope scope = new Scope();
            for (Parameter p : parameters.values()) {
                scope.declare(p.name(), p.perNeuron() ? Symbol.Kind.NEURON_PARAMETER : Symbol.Kind.PARAMETER,
                        p.unit());
            }
            for (Equation e : equations) {
                if (e.differential()) {
                    scope.declare(e.name(), Symbol.Kind.STATE, Unit.of(e.unit()));
                }
            }
            for (Equation e : equations) {
                if (!e.differential()) {
                    scope.declare(e.name(), Symbol.Kind.SUBEXPRESSION, Unit.of(e.unit()));
                }
            }
            stepInputs.forEach((input, unit) -> scope.declare(input, Symbol.Kind.STEP_INPUT, unit));
            scope.declare("I_inj", Symbol.Kind.INJECTED, injectedUnit);
            scope.declare("dt", Symbol.Kind.TIME_STEP, Unit.of("ms"));
            for (String reserved : List.of(REFRACTORY_COUNTER, "weight")) {
                if (scope.isDeclared(reserved)) {
                    throw new DefinitionException("name '" + reserved + "' is reserved by Hebb");
                }
            }
            return scope;
        }

        /** Each subexpression, checked and with the subexpressions it uses replaced; refuses cycles. */
        private Map<String, Expression> subexpressions(Scope scope) {
            Map<String, Equation> byName = new LinkedHashMap<>();
            for (Equation e : equations) {
                if (!e.differential()) {
                    DimensionCheck.expect(e.right(), Unit.of(e.unit()).dimension(), e.name(), scope, "equation",
                            e.text());
                    byName.put(e.name(), e);
                }
            }
            Map<String, Expression> resolved = new LinkedHashMap<>();
            for (String s : byName.keySet()) {
                resolve(s, byName, resolved, new LinkedHashSet<>());
            }
            return resolved;
        }

        /**
         * Refuses, in a model without a refractory period, a threshold that reads no state variable, step input,
         * injected current or per-neuron parameter (which user code may set during runs), after substituting
         * subexpressions: it is the same in every step, so every neuron would spike in every step or never, which is
         * a mistake, not a model. With a refractory period it makes a pacemaker, and is left alone.
         */
        private void requireVarying(Expression condition, Scope scope) {
            for (String n : Expressions.names(condition)) {
                Symbol s = scope.get(n);
                if (s != null && (s.kind() == Symbol.Kind.STATE || s.kind() == Symbol.Kind.STEP_INPUT
                        || s.kind() == Symbol.Kind.INJECTED || s.kind() == Symbol.Kind.NEURON_PARAMETER)) {
                    return;
                }
            }
            throw DefinitionException.at("threshold", threshold, -1, "the threshold reads no state variable, step "
                    + "input, I_inj or per-neuron parameter, so it is the same in every step and the model has no "
                    + "refractory period: every neuron would spike in every step, or never; compare a state "
                    + "variable, as 'v > v_thresh' (for regular spikes, a phase: 'dphi/dt = 1 / period : 1', "
                    + "threshold 'phi >= 1', reset 'phi = 0')");
        }

        /**
         * Refuses {@code e}, the {@code what} {@code text} with its subexpressions substituted, where it nests more
         * than {@link ExpressionParser#MAX_DEPTH} operations deep: the parser checks each text alone, but a chain of
         * subexpressions nests the depths of its links. Refuses it too where it holds more than
         * {@link #MAX_SUBSTITUTED_TERMS} terms written out: a chain of subexpressions that each name the one before
         * twice doubles at every link, and the analyses of the definition walk the terms written out.
         */
        private void requireWithinLimits(Expression e, String what, String text) {
            long terms = Expressions.size(e);
            if (terms > MAX_SUBSTITUTED_TERMS) {
                throw DefinitionException.at(what, text, -1, "the expression holds " + terms + " terms once its "
                        + "subexpressions are substituted, more than " + MAX_SUBSTITUTED_TERMS + " (a subexpression "
                        + "named twice is written out twice): compute part of it in a state variable or name each "
                        + "subexpression once");
            }
            int depth = Expressions.depth(e);
            if (depth > ExpressionParser.MAX_DEPTH) {
                throw DefinitionException.at(what, text, -1, "the expression nests " + depth
                        + " operations deep once its subexpressions are substituted, more than "
                        + ExpressionParser.MAX_DEPTH + " (a sum of n terms nests n levels deep): the generated kernels "
                        + "compile no deeper nesting; compute part of it in a state variable or shorten the chain "
                        + "of subexpressions");
            }
        }

        private Expression resolve(String name, Map<String, Equation> byName, Map<String, Expression> resolved,
                                   Set<String> path) {
            Expression done = resolved.get(name);
            if (done != null) {
                return done;
            }
            if (!path.add(name)) {
                throw new DefinitionException("subexpressions refer to each other in a cycle: "
                        + String.join(" -> ", path) + " -> " + name);
            }
            Map<String, Expression> inner = new LinkedHashMap<>();
            Expression right = byName.get(name).right();
            for (String used : Expressions.names(right)) {
                if (byName.containsKey(used)) {
                    inner.put(used, resolve(used, byName, resolved, path));
                }
            }
            path.remove(name);
            Expression e = Expressions.substitute(right, inner);
            requireWithinLimits(e, "equation", byName.get(name).text());
            resolved.put(name, e);
            return e;
        }

        private static Expression inline(Expression e, Map<String, Expression> subexpressions) {
            if (subexpressions.isEmpty()) {
                return e;
            }
            Map<String, Expression> positionless = new LinkedHashMap<>();
            subexpressions.forEach((name, value) -> positionless.put(name, Expressions.withoutPositions(value)));
            return Expressions.substitute(e, positionless);
        }

        private Expression initialValue(String variable, Unit unit, Scope scope) {
            String text = initial.getOrDefault(variable, "0");
            Expression e = ExpressionParser.parse("initial value of " + variable, text);
            DimensionCheck.expect(e, unit.dimension(), variable, scope, "initial value of " + variable, text);
            scope.requireKinds(e, "initial value of " + variable, text,
                    Set.of(Symbol.Kind.PARAMETER, Symbol.Kind.NEURON_PARAMETER, Symbol.Kind.UNIT), "parameters");
            return e;
        }

        private List<Requirement> requirements(Scope scope) {
            List<Requirement> parsed = new ArrayList<>();
            for (String text : requirements) {
                Expression condition = ExpressionParser.parse("requirement", text);
                DimensionCheck.condition(condition, scope, "requirement", text);
                for (String n : Expressions.names(condition)) {
                    Symbol symbol = scope.get(n);
                    if (symbol != null && symbol.kind() != Symbol.Kind.PARAMETER
                            && symbol.kind() != Symbol.Kind.NEURON_PARAMETER) {
                        throw new DefinitionException("requirement '" + text + "' names '" + n + "', which is not a "
                                + "parameter: a requirement may name parameters and units only");
                    }
                }
                parsed.add(new Requirement(text, condition));
            }
            return parsed;
        }

        private Expression refractoryPeriod(Scope scope, Expression thresholdCondition) {
            if (refractory == null) {
                return null;
            }
            if (thresholdCondition == null) {
                throw new DefinitionException("refractory '" + refractory + "' is given but no threshold: the "
                        + "refractory period starts when the threshold condition holds");
            }
            Expression e = ExpressionParser.parse("refractory", refractory);
            DimensionCheck.expect(e, Dimension.TIME, "the refractory period", scope, "refractory", refractory);
            scope.requireKinds(e, "refractory", refractory,
                    Set.of(Symbol.Kind.PARAMETER, Symbol.Kind.TIME_STEP, Symbol.Kind.UNIT),
                    "parameters of the population, dt and units");
            return e;
        }

        private Map<String, List<Statement>> receptorStatements(Scope scope, Map<String, Expression> subexpressions) {
            Map<String, List<Statement>> all = new LinkedHashMap<>();
            for (Receptor r : receptors) {
                if (r.name().isBlank()) {
                    throw new DefinitionException("receptor name '" + r.name() + "' is not "
                            + "allowed: must not be empty or blank (a projection chooses its receptor by name, such "
                            + "as \"excitatory\")");
                }
                if (all.containsKey(r.name())) {
                    throw new DefinitionException("receptor '" + r.name() + "' is declared twice");
                }
                Scope withWeight = scope.withWeight(Units.parse("weight unit of receptor " + r.name(), r.weightUnit()));
                String what = "receptor " + r.name();
                Set<Symbol.Kind> targets = r.afterIntegration() ? Set.of(Symbol.Kind.STATE)
                        : Set.of(Symbol.Kind.STATE, Symbol.Kind.STEP_INPUT);
                List<Statement> statements = statements(what, r.onArrival(), withWeight, targets, subexpressions);
                if (statements.isEmpty()) {
                    throw new DefinitionException(what + " does nothing: give statements such as 'g_e += weight'");
                }
                for (Statement s : statements) {
                    if (s.operator() != Expression.Operator.ADD && s.operator() != Expression.Operator.SUBTRACT) {
                        throw DefinitionException.at(what, s.text(), s.position(), "a receptor adds to a "
                                + "variable: write '" + s.target() + " += ...' or '" + s.target() + " -= ...'");
                    }
                    withWeight.requireKinds(s.value(), what, s.text(), Set.of(Symbol.Kind.WEIGHT,
                            Symbol.Kind.PARAMETER, Symbol.Kind.NEURON_PARAMETER, Symbol.Kind.TIME_STEP,
                            Symbol.Kind.UNIT), "weight, parameters, dt and units");
                }
                all.put(r.name(), statements);
            }
            return all;
        }

        private List<Statement> statements(String what, String text, Scope scope, Set<Symbol.Kind> targets,
                                           Map<String, Expression> subexpressions) {
            List<Statement> parsed = new ArrayList<>();
            for (Statement s : DefinitionText.statements(what, text)) {
                Symbol target = scope.get(s.target());
                if (target == null || !targets.contains(target.kind())) {
                    throw DefinitionException.at(what, s.text(), s.position(), "'" + s.target()
                            + "' cannot be assigned here: must be " + assignable(scope, targets));
                }
                DimensionCheck.expect(s.assigned(), target.unit().dimension(), s.target(), scope, what, s.text());
                Statement inlined = new Statement(s.target(), s.operator(), inline(s.value(), subexpressions),
                        s.text(), s.position());
                requireWithinLimits(inlined.assigned(), what, s.text());
                parsed.add(inlined);
            }
            return parsed;
        }

        private static String assignable(Scope scope, Set<Symbol.Kind> targets) {
            List<String> variables = new ArrayList<>();
            List<String> inputs = new ArrayList<>();
            for (Symbol s : scope.symbols()) {
                if (s.kind() == Symbol.Kind.STATE) {
                    variables.add(s.name());
                } else if (s.kind() == Symbol.Kind.STEP_INPUT) {
                    inputs.add(s.name());
                }
            }
            return targets.contains(Symbol.Kind.STEP_INPUT)
                    ? "a state variable or a step input; the state variables are " + variables + ", the step "
                    + "inputs " + inputs
                    : "a state variable; the state variables are " + variables;
        }

        private List<Stage> stages(List<StateVariable> variables) {
            Set<String> staged = new LinkedHashSet<>();
            List<String> all = names(variables);
            for (Stage s : stages) {
                for (String v : s.variables()) {
                    if (!all.contains(v)) {
                        throw new DefinitionException("stage " + s.method().label() + " names '" + v
                                + "', which is not a state variable: the state variables are " + all);
                    }
                    if (!staged.add(v)) {
                        throw new DefinitionException("'" + v + "' is in two stages: each variable is advanced once");
                    }
                }
            }
            List<Stage> result = new ArrayList<>(stages);
            List<String> rest = all.stream().filter(v -> !staged.contains(v)).toList();
            if (!rest.isEmpty()) {
                result.add(new Stage(rest, method, 1));
            }
            return result;
        }

        private static List<String> names(List<StateVariable> variables) {
            return variables.stream().map(StateVariable::name).toList();
        }
    }
}

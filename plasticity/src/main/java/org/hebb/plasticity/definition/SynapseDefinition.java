package org.hebb.plasticity.definition;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.hebb.neurons.definition.DefinitionException;
import org.hebb.neurons.definition.Parameter;
import org.hebb.neurons.definition.Requirement;
import org.hebb.neurons.definition.analysis.DimensionCheck;
import org.hebb.neurons.definition.analysis.Scope;
import org.hebb.neurons.definition.analysis.Symbol;
import org.hebb.neurons.definition.expression.DefinitionText;
import org.hebb.neurons.definition.expression.Equation;
import org.hebb.neurons.definition.expression.Expression;
import org.hebb.neurons.definition.expression.ExpressionParser;
import org.hebb.neurons.definition.expression.Statement;
import org.hebb.neurons.definition.units.Unit;
import org.hebb.neurons.definition.units.Units;

/**
 * A plasticity rule declared once, in the language of the neuron definitions: parameters, variables per synapse
 * (the weight {@code w} among them) and their equations, traces per presynaptic or postsynaptic neuron, modulators
 * (third factors that user code sets), and the statements run when a presynaptic spike is sent ({@code
 * on_transmit}), when it arrives at a synapse ({@code on_pre}, after the synapse's delay), when the postsynaptic
 * neuron spikes ({@code on_post}) and every step where a condition on the modulators holds ({@code on_step}).
 * Hebb generates the rule's per-step code from it. Pair STDP:
 * <pre>{@code
 * SynapseDefinition stdp = SynapseDefinition.builder("pair STDP")
 *         .parameter("tau_plus", "ms", 20).parameter("tau_minus", "ms", 20)
 *         .parameter("A_plus", "weight", 0.01).parameter("A_minus", "weight", 0.0105)
 *         .parameter("w_max", "weight", 1)
 *         .presynapticTrace("dx_pre/dt = -x_pre / tau_plus : 1", "x_pre += 1")
 *         .postsynapticTrace("dx_post/dt = -x_post / tau_minus : 1", "x_post += 1")
 *         .onPre("w = clip(w - A_minus * x_post, 0, w_max)")
 *         .onPost("w = clip(w + A_plus * x_pre, 0, w_max)")
 *         .build();
 * }</pre>
 *
 * <p>The unit {@code weight} stands for the projection's weight unit (uS, nA or mV, its receptor's), so one rule
 * fits every projection. A statement reads each trace as it was just before the event, and a presynaptic spike
 * arriving in a step comes before a postsynaptic spike of that step: {@code on_post} sees the presynaptic trace
 * including the spikes that arrived in the same step (as the synapse sees it: one delay after they were emitted)
 * and the postsynaptic trace without the spike at hand; {@code on_pre} sees the presynaptic trace without the
 * arriving spike and the postsynaptic trace before the step's postsynaptic spikes. Every error is reported when
 * the definition is built, naming the text, the position and what is allowed.
 */
public final class SynapseDefinition {
    /** The name of the weight, a variable every synapse definition has. */
    public static final String WEIGHT = "w";
    /** The amount a spike delivers to the receptor, set by {@code on_transmit} (the weight if there is none). */
    public static final String TRANSMITTED = "transmitted";

    /** Whether a modulator has one value or one per postsynaptic neuron. */
    public enum ModulatorScope { GLOBAL, PER_POSTSYNAPTIC_NEURON }

    private final String name;
    private final Scope scope;
    private final List<Parameter> parameters;
    private final List<SynapseVariable> synapseVariables;
    private final List<TraceDefinition> traces;
    private final List<SynapseEquation> synapseEquations;
    private final List<Statement> onTransmit;
    private final List<Statement> onPre;
    private final List<Statement> onPost;
    private final List<ModulatorDefinition> modulators;
    private final Expression onStepCondition;
    private final List<Statement> onStep;
    private final List<Requirement> requirements;

    private SynapseDefinition(Builder b, Scope scope, List<SynapseVariable> synapseVariables,
                              List<TraceDefinition> traces, List<SynapseEquation> synapseEquations,
                              List<Statement> onTransmit, List<Statement> onPre, List<Statement> onPost,
                              List<ModulatorDefinition> modulators, Expression onStepCondition,
                              List<Statement> onStep, List<Requirement> requirements) {
        this.name = b.name;
        this.scope = scope;
        this.parameters = List.copyOf(b.parameters.values());
        this.synapseVariables = List.copyOf(synapseVariables);
        this.traces = List.copyOf(traces);
        this.synapseEquations = List.copyOf(synapseEquations);
        this.onTransmit = List.copyOf(onTransmit);
        this.onPre = List.copyOf(onPre);
        this.onPost = List.copyOf(onPost);
        this.modulators = List.copyOf(modulators);
        this.onStepCondition = onStepCondition;
        this.onStep = List.copyOf(onStep);
        this.requirements = List.copyOf(requirements);
    }

    /** A builder for a definition called {@code name} (used in messages and generated code comments). */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** The rule of this definition with every parameter at its default value. */
    public DefinedRule rule() {
        return new DefinedRule(this, Map.of());
    }

    /** The definition's name. */
    public String name() {
        return name;
    }

    /** The names and their kinds and units. */
    public Scope scope() {
        return scope;
    }

    /** The parameters, in declaration order. */
    public List<Parameter> parameters() {
        return parameters;
    }

    /** The per-synapse variables, the weight first. */
    public List<SynapseVariable> synapseVariables() {
        return synapseVariables;
    }

    /** The traces, in declaration order. */
    public List<TraceDefinition> traces() {
        return traces;
    }

    /**
     * The dynamics of synapse variables between events: advanced at each sent spike with {@code on_transmit},
     * lazily otherwise ({@link #advancesLazily()}).
     */
    public List<SynapseEquation> synapseEquations() {
        return synapseEquations;
    }

    /**
     * The statements run for each synapse of a presynaptic neuron when it spikes, before the spike is delivered;
     * they set {@link #TRANSMITTED}. Empty if the synapses transmit their weights.
     */
    public List<Statement> onTransmit() {
        return onTransmit;
    }

    /** The statements run when a presynaptic spike arrives at a synapse. */
    public List<Statement> onPre() {
        return onPre;
    }

    /** The statements run, for each incoming synapse, when the postsynaptic neuron spikes. */
    public List<Statement> onPost() {
        return onPost;
    }

    /** The modulators, in declaration order. */
    public List<ModulatorDefinition> modulators() {
        return modulators;
    }

    /**
     * The statements run every step for each synapse onto a postsynaptic neuron where {@link #onStepCondition()}
     * holds, after {@code on_pre} and {@code on_post}.
     */
    public List<Statement> onStep() {
        return onStep;
    }

    /** The condition on modulators and constants under which {@link #onStep()} runs, or null for always. */
    public Expression onStepCondition() {
        return onStepCondition;
    }

    /**
     * What every rule of this definition requires of its parameter values, in declaration order (see
     * {@link Builder#requires}).
     */
    public List<Requirement> requirements() {
        return requirements;
    }

    /**
     * Whether the synapse equations are solved lazily: in closed form over the steps since a synapse was last
     * touched, whenever {@code on_pre}, {@code on_post} or {@code on_step} touch it (there is no on_transmit, which
     * advances them at each sent spike instead).
     */
    public boolean advancesLazily() {
        return !synapseEquations.isEmpty() && onTransmit.isEmpty();
    }

    @Override
    public String toString() {
        return "synapse definition '" + name + "'";
    }

    /** Collects a definition's parts; {@link #build()} checks them all. */
    public static final class Builder {
        private final String name;
        private final Map<String, Parameter> parameters = new LinkedHashMap<>();
        private final List<String[]> synapseVariables = new ArrayList<>();
        private final List<String[]> traces = new ArrayList<>();
        private final Map<String, String> initialValues = new LinkedHashMap<>();
        private String synapseEquations = "";
        private String onTransmit = "";
        private String onPre = "";
        private String onPost = "";
        private final List<ModulatorDefinition> modulators = new ArrayList<>();
        private final List<String> modulatorUnits = new ArrayList<>();
        private String onStepCondition;
        private String onStep = "";
        private final List<String> requirements = new ArrayList<>();

        private Builder(String name) {
            if (name == null || name.isBlank()) {
                throw new DefinitionException("synapse definition name = '" + name + "' is not allowed: must be "
                        + "non-blank");
            }
            this.name = name;
        }

        /** A parameter in {@code unit} (which may use {@code weight}), with its default value in that unit. */
        public Builder parameter(String parameter, String unit, double defaultValue) {
            if (!Double.isFinite(defaultValue)) {
                throw new DefinitionException("default value of parameter " + parameter + " = " + defaultValue
                        + " is not allowed: must be finite");
            }
            if (parameters.containsKey(parameter)) {
                throw new DefinitionException("parameter '" + parameter + "' is declared twice");
            }
            parameters.put(parameter, new Parameter(parameter, SynapseParts.unit(unit, "unit of parameter "
                    + parameter), defaultValue, false));
            return this;
        }

        /**
         * A variable per synapse besides the weight, in {@code unit}, starting at {@code initial} (a constant
         * expression of parameters and units).
         */
        public Builder synapseVariable(String variable, String unit, String initial) {
            synapseVariables.add(new String[] {variable, unit, initial});
            return this;
        }

        /**
         * A trace per presynaptic neuron: {@code equation} is {@code dx/dt = -x / tau : unit} and {@code onSpike}
         * is {@code x += c} (all-to-all) or {@code x = c} (nearest-neighbour), tau and c constant expressions.
         */
        public Builder presynapticTrace(String equation, String onSpike) {
            traces.add(new String[] {"pre", equation, onSpike});
            return this;
        }

        /** A trace per postsynaptic neuron, written as for {@link #presynapticTrace}. */
        public Builder postsynapticTrace(String equation, String onSpike) {
            traces.add(new String[] {"post", equation, onSpike});
            return this;
        }

        /**
         * Equations of synapse variables, one per line, each linear in its own variable with constant coefficients
         * ({@code du/dt = (U - u) / tau_f : 1}), solved in closed form (Brian2's flag {@code (event-driven)} may be
         * written and changes nothing). With {@code on_transmit} they advance when a presynaptic spike is sent and
         * only on_transmit reads them; without it they advance lazily, over the steps since the synapse was last
         * touched, whenever on_pre, on_post or on_step touch it (an eligibility trace {@code de/dt = -e / tau_e}).
         * Their variables start at 0 unless {@link #initial} says otherwise.
         */
        public Builder synapseEquations(String equations) {
            synapseEquations = equations == null ? "" : equations;
            return this;
        }

        /** The initial value of a synapse variable of {@link #synapseEquations}, a constant expression. */
        public Builder initial(String variable, String expression) {
            initialValues.put(variable, expression);
            return this;
        }

        /**
         * Statements run for each synapse of a presynaptic neuron when it spikes, before the spike travels: they
         * advance nothing but read and assign synapse variables (advanced to this spike by their equations) and
         * must set {@code transmitted}, what the spike delivers to the receptor in place of {@code w}
         * (short-term plasticity).
         */
        public Builder onTransmit(String statements) {
            onTransmit = statements == null ? "" : statements;
            return this;
        }

        /** Statements run when a presynaptic spike arrives at a synapse, separated by {@code ;} or new lines. */
        public Builder onPre(String statements) {
            onPre = statements == null ? "" : statements;
            return this;
        }

        /** Statements run for every incoming synapse of a postsynaptic neuron when it spikes. */
        public Builder onPost(String statements) {
            onPost = statements == null ? "" : statements;
            return this;
        }

        /**
         * A modulator (a third factor) in {@code unit}, set by user code between steps and read by the statements:
         * one value, or one per postsynaptic neuron; {@code initial} (in {@code unit}) until it is set.
         */
        public Builder modulator(String modulator, String unit, ModulatorScope scope, double initial) {
            if (scope == null || !Double.isFinite(initial)) {
                throw new DefinitionException("modulator " + modulator + " with scope = " + scope + " and initial "
                        + "value = " + initial + " is not allowed: the scope must be given and the value finite");
            }
            modulators.add(new ModulatorDefinition(modulator, null, scope == ModulatorScope.PER_POSTSYNAPTIC_NEURON,
                    initial));
            modulatorUnits.add(unit);
            return this;
        }

        /** Statements run every step for every synapse (see {@link #onStep(String, String)}). */
        public Builder onStep(String statements) {
            return onStep(null, statements);
        }

        /**
         * Statements run every step, after {@code on_pre} and {@code on_post}, for each synapse onto a postsynaptic
         * neuron where {@code condition} holds ({@code "g * M != 0"}: a condition on modulators, parameters and dt,
         * which lets a step skip the synapses it would not change; null for always). They see presynaptic traces as
         * {@code on_post} does and postsynaptic traces as {@code on_pre} does.
         */
        public Builder onStep(String condition, String statements) {
            onStepCondition = condition == null || condition.isBlank() ? null : condition;
            onStep = statements == null ? "" : statements;
            return this;
        }

        /**
         * A condition on parameter values that every rule of this definition must meet, for example
         * {@code tau_plus > 0} for a time constant or {@code w_min < w_max} for weight bounds: a rule whose values
         * fail it is refused when it is attached to a projection, naming them (so its parameters may be set in any
         * order). It may name parameters and units only.
         */
        public Builder requires(String condition) {
            if (condition == null || condition.isBlank()) {
                throw new DefinitionException("requirement = '" + condition + "' is not allowed: must be a condition "
                        + "such as 'tau_plus > 0'");
            }
            requirements.add(condition);
            return this;
        }

        /** Checks every part (names, units, dimensions, what each statement may read and assign). */
        public SynapseDefinition build() {
            Scope scope = new Scope();
            scope.declare("dt", Symbol.Kind.TIME_STEP, Unit.of("ms"));
            for (Parameter p : parameters.values()) {
                scope.declare(p.name(), Symbol.Kind.PARAMETER, p.unit());
            }
            List<SynapseVariable> variables = new ArrayList<>();
            scope.declare(WEIGHT, Symbol.Kind.SYNAPSE_VARIABLE, Units.WEIGHT);
            variables.add(new SynapseVariable(WEIGHT, Units.WEIGHT, null));
            for (String[] v : synapseVariables) {
                Unit unit = SynapseParts.unit(v[1], "unit of synapse variable " + v[0]);
                scope.declare(v[0], Symbol.Kind.SYNAPSE_VARIABLE, unit);
                variables.add(new SynapseVariable(v[0], unit, null));
            }
            List<Equation> dynamics = new ArrayList<>();
            for (Equation e : DefinitionText.equations(synapseEquations.replace("(event-driven)", ""))) {
                if (!e.differential()) {
                    throw DefinitionException.at("synapse equation", e.text(), 0, "expected 'dx/dt = ... : unit'");
                }
                Unit unit = SynapseParts.unit(e.unit(), "unit of synapse variable " + e.name());
                scope.declare(e.name(), Symbol.Kind.SYNAPSE_VARIABLE, unit);
                variables.add(new SynapseVariable(e.name(), unit, null));
                dynamics.add(e);
            }
            boolean transmits = !onTransmit.isBlank();
            if (transmits) {
                scope.declare(TRANSMITTED, Symbol.Kind.SYNAPSE_VARIABLE, Units.WEIGHT);
                variables.add(new SynapseVariable(TRANSMITTED, Units.WEIGHT, null));
            }
            List<String[]> parsedTraces = new ArrayList<>();
            List<Equation> equations = new ArrayList<>();
            for (String[] t : traces) {
                List<Equation> parsed = DefinitionText.equations(t[1]);
                if (parsed.size() != 1 || !parsed.get(0).differential()) {
                    throw DefinitionException.at("trace equation", t[1], 0, "expected one equation "
                            + "'dx/dt = -x / tau : unit'");
                }
                Equation e = parsed.get(0);
                scope.declare(e.name(), t[0].equals("pre") ? Symbol.Kind.PRESYNAPTIC_TRACE
                        : Symbol.Kind.POSTSYNAPTIC_TRACE, SynapseParts.unit(e.unit(), "unit of trace " + e.name()));
                equations.add(e);
                parsedTraces.add(t);
            }
            for (String variable : initialValues.keySet()) {
                Symbol s = scope.get(variable);
                if (s == null || s.kind() != Symbol.Kind.SYNAPSE_VARIABLE || variable.equals(WEIGHT)
                        || variable.equals(TRANSMITTED)) {
                    throw new DefinitionException("initial value of '" + variable + "' is not allowed: only "
                            + "variables of the synapse equations take one; they are "
                            + dynamics.stream().map(Equation::name).toList());
                }
            }
            for (int k = 1; k < variables.size(); k++) {
                SynapseVariable v = variables.get(k);
                String text = k <= synapseVariables.size() ? synapseVariables.get(k - 1)[2]
                        : initialValues.getOrDefault(v.name(), "0");
                Expression initial = SynapseParts.constant("initial value of " + v.name(), text, v.unit(), scope);
                variables.set(k, new SynapseVariable(v.name(), v.unit(), initial));
            }
            List<SynapseEquation> equationsOfSynapses = new ArrayList<>();
            for (Equation e : dynamics) {
                equationsOfSynapses.add(SynapseParts.synapseEquation(e, scope));
            }
            List<TraceDefinition> traceDefinitions = new ArrayList<>();
            for (int k = 0; k < equations.size(); k++) {
                traceDefinitions.add(SynapseParts.trace(equations.get(k), parsedTraces.get(k), scope));
            }
            List<ModulatorDefinition> modulatorDefinitions = new ArrayList<>();
            for (int k = 0; k < modulators.size(); k++) {
                ModulatorDefinition m = modulators.get(k);
                Unit unit = SynapseParts.unit(modulatorUnits.get(k), "unit of modulator " + m.name());
                scope.declare(m.name(), Symbol.Kind.MODULATOR, unit);
                modulatorDefinitions.add(new ModulatorDefinition(m.name(), unit, m.perPostsynapticNeuron(),
                        m.initial()));
            }
            // with on_transmit, synapse equations advance at each sent spike and only on_transmit sees them up to
            // date; without it they advance lazily wherever a statement touches the synapse
            Set<String> advanced = new java.util.HashSet<>();
            if (transmits) {
                dynamics.forEach(e -> advanced.add(e.name()));
            }
            List<Statement> transmit = SynapseParts.statements("on_transmit", onTransmit, scope,
                    Set.of(Symbol.Kind.PRESYNAPTIC_TRACE, Symbol.Kind.POSTSYNAPTIC_TRACE, Symbol.Kind.MODULATOR),
                    Set.of());
            if (transmits && transmit.stream().noneMatch(t -> t.target().equals(TRANSMITTED))) {
                throw DefinitionException.at("on_transmit", onTransmit, 0, "must set '" + TRANSMITTED
                        + "', the amount the spike delivers (for example 'transmitted = w * u * x')");
            }
            List<Statement> pre = SynapseParts.statements("on_pre", onPre, scope, Set.of(), advanced);
            List<Statement> post = SynapseParts.statements("on_post", onPost, scope, Set.of(), advanced);
            List<Statement> step = SynapseParts.statements("on_step", onStep, scope, Set.of(), advanced);
            Expression condition = onStepCondition == null ? null
                    : SynapseParts.onStepCondition(onStepCondition, scope, step);
            if (pre.isEmpty() && post.isEmpty() && transmit.isEmpty() && step.isEmpty()) {
                throw new DefinitionException(name + ": a synapse definition needs on_pre, on_post, on_step or "
                        + "on_transmit statements (with none, it would change nothing)");
            }
            return new SynapseDefinition(this, scope, variables, traceDefinitions, equationsOfSynapses, transmit,
                    pre, post, modulatorDefinitions, condition, step, requirements(scope));
        }

        private List<Requirement> requirements(Scope scope) {
            List<Requirement> parsed = new ArrayList<>();
            for (String text : requirements) {
                Expression condition = ExpressionParser.parse("requirement", text);
                scope.requireKinds(condition, "requirement", text, Set.of(Symbol.Kind.PARAMETER, Symbol.Kind.UNIT),
                        "parameters and units (a requirement is checked on the parameter values)");
                DimensionCheck.condition(condition, scope, "requirement", text);
                parsed.add(new Requirement(text, condition));
            }
            return parsed;
        }
    }
}

package org.hebb.neurons.definition.event;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.ToDoubleFunction;

import org.hebb.neurons.definition.NeuronDefinition;
import org.hebb.neurons.definition.Receptor;
import org.hebb.neurons.definition.StateVariable;
import org.hebb.neurons.definition.analysis.ConstantEvaluator;
import org.hebb.neurons.definition.analysis.LinearForm;
import org.hebb.neurons.definition.analysis.Symbol;
import org.hebb.neurons.definition.expression.Expression;
import org.hebb.neurons.definition.expression.Expressions;
import org.hebb.neurons.definition.expression.Statement;
import org.hebb.neurons.definition.units.Units;

/**
 * A model's definition read as a linear system, the form the event-driven engine integrates in closed form:
 * dx/dt = A x + drive, with A fixed for the population and the drive free of the state (constants, per-neuron
 * parameters, the injected current); a threshold f = c x + rest >= 0; reset and arrival statements affine in the
 * state and the weight. Everything in Hebb's base units (mV, ms, nA, um). {@link #of} refuses, naming the
 * equation, condition or statement and the term, what has no such form.
 */
final class LinearDynamics {
    private static final String WEIGHT = "weight";
    final NeuronDefinition definition;
    /** The value of a name fixed for the population, in base units. */
    private final ToDoubleFunction<String> baseValues;
    final List<String> variables;
    /** Factor from each variable's unit to Hebb's base units. */
    final double[] factors;
    final double[][] a;
    /** Each variable's drive: the part of its derivative free of the state. */
    final Expression[] drive;
    /** Whether each variable is held while refractory. */
    final boolean[] held;
    final double[] thresholdCoefficients;
    /** Whether the threshold is strict ({@code >} or {@code <}): f must exceed 0 rather than reach it. */
    final boolean strictThreshold;
    final Expression thresholdRest;
    final AffineStatement[] reset;
    /** Per receptor, its statements. */
    final AffineStatement[][] arrivals;
    /** Per receptor, whether its statements act after integration (lost on held variables while refractory). */
    final boolean[] afterIntegration;
    /** Per receptor, the factor from its weight unit to base units. */
    final double[] weightFactors;
    /** The refractory period, or null. */
    final Expression refractory;

    private LinearDynamics(NeuronDefinition d, ToDoubleFunction<String> baseValues) {
        this.definition = d;
        this.baseValues = baseValues;
        this.variables = d.stateVariables().stream().map(StateVariable::name).toList();
        int n = variables.size();
        this.factors = new double[n];
        this.a = new double[n][n];
        this.drive = new Expression[n];
        this.held = new boolean[n];
        Set<String> state = new LinkedHashSet<>(variables);
        for (int i = 0; i < n; i++) {
            StateVariable v = d.stateVariables().get(i);
            factors[i] = v.unit().factor();
            held[i] = v.unlessRefractory() && d.hasRefractoryPeriod();
            String what = "d" + v.name() + "/dt = " + Expressions.toText(v.derivative());
            LinearForm form = linear(v.derivative(), state, what);
            for (int j = 0; j < n; j++) {
                a[i][j] = constant(form.coefficient(variables.get(j)), what);
            }
            drive[i] = perNeuron(form.rest(), what);
        }
        Expression threshold = d.threshold();
        if (threshold == null) {
            throw refusal("it has no threshold");
        }
        Expression f = thresholdFunction(threshold, d.thresholdText());
        this.strictThreshold = threshold instanceof Expression.Comparison c
                && (c.relation() == Expression.Relation.GREATER || c.relation() == Expression.Relation.LESS);
        String thresholdWhat = "threshold '" + d.thresholdText() + "'";
        LinearForm form = linear(f, state, thresholdWhat);
        this.thresholdCoefficients = new double[n];
        for (int j = 0; j < n; j++) {
            thresholdCoefficients[j] = constant(form.coefficient(variables.get(j)), thresholdWhat);
        }
        this.thresholdRest = perNeuron(form.rest(), thresholdWhat);
        this.reset = statements(d.reset(), state, "reset");
        this.arrivals = new AffineStatement[d.receptors().size()][];
        this.weightFactors = new double[d.receptors().size()];
        this.afterIntegration = new boolean[d.receptors().size()];
        Set<String> stateAndWeight = new LinkedHashSet<>(state);
        stateAndWeight.add(WEIGHT);
        for (int r = 0; r < d.receptors().size(); r++) {
            Receptor receptor = d.receptors().get(r);
            weightFactors[r] = Units.parse(receptor.weightUnit()).factor();
            afterIntegration[r] = receptor.afterIntegration();
            arrivals[r] = statements(d.receptorStatements(receptor), stateAndWeight,
                    "receptor '" + receptor.name() + "'");
        }
        this.refractory = d.refractory();
        if (refractory != null) {
            perNeuron(refractory, "refractory period '" + d.refractoryText() + "'");
        }
    }

    /**
     * The linear form of {@code definition}, its names fixed for the population valued by {@code baseValues} (in base
     * units; {@code dt} among them).
     *
     * @throws IllegalArgumentException naming what has no closed form between events
     */
    static LinearDynamics of(NeuronDefinition definition, ToDoubleFunction<String> baseValues) {
        return new LinearDynamics(definition, baseValues);
    }

    /** The value of a name fixed for the population, in base units. */
    double constantValue(String name) {
        return baseValues.applyAsDouble(name);
    }

    private Expression thresholdFunction(Expression threshold, String text) {
        if (threshold instanceof Expression.Comparison c) {
            switch (c.relation()) {
                case GREATER, GREATER_OR_EQUAL -> {
                    return Expressions.subtract(c.left(), c.right());
                }
                case LESS, LESS_OR_EQUAL -> {
                    return Expressions.subtract(c.right(), c.left());
                }
                default -> {
                }
            }
        }
        throw refusal("its threshold '" + text + "' is not one comparison x > y, x >= y, x < y or x <= y");
    }

    private AffineStatement[] statements(List<Statement> statements, Set<String> names, String what) {
        List<AffineStatement> affine = new ArrayList<>();
        for (Statement s : statements) {
            String text = what + " '" + s.target() + (s.operator() == null ? "" : s.operator().symbol()) + "= "
                    + Expressions.toText(s.value()) + "'";
            LinearForm form = linear(s.assigned(), names, text);
            double[] coefficients = new double[variables.size()];
            for (int j = 0; j < coefficients.length; j++) {
                coefficients[j] = constant(form.coefficient(variables.get(j)), text);
            }
            double weight = names.contains(WEIGHT) ? constant(form.coefficient(WEIGHT), text) : 0;
            int target = variables.indexOf(s.target());
            if (target < 0) {
                throw refusal(text + " assigns " + s.target() + ", which is not a state variable");
            }
            affine.add(new AffineStatement(target, coefficients, weight, perNeuron(form.rest(), text)));
        }
        return affine.toArray(new AffineStatement[0]);
    }

    private LinearForm linear(Expression e, Set<String> names, String what) {
        try {
            return LinearForm.of(e, names);
        } catch (LinearForm.NotLinear notLinear) {
            throw refusal(what + " is not linear in the state: the term '"
                    + Expressions.toText(notLinear.term()) + "' is not");
        }
    }

    /** Evaluates a coefficient, which must be fixed for the population. */
    private double constant(Expression e, String what) {
        for (String name : Expressions.names(e)) {
            Symbol s = definition.scope().get(name);
            if (s != null && !s.isConstant()) {
                throw refusal("in " + what + " the coefficient '" + Expressions.toText(e) + "' depends on " + name
                        + " (" + s.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                        + "), which is not fixed for the population");
            }
        }
        return ConstantEvaluator.evaluate(e, this::constantValue);
    }

    /** Checks that {@code e} is free of the state and of step inputs (it may vary per neuron). */
    private Expression perNeuron(Expression e, String what) {
        for (String name : Expressions.names(e)) {
            Symbol s = definition.scope().get(name);
            if (s != null && s.kind() == Symbol.Kind.STEP_INPUT) {
                throw refusal(what + " reads the step input " + name + ", which exists only per time step");
            }
        }
        return e;
    }

    private IllegalArgumentException refusal(String why) {
        return new IllegalArgumentException(definition.name() + " has no closed form between events: " + why);
    }
}

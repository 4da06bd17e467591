package org.hebb.neurons.definition.integration;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.hebb.neurons.Precision;
import org.hebb.neurons.definition.IntegrationMethod;
import org.hebb.neurons.definition.NeuronDefinition;
import org.hebb.neurons.definition.Parameter;
import org.hebb.neurons.definition.Receptor;
import org.hebb.neurons.definition.Stage;
import org.hebb.neurons.definition.StateVariable;
import org.hebb.neurons.definition.analysis.ConstantEvaluator;
import org.hebb.neurons.definition.analysis.LinearForm;
import org.hebb.neurons.definition.analysis.MethodCheck;
import org.hebb.neurons.definition.analysis.Symbol;
import org.hebb.neurons.definition.expression.Expression;
import org.hebb.neurons.definition.expression.Expressions;
import org.hebb.neurons.definition.expression.Statement;
import org.hebb.neurons.definition.units.Units;

import static org.hebb.neurons.definition.expression.Expressions.add;
import static org.hebb.neurons.definition.expression.Expressions.divide;
import static org.hebb.neurons.definition.expression.Expressions.multiply;
import static org.hebb.neurons.definition.expression.Expressions.name;
import static org.hebb.neurons.definition.expression.Expressions.number;
import static org.hebb.neurons.definition.expression.Expressions.subtract;

/** Turns a definition, its parameter values and dt into the {@link StepProgram} that every backend prints. */
public final class StepProgramBuilder {
    private static final String HELD = "_held";

    private final NeuronDefinition definition;
    private final Map<String, Double> values;
    private final double dt;
    private final Precision precision;
    private final ConstantPool constants;
    private final List<Assignment> temporaries = new ArrayList<>();
    private int temporaryCount;

    private StepProgramBuilder(NeuronDefinition definition, Map<String, Double> values, double dt,
                               Precision precision) {
        this.definition = definition;
        this.values = values;
        this.dt = dt;
        this.precision = precision;
        this.constants = new ConstantPool(this::isConstant, this::constantValue, precision,
                definition.name() + " with parameters " + values + " at dt = " + dt + " ms");
    }

    /**
     * The step program of {@code definition} with the population's parameter values {@code values} (by name, in
     * each parameter's unit), time step {@code dt} ms and {@code precision}.
     */
    public static StepProgram build(NeuronDefinition definition, Map<String, Double> values, double dt,
                                    Precision precision) {
        return new StepProgramBuilder(definition, values, dt, precision).build();
    }

    /** What a spike leaves in the refractory counter: round(period / dt) - 1, at least 0. */
    public static long refractoryStepsAfterSpike(NeuronDefinition definition, Map<String, Double> values,
                                                 double dt) {
        StepProgramBuilder b = new StepProgramBuilder(definition, values, dt, Precision.DOUBLE);
        double period = ConstantEvaluator.evaluate(definition.refractory(), b::constantValue);
        return Math.max(Math.round(period / dt) - 1, 0);
    }

    private StepProgram build() {
        List<InputPass> inputPasses = inputPasses();
        Set<String> selfOnly = selfOnlyVariables();
        Map<String, Expression> current = new LinkedHashMap<>();
        for (StateVariable v : definition.stateVariables()) {
            current.put(v.name(), name(v.name()));
        }
        List<SelfUpdate> selfUpdates = new ArrayList<>();
        for (Stage stage : definition.stages()) {
            integrate(stage, current, selfOnly, selfUpdates);
        }
        List<Integer> afterInputs = new ArrayList<>();
        Map<String, Expression> next = new LinkedHashMap<>();
        for (StateVariable v : definition.stateVariables()) {
            if (!selfOnly.contains(v.name())) {
                next.put(v.name(), current.get(v.name()));
            }
        }
        for (int r = 0; r < definition.receptors().size(); r++) {
            Receptor receptor = definition.receptors().get(r);
            if (!receptor.afterIntegration()) {
                continue;
            }
            afterInputs.add(r);
            Map<String, Expression> weight = Map.of("weight", name("_w" + r));
            for (Statement s : definition.receptorStatements(receptor)) {
                Expression value = Expressions.substitute(s.value(), weight);
                Expression old = next.get(s.target());
                next.put(s.target(), s.operator() == Expression.Operator.ADD ? add(old, value)
                        : subtract(old, value));
            }
        }
        if (definition.hasRefractoryPeriod()) {
            for (StateVariable v : definition.stateVariables()) {
                if (v.unlessRefractory()) {
                    Expression held = name(HELD);
                    next.put(v.name(), add(multiply(name(v.name()), held),
                            multiply(next.get(v.name()), subtract(number(1), held))));
                }
            }
        }
        Map<String, Expression> hoistedNext = new LinkedHashMap<>();
        next.forEach((variable, value) -> hoistedNext.put(variable, constants.hoist(value)));
        List<Assignment> hoistedTemporaries = new ArrayList<>();
        for (Assignment a : temporaries) {
            hoistedTemporaries.add(new Assignment(a.name(), constants.hoist(a.value())));
        }
        Expression threshold = definition.threshold() == null ? null
                : constants.hoist(guardOverflow(definition.threshold()));
        List<Assignment> reset = new ArrayList<>();
        for (Statement s : definition.reset()) {
            reset.add(new Assignment(s.target(), constants.hoist(s.assigned())));
        }
        List<InputPass> hoistedPasses = new ArrayList<>();
        for (InputPass p : inputPasses) {
            hoistedPasses.add(new InputPass(p.receptor(), p.target(), p.stepInput(), p.first(),
                    constants.hoist(p.value()), p.clear()));
        }
        List<String> stored = definition.storageOrder();
        Map<String, Double> loadFactors = new LinkedHashMap<>();
        for (StateVariable v : definition.stateVariables()) {
            loadFactors.put(v.name(), v.unit().factor());
        }
        for (Parameter p : definition.parameters()) {
            loadFactors.put(p.name(), p.unit().factor());
        }
        double[] receptorFactors = new double[definition.receptors().size()];
        for (int r = 0; r < receptorFactors.length; r++) {
            receptorFactors[r] = Units.parse(definition.receptors().get(r).weightUnit()).factor();
        }
        float afterSpike = definition.hasRefractoryPeriod()
                ? refractoryStepsAfterSpike(definition, values, dt) : 0;
        return new StepProgram(definition.name(), stored, loadFactors, receptorFactors,
                definition.injectedUnit().factor(), List.copyOf(definition.stepInputs().keySet()), hoistedPasses,
                hoistedTemporaries, hoistedNext, afterInputs, hoistSelf(selfUpdates), threshold, reset,
                definition.hasRefractoryPeriod() ? NeuronDefinition.REFRACTORY_COUNTER : null, afterSpike,
                constants.values(), constants.descriptions(), precision);
    }

    private List<SelfUpdate> hoistSelf(List<SelfUpdate> updates) {
        List<SelfUpdate> hoisted = new ArrayList<>();
        for (SelfUpdate u : updates) {
            List<Assignment> t = new ArrayList<>();
            for (Assignment a : u.temporaries()) {
                t.add(new Assignment(a.name(), constants.hoist(a.value())));
            }
            hoisted.add(new SelfUpdate(u.variable(), t, constants.hoist(u.next())));
        }
        return hoisted;
    }

    private List<InputPass> inputPasses() {
        List<InputPass> passes = new ArrayList<>();
        Set<String> written = new HashSet<>();
        for (int r = 0; r < definition.receptors().size(); r++) {
            Receptor receptor = definition.receptors().get(r);
            if (receptor.afterIntegration()) {
                continue;
            }
            List<Statement> statements = definition.receptorStatements(receptor);
            for (int k = 0; k < statements.size(); k++) {
                Statement s = statements.get(k);
                boolean stepInput = definition.stepInputs().containsKey(s.target());
                Expression value = s.operator() == Expression.Operator.ADD ? s.value()
                        : Expressions.negate(s.value());
                passes.add(new InputPass(r, s.target(), stepInput, stepInput && written.add(s.target()), value,
                        k == statements.size() - 1));
            }
        }
        return passes;
    }

    /**
     * Variables whose new value depends only on themselves and constants, which no other variable's update
     * reads after it changed, and which no receptor or refractoriness touches during the main pass.
     */
    private Set<String> selfOnlyVariables() {
        Set<String> result = new LinkedHashSet<>();
        Set<String> afterTargets = new HashSet<>();
        for (Receptor r : definition.receptors()) {
            if (r.afterIntegration()) {
                definition.receptorStatements(r).forEach(s -> afterTargets.add(s.target()));
            }
        }
        List<Stage> stages = definition.stages();
        for (int s = 0; s < stages.size(); s++) {
            Stage stage = stages.get(s);
            for (String name : stage.variables()) {
                StateVariable v = definition.stateVariable(name);
                boolean self = Expressions.names(v.derivative()).stream()
                        .allMatch(n -> n.equals(name) || isConstant(n));
                boolean clamped = v.unlessRefractory() && definition.hasRefractoryPeriod();
                boolean readLater = false;
                for (int later = s + 1; later < stages.size(); later++) {
                    for (String other : stages.get(later).variables()) {
                        readLater |= Expressions.names(definition.stateVariable(other).derivative()).contains(name);
                    }
                }
                boolean readInStage = false;
                if (stage.method() == IntegrationMethod.RK2 || stage.method() == IntegrationMethod.RK4
                        || stage.substeps() > 1) {
                    for (String other : stage.variables()) {
                        readInStage |= !other.equals(name)
                                && Expressions.names(definition.stateVariable(other).derivative()).contains(name);
                    }
                }
                if (self && !clamped && !readLater && !readInStage && !afterTargets.contains(name)) {
                    result.add(name);
                }
            }
        }
        return result;
    }

    private void integrate(Stage stage, Map<String, Expression> current, Set<String> selfOnly,
                           List<SelfUpdate> selfUpdates) {
        if (stage.method() == IntegrationMethod.EXACT) {
            exact(stage, current, selfOnly, selfUpdates);
            return;
        }
        List<String> joint = stage.variables().stream().filter(v -> !selfOnly.contains(v)).toList();
        if (!joint.isEmpty()) {
            integrateNumerically(stage, joint, current, temporaries);
        }
        for (String v : stage.variables()) {
            if (selfOnly.contains(v)) {
                List<Assignment> own = new ArrayList<>();
                Map<String, Expression> alone = new LinkedHashMap<>(current);
                integrateNumerically(stage, List.of(v), alone, own);
                selfUpdates.add(new SelfUpdate(v, own, alone.get(v)));
            }
        }
    }

    private void integrateNumerically(Stage stage, List<String> variables, Map<String, Expression> current,
                                      List<Assignment> sink) {
        Expression h = divide(name("dt"), number(stage.substeps()));
        for (int step = 0; step < stage.substeps(); step++) {
            Map<String, Expression> next = switch (stage.method()) {
                case EULER -> euler(variables, current, h, sink);
                case EXPONENTIAL_EULER -> exponentialEuler(variables, current, h, dt / stage.substeps(), sink);
                case RK2 -> rk2(variables, current, h, sink);
                case RK4 -> rk4(variables, current, h, sink);
                case EXACT -> throw new IllegalStateException();
            };
            current.putAll(next);
        }
    }

    private Map<String, Expression> euler(List<String> variables, Map<String, Expression> at, Expression h,
                                          List<Assignment> sink) {
        Map<String, Expression> next = new LinkedHashMap<>();
        for (String v : variables) {
            next.put(v, temporary(add(at.get(v), multiply(h, derivative(v, at, false))), sink));
        }
        return next;
    }

    private Map<String, Expression> rk2(List<String> variables, Map<String, Expression> at, Expression h,
                                        List<Assignment> sink) {
        Map<String, Expression> k1 = slopes(variables, at, sink);
        Map<String, Expression> midpoint = shifted(variables, at, k1, divide(h, number(2)), sink);
        Map<String, Expression> k2 = slopes(variables, midpoint, sink);
        Map<String, Expression> next = new LinkedHashMap<>();
        for (String v : variables) {
            next.put(v, temporary(add(at.get(v), multiply(h, k2.get(v))), sink));
        }
        return next;
    }

    private Map<String, Expression> rk4(List<String> variables, Map<String, Expression> at, Expression h,
                                        List<Assignment> sink) {
        Expression half = divide(h, number(2));
        Map<String, Expression> k1 = slopes(variables, at, sink);
        Map<String, Expression> at2 = shifted(variables, at, k1, half, sink);
        Map<String, Expression> k2 = slopes(variables, at2, sink);
        Map<String, Expression> at3 = shifted(variables, at, k2, half, sink);
        Map<String, Expression> k3 = slopes(variables, at3, sink);
        Map<String, Expression> at4 = shifted(variables, at, k3, h, sink);
        Map<String, Expression> k4 = slopes(variables, at4, sink);
        Map<String, Expression> next = new LinkedHashMap<>();
        Expression sixth = divide(h, number(6));
        for (String v : variables) {
            Expression sum = add(add(add(k1.get(v), multiply(number(2), k2.get(v))), multiply(number(2), k3.get(v))),
                    k4.get(v));
            next.put(v, temporary(add(at.get(v), multiply(sixth, sum)), sink));
        }
        return next;
    }

    private Map<String, Expression> slopes(List<String> variables, Map<String, Expression> at,
                                           List<Assignment> sink) {
        Map<String, Expression> k = new LinkedHashMap<>();
        for (String v : variables) {
            k.put(v, temporary(derivative(v, at, true), sink));
        }
        return k;
    }

    private Map<String, Expression> shifted(List<String> variables, Map<String, Expression> at,
                                            Map<String, Expression> slope, Expression step, List<Assignment> sink) {
        Map<String, Expression> shifted = new LinkedHashMap<>(at);
        for (String v : variables) {
            shifted.put(v, temporary(add(at.get(v), multiply(step, slope.get(v))), sink));
        }
        return shifted;
    }

    /**
     * Brian2's exponential Euler: for dv/dt = a v + b, linear in v with a and b taken at the start of the step,
     * v + (v + b / a) (e^(a h) - 1), the exact step while a and b stay constant. Written as an increment with
     * {@code expm1}: the equivalent (v + b / a) e^(a h) - b / a subtracts two values of the size of the equilibrium
     * -b / a, which grows with the time constant -1 / a, and keeps of e^(a h) - 1 only what the rounding of e^(a h)
     * near 1 leaves (IF_cond_exp at tau_m = 1e5 ms and dt = 0.1 ms: 763 ulps off in one double step; at 1e8 ms in
     * float, v did not move at all). The increment is as precise as e^(a h) - 1 and v + b / a, so the step is within
     * about an ulp of v at every time constant.
     *
     * <p>Where a h is below the precision's epsilon, the step is Euler's v + h (a v + b), the limit of the exact
     * step as a goes to 0 (within half an ulp of it there): b / a would be 0 / 0 where a is 0 (a membrane without
     * leak whose conductances are all 0, a per-neuron leak of 0), or overflow where a is tiny, and make v NaN or
     * infinite. A coefficient fixed for the population is tested once, here; one that varies is tested in the kernel
     * where it vanishes with the variables, inputs and per-neuron parameters (a choice in the kernel may keep C2
     * from vectorising its loop; a coefficient with a part of its own, as IF_cond_exp's -1 / tau_m, keeps the plain
     * step).
     */
    private Map<String, Expression> exponentialEuler(List<String> variables, Map<String, Expression> at,
                                                     Expression h, double hValue, List<Assignment> sink) {
        Map<String, Expression> next = new LinkedHashMap<>();
        double epsilon = precision == Precision.SINGLE ? Math.ulp(1.0f) : Math.ulp(1.0);
        for (String v : variables) {
            LinearForm form;
            try {
                form = LinearForm.of(definition.stateVariable(v).derivative(), Set.of(v));
            } catch (LinearForm.NotLinear e) {
                throw new IllegalStateException("checked when the definition was built", e);
            }
            Expression coefficient = form.coefficient(v);
            Expression x = at.get(v);
            Expression a = Expressions.substitute(coefficient, at);
            Expression b = Expressions.substitute(form.rest(), at);
            boolean fixed = Expressions.names(coefficient).stream().allMatch(this::isConstant);
            if (Expressions.isZero(a) || fixed && Math.abs(ConstantEvaluator.evaluate(coefficient,
                    this::constantValue) * hValue) < epsilon) {
                next.put(v, temporary(add(x, multiply(h, add(multiply(a, x), b))), sink));
                continue;
            }
            if (fixed || !vanishesAtZero(coefficient)) {
                Expression ratio = temporary(divide(b, a), sink);
                Expression growthMinusOne = Expressions.call("expm1", multiply(a, h));
                next.put(v, temporary(add(x, multiply(add(x, ratio), growthMinusOne)), sink));
                continue;
            }
            Expression rate = temporary(a, sink);
            Expression drive = temporary(b, sink);
            Expression rateStep = temporary(multiply(rate, h), sink);
            Expression ratio = temporary(divide(drive, rate), sink);
            Expression exact = add(x, multiply(add(x, ratio), Expressions.call("expm1", rateStep)));
            Expression euler = add(x, multiply(h, add(multiply(rate, x), drive)));
            Expression negligible = new Expression.Comparison(Expression.Relation.LESS,
                    Expressions.call("abs", rateStep), number(epsilon), -1, -1);
            next.put(v, temporary(new Expression.Select(negligible, euler, exact), sink));
        }
        return next;
    }

    /**
     * Whether {@code coefficient} is 0 (or undefined) where every name not fixed for the population (state
     * variables, inputs, per-neuron parameters) is 0.
     */
    private boolean vanishesAtZero(Expression coefficient) {
        double atZero = ConstantEvaluator.evaluate(coefficient, n -> isConstant(n) ? constantValue(n) : 0);
        return atZero == 0 || Double.isNaN(atZero);
    }

    /**
     * dv/dt at the values {@code at}; with {@code zeroWhileHeld}, zero while refractory if v is held then (for the
     * Runge-Kutta methods, whose intermediate values other variables read; Euler's result is simply held).
     */
    private Expression derivative(String v, Map<String, Expression> at, boolean zeroWhileHeld) {
        StateVariable variable = definition.stateVariable(v);
        Expression f = Expressions.substitute(variable.derivative(), at);
        if (zeroWhileHeld && variable.unlessRefractory() && definition.hasRefractoryPeriod()) {
            f = multiply(f, subtract(number(1), name(HELD)));
        }
        return f;
    }

    private void exact(Stage stage, Map<String, Expression> current, Set<String> selfOnly,
                       List<SelfUpdate> selfUpdates) {
        List<String> variables = stage.variables();
        Map<String, LinearForm> forms = new LinkedHashMap<>();
        Set<String> inputs = new LinkedHashSet<>();
        for (String v : variables) {
            LinearForm form = MethodCheck.exactForm(definition.scope(), definition.stateVariable(v));
            forms.put(v, form);
            for (String name : form.coefficients().keySet()) {
                if (!variables.contains(name)) {
                    inputs.add(name);
                }
            }
        }
        List<String> columns = new ArrayList<>(variables);
        columns.addAll(inputs);
        double[][] free = propagator(forms, columns, Set.of(), false);
        double[][] freeIncrement = propagator(forms, columns, Set.of(), true);
        Set<String> clamped = new LinkedHashSet<>();
        if (definition.hasRefractoryPeriod()) {
            for (String v : variables) {
                if (definition.stateVariable(v).unlessRefractory()) {
                    clamped.add(v);
                }
            }
        }
        double[][] refractory = clamped.isEmpty() ? free : propagator(forms, columns, clamped, false);
        double[][] refractoryIncrement = clamped.isEmpty() ? freeIncrement
                : propagator(forms, columns, clamped, true);
        Set<String> coupled = coupledToHeld(forms, clamped);
        Map<String, Expression> next = new LinkedHashMap<>();
        for (int i = 0; i < variables.size(); i++) {
            String v = variables.get(i);
            List<Assignment> sink = selfOnly.contains(v) ? new ArrayList<>() : temporaries;
            Expression value = row(v, free[i], -freeIncrement[i][i], columns, current);
            if (coupled.contains(v)) {
                Expression held = name(HELD);
                value = add(multiply(value, subtract(number(1), held)),
                        multiply(row(v, refractory[i], -refractoryIncrement[i][i], columns, current), held));
            }
            if (selfOnly.contains(v)) {
                selfUpdates.add(new SelfUpdate(v, sink, value));
            } else {
                next.put(v, temporary(value, temporaries));
            }
        }
        current.putAll(next);
    }

    /**
     * The variables that are not held while refractory but whose equations depend, directly or through others, on
     * a held one: they need the propagator of the refractory system while the neuron is refractory.
     */
    private static Set<String> coupledToHeld(Map<String, LinearForm> forms, Set<String> held) {
        Set<String> reached = new LinkedHashSet<>(held);
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Map.Entry<String, LinearForm> e : forms.entrySet()) {
                if (!reached.contains(e.getKey())
                        && e.getValue().coefficients().keySet().stream().anyMatch(reached::contains)) {
                    reached.add(e.getKey());
                    grew = true;
                }
            }
        }
        reached.removeAll(held);
        return reached;
    }

    /**
     * exp(M dt) for the system's matrix M over the columns (state, then inputs) plus a last column for the
     * constant term, or with {@code minusIdentity} exp(M dt) - I, whose diagonal keeps its precision where a
     * variable barely decays; rows of {@code held} variables are zero (their derivative vanishes while refractory).
     */
    private double[][] propagator(Map<String, LinearForm> forms, List<String> columns, Set<String> held,
                                  boolean minusIdentity) {
        int n = columns.size() + 1;
        double[][] m = new double[n][n];
        int row = 0;
        for (Map.Entry<String, LinearForm> e : forms.entrySet()) {
            if (!held.contains(e.getKey())) {
                LinearForm form = e.getValue();
                for (int c = 0; c < columns.size(); c++) {
                    m[row][c] = ConstantEvaluator.evaluate(form.coefficient(columns.get(c)), this::constantValue) * dt;
                }
                m[row][n - 1] = ConstantEvaluator.evaluate(form.rest(), this::constantValue) * dt;
                for (double x : m[row]) {
                    if (!Double.isFinite(x)) {
                        throw new IllegalArgumentException(definition.name() + " cannot be integrated exactly with "
                                + "these parameters: the equation of " + e.getKey() + " has a coefficient that is not "
                                + "finite (a time constant of 0?); parameters " + values);
                    }
                }
            }
            row++;
        }
        return minusIdentity ? MatrixExponential.minusIdentity(m) : MatrixExponential.precise(m);
    }

    /**
     * The new value of {@code variable} from its propagator row: P x + (other state variables) for a homogeneous
     * row. A row with a constant part or inputs is written as an increment, x + (c - (1 - P) x) + (other state
     * variables), with c = constant part + inputs and 1 - P ({@code decay}, from exp(M dt) - I) computed in double,
     * not as 1 minus a rounded P (which keeps only the first digits of 1 - P where P is near 1): the form P x + c
     * would move the equilibrium c / (1 - P) by the rounding of P divided by 1 - P, and the form x_inf + (x - x_inf) P
     * loses x in the rounding of x_inf where the equilibrium lies far away (a membrane that barely leaks,
     * tau_m >> dt, where P may even round to 1 in float). (In float, x still stops short of the equilibrium where its
     * change per step, (1 - P) (x - x_inf), rounds away.) Without decay (1 - P = 0) it is x + c.
     */
    private Expression row(String variable, double[] row, double decay, List<String> columns,
                           Map<String, Expression> current) {
        int own = columns.indexOf(variable);
        double keep = row[own];
        double constant = row[row.length - 1];
        boolean affine = constant != 0;
        for (int c = 0; c < columns.size(); c++) {
            affine |= row[c] != 0 && !isState(columns.get(c));
        }
        Expression x = current.get(variable);
        Expression value;
        if (!affine) {
            value = keep == 1 ? x : multiply(constants.add(keep, "propagator: " + variable + " from itself"), x);
        } else {
            Expression drive = constant == 0 ? number(0)
                    : constants.add(constant, "increment of " + variable + ": constant part");
            for (int c = 0; c < columns.size(); c++) {
                if (row[c] != 0 && !isState(columns.get(c))) {
                    Expression column = current.getOrDefault(columns.get(c), name(columns.get(c)));
                    drive = add(drive, multiply(constants.add(row[c], "increment of " + variable + ": per unit of "
                            + columns.get(c)), column));
                }
            }
            value = decay == 0 ? add(x, drive) : add(x, subtract(drive, multiply(constants.add(decay,
                    "propagator: decay of " + variable + " per step"), x)));
        }
        for (int c = 0; c < columns.size(); c++) {
            if (c != own && row[c] != 0 && isState(columns.get(c))) {
                Expression column = current.getOrDefault(columns.get(c), name(columns.get(c)));
                value = add(value, row[c] == 1 ? column : multiply(constants.add(row[c], "propagator: " + variable
                        + " from " + columns.get(c)), column));
            }
        }
        return value;
    }

    private boolean isState(String name) {
        Symbol s = definition.scope().get(name);
        return s != null && s.kind() == Symbol.Kind.STATE;
    }

    private Expression temporary(Expression value, List<Assignment> sink) {
        if (value instanceof Expression.Name || value instanceof Expression.Literal) {
            return value;
        }
        String name = "_t" + temporaryCount++;
        sink.add(new Assignment(name, value));
        return name(name);
    }

    /**
     * A comparison of a state variable v that holds for large v ({@code v >= x}, {@code v > x}, {@code x < v},
     * {@code x <= v}) also requires v to be at most the largest finite value, one that holds for small v
     * ({@code v < x}, {@code x > v}, ...) at least the lowest: so an overflowed state is reported, not reset, however
     * the comparison is written.
     */
    private Expression guardOverflow(Expression condition) {
        double largest = precision == Precision.SINGLE ? Float.MAX_VALUE : Double.MAX_VALUE;
        return Expressions.rewrite(condition, node -> {
            if (!(node instanceof Expression.Comparison c) || c.relation() == Expression.Relation.EQUAL
                    || c.relation() == Expression.Relation.NOT_EQUAL) {
                return null;
            }
            boolean greater = c.relation() == Expression.Relation.GREATER
                    || c.relation() == Expression.Relation.GREATER_OR_EQUAL;
            Expression variable;
            boolean large;
            if (isStateName(c.left())) {
                variable = c.left();
                large = greater;
            } else if (isStateName(c.right())) {
                variable = c.right();
                large = !greater;
            } else {
                return null;
            }
            Expression finite = large
                    ? new Expression.Comparison(Expression.Relation.LESS_OR_EQUAL, variable, number(largest), -1, -1)
                    : new Expression.Comparison(Expression.Relation.GREATER_OR_EQUAL, variable, number(-largest), -1,
                    -1);
            return new Expression.Logical(true, c, finite, c.start(), c.end());
        });
    }

    private boolean isStateName(Expression e) {
        return e instanceof Expression.Name n && definition.stateVariable(n.name()) != null;
    }

    private boolean isConstant(String name) {
        Symbol s = definition.scope().get(name);
        if (s != null) {
            return s.isConstant();
        }
        return Units.symbol(name) != null;
    }

    private double constantValue(String name) {
        if (name.equals("dt")) {
            return dt;
        }
        Symbol s = definition.scope().get(name);
        if (s != null && s.kind() == Symbol.Kind.PARAMETER) {
            Double value = values.get(name);
            if (value == null) {
                throw new IllegalStateException("no value for parameter " + name);
            }
            return value * s.unit().factor();
        }
        return Units.symbol(name).factor();
    }
}

package org.hebb.plasticity.definition;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.hebb.neurons.definition.Parameter;
import org.hebb.neurons.definition.expression.Expressions;
import org.hebb.neurons.definition.generate.JavaKernels;
import org.hebb.simulator.EngineKind;
import org.hebb.simulator.checkpoint.CheckpointException;
import org.hebb.simulator.checkpoint.Checkpointed;
import org.hebb.simulator.checkpoint.StateVisitor;
import org.hebb.simulator.connect.Projection;
import org.hebb.simulator.engine.HostGlobalUpdate;
import org.hebb.simulator.engine.SpikeEventUpdate;
import org.hebb.simulator.engine.SpikeHistory;
import org.hebb.simulator.engine.SynapseUpdate;
import org.hebb.simulator.engine.Trace;
import org.hebb.simulator.engine.Transmission;
import org.hebb.simulator.plasticity.PlasticityContext;
import org.hebb.simulator.plasticity.RuleState;
import org.hebb.util.Require;

/**
 * A {@link DefinedRule} on one projection: the per-synapse variables (the weight is the projection's own array),
 * the traces, and the generated update registered with the engine. Values are in Hebb's units (ms, mV, nA, uS;
 * weights in the projection's weight unit). Under the clock-driven engine the traces are the engine's shared ones
 * (values after the latest step); under the event-driven engine a presynaptic trace is kept per synapse (its value
 * at the synapse's last arrival) and a postsynaptic one per neuron (at its last spike).
 */
public final class DefinedSynapses implements RuleState, Checkpointed {
    private final DefinedRule rule;
    private final SynapseDefinition definition;
    private final PlasticityContext context;
    private final Projection projection;
    private final List<Variable> variables = new ArrayList<>();
    private final float[][] synapseArrays;
    private final float[] initial;
    private final float[][] traceValues;
    /** Under the clock-driven engine, the engine's traces the rule uses (else null). */
    private Trace[] clockTraces;
    private final Modulators modulators;
    /** The lazily solved synapse equations (null unless the definition solves them lazily). */
    private final LazyEquations lazy;
    /** The latest spike step whose synapse updates have run (clock-driven engine). */
    private long latestStep;
    /** With on_transmit, the step of each presynaptic neuron's latest spike (else null). */
    private long[] lastSpike;
    /** Per trace, its projection as on_step reads it (null where not projected; clock-driven engine). */
    private ProjectedTrace[] projected;

    DefinedSynapses(DefinedRule rule, PlasticityContext context) {
        this.rule = rule;
        this.definition = rule.definition();
        this.context = context;
        this.projection = context.projection();
        List<SynapseVariable> declared = definition.synapseVariables();
        this.synapseArrays = new float[declared.size()][];
        this.initial = new float[declared.size()];
        for (int k = 0; k < declared.size(); k++) {
            SynapseVariable v = declared.get(k);
            if (k == 0) {
                synapseArrays[k] = projection.rows().weights();
            } else {
                double value = rule.evaluate(v.initial(), context.dt());
                initial[k] = (float) value;
                if (!Float.isFinite(initial[k])) {
                    throw new IllegalArgumentException(rule + " is not allowed: the initial value of synapse variable "
                            + v.name() + ", '" + Expressions.toText(v.initial()) + "', is " + value + ": every "
                            + "initial value must be finite in single precision, the precision of the rule's state");
                }
                synapseArrays[k] = new float[projection.synapseCount()];
                Arrays.fill(synapseArrays[k], initial[k]);
            }
            variables.add(new Variable(v.name(), unitText(v.unit().dimension().toString()), Scope.SYNAPSE));
        }
        boolean events = context.engine() == EngineKind.EVENT_DRIVEN;
        for (TraceDefinition t : definition.traces()) {
            Scope scope = !t.presynaptic() ? Scope.POSTSYNAPTIC_NEURON
                    : events ? Scope.SYNAPSE : Scope.PRESYNAPTIC_NEURON;
            variables.add(new Variable(t.name(), unitText(t.unit().dimension().toString()), scope));
        }
        for (ModulatorDefinition m : definition.modulators()) {
            variables.add(new Variable(m.name(), unitText(m.unit().dimension().toString()),
                    m.perPostsynapticNeuron() ? Scope.POSTSYNAPTIC_NEURON : Scope.GLOBAL));
        }
        this.modulators = new Modulators(definition.modulators(), rule.signals(), projection.target().size());
        this.lazy = definition.advancesLazily() ? new LazyEquations(rule, projection.synapseCount(), context.dt())
                : null;
        this.latestStep = context.startStep();
        this.traceValues = events ? wireEvents() : wireClock();
    }

    private static String unitText(String dimension) {
        return dimension.replace("weight", "projection weight unit");
    }

    /** The parameters' values in Hebb's units, then dt (ms). */
    private double[] constants() {
        List<Parameter> parameters = definition.parameters();
        double[] constants = new double[parameters.size() + 1];
        for (int k = 0; k < parameters.size(); k++) {
            constants[k] = rule.value(parameters.get(k).name()) * parameters.get(k).unit().factor();
        }
        constants[parameters.size()] = context.dt();
        return constants;
    }

    /**
     * Registers the clock-driven update (and transmission); returns null: the traces are the engine's. Everything
     * the rule could refuse is checked first, so that a refusal leaves no work of the rule behind.
     */
    private float[][] wireClock() {
        requireClockWirable();
        Trace[] traces = new Trace[definition.traces().size()];
        for (int k = 0; k < traces.length; k++) {
            TraceDefinition t = definition.traces().get(k);
            traces[k] = context.trace(t.presynaptic() ? projection.source() : projection.target(),
                    rule.evaluate(t.tau(), context.dt()), (float) rule.evaluate(t.increment(), context.dt()),
                    t.pairing(), t.presynaptic() ? projection.maxDelay() + 2 : 2);
        }
        this.clockTraces = traces;
        double[] values = constants();
        float[] constants = new float[values.length];
        for (int k = 0; k < values.length; k++) {
            constants[k] = (float) values[k];
        }
        SpikeHistory preSpikes = definition.onPre().isEmpty() ? null
                : context.spikes(projection.source(), projection.minDelay() + 1);
        boolean transmits = !definition.onTransmit().isEmpty();
        long[] lastSpike = transmits ? new long[projection.source().size()] : null;
        ProjectedTrace[] projected = projectedTraces(traces);
        this.lastSpike = lastSpike;
        this.projected = projected;
        if (lazy != null) {
            lazy.restartAt(context.startStep());
        }
        boolean incoming = !definition.onPost().isEmpty() || !definition.onStep().isEmpty();
        Object update = JavaKernels.instantiate(ClockRuleSource.of(definition), ClockRuleSource.CLASS_NAME,
                Object.class, synapseArrays, traces, constants, incoming ? context.incoming() : null, preSpikes,
                projection.minDelay(), lastSpike, projection.rows().rowPointer(), modulators.arrays(),
                lazy == null ? null : lazy.lastUpdate(), lazy == null ? null : lazy.tables(),
                lazy == null ? null : lazy.perStep(), projected);
        // a signal's first value is checked here, and a transmission is refused where the projection already has
        // one, before the rule's other work is registered
        modulators.evaluateSignals(context.startStep(), context.dt());
        if (transmits) {
            Arrays.fill(lastSpike, Long.MIN_VALUE);
            context.onTransmission(new DefinedTransmission((Transmission) update, definition, projection,
                    synapseArrays, constants, lastSpike));
        }
        if (!definition.onPre().isEmpty() || !definition.onPost().isEmpty() || !definition.onStep().isEmpty()) {
            context.onSynapses(new DefinedUpdate((SynapseUpdate) update, definition, projection, synapseArrays,
                    traces, constants, modulators.arrays(), lazy));
        }
        driveModulatorsBySpikes();
        if (lazy != null || modulators.hasSignals() || modulators.hasDrivers()) {
            context.afterSynapseUpdates((HostGlobalUpdate) spikeStep -> {
                latestStep = spikeStep;
                modulators.evaluateSignals(spikeStep + 1, context.dt());
                modulators.takeSpikes(spikeStep);
            });
        }
        context.onReset(() -> {
            resetSynapseVariables();
            modulators.resetSpikeDriven();
            forgetProjections();
            if (lastSpike != null) {
                Arrays.fill(lastSpike, Long.MIN_VALUE);
            }
            if (lazy != null) {
                lazy.restartAt(latestStep);
            }
        });
        return null;
    }

    /**
     * Refuses what the clock-driven wiring cannot take: a synapse equation whose rate these parameters make 0, a
     * projected trace on a projection it does not fit, a per-neuron modulator driven by a population of another
     * size than the target's.
     */
    private void requireClockWirable() {
        rule.requireTracesDecayPerStep(context.dt());
        for (SynapseEquation e : definition.synapseEquations()) {
            Require.that(Expressions.isZero(e.rate()) || rule.evaluate(e.rate(), context.dt()) != 0, "synapse "
                    + "equation '" + e.text() + "' of " + definition + " has a rate that is 0 with these parameters "
                    + "but not 0 as written: write it without the term in " + e.name());
        }
        rule.projections().forEach((trace, p) -> {
            Require.that(projection.hasUniformDelay(), "a projection of trace " + trace + " (HLOP) is not allowed "
                    + "on projection '" + projection.name() + "': it has per-synapse delays, so its synapses see "
                    + "different presynaptic vectors; use one delay");
            Require.that(p.dimension() == projection.source().size(), "projection dimension = " + p.dimension()
                    + " is not allowed: must equal the presynaptic population size " + projection.source().size());
        });
        rule.spikeDrives().forEach((modulator, drive) -> {
            boolean perNeuron = definition.modulators().stream()
                    .anyMatch(m -> m.name().equals(modulator) && m.perPostsynapticNeuron());
            Require.that(!perNeuron || drive.population().size() == projection.target().size(), "spike drive of "
                    + "modulator " + modulator + " by population '" + drive.population().name() + "' of size "
                    + drive.population().size() + " is not allowed on projection '" + projection.name() + "': the "
                    + "modulator has a value per postsynaptic neuron, so the population needs the target's size "
                    + projection.target().size());
        });
    }

    /** The modulators that follow spikes get their populations' spike histories. */
    private void driveModulatorsBySpikes() {
        rule.spikeDrives().forEach((modulator, drive) -> modulators.driveBySpikes(modulator,
                context.spikes(drive.population(), 1), Math.exp(-context.dt() / drive.tauMs()), drive.increment()));
    }

    /** Per trace, its projection as on_step reads it (null for traces not projected). */
    private ProjectedTrace[] projectedTraces(Trace[] traces) {
        ProjectedTrace[] projected = new ProjectedTrace[definition.traces().size()];
        rule.projections().forEach((trace, p) -> {
            int k = traceIndex(trace);
            projected[k] = new ProjectedTrace(traces[k], p, projection.maxDelay());
        });
        return projected;
    }

    private int traceIndex(String trace) {
        for (int k = 0; k < definition.traces().size(); k++) {
            if (definition.traces().get(k).name().equals(trace)) {
                return k;
            }
        }
        throw new IllegalStateException("no trace " + trace);
    }

    /** Registers the event-driven update; returns the traces' values (per synapse or per target neuron). */
    private float[][] wireEvents() {
        int count = definition.traces().size();
        float[][] values = new float[count][];
        double[][] last = new double[count][];
        double[] tau = new double[count];
        double[] increment = new double[count];
        for (int k = 0; k < count; k++) {
            TraceDefinition t = definition.traces().get(k);
            values[k] = new float[t.presynaptic() ? projection.synapseCount() : projection.target().size()];
            last[k] = new double[values[k].length];
            tau[k] = rule.evaluate(t.tau(), context.dt());
            increment[k] = rule.evaluate(t.increment(), context.dt());
        }
        Runnable clear = () -> {
            for (int k = 0; k < count; k++) {
                Arrays.fill(values[k], 0f);
                Arrays.fill(last[k], Double.NEGATIVE_INFINITY);
            }
        };
        clear.run();
        context.onSpikeEvents(JavaKernels.instantiate(EventRuleSource.of(definition), EventRuleSource.CLASS_NAME,
                SpikeEventUpdate.class, synapseArrays, values, last, constants(), tau, increment,
                definition.onPost().isEmpty() ? null : context.incoming()));
        context.onReset(() -> {
            resetSynapseVariables();
            clear.run();
        });
        return values;
    }

    private void resetSynapseVariables() {
        for (int k = 1; k < synapseArrays.length; k++) {
            Arrays.fill(synapseArrays[k], initial[k]);
        }
    }

    /** The projection the rule works on. */
    public Projection projection() {
        return projection;
    }

    /** The live weights, in the projection's synapse order. */
    public float[] weights() {
        return synapseArrays[0];
    }

    @Override
    public List<Variable> variables() {
        return List.copyOf(variables);
    }

    /**
     * The rule's dynamic state besides the weights (which the network saves with the projection): the other
     * synapse variables, the step of each synapse's last lazy update, the modulators, the latest step run, the
     * latest presynaptic spikes of a transmission. Clock-driven engine. Projected traces are not state: they are
     * made again from the traces when next read.
     */
    @Override
    public void checkpoint(StateVisitor state) {
        if (context.engine() != EngineKind.CLOCK_DRIVEN) {
            throw new CheckpointException(definition + " on projection '" + projection.name() + "' cannot be "
                    + "checkpointed on the event-driven engine yet");
        }
        for (int k = 1; k < synapseArrays.length; k++) {
            state.floats("synapse_" + definition.synapseVariables().get(k).name(), synapseArrays[k]);
        }
        if (lazy != null) {
            state.longs("last_update", lazy.lastUpdate());
        }
        float[][] values = modulators.arrays();
        for (int k = 0; k < values.length; k++) {
            state.floats("modulator_" + definition.modulators().get(k).name(), values[k]);
        }
        latestStep = state.scalar("latest_step", latestStep);
        if (lastSpike != null) {
            state.longs("last_spike", lastSpike);
        }
        forgetProjections();
    }

    private void forgetProjections() {
        for (ProjectedTrace p : projected) {
            if (p != null) {
                p.invalidate();
            }
        }
    }

    /**
     * The live array of synapse variable {@code variable} as stored: for a variable of lazily solved synapse
     * equations, its value as of each synapse's last update ({@link #lastUpdates()}).
     */
    public float[] storedValues(String variable) {
        for (int k = 0; k < synapseArrays.length; k++) {
            if (definition.synapseVariables().get(k).name().equals(variable)) {
                return synapseArrays[k];
            }
        }
        throw new IllegalArgumentException("synapse variable = '" + variable + "' is not allowed: " + definition
                + " has the synapse variables " + definition.synapseVariables().stream().map(SynapseVariable::name)
                .toList());
    }

    /**
     * The live steps at which each synapse's lazily solved variables were last brought up to date, or null if the
     * definition solves none lazily.
     */
    public long[] lastUpdates() {
        return lazy == null ? null : lazy.lastUpdate();
    }

    /**
     * Sets global modulator {@code modulator}, or every neuron's value of a per-neuron one, in its declared unit;
     * set after step t (in a step callback), it applies from the synapse update of spike step t on. The value
     * stays through {@code Network.resetState}, which returns only modulators driven by spikes to their initial
     * values.
     *
     * @throws IllegalArgumentException if {@code modulator} follows a signal ({@link DefinedRule#withSignal}), which
     *                                  sets it in every step
     */
    public void setModulator(String modulator, double value) {
        modulators.set(modulator, value);
    }

    /** Sets per-neuron modulator {@code modulator} of postsynaptic neuron {@code neuron}, in its declared unit. */
    public void setModulator(String modulator, int neuron, double value) {
        modulators.set(modulator, neuron, value);
    }

    /**
     * Current values; synapse variables, traces and modulators are live arrays except variables of lazily solved
     * synapse equations: a fresh copy brought to the latest step run (they are stored as of each synapse's last
     * update).
     */
    @Override
    public float[] values(String variable) {
        Variable v = RuleState.find(variables, variable);
        int index = variables.indexOf(v);
        if (index < synapseArrays.length) {
            int equation = lazy == null ? -1 : lazy.indexOf(v.name());
            return equation < 0 ? synapseArrays[index] : lazy.valuesAt(equation, synapseArrays[index], latestStep);
        }
        int trace = index - synapseArrays.length;
        if (trace >= definition.traces().size()) {
            return modulators.array(v.name());
        }
        return traceValues != null ? traceValues[trace] : clockTraces[trace].latest();
    }
}

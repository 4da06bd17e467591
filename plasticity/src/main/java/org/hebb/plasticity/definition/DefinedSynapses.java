package org.hebb.plasticity.definition;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.hebb.neurons.definition.Parameter;
import org.hebb.neurons.definition.generate.JavaKernels;
import org.hebb.simulator.connect.Projection;
import org.hebb.neurons.definition.expression.Expressions;
import org.hebb.simulator.engine.SpikeHistory;
import org.hebb.simulator.engine.SpikeView;
import org.hebb.simulator.engine.SynapseUpdate;
import org.hebb.simulator.engine.Trace;
import org.hebb.simulator.engine.Transmission;
import org.hebb.simulator.plasticity.PlasticityContext;
import org.hebb.simulator.plasticity.RuleState;
import org.hebb.util.Require;

/**
 * A {@link DefinedRule} on one projection: the per-synapse variables (the weight is the projection's own array),
 * the shared traces, and the generated update registered with the engine. Values are in Hebb's units (ms, mV, nA,
 * uS; weights in the projection's weight unit).
 */
public final class DefinedSynapses implements RuleState {
    private final Projection projection;
    private final List<Variable> variables = new ArrayList<>();
    private final float[][] synapseArrays;
    private final Trace[] traces;

    DefinedSynapses(DefinedRule rule, PlasticityContext context) {
        SynapseDefinition definition = rule.definition();
        this.projection = context.projection();
        List<SynapseVariable> declared = definition.synapseVariables();
        this.synapseArrays = new float[declared.size()][];
        float[] initial = new float[declared.size()];
        for (int k = 0; k < declared.size(); k++) {
            SynapseVariable v = declared.get(k);
            if (k == 0) {
                synapseArrays[k] = projection.rows().weights();
            } else {
                initial[k] = (float) rule.evaluate(v.initial(), context.dt());
                synapseArrays[k] = new float[projection.synapseCount()];
                Arrays.fill(synapseArrays[k], initial[k]);
            }
            variables.add(new Variable(v.name(), unitText(v.unit().dimension().toString()), Scope.SYNAPSE));
        }
        this.traces = new Trace[definition.traces().size()];
        for (int k = 0; k < traces.length; k++) {
            TraceDefinition t = definition.traces().get(k);
            traces[k] = context.trace(t.presynaptic() ? projection.source() : projection.target(),
                    rule.evaluate(t.tau(), context.dt()), (float) rule.evaluate(t.increment(), context.dt()),
                    t.pairing(), t.presynaptic() ? projection.maxDelay() + 1 : 2);
            variables.add(new Variable(t.name(), unitText(t.unit().dimension().toString()),
                    t.presynaptic() ? Scope.PRESYNAPTIC_NEURON : Scope.POSTSYNAPTIC_NEURON));
        }
        List<Parameter> parameters = definition.parameters();
        float[] constants = new float[parameters.size() + 1];
        for (int k = 0; k < parameters.size(); k++) {
            constants[k] = (float) (rule.value(parameters.get(k).name()) * parameters.get(k).unit().factor());
        }
        constants[parameters.size()] = (float) context.dt();
        for (SynapseEquation e : definition.synapseEquations()) {
            Require.that(Expressions.isZero(e.rate()) || rule.evaluate(e.rate(), context.dt()) != 0, "synapse "
                    + "equation '" + e.text() + "' of " + definition + " has a rate that is 0 with these parameters "
                    + "but not 0 as written: write it without the term in " + e.name());
        }
        SpikeHistory preSpikes = definition.onPre().isEmpty() ? null
                : context.spikes(projection.source(), projection.minDelay() + 1);
        boolean transmits = !definition.onTransmit().isEmpty();
        long[] lastSpike = transmits ? new long[projection.source().size()] : null;
        Object update = JavaKernels.instantiate(ClockRuleSource.of(definition), ClockRuleSource.CLASS_NAME,
                Object.class, synapseArrays, traces, constants,
                definition.onPost().isEmpty() ? null : context.incoming(), preSpikes, projection.minDelay(),
                lastSpike);
        if (!definition.onPre().isEmpty() || !definition.onPost().isEmpty()) {
            context.onSynapses(new DefinedUpdate((SynapseUpdate) update, definition, projection, synapseArrays,
                    traces, constants));
        }
        if (transmits) {
            Arrays.fill(lastSpike, Long.MIN_VALUE);
            context.onTransmission((Transmission) update);
            SpikeHistory sent = context.spikes(projection.source(), 1);
            context.afterSynapseUpdates(spikeStep -> {
                SpikeView spikes = sent.at(spikeStep);
                for (int part = 0; part < spikes.partitions(); part++) {
                    int[] neurons = spikes.neurons(part);
                    for (int s = 0, n = spikes.count(part); s < n; s++) {
                        lastSpike[neurons[s]] = spikeStep;
                    }
                }
            });
        }
        context.onReset(() -> {
            for (int k = 1; k < synapseArrays.length; k++) {
                Arrays.fill(synapseArrays[k], initial[k]);
            }
            if (lastSpike != null) {
                Arrays.fill(lastSpike, Long.MIN_VALUE);
            }
        });
    }

    private static String unitText(String dimension) {
        return dimension.replace("weight", "projection weight unit");
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

    @Override
    public float[] values(String variable) {
        Variable v = RuleState.find(variables, variable);
        int index = variables.indexOf(v);
        return index < synapseArrays.length ? synapseArrays[index] : traces[index - synapseArrays.length].latest();
    }
}

package org.hebb.plasticity.astrocyte;

import java.util.List;

import org.hebb.plasticity.WeightBounds;
import org.hebb.simulator.checkpoint.Checkpointed;
import org.hebb.simulator.checkpoint.StateVisitor;
import org.hebb.simulator.connect.IncomingSynapses;
import org.hebb.simulator.connect.Projection;
import org.hebb.simulator.engine.AstrocyteRates;
import org.hebb.simulator.engine.AstrocyteStdpUpdate;
import org.hebb.simulator.engine.SpikeView;
import org.hebb.simulator.engine.SynapseRange;
import org.hebb.simulator.engine.Trace;
import org.hebb.simulator.plasticity.PlasticityContext;
import org.hebb.simulator.plasticity.RuleState;
import org.hebb.util.Require;

/**
 * {@link AstrocyteStdp} on one projection: presynaptic spikes change their outgoing row segment with the
 * postsynaptic trace, postsynaptic spikes change their incoming synapses (transposed index) with the presynaptic
 * trace. A synapse whose two neurons both fired in the step is clipped once, after both changes.
 */
public final class AstrocyteStdpSynapses implements AstrocyteStdpUpdate, RuleState, Checkpointed {
    private static final List<Variable> VARIABLES = List.of(
            new Variable("weight", "projection weight unit", Scope.SYNAPSE),
            new Variable("pre_trace", "1", Scope.PRESYNAPTIC_NEURON),
            new Variable("post_trace", "1", Scope.POSTSYNAPTIC_NEURON),
            new Variable("potentiation_rate", "1", Scope.GLOBAL),
            new Variable("depression_rate", "1", Scope.GLOBAL));

    private final Projection projection;
    private final float[] weights;
    private final Astrocyte astrocyte;
    private final boolean excitatory;
    private final WeightBounds bounds;
    private final Trace preTrace;
    private final Trace postTrace;
    private final IncomingSynapses incoming;
    /**
     * Per target neuron, whether it fired in the step being updated: set before the step's changes and cleared after
     * them, so no mark outlives its step (a clock set back by a restore cannot meet one). Each thread writes only its
     * own targets.
     */
    private final boolean[] firedThisStep;

    AstrocyteStdpSynapses(AstrocyteStdp rule, PlasticityContext context) {
        this.projection = context.projection();
        this.weights = projection.rows().weights();
        this.bounds = rule.bounds();
        bounds.requireContains(projection.name(), weights);
        this.astrocyte = rule.astrocyte();
        astrocyte.requireStepAtMostTau(context.dt());
        this.excitatory = rule.presynaptic() == AstrocyteStdp.Presynaptic.EXCITATORY;
        float decay = (float) Math.pow(rule.traceDecayPerMs(), context.dt());
        Require.that(decay > 0, "trace decay per ms = " + rule.traceDecayPerMs() + " is not allowed at dt = "
                + context.dt() + " ms: the decay per step, (trace decay per ms) ^ dt, is 0 in single precision");
        float increment = decay * rule.traceIncrement();
        this.preTrace = context.trace(projection.source(), decay, increment, Trace.Pairing.ALL_TO_ALL, 2);
        this.postTrace = context.trace(projection.target(), decay, increment, Trace.Pairing.ALL_TO_ALL, 2);
        this.incoming = context.incoming();
        this.firedThisStep = new boolean[projection.target().size()];
        astrocyte.bind(context);
        context.onSynapses(this);
    }

    @Override
    public void afterDelivery(SynapseRange synapses, long spikeStep, SpikeView pre, SpikeView post) {
        float p = astrocyte.potentiationRate();
        float a = astrocyte.depressionRate();
        int k = synapses.partition();
        int[] posts = post.neurons(k);
        int count = post.count(k);
        for (int s = 0; s < count; s++) {
            firedThisStep[posts[s]] = true;
        }
        changeOutgoing(synapses, spikeStep, pre, excitatory ? -a : p);
        changeIncoming(spikeStep, posts, count, excitatory ? p : -a);
        for (int s = 0; s < count; s++) {
            firedThisStep[posts[s]] = false;
        }
    }

    /** Presynaptic spikes of the step meet the postsynaptic trace from before it. */
    private void changeOutgoing(SynapseRange synapses, long spikeStep, SpikeView pre, float rate) {
        final float[] xPost = postTrace.at(spikeStep - 1);
        final int[] targets = synapses.targets();
        final float min = bounds.min();
        final float max = bounds.max();
        for (int part = 0; part < pre.partitions(); part++) {
            int[] list = pre.neurons(part);
            for (int s = 0, n = pre.count(part); s < n; s++) {
                int j = list[s];
                for (int syn = synapses.rowStart(j), end = synapses.rowEnd(j); syn < end; syn++) {
                    int i = targets[syn];
                    float w = weights[syn] + rate * xPost[i];
                    // left unclipped when i fired too: changeIncoming adds its part and clips
                    weights[syn] = firedThisStep[i] ? w : Math.min(max, Math.max(min, w));
                }
            }
        }
    }

    /** Postsynaptic spikes of the step meet each incoming synapse's presynaptic trace from before it. */
    private void changeIncoming(long spikeStep, int[] posts, int count, float rate) {
        final float[] xPre = preTrace.at(spikeStep - 1);
        final int[] start = incoming.start();
        final int[] synapse = incoming.synapse();
        final int[] source = incoming.source();
        final float min = bounds.min();
        final float max = bounds.max();
        for (int s = 0; s < count; s++) {
            int i = posts[s];
            for (int c = start[i], end = start[i + 1]; c < end; c++) {
                int syn = synapse[c];
                float w = weights[syn] + rate * xPre[source[c]];
                weights[syn] = Math.min(max, Math.max(min, w));
            }
        }
    }

    @Override
    public List<Variable> variables() {
        return VARIABLES;
    }

    @Override
    public float[] values(String variable) {
        return switch (RuleState.find(VARIABLES, variable).name()) {
            case "weight" -> weights;
            case "pre_trace" -> preTrace.latest();
            case "post_trace" -> postTrace.latest();
            case "potentiation_rate" -> astrocyte.potentiationValue();
            default -> astrocyte.depressionValue();
        };
    }

    @Override
    public Projection projection() {
        return projection;
    }

    @Override
    public Trace presynapticTrace() {
        return preTrace;
    }

    @Override
    public Trace postsynapticTrace() {
        return postTrace;
    }

    @Override
    public boolean presynapticExcitatory() {
        return excitatory;
    }

    @Override
    public float minWeight() {
        return bounds.min();
    }

    @Override
    public float maxWeight() {
        return bounds.max();
    }

    @Override
    public AstrocyteRates rates() {
        return astrocyte.rates();
    }

    /** The live weight array (synapse order of the projection). */
    @Override
    public float[] weights() {
        return weights;
    }

    /** The shared rates. */
    public Astrocyte astrocyte() {
        return astrocyte;
    }

    /** The shared astrocyte's state (the weights are the projection's, which the network saves). */
    @Override
    public void checkpoint(StateVisitor state) {
        state.part("astrocyte", astrocyte);
    }
}

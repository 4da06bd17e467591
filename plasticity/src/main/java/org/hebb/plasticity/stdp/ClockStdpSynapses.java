package org.hebb.plasticity.stdp;

import java.util.List;

import org.hebb.plasticity.WeightBounds;
import org.hebb.plasticity.WeightDependence;
import org.hebb.simulator.connect.IncomingSynapses;
import org.hebb.simulator.connect.Projection;
import org.hebb.simulator.engine.PairStdpUpdate;
import org.hebb.simulator.engine.SpikeHistory;
import org.hebb.simulator.engine.SpikeView;
import org.hebb.simulator.engine.SynapseRange;
import org.hebb.simulator.engine.Trace;
import org.hebb.simulator.plasticity.PlasticityContext;
import org.hebb.simulator.plasticity.RuleState;

/**
 * {@link Stdp} on one projection under the clock-driven engine: its per-step work and its state (weights,
 * presynaptic and postsynaptic traces, shared per neuron).
 */
final class ClockStdpSynapses implements StdpSynapses, PairStdpUpdate {
    private static final List<Variable> VARIABLES = List.of(
            new Variable("weight", "projection weight unit", Scope.SYNAPSE),
            new Variable("pre_trace", "1", Scope.PRESYNAPTIC_NEURON),
            new Variable("post_trace", "1", Scope.POSTSYNAPTIC_NEURON));

    private final Projection projection;
    private final float[] weights;
    private final Trace preTrace;
    private final Trace postTrace;
    private final SpikeHistory preSpikes;
    private final IncomingSynapses incoming;
    private final int minDelay;
    private final int maxDelay;
    private final WeightBounds bounds;
    private final WeightDependence.LinearChange up;
    private final WeightDependence.LinearChange down;

    ClockStdpSynapses(Stdp rule, PlasticityContext context) {
        this.projection = context.projection();
        this.weights = projection.rows().weights();
        this.bounds = rule.bounds();
        bounds.requireContains(projection.name(), weights);
        this.maxDelay = projection.maxDelay();
        this.minDelay = projection.minDelay();
        this.preTrace = context.trace(projection.source(), rule.tauPlusMs(), 1f, rule.pairing(), maxDelay + 1);
        this.postTrace = context.trace(projection.target(), rule.tauMinusMs(), 1f, rule.pairing(), 2);
        this.preSpikes = context.spikes(projection.source(), minDelay + 1);
        this.incoming = context.incoming();
        this.up = rule.dependence().change(rule.aPlus(), bounds, true);
        this.down = rule.dependence().change(rule.aMinus(), bounds, false);
        context.onSynapses(this);
    }

    @Override
    public void afterDelivery(SynapseRange synapses, long spikeStep, SpikeView pre, SpikeView post) {
        depressArrivals(synapses, spikeStep);
        potentiateIncoming(synapses, spikeStep, post);
    }

    /** Presynaptic spikes arriving in spikeStep meet the postsynaptic trace from before that step. */
    private void depressArrivals(SynapseRange synapses, long spikeStep) {
        final float[] xPost = postTrace.at(spikeStep - 1);
        final float decay = postTrace.decay();
        final int[] targets = synapses.targets();
        final short[] delays = synapses.delays();
        final float constant = down.constant();
        final float slope = down.slope();
        final float min = bounds.min();
        final float max = bounds.max();
        if (delays != null) {
            final int[] arriving = synapses.arrivingSynapses(spikeStep);
            for (int c = 0, n = synapses.arrivingCount(spikeStep); c < n; c++) {
                int j = arriving[c];
                depress(j, xPost[targets[j]] * decay, constant, slope, min, max);
            }
        } else if (minDelay <= spikeStep) {
            SpikeView arriving = preSpikes.at(spikeStep - minDelay);
            for (int part = 0; part < arriving.partitions(); part++) {
                int[] list = arriving.neurons(part);
                for (int s = 0, n = arriving.count(part); s < n; s++) {
                    int pre = list[s];
                    for (int j = synapses.rowStart(pre), end = synapses.rowEnd(pre); j < end; j++) {
                        depress(j, xPost[targets[j]] * decay, constant, slope, min, max);
                    }
                }
            }
        }
    }

    private void depress(int j, float x, float constant, float slope, float min, float max) {
        float w = weights[j];
        weights[j] = Math.min(max, Math.max(min, w + x * (constant + slope * w)));
    }

    /** Postsynaptic spikes of spikeStep meet each incoming synapse's presynaptic trace one delay earlier. */
    private void potentiateIncoming(SynapseRange synapses, long spikeStep, SpikeView post) {
        final int k = synapses.partition();
        final int[] list = post.neurons(k);
        final int[] start = incoming.start();
        final int[] synapse = incoming.synapse();
        final int[] source = incoming.source();
        final short[] delays = synapses.delays();
        final float[] uniformXPre = delays == null && synapses.uniformDelay() <= spikeStep
                ? preTrace.at(spikeStep - synapses.uniformDelay()) : null;
        final float constant = up.constant();
        final float slope = up.slope();
        final float min = bounds.min();
        final float max = bounds.max();
        for (int s = 0, n = post.count(k); s < n; s++) {
            int i = list[s];
            for (int c = start[i], end = start[i + 1]; c < end; c++) {
                int j = synapse[c];
                float x;
                if (delays == null) {
                    if (uniformXPre == null) {
                        break;
                    }
                    x = uniformXPre[source[c]];
                } else {
                    if (delays[j] > spikeStep) {
                        continue;
                    }
                    x = preTrace.at(spikeStep - delays[j])[source[c]];
                }
                float w = weights[j];
                weights[j] = Math.min(max, Math.max(min, w + x * (constant + slope * w)));
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
            default -> postTrace.latest();
        };
    }

    @Override
    public float[] weights() {
        return weights;
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
    public float potentiationConstant() {
        return up.constant();
    }

    @Override
    public float potentiationSlope() {
        return up.slope();
    }

    @Override
    public float depressionConstant() {
        return down.constant();
    }

    @Override
    public float depressionSlope() {
        return down.slope();
    }

    @Override
    public float minWeight() {
        return bounds.min();
    }

    @Override
    public float maxWeight() {
        return bounds.max();
    }
}

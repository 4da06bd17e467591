package org.hebb.plasticity.stdp;

import java.util.Arrays;
import java.util.List;

import org.hebb.plasticity.WeightBounds;
import org.hebb.plasticity.WeightDependence;
import org.hebb.simulator.connect.IncomingSynapses;
import org.hebb.simulator.connect.Projection;
import org.hebb.simulator.engine.SpikeEventUpdate;
import org.hebb.simulator.engine.Trace;
import org.hebb.simulator.plasticity.PlasticityContext;
import org.hebb.simulator.plasticity.RuleState;

/**
 * {@link Stdp} on one projection under the event-driven engine: pairs are timed by exact arrival and spike times,
 * and traces decay in closed form between events, so the window has no grid error. The presynaptic trace is kept
 * per synapse (value at the last arrival and its time: arrivals at one synapse follow its own delay), the
 * postsynaptic trace per target neuron (value at its last spike and that time). An arriving spike depresses its
 * synapse by the postsynaptic trace decayed to the arrival; a postsynaptic spike potentiates every incoming synapse
 * by its presynaptic trace decayed to the spike. Memory: 12 bytes per synapse and 12 per target neuron.
 */
final class EventStdpSynapses implements StdpSynapses, SpikeEventUpdate {
    private static final List<Variable> VARIABLES = List.of(
            new Variable("weight", "projection weight unit", Scope.SYNAPSE),
            new Variable("pre_trace", "1 (at the synapse's last arrival)", Scope.SYNAPSE),
            new Variable("post_trace", "1 (at the neuron's last spike)", Scope.POSTSYNAPTIC_NEURON));

    private final float[] weights;
    private final float[] preTrace;
    private final double[] lastArrival;
    private final float[] postTrace;
    private final double[] lastSpike;
    private final double tauPlus;
    private final double tauMinus;
    private final boolean nearest;
    private final IncomingSynapses incoming;
    private final WeightBounds bounds;
    private final WeightDependence.LinearChange up;
    private final WeightDependence.LinearChange down;

    EventStdpSynapses(Stdp rule, PlasticityContext context) {
        Projection projection = context.projection();
        this.weights = projection.rows().weights();
        this.bounds = rule.bounds();
        bounds.requireContains(projection.name(), weights);
        this.tauPlus = rule.tauPlusMs();
        this.tauMinus = rule.tauMinusMs();
        this.nearest = rule.pairing() == Trace.Pairing.NEAREST_NEIGHBOUR;
        this.preTrace = new float[weights.length];
        this.lastArrival = new double[weights.length];
        this.postTrace = new float[projection.target().size()];
        this.lastSpike = new double[postTrace.length];
        this.incoming = context.incoming();
        this.up = rule.dependence().change(rule.aPlus(), bounds, true);
        this.down = rule.dependence().change(rule.aMinus(), bounds, false);
        clearTraces();
        context.onSpikeEvents(this);
        context.onReset(this::clearTraces);
    }

    private void clearTraces() {
        Arrays.fill(preTrace, 0f);
        Arrays.fill(postTrace, 0f);
        Arrays.fill(lastArrival, Double.NEGATIVE_INFINITY);
        Arrays.fill(lastSpike, Double.NEGATIVE_INFINITY);
    }

    @Override
    public void onArrival(int synapse, int target, double timeMs) {
        double x = postTrace[target] * Math.exp((lastSpike[target] - timeMs) / tauMinus);
        weights[synapse] = change(weights[synapse], x, down);
        preTrace[synapse] = bump(preTrace[synapse], lastArrival[synapse], timeMs, tauPlus);
        lastArrival[synapse] = timeMs;
    }

    @Override
    public void onPostsynapticSpike(int neuron, double timeMs) {
        int[] start = incoming.start();
        int[] synapse = incoming.synapse();
        for (int c = start[neuron], end = start[neuron + 1]; c < end; c++) {
            int j = synapse[c];
            double x = preTrace[j] * Math.exp((lastArrival[j] - timeMs) / tauPlus);
            weights[j] = change(weights[j], x, up);
        }
        postTrace[neuron] = bump(postTrace[neuron], lastSpike[neuron], timeMs, tauMinus);
        lastSpike[neuron] = timeMs;
    }

    /** The trace after a spike at {@code timeMs}: decayed and incremented (all-to-all) or set to 1 (nearest). */
    private float bump(float trace, double last, double timeMs, double tau) {
        return nearest ? 1f : (float) (trace * Math.exp((last - timeMs) / tau) + 1);
    }

    private float change(float w, double x, WeightDependence.LinearChange dw) {
        double next = w + x * (dw.constant() + dw.slope() * w);
        return (float) Math.min(bounds.max(), Math.max(bounds.min(), next));
    }

    @Override
    public List<Variable> variables() {
        return VARIABLES;
    }

    @Override
    public float[] values(String variable) {
        return switch (RuleState.find(VARIABLES, variable).name()) {
            case "weight" -> weights;
            case "pre_trace" -> preTrace;
            default -> postTrace;
        };
    }

    @Override
    public float[] weights() {
        return weights;
    }
}

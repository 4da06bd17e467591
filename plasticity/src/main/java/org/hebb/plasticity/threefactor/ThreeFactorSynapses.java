package org.hebb.plasticity.threefactor;

import java.util.ArrayList;
import java.util.List;

import org.hebb.plasticity.PresynapticProjection;
import org.hebb.plasticity.Signal;
import org.hebb.plasticity.WeightBounds;
import org.hebb.simulator.connect.IncomingSynapses;
import org.hebb.simulator.connect.Projection;
import org.hebb.simulator.engine.SpikeHistory;
import org.hebb.simulator.engine.SpikeView;
import org.hebb.simulator.engine.SynapseRange;
import org.hebb.simulator.engine.ThreeFactorUpdate;
import org.hebb.simulator.engine.Trace;
import org.hebb.simulator.plasticity.PlasticityContext;
import org.hebb.simulator.plasticity.RuleState;
import org.hebb.util.Require;

/**
 * {@link ThreeFactor} on one projection: eligibility, modulators, gate and weights, and the per-step work.
 */
public final class ThreeFactorSynapses implements ThreeFactorUpdate, RuleState {
    private static final int DECAY_TABLE = 1 << 12;
    /** The modulated update walks the rows when at least one target in this many has a non-zero modulator. */
    private static final int SWEEP_WHEN_ONE_IN = 8;

    private final ThreeFactor rule;
    private final Projection projection;
    private final List<Variable> variables = new ArrayList<>();
    private final float[] weights;
    private final WeightBounds bounds;
    private final IncomingSynapses incoming;
    private final Trace preTrace;
    private final Trace postTrace;
    private final SpikeHistory preSpikes;
    private final int minDelay;
    private final int maxDelay;
    private final float[] eligibility;
    /** The step each eligibility was last brought up to date: 64-bit, as long runs pass step 2^31. */
    private final long[] eligibilityStep;
    private final float[] eligibilityDecay;
    private final double eligibilityDecayPerStep;
    private final float[] modulators;
    private final float[] projected;
    private final double dt;
    private volatile float gate = 1f;
    private long latestSpikeStep = -1;

    ThreeFactorSynapses(ThreeFactor rule, PlasticityContext context) {
        this.rule = rule;
        this.projection = context.projection();
        this.dt = context.dt();
        this.weights = projection.rows().weights();
        this.bounds = rule.bounds;
        bounds.requireContains(projection.name(), weights);
        this.incoming = context.incoming();
        this.maxDelay = projection.maxDelay();
        this.minDelay = projection.minDelay();
        this.modulators = new float[projection.target().size()];
        variables.add(new Variable("weight", "projection weight unit", Scope.SYNAPSE));
        variables.add(new Variable("modulator", "1", rule.modulation == ThreeFactor.Modulation.GLOBAL
                ? Scope.GLOBAL : Scope.POSTSYNAPTIC_NEURON));
        variables.add(new Variable("gate", "1", Scope.GLOBAL));
        if (rule.eligibility == ThreeFactor.Eligibility.PAIRED) {
            int n = projection.synapseCount();
            this.eligibility = new float[n];
            this.eligibilityStep = new long[n];
            this.eligibilityDecayPerStep = Math.exp(-dt / rule.tauEligibilityMs);
            this.eligibilityDecay = new float[DECAY_TABLE];
            for (int i = 0; i < DECAY_TABLE; i++) {
                eligibilityDecay[i] = (float) Math.pow(eligibilityDecayPerStep, i);
            }
            this.preTrace = context.trace(projection.source(), rule.tauPlusMs, 1f, Trace.Pairing.ALL_TO_ALL,
                    maxDelay + 1);
            this.postTrace = context.trace(projection.target(), rule.tauMinusMs, 1f, Trace.Pairing.ALL_TO_ALL, 2);
            this.preSpikes = context.spikes(projection.source(), minDelay + 1);
            this.projected = null;
            variables.add(new Variable("eligibility", "1", Scope.SYNAPSE));
        } else {
            this.eligibility = null;
            this.eligibilityStep = null;
            this.eligibilityDecay = null;
            this.eligibilityDecayPerStep = 0;
            this.preTrace = context.trace(projection.source(), rule.tauEligibilityMs, 1f, Trace.Pairing.ALL_TO_ALL,
                    maxDelay + 1);
            this.postTrace = null;
            this.preSpikes = null;
            if (rule.projection != null) {
                Require.that(projection.hasUniformDelay(), "projection (HLOP) is not allowed on projection '"
                        + projection.name() + "': it has per-synapse delays, so its synapses see different "
                        + "presynaptic vectors; use one delay");
                Require.that(rule.projection.dimension() == projection.source().size(), "projection dimension = "
                        + rule.projection.dimension() + " is not allowed: must equal the presynaptic population "
                        + "size " + projection.source().size());
                this.projected = new float[projection.source().size()];
            } else {
                this.projected = null;
            }
            variables.add(new Variable("eligibility", "1", Scope.PRESYNAPTIC_NEURON));
        }
        long first = context.startStep();
        if (rule.modulatorSignal != null) {
            setModulator(rule.modulatorSignal.valueAt(first, first * dt));
        }
        if (rule.gateSignal != null) {
            setGate(rule.gateSignal.valueAt(first, first * dt));
        }
        context.onSynapses(this);
        context.afterSynapseUpdates(this::afterSynapseUpdates);
        if (eligibility != null) {
            context.onReset(() -> java.util.Arrays.fill(eligibility, 0f));
        }
    }

    /** Sets the modulator of every postsynaptic neuron (the global modulator). */
    public void setModulator(double value) {
        java.util.Arrays.fill(modulators, (float) Require.finiteFloat("modulator", value, ""));
    }

    /** Sets the modulator of postsynaptic neuron {@code neuron} (per-neuron modulation only). */
    public void setModulator(int neuron, double value) {
        Require.that(rule.modulation == ThreeFactor.Modulation.PER_POSTSYNAPTIC_NEURON, "setModulator(neuron, "
                + "value) is not allowed with modulation = GLOBAL: use setModulator(value)");
        Require.inRange("neuron", neuron, 0, modulators.length - 1);
        if (!Float.isFinite((float) value)) {
            // named only on failure: user code calls this for every neuron in every step
            Require.finiteFloat("modulator[" + neuron + "]", value, "");
        }
        modulators[neuron] = (float) value;
    }

    /** Sets the attention gate. */
    public void setGate(double value) {
        gate = (float) Require.finiteFloat("gate", value, "");
    }

    /** The current gate. */
    @Override
    public float gate() {
        return gate;
    }

    /** The live modulator array, one value per postsynaptic neuron (all equal under global modulation). */
    @Override
    public float[] modulators() {
        return modulators;
    }

    /** The live weight array (synapse order of the projection). */
    @Override
    public float[] weights() {
        return weights;
    }

    @Override
    public Projection projection() {
        return projection;
    }

    @Override
    public boolean paired() {
        return eligibility != null;
    }

    @Override
    public float[] eligibility() {
        return eligibility;
    }

    @Override
    public long[] eligibilityStep() {
        return eligibilityStep;
    }

    @Override
    public float[] eligibilityDecayTable() {
        return eligibilityDecay;
    }

    @Override
    public double eligibilityDecayPerStep() {
        return eligibilityDecayPerStep;
    }

    @Override
    public float aPlus() {
        return rule.aPlus;
    }

    @Override
    public float aMinus() {
        return rule.aMinus;
    }

    @Override
    public float etaDt() {
        return (float) (rule.eta * dt);
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
    public boolean projected() {
        return projected != null;
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
    public void afterDelivery(SynapseRange synapses, long spikeStep, SpikeView pre, SpikeView post) {
        if (eligibility != null) {
            depressArrivals(synapses, spikeStep);
            potentiateIncoming(synapses, spikeStep, post);
        }
        float g = gate;
        int modulated = g != 0f ? modulatedTargets(synapses) : 0;
        if (modulated > 0) {
            // with many targets modulated, walking the rows in synapse order (memory in sequence) beats the
            // transposed index of each modulated target (a cache miss per synapse, no work for the others)
            boolean bySynapse = modulated * SWEEP_WHEN_ONE_IN >= synapses.targetTo() - synapses.targetFrom();
            if (eligibility != null) {
                applyPaired(synapses, spikeStep, etaDt() * g, bySynapse);
            } else {
                applyPresynaptic(synapses, spikeStep, etaDt() * g, bySynapse);
            }
        }
    }

    private int modulatedTargets(SynapseRange synapses) {
        int modulated = 0;
        for (int i = synapses.targetFrom(); i < synapses.targetTo(); i++) {
            modulated += modulators[i] != 0f ? 1 : 0;
        }
        return modulated;
    }

    private void afterSynapseUpdates(long spikeStep) {
        latestSpikeStep = spikeStep;
        long next = spikeStep + 1;
        if (rule.modulatorSignal != null) {
            setModulator(rule.modulatorSignal.valueAt(next, next * dt));
        }
        if (rule.gateSignal != null) {
            setGate(rule.gateSignal.valueAt(next, next * dt));
        }
        if (projected != null) {
            float[] x = next >= maxDelay ? preTrace.at(next - maxDelay) : null;
            if (x == null) {
                java.util.Arrays.fill(projected, 0f);
            } else {
                rule.projection.project(x, projected);
            }
        }
    }

    /** Brings synapse j's eligibility from its last update to {@code step}. */
    private float eligibilityAt(int j, long step) {
        long elapsed = step - eligibilityStep[j];
        float e = eligibility[j];
        if (elapsed != 0 && e != 0f) {
            e *= elapsed < DECAY_TABLE ? eligibilityDecay[(int) elapsed]
                    : (float) Math.pow(eligibilityDecayPerStep, elapsed);
        }
        return e;
    }

    private void depressArrivals(SynapseRange synapses, long spikeStep) {
        final float[] xPost = postTrace.at(spikeStep - 1);
        final float decay = postTrace.decay();
        final int[] targets = synapses.targets();
        final short[] delays = synapses.delays();
        final float aMinus = rule.aMinus;
        if (delays != null) {
            final int[] arriving = synapses.arrivingSynapses(spikeStep);
            for (int c = 0, n = synapses.arrivingCount(spikeStep); c < n; c++) {
                int j = arriving[c];
                depress(j, spikeStep, aMinus * (xPost[targets[j]] * decay));
            }
        } else if (minDelay <= spikeStep) {
            SpikeView arriving = preSpikes.at(spikeStep - minDelay);
            for (int part = 0; part < arriving.partitions(); part++) {
                int[] list = arriving.neurons(part);
                for (int s = 0, n = arriving.count(part); s < n; s++) {
                    int pre = list[s];
                    for (int j = synapses.rowStart(pre), end = synapses.rowEnd(pre); j < end; j++) {
                        depress(j, spikeStep, aMinus * (xPost[targets[j]] * decay));
                    }
                }
            }
        }
    }

    private void depress(int j, long spikeStep, float change) {
        eligibility[j] = eligibilityAt(j, spikeStep) - change;
        eligibilityStep[j] = spikeStep;
    }

    private void potentiateIncoming(SynapseRange synapses, long spikeStep, SpikeView post) {
        final int k = synapses.partition();
        final int[] list = post.neurons(k);
        final int[] start = incoming.start();
        final int[] synapse = incoming.synapse();
        final int[] source = incoming.source();
        final short[] delays = synapses.delays();
        final float aPlus = rule.aPlus;
        for (int s = 0, n = post.count(k); s < n; s++) {
            int i = list[s];
            for (int c = start[i], end = start[i + 1]; c < end; c++) {
                int j = synapse[c];
                int d = delays == null ? synapses.uniformDelay() : delays[j];
                if (d > spikeStep) {
                    continue;
                }
                eligibility[j] = eligibilityAt(j, spikeStep) + aPlus * preTrace.at(spikeStep - d)[source[c]];
                eligibilityStep[j] = spikeStep;
            }
        }
    }

    private void applyPaired(SynapseRange synapses, long spikeStep, float etaDtGate, boolean bySynapse) {
        if (bySynapse) {
            final int[] targets = synapses.targets();
            for (int pre = 0, rows = projection.source().size(); pre < rows; pre++) {
                for (int j = synapses.rowStart(pre), end = synapses.rowEnd(pre); j < end; j++) {
                    applyPaired(j, etaDtGate * modulators[targets[j]], spikeStep);
                }
            }
        } else {
            final int[] start = incoming.start();
            final int[] synapse = incoming.synapse();
            for (int i = synapses.targetFrom(); i < synapses.targetTo(); i++) {
                float factor = etaDtGate * modulators[i];
                if (factor == 0f) {
                    continue;
                }
                for (int c = start[i], end = start[i + 1]; c < end; c++) {
                    applyPaired(synapse[c], factor, spikeStep);
                }
            }
        }
    }

    /** Synapse j changes by factor times its eligibility, brought up to spikeStep. */
    private void applyPaired(int j, float factor, long spikeStep) {
        if (factor == 0f) {
            return;
        }
        float e = eligibilityAt(j, spikeStep);
        eligibility[j] = e;
        eligibilityStep[j] = spikeStep;
        weights[j] = Math.min(bounds.max(), Math.max(bounds.min(), weights[j] + factor * e));
    }

    private void applyPresynaptic(SynapseRange synapses, long spikeStep, float etaDtGate, boolean bySynapse) {
        final short[] delays = synapses.delays();
        final int uniformDelay = synapses.uniformDelay();
        final float[] uniformX = projected != null ? projected
                : delays == null && uniformDelay <= spikeStep ? preTrace.at(spikeStep - uniformDelay) : null;
        if (delays == null && uniformX == null) {
            return;
        }
        if (bySynapse) {
            final int[] targets = synapses.targets();
            for (int pre = 0, rows = projection.source().size(); pre < rows; pre++) {
                for (int j = synapses.rowStart(pre), end = synapses.rowEnd(pre); j < end; j++) {
                    applyPresynaptic(j, pre, etaDtGate * modulators[targets[j]], spikeStep, uniformX, delays);
                }
            }
        } else {
            final int[] start = incoming.start();
            final int[] synapse = incoming.synapse();
            final int[] source = incoming.source();
            for (int i = synapses.targetFrom(); i < synapses.targetTo(); i++) {
                float factor = etaDtGate * modulators[i];
                if (factor == 0f) {
                    continue;
                }
                for (int c = start[i], end = start[i + 1]; c < end; c++) {
                    applyPresynaptic(synapse[c], source[c], factor, spikeStep, uniformX, delays);
                }
            }
        }
    }

    /** Synapse j from presynaptic element pre changes by factor times that element's trace at its arrival. */
    private void applyPresynaptic(int j, int pre, float factor, long spikeStep, float[] uniformX, short[] delays) {
        if (factor == 0f) {
            return;
        }
        float x;
        if (uniformX != null) {
            x = uniformX[pre];
        } else if (delays[j] <= spikeStep) {
            x = preTrace.at(spikeStep - delays[j])[pre];
        } else {
            return;
        }
        weights[j] = Math.min(bounds.max(), Math.max(bounds.min(), weights[j] + factor * x));
    }

    @Override
    public List<Variable> variables() {
        return variables;
    }

    /**
     * Current values; the weights and modulators are live arrays, the eligibility under paired eligibility is a
     * fresh copy decayed to the latest processed step (it is stored lazily).
     */
    @Override
    public float[] values(String variable) {
        return switch (RuleState.find(variables, variable).name()) {
            case "weight" -> weights;
            case "modulator" -> rule.modulation == ThreeFactor.Modulation.GLOBAL
                    ? new float[] {modulators.length > 0 ? modulators[0] : 0f} : modulators;
            case "gate" -> new float[] {gate};
            default -> currentEligibility();
        };
    }

    private float[] currentEligibility() {
        if (eligibility == null) {
            return preTrace.latest();
        }
        float[] now = new float[eligibility.length];
        long step = Math.max(0, latestSpikeStep);
        for (int j = 0; j < now.length; j++) {
            now[j] = eligibilityAt(j, step);
        }
        return now;
    }
}

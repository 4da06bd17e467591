package org.hebb.simulator.engine;

import org.hebb.simulator.population.Population;
import org.hebb.util.Require;

/**
 * A presynaptic or postsynaptic spike trace kept once per neuron of a population and shared by every rule that
 * asks for the same decay, increment and pairing: x(s) = decay * x(s - 1) + increment * spike(s) (all-to-all
 * pairing) or x(s) = increment if the neuron spiked in step s, else decay * x(s - 1) (nearest-neighbour pairing).
 *
 * <p>The engine updates x(s) in the step after s, on every thread for its own neurons, after the synapse
 * updates; it keeps the last {@link #depth()} values of every neuron, so that a rule may read x(s - d) for the
 * synapse delays d it needs while x(s) is being written.
 */
public final class Trace implements org.hebb.simulator.checkpoint.Checkpointed {
    /** How a spike changes the trace. */
    public enum Pairing {
        /** Spikes add up: every presynaptic spike pairs with every postsynaptic spike. */
        ALL_TO_ALL,
        /** A spike resets the trace: each spike pairs only with the nearest spike of the other side. */
        NEAREST_NEIGHBOUR
    }

    private final Population population;
    private final float decay;
    private final float increment;
    private final Pairing pairing;
    private int depth = 2;
    private float[][] slots;
    private long latestStep = -1;

    /**
     * @param population whose neurons the trace follows
     * @param decay      factor per step, in (0, 1]: exp(-dt / tau)
     * @param increment  what a spike adds (or sets, nearest-neighbour), finite
     * @param pairing    all-to-all or nearest-neighbour
     */
    public Trace(Population population, float decay, float increment, Pairing pairing) {
        this.population = Require.notNull("population", population);
        Require.that(decay > 0 && decay <= 1, "trace decay = " + decay + " is not allowed: must be in (0, 1]");
        this.decay = decay;
        this.increment = (float) Require.finiteFloat("trace increment", increment, "");
        this.pairing = Require.notNull("pairing", pairing);
    }

    /** Whether this trace follows the same rule as one with these settings (and can be shared). */
    public boolean matches(Population population, float decay, float increment, Pairing pairing) {
        return this.population == population && this.decay == decay && this.increment == increment
                && this.pairing == pairing;
    }

    /** Asks the engine to keep at least {@code steps} values per neuron (call before the first run). */
    public void keepAtLeast(int steps) {
        Require.that(slots == null, "trace history cannot grow after the first run");
        depth = Math.max(depth, Require.atLeast("trace history steps", steps, 1));
    }

    /** The population whose neurons the trace follows. */
    public Population population() {
        return population;
    }

    /** Decay factor per step. */
    public float decay() {
        return decay;
    }

    /** What a spike adds (all-to-all) or sets (nearest-neighbour). */
    public float increment() {
        return increment;
    }

    /** How spikes change the trace. */
    public Pairing pairing() {
        return pairing;
    }

    /** Number of steps kept per neuron. */
    public int depth() {
        return depth;
    }

    /**
     * The trace of every neuron after the spikes of {@code step}, one of the last {@link #depth()} - 1 steps
     * completed before the step being processed (before any step: zeros). Read only.
     */
    public float[] at(long step) {
        return slots[(int) Math.floorMod(step, (long) depth)];
    }

    /** The trace of every neuron after the latest step the engine has advanced it to (zeros before). Read only. */
    public float[] latest() {
        return at(latestStep);
    }

    /** The latest step whose spikes the trace includes (-1 before any). */
    public long latestStep() {
        return latestStep;
    }

    /** For engines: the trace now includes the spikes of {@code step}. */
    public void completed(long step) {
        latestStep = step;
    }

    /** The kept steps' values and the latest step they include. */
    @Override
    public void checkpoint(org.hebb.simulator.checkpoint.StateVisitor state) {
        for (int slot = 0; slot < slots.length; slot++) {
            state.floats("slot_" + slot, slots[slot]);
        }
        latestStep = state.scalar("latest_step", latestStep);
    }

    /** Sets every kept value to 0, as before any spike. */
    void clear() {
        for (float[] slot : slots) {
            java.util.Arrays.fill(slot, 0f);
        }
    }

    /** For engines: allocates the kept steps (zeros), once. */
    public void allocate() {
        if (slots == null) {
            slots = new float[depth][population.size()];
        }
    }

    /** Computes x(step) for neurons [from, to) from x(step - 1) and the step's spikes of partition k. */
    void advance(int from, int to, long step, int[] spikes, int spikeCount) {
        float[] previous = at(step - 1);
        float[] next = at(step);
        for (int i = from; i < to; i++) {
            next[i] = previous[i] * decay;
        }
        if (pairing == Pairing.ALL_TO_ALL) {
            for (int s = 0; s < spikeCount; s++) {
                next[spikes[s]] += increment;
            }
        } else {
            for (int s = 0; s < spikeCount; s++) {
                next[spikes[s]] = increment;
            }
        }
    }
}

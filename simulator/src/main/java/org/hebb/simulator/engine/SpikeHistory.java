package org.hebb.simulator.engine;

import org.hebb.simulator.population.Population;
import org.hebb.util.Require;

/**
 * The spikes one population emitted in its last {@link #depth()} steps, for rules that act when a spike arrives
 * at a synapse after its delay. The engine keeps them in a ring of spike lists (no copies); a history must be
 * requested before the first run, with the depth its reader needs.
 */
public final class SpikeHistory {
    private final Population population;
    private final int depth;
    private SpikeView[] views;

    /**
     * @param population whose spikes to keep
     * @param depth      number of steps kept: the step being processed and {@code depth - 1} before it (>= 1)
     */
    public SpikeHistory(Population population, int depth) {
        this.population = Require.notNull("population", population);
        this.depth = Require.atLeast("depth", depth, 1);
    }

    /** The population whose spikes these are. */
    public Population population() {
        return population;
    }

    /** Number of steps a reader may look back, the newest included. */
    public int depth() {
        return depth;
    }

    /**
     * The spikes emitted in {@code step}, which must be one of the last {@link #depth()} steps whose spikes are
     * complete (in a synapse update for spike step s: s - depth + 1 to s).
     */
    public SpikeView at(long step) {
        return views[(int) (step % views.length)];
    }

    void bind(SpikeView[] ring) {
        this.views = ring;
    }
}

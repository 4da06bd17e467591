package org.hebb.simulator.population;

import org.hebb.util.Require;

/**
 * A group of neurons or spike sources with one name, addressed by index 0..size-1. Populations are created by
 * {@link org.hebb.simulator.Network}; projections connect them.
 */
public abstract class Population {
    private final String name;
    private final int size;
    private Positions positions;

    protected Population(String name, int size) {
        Require.that(name != null && !name.isBlank(), "name = '" + name + "' is not allowed: must be non-blank");
        Require.atLeast("size of population '" + name + "'", size, 1);
        this.name = name;
        this.size = size;
    }

    /** The population's name, unique in its network. */
    public String name() {
        return name;
    }

    /** Number of neurons (or sources). */
    public int size() {
        return size;
    }

    /** Spatial positions, or null if the population has not been placed. */
    public Positions positions() {
        return positions;
    }

    /** Places the population's elements at {@code where} (one position per element). */
    public void place(Positions where) {
        Require.notNull("positions", where);
        Require.that(where.size() == size, "positions of population '" + name + "' has " + where.size()
                + " points: must have exactly size = " + size);
        this.positions = where;
    }

    @Override
    public String toString() {
        return name + "[" + size + "]";
    }
}

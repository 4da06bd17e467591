package org.hebb.simulator.checkpoint;

/**
 * Something with dynamic state that a checkpoint saves and restores in place: it presents each piece to a
 * {@link StateVisitor}, which records it when saving and fills it when restoring.
 */
public interface Checkpointed {
    /** Presents every piece of dynamic state, each under a name unique within this object. */
    void checkpoint(StateVisitor state);
}

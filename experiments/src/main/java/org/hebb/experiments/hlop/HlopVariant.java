package org.hebb.experiments.hlop;

import java.util.Locale;

/** The three runs of the continual-learning protocol. */
public enum HlopVariant {
    /** Tasks one after another, plain updates: the forgetting HLOP removes. */
    BASELINE,
    /** Tasks one after another, updates projected off the subspaces of earlier tasks' activity. */
    HLOP,
    /** Every task's training images shuffled together in one pass: the upper bound. */
    MULTITASK;

    /** The name in results and on the command line: baseline, hlop or multitask. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
